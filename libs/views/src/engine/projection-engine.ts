import type { EventStore, RecordedEvent, SqlClient } from '@ledger/event-store';

import type { AnyViewTable, Projection } from './projection';
import { RowCache } from './row-cache';

export type Slot = 'live' | 'next';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly storedVersion: number;
  readonly position: bigint;
  /** The last position of an event this projection handles: equal to `position` when it is up to date. */
  readonly lastRelevant: bigint;
}

export interface RebuildProgress {
  readonly name: string;
  readonly position: bigint;
  readonly head: bigint;
}

export interface EngineOptions {
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
}

const checkpointName = (p: Projection, slot: Slot) => (slot === 'live' ? p.name : `${p.name}#next`);
const physical = (slot: Slot) => (t: AnyViewTable) => (slot === 'live' ? t.name : `${t.name}__next`);

/**
 * Runs projections from the global order. Each batch's rows and its checkpoint are written in one transaction,
 * so a crash or a second projector never double-applies or skips: whoever moves the checkpoint first wins and the
 * other discards its fold. Events are read and rows loaded before the transaction opens, because PGlite is one
 * session and would deadlock on a read inside its own transaction.
 */
export class ProjectionEngine {
  private readonly batchSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    readonly projections: readonly Projection[],
    private readonly options: EngineOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
  }

  projection(name: string): Projection {
    const p = this.projections.find((x) => x.name === name);
    if (!p)
      throw new Error(`unknown projection ${name}; known: ${this.projections.map((x) => x.name).join(', ')}`);
    return p;
  }

  /** Creates missing checkpoints. A new projection starts at 0 with its current version. */
  async register(): Promise<void> {
    for (const p of this.projections) {
      await this.sql.query(
        `INSERT INTO view_projections (name, version, position) VALUES ($1, $2, 0) ON CONFLICT (name) DO NOTHING`,
        [p.name, p.version],
      );
    }
  }

  private async checkpoint(name: string): Promise<{ position: bigint; version: number } | null> {
    const [row] = await this.sql.query<{ position: string; version: number }>(
      'SELECT position::text, version FROM view_projections WHERE name = $1',
      [name],
    );
    return row ? { position: BigInt(row.position), version: row.version } : null;
  }

  /** Applies at most one batch. `contended` means another engine moved the checkpoint first. */
  async step(p: Projection, slot: Slot = 'live'): Promise<{ applied: number; contended: boolean }> {
    const name = checkpointName(p, slot);
    const cp = await this.checkpoint(name);
    if (!cp) throw new Error(`projection ${name} is not registered`);
    const batch = await this.firstBatch(p, cp.position);
    if (batch.length === 0) return { applied: 0, contended: false };
    const cache = new RowCache(this.sql, physical(slot));
    if (p.prefetch) await cache.prefetch(batch.flatMap((e) => p.prefetch!(e)));
    for (const event of batch) await p.apply(event, cache);
    const last = batch[batch.length - 1]!.position;
    return this.sql.transaction(async (tx) => {
      const [locked] = await tx.query<{ position: string }>(
        'SELECT position::text FROM view_projections WHERE name = $1 FOR UPDATE',
        [name],
      );
      if (!locked || BigInt(locked.position) !== cp.position) return { applied: 0, contended: true };
      await cache.flush(tx);
      await tx.query('UPDATE view_projections SET position = $2, updated_at = now() WHERE name = $1', [
        name,
        last.toString(),
      ]);
      return { applied: batch.length, contended: false };
    });
  }

  private async firstBatch(p: Projection, after: bigint): Promise<RecordedEvent[]> {
    for await (const batch of this.store.readAll({ after, types: p.handles, batchSize: this.batchSize }))
      return batch;
    return [];
  }

  /** Resolves when every projection holds every event appended before the call. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (const p of this.projections) {
      for (;;) {
        const { applied, contended } = await this.step(p);
        total += applied;
        if (applied === 0 && !contended) break;
        if (contended) await sleep(Math.min(this.options.pollIntervalMs ?? 20, 20));
      }
    }
    return total;
  }

  /** Follows the log until the signal aborts: catch up, then wake on appends (or poll). Outdated projections rebuild first. */
  async run(signal: AbortSignal, onError: (error: unknown) => void = () => undefined): Promise<void> {
    await this.register();
    for (const p of this.projections) {
      const cp = await this.checkpoint(p.name);
      if (cp && cp.version !== p.version) await this.rebuild(p.name);
    }
    while (!signal.aborted) {
      try {
        const applied = await this.catchUp();
        if (applied === 0) await this.waitForEvents(signal);
      } catch (error) {
        onError(error);
        await sleep(1000, signal);
      }
    }
  }

  private async waitForEvents(signal: AbortSignal): Promise<void> {
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal.addEventListener('abort', stop, { once: true });
    const head = await this.store.headPosition();
    // subscribe() wakes on an in-process append at once and polls otherwise; we only need its first sign of life.
    await this.store
      .subscribe(
        {
          after: head,
          signal: controller.signal,
          pollIntervalMs: this.options.pollIntervalMs ?? 200,
          batchSize: 1,
        },
        async () => controller.abort(),
      )
      .finally(() => signal.removeEventListener('abort', stop));
  }

  /**
   * Rebuilds one projection from zero into side tables while the live ones keep serving, then swaps them in one
   * transaction once the new tables hold every event the old ones hold.
   */
  async rebuild(name: string, onProgress: (p: RebuildProgress) => void = () => undefined): Promise<void> {
    const p = this.projection(name);
    await this.register();
    for (const t of p.tables) {
      await this.sql.query(`DROP TABLE IF EXISTS ${t.name}__next`);
      await this.sql.query(`CREATE TABLE ${t.name}__next (LIKE ${t.name} INCLUDING ALL)`);
    }
    const next = checkpointName(p, 'next');
    await this.sql.query(
      `INSERT INTO view_projections (name, version, position) VALUES ($1, $2, 0)
       ON CONFLICT (name) DO UPDATE SET position = 0, version = EXCLUDED.version`,
      [next, p.version],
    );
    const head = await this.store.headPosition();
    for (let round = 0; ; round += 1) {
      for (;;) {
        const { applied } = await this.step(p, 'next');
        const cp = await this.checkpoint(next);
        onProgress({ name, position: cp!.position, head });
        if (applied === 0) break;
      }
      const switched = await this.sql.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM view_projections WHERE name = $1 FOR UPDATE', [p.name]);
        const [cp] = await tx.query<{ position: string }>(
          'SELECT position::text FROM view_projections WHERE name = $1',
          [next],
        );
        const [pending] = await tx.query(
          'SELECT 1 AS pending FROM events WHERE position > $1 AND type = ANY($2) LIMIT 1',
          [cp!.position, p.handles],
        );
        if (pending) return false;
        for (const t of p.tables) {
          await tx.query(`ALTER TABLE ${t.name} RENAME TO ${t.name}__old`);
          await tx.query(`ALTER TABLE ${t.name}__next RENAME TO ${t.name}`);
          await tx.query(`DROP TABLE ${t.name}__old`);
        }
        await tx.query(
          'UPDATE view_projections SET position = $2, version = $3, updated_at = now() WHERE name = $1',
          [p.name, cp!.position, p.version],
        );
        await tx.query('DELETE FROM view_projections WHERE name = $1', [next]);
        return true;
      });
      if (switched) return;
      if (round > 100) throw new Error(`rebuild of ${name} could not catch up with the live log`);
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const out: ProjectionStatus[] = [];
    for (const p of this.projections) {
      const cp = await this.checkpoint(p.name);
      const [last] = await this.sql.query<{ last: string | null }>(
        'SELECT max(position)::text AS last FROM events WHERE type = ANY($1)',
        [p.handles],
      );
      out.push({
        name: p.name,
        version: p.version,
        storedVersion: cp?.version ?? 0,
        position: cp?.position ?? 0n,
        lastRelevant: BigInt(last?.last ?? 0),
      });
    }
    return out;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
