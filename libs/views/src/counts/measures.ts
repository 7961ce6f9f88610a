/**
 * Every measure the count views carry, with the label the report and the dashboard print. Projections write these
 * names, queries and the report read them. Each capability keeps its measures in its own file and is merged here,
 * so this stays the one place to look a measure up. Money measures end in `_fen`.
 */
import { ACCIDENT_MEASURE_LABELS, ACCIDENT_MEASURES } from './accident.measures';
import { CAMPAIGN_MEASURE_LABELS, CAMPAIGN_MEASURES } from '../campaigns/campaign.measures';
import { HAZARD_MEASURE_LABELS, HAZARD_MEASURES } from '../hazards/hazard.measures';
import { INSPECTION_MEASURE_LABELS, INSPECTION_MEASURES } from '../inspections/inspection.measures';
import { ORGANISATION_MEASURE_LABELS, ORGANISATION_MEASURES } from '../organisation/organisation.measures';
import { TALLY_MEASURE_LABELS } from '../tallies/tally.measures';
import { CASE_MEASURE_LABELS, CASE_MEASURES } from '../cases/cases.measures';
import { PUBLICITY_MEASURE_LABELS, PUBLICITY_MEASURES } from '../publicity/publicity.measures';
import { TRAINING_MEASURE_LABELS, TRAINING_MEASURES } from '../training/training.measures';

export const M = {
  ...ACCIDENT_MEASURES,
  ...ORGANISATION_MEASURES,
  ...HAZARD_MEASURES,
  ...INSPECTION_MEASURES,
  ...CAMPAIGN_MEASURES,
  ...CASE_MEASURES,
  ...PUBLICITY_MEASURES,
  ...TRAINING_MEASURES,
} as const;

export const MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  ...ACCIDENT_MEASURE_LABELS,
  ...ORGANISATION_MEASURE_LABELS,
  // one `tally.<category>` measure per tally category (tallyMeasure() names them; they are not listed in M)
  ...TALLY_MEASURE_LABELS,
  ...HAZARD_MEASURE_LABELS,
  ...INSPECTION_MEASURE_LABELS,
  ...CAMPAIGN_MEASURE_LABELS,
  ...CASE_MEASURE_LABELS,
  ...PUBLICITY_MEASURE_LABELS,
  ...TRAINING_MEASURE_LABELS,
};
