import { accidentRecords } from './generators/accidents';
import { activityRecords } from './generators/activities';
import { financeRecords } from './generators/finance';
import { narrativeRecords } from './generators/narrative';
import { organisationRecords } from './generators/organisation';
import type { DemoRecord } from './generators/demo-record';

export type { DemoRecord } from './generators/demo-record';
export { DEMO_PRINCIPALS } from './generators/demo-record';
export { SEED_UNIT } from './seed-brigade';
export { SEED_STATED_FIGURES } from './stated-figures';

/** Every record of the demo, in posting order: organisation first, then the years as they happened. */
export function demoRecords(): DemoRecord[] {
  return [
    ...organisationRecords(),
    ...financeRecords(),
    ...narrativeRecords(),
    ...activityRecords(),
    ...accidentRecords(),
  ];
}

export interface LoadProgress {
  readonly done: number;
  readonly total: number;
  readonly replayed: number;
}

/**
 * Posts the demo through `post` — the caller's door into the ledger (the CommandBus in the CLI and at start-up),
 * so the demo travels the same validation, authorisation and decision path as a clerk's posting.
 * `post` returns true when the record was already there (an idempotent replay).
 */
export async function loadDemo(
  post: (record: DemoRecord) => Promise<boolean>,
  onProgress: (p: LoadProgress) => void = () => undefined,
): Promise<LoadProgress> {
  const records = demoRecords();
  let replayed = 0;
  for (let i = 0; i < records.length; i += 1) {
    if (await post(records[i]!)) replayed += 1;
    if ((i + 1) % 250 === 0 || i + 1 === records.length)
      onProgress({ done: i + 1, total: records.length, replayed });
  }
  return { done: records.length, total: records.length, replayed };
}
