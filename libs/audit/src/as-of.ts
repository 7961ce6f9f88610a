import { isCalendarDate } from '@ledger/ledger';

/**
 * Two different questions an auditor asks about a past date D:
 * - `recorded`: what did the ledger say on D — every event recorded by the end of D (Asia/Shanghai), whatever it is about;
 * - `business`: what do we now know happened up to D — every event whose business date is ≤ D, however late it was
 *   recorded (events without a business date count by their recording time).
 * A late posting for October, made in November, is in the second answer for 2020-10-31 and not in the first.
 */
export type AsOfBasis = 'recorded' | 'business';

export const AS_OF_BASES: readonly AsOfBasis[] = ['recorded', 'business'];

export interface AsOf {
  readonly basis: AsOfBasis;
  /** The calendar date asked about, `YYYY-MM-DD` (Asia/Shanghai). */
  readonly date: string;
  /** The last instant that counts: the end of `date` in Asia/Shanghai, or the instant given. */
  readonly cutoff: Date;
}

/** Asia/Shanghai has had no daylight saving since 1991, so a fixed +08:00 offset is exact for every ledger date. */
const SHANGHAI_OFFSET = '+08:00';

export function startOfShanghaiDay(date: string): Date {
  return new Date(`${date}T00:00:00.000${SHANGHAI_OFFSET}`);
}

export function endOfShanghaiDay(date: string): Date {
  return new Date(`${date}T23:59:59.999${SHANGHAI_OFFSET}`);
}

function shanghaiDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * `2020-10-31` (the end of that day in Asia/Shanghai) or an ISO instant with its offset (`2020-11-05T10:00:00+08:00`),
 * for reproducing a report issued at a known moment.
 */
export function parseAsOf(value: string, basis: AsOfBasis = 'recorded'): AsOf {
  if (!AS_OF_BASES.includes(basis)) throw new Error(`basis must be one of ${AS_OF_BASES.join(', ')}`);
  if (isCalendarDate(value)) return { basis, date: value, cutoff: endOfShanghaiDay(value) };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const cutoff = new Date(value);
    if (!Number.isNaN(cutoff.getTime())) return { basis, date: shanghaiDateOf(cutoff), cutoff };
  }
  throw new Error(
    `as-of must be a date YYYY-MM-DD or an ISO instant with offset, got ${JSON.stringify(value)}`,
  );
}

/** A recording-time window of whole Asia/Shanghai days, both ends included. */
export function recordingWindow(from: string, to: string): { from: Date; to: Date } {
  for (const [name, d] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!isCalendarDate(d)) throw new Error(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(d)}`);
  if (from > to) throw new Error('to must not precede from');
  return { from: startOfShanghaiDay(from), to: endOfShanghaiDay(to) };
}

/** Which events a replay folds, as the predicate the engine applies after reading. */
export function acceptsAsOf(asOf: AsOf): (e: { businessDate: string | null; recordedAt: Date }) => boolean {
  if (asOf.basis === 'recorded') return (e) => e.recordedAt.getTime() <= asOf.cutoff.getTime();
  return (e) =>
    e.businessDate !== null ? e.businessDate <= asOf.date : e.recordedAt.getTime() <= asOf.cutoff.getTime();
}

export function describeAsOf(asOf: AsOf): string {
  return asOf.basis === 'recorded'
    ? `as recorded on ${asOf.date} (events recorded up to ${asOf.cutoff.toISOString()})`
    : `by business date up to ${asOf.date} (events dated on or before it, however late recorded)`;
}
