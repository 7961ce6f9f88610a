import type { DemoRecord } from './generators/demo-record';
import { demoRecords } from './load-demo';

/**
 * The demo brigade grown `factor` times, for benchmarks that need a brigade-year of realistic size: every accident
 * happens `factor` times (copies get their own case numbers), and every tally is posted item by item, as a clerk
 * posts each registration or plate when it is done — `count` records of 1, `factor` times over. Tallies that are
 * lower bounds (`AT_LEAST`) stay whole. The finance, the organisation and the narrative are posted once, so a scaled
 * ledger's counts are exactly `factor` times the demo's and its money is the demo's.
 */
export function scaledDemoRecords(factor: number): DemoRecord[] {
  if (!Number.isInteger(factor) || factor < 1)
    throw new Error(`scale factor must be a whole number ≥ 1: ${factor}`);
  const out: DemoRecord[] = [];
  for (const record of demoRecords()) {
    if (record.command === 'RecordAccident') {
      out.push(record);
      const input = record.input as { accidentId: string };
      for (let copy = 1; copy < factor; copy += 1)
        out.push({
          ...record,
          input: { ...input, accidentId: `${input.accidentId}-${copy}` },
          key: `${record.key}#${copy}`,
        });
    } else if (record.command === 'RecordTally' && !('qualifier' in record.input)) {
      const input = record.input as { count: number };
      for (let item = 0; item < input.count * factor; item += 1)
        out.push({ ...record, input: { ...input, count: 1 }, key: `${record.key}#${item}` });
    } else if (record.command === 'RecordTally') {
      for (let copy = 0; copy < factor; copy += 1)
        out.push(copy === 0 ? record : { ...record, key: `${record.key}#${copy}` });
    } else out.push(record);
  }
  return out;
}

/** The smallest factor whose scaled demo holds at least `records` records. */
export function scaleFactorFor(records: number): number {
  let factor = 1;
  while (scaledDemoRecords(factor).length < records) factor += 1;
  return factor;
}
