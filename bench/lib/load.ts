import { WrongExpectedVersionError, type EventStore } from '@ledger/event-store';

import { benchMetadata, benchUuid, accidentEvent, DEFAULT_SPEC, type BenchEventSpec } from './workload';

export interface LoadPlan {
  /** Events to add, numbered from `first` so successive loads of one seed never repeat an id. */
  readonly events: number;
  readonly first?: number;
  readonly seed: string;
  /** Events per append (one stream per append: stream k holds events k·perAppend…). */
  readonly perAppend?: number;
  readonly concurrency?: number;
  readonly spec?: BenchEventSpec;
  readonly onProgress?: (done: number) => void;
}

/**
 * Fills a store through its own append path in big batches (the accidents projection keys on the payload, not the
 * stream, so 1,000 accidents per stream changes nothing it computes). Returns events/s.
 */
export async function loadStore(store: EventStore, plan: LoadPlan): Promise<number> {
  const per = plan.perAppend ?? 1000;
  const first = plan.first ?? 0;
  const appends = Math.ceil(plan.events / per);
  const concurrency = plan.concurrency ?? 2;
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const k = next;
        if (k >= appends) return;
        next += 1;
        const from = first + k * per;
        const to = Math.min(first + plan.events, from + per);
        const events = [];
        for (let i = from; i < to; i += 1)
          events.push(accidentEvent(plan.seed, i, plan.spec ?? DEFAULT_SPEC));
        try {
          await store.append(`accident-load-${plan.seed}-${from / per}`, events, {
            expectedVersion: 'no_stream',
            metadata: benchMetadata(events[0]!.data.unitId as string, benchUuid(`${plan.seed}:load:${from}`)),
          });
        } catch (error) {
          // A load resumed after an interruption: this stream was written by the interrupted run.
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        }
        done += events.length;
        plan.onProgress?.(done);
      }
    }),
  );
  return plan.events / ((performance.now() - started) / 1000);
}

/** A progress line every `step` events on stderr. */
export function progressEvery(label: string, step: number, total: number): (done: number) => void {
  let shown = 0;
  return (done) => {
    if (done - shown >= step || done === total) {
      shown = done;
      process.stderr.write(`  ${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}\n`);
    }
  };
}
