import type { RecordedEvent } from '../event-store.port';

/** Every event a batched read yields (`readStream`, `readAll`), in order: what a test compares. */
export async function collect(iterable: AsyncIterable<RecordedEvent[]>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const batch of iterable) all.push(...batch);
  return all;
}
