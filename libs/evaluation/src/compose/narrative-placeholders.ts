/**
 * The office writes prose; the ledger writes the numbers. A narrative paragraph may hold placeholders that the
 * report fills from the views, so a sentence like "共设置登记点{{count:tally.ebike_registration_point}}个" never
 * carries a typed figure:
 *   {{count:MEASURE}}             the fiscal year's total of a count measure
 *   {{count:MEASURE:FROM:TO}}     the total between two dates (YYYY-MM-DD or MM-DD within the report year)
 *   {{outcome:MEASURE}}           1 January to the statistics cut-off
 */
export const PLACEHOLDER = /\{\{(count|outcome):([a-z0-9_.]+)(?::([0-9-]{5,10}):([0-9-]{5,10}))?\}\}/g;

export interface PeriodRef {
  readonly from: string;
  readonly to: string;
}

export const fullDate = (year: number, d: string) => (d.length === 5 ? `${year}-${d}` : d);

/** Custom periods the narrative of a year asks for (gathered before composition, which is synchronous). */
export function periodsIn(paragraphs: readonly string[], year: number): PeriodRef[] {
  const out = new Map<string, PeriodRef>();
  for (const p of paragraphs) {
    for (const m of p.matchAll(PLACEHOLDER)) {
      if (m[3] && m[4]) {
        const period = { from: fullDate(year, m[3]), to: fullDate(year, m[4]) };
        out.set(`${period.from}:${period.to}`, period);
      }
    }
  }
  return [...out.values()];
}
