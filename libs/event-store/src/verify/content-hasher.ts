import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';

import type { JsonValue } from '../event-store.port';
import { contentHash } from '../hashing';
import { startThread } from '../threads';

/**
 * The fields of one event's content hash, flattened as strings (null where absent) so a batch crosses to a thread as
 * one array of strings, the cheapest thing to clone: event id, stream, type, payload as JSON text, schema version,
 * business date, principal, role, unit, correlation, causation.
 */
export const CONTENT_FIELDS = 11;
export type ContentFields = (string | null)[];

export interface ContentBatch {
  readonly id: number;
  readonly fields: ContentFields;
}

export interface ContentHashes {
  readonly id: number;
  readonly hashes: string[];
}

/** The content hashes of a flattened batch, in order: what each thread runs, and the main thread when alone. */
export function hashContentFields(fields: ContentFields): string[] {
  const hashes: string[] = [];
  for (let i = 0; i < fields.length; i += CONTENT_FIELDS) {
    hashes.push(
      contentHash({
        id: fields[i]!,
        streamId: fields[i + 1]!,
        type: fields[i + 2]!,
        data: JSON.parse(fields[i + 3]!) as JsonValue,
        schemaVersion: Number(fields[i + 4]),
        businessDate: fields[i + 5] ?? null,
        principal: fields[i + 6]!,
        role: fields[i + 7]!,
        unitId: fields[i + 8] ?? null,
        correlationId: fields[i + 9]!,
        causationId: fields[i + 10] ?? null,
      }),
    );
  }
  return hashes;
}

/**
 * Helper threads for a verifier: one per core, at most four. The threads are the busiest part (the main thread
 * reads rows and follows the chains, which costs less); on two cores two threads verified ~8 % faster than one.
 */
export function defaultHashThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Content hashes of event batches, computed on helper threads (or inline with none). Batches are dealt round-robin
 * and each thread answers in order, so `hash` may be called again before an earlier promise settles.
 */
export class ContentHasher {
  private readonly waiting = new Map<
    number,
    { resolve: (h: string[]) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;
  private failure: Error | null = null;
  private closing = false;

  private constructor(private readonly threads: readonly Worker[]) {
    for (const thread of threads) {
      thread.on('message', ({ id, hashes }: ContentHashes) => {
        this.waiting.get(id)?.resolve(hashes);
        this.waiting.delete(id);
      });
      thread.on('error', (error) => this.fail(error));
      thread.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a content-hash thread exited with code ${code}`));
      });
    }
  }

  static start(threads: number = defaultHashThreads()): ContentHasher {
    return new ContentHasher(
      Array.from({ length: threads }, () =>
        startThread(__dirname, 'content-hash.worker', path.extname(__filename)),
      ),
    );
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  hash(fields: ContentFields): Promise<string[]> {
    if (this.threads.length === 0) return Promise.resolve(hashContentFields(fields));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const batch: ContentBatch = { id, fields };
      this.threads[id % this.threads.length]!.postMessage(batch);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}
