/**
 * Every measure the count views carry, with the label the report and the dashboard print. Projections write these
 * names, queries and the report read them. Each capability keeps its measures in its own file and is merged here,
 * so this stays the one place to look a measure up. Money measures end in `_fen`.
 */
import { ACCIDENT_MEASURE_LABELS, ACCIDENT_MEASURES } from './accident.measures';

export const M = {
  ...ACCIDENT_MEASURES,
} as const;

export const MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  ...ACCIDENT_MEASURE_LABELS,
};
