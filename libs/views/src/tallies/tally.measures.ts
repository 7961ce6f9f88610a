import { TALLY_CATEGORIES, TALLY_CATEGORY_NAMES, type TallyCategory } from '@ledger/ledger/events';

/** Each tally category counts under `tally.<category in lower case>`, e.g. `tally.vehicle_registration`. */
export const tallyMeasure = (category: TallyCategory): string => `tally.${category.toLowerCase()}`;

/** One measure per category, keyed by category; the labels are the category's own. */
export const TALLY_MEASURES: Readonly<Record<TallyCategory, string>> = Object.fromEntries(
  TALLY_CATEGORY_NAMES.map((c) => [c, tallyMeasure(c)]),
) as Record<TallyCategory, string>;

export const TALLY_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> =
  Object.fromEntries(
    TALLY_CATEGORY_NAMES.map((c) => [
      tallyMeasure(c),
      { zh: TALLY_CATEGORIES[c].zh, unitZh: TALLY_CATEGORIES[c].unitZh },
    ]),
  );
