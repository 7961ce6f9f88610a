import { accidentsProjection } from './counts/accidents.projection';
import { campaignsProjection } from './campaigns/campaigns.projection';
import { hazardsProjection } from './hazards/hazards.projection';
import { inspectionsProjection } from './inspections/inspections.projection';
import { organisationProjection } from './organisation/organisation.projection';
import { talliesProjection } from './tallies/tallies.projection';
import { casesProjection } from './cases/cases.projection';
import { narrativeProjection } from './narrative/narrative.projection';
import { spendingProjection } from './spending/spending.projection';
import { publicityProjection } from './publicity/publicity.projection';
import { trainingProjection } from './training/training.projection';
import type { Projection } from './engine/projection';

/** Every projection the projector runs, each with its own checkpoint. */
export const PROJECTIONS: readonly Projection[] = [
  accidentsProjection,
  organisationProjection,
  talliesProjection,
  hazardsProjection,
  inspectionsProjection,
  campaignsProjection,
  casesProjection,
  publicityProjection,
  trainingProjection,
  narrativeProjection,
  spendingProjection,
];
