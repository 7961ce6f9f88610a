import { availableParallelism } from 'node:os';
import path from 'node:path';

import {
  startThread,
  type BackendConfig,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
  type SqlClient,
} from '@ledger/event-store';

import type { AnyViewTable, Projection } from './projection';
import { RowCache } from './row-cache';
import { createSideSchema, indexSideTablesOnce, liveSchema, viewTablesOf } from './side-tables';

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
  /** How far: the position read up to, or, split by units (see `replay`), the share of the events read as a position. */
  readonly position: bigint;
  readonly head: bigint;
  /** Threads folding at once (see EngineOptions.threads). */
  readonly threads: number;
}

/**
 * An engine that is not the live projector: it folds into copies of the view tables (and of `view_projections`)
 * in another schema, from a bounded part of the log — an auditor's replay "as recorded on" or "by business date".
 */
export interface EngineScope {
  /** A schema holding `view_projections` and every view table, created beforehand (`LIKE … INCLUDING ALL`). */
  readonly schema: string;
  /** Bounds on the log read. */
  readonly read?: Pick<ReadAllOptions, 'upToPosition' | 'recordedUpTo'>;
  /** Events that fail this are passed over (the checkpoint still moves past them): a business-date cut, one unit. */
  readonly accept?: (event: RecordedEvent) => boolean;
  /**
   * The schema's view tables were created without their indexes (a bulk load builds them faster afterwards); this
   * adds them, through the client given (see RowCacheOptions.beforeKeyedAccess). `replay` calls it once: before
   * anything needs a key, or at the end.
   */
  readonly indexTables?: (sql: SqlClient) => Promise<void>;
}

/**
 * View rows a replay holds at once. A replay of unitLocal projections is split into shares of the units that fit
 * (folded in turn, or on threads, each written out before the next): memory stays flat however long the log. Any
 * other spills past the limit, trading speed for memory. Over 1,000,000 accidents on two threads this limit made
 * ~57,000 events/s at ~770 MiB peak RSS (and about that peak over 2,000,000), 2,000,000 rows (one share a thread)
 * the same rate at ~1.4 GiB (bench/README.md, projections).
 */
export const DEFAULT_MAX_ROWS_IN_MEMORY = 500_000;

export interface EngineOptions {
  /** Events per batch of the live projector (and of a scoped replay): small, so views trail the log by little. */
  readonly batchSize?: number;
  /**
   * Events per read of a rebuild (its replay and its catch-up into the side schema). Larger, because nobody reads
   * those tables until the switch and a batch's fixed costs are paid per batch.
   */
  readonly rebuildBatchSize?: number;
  readonly pollIntervalMs?: number;
  /**
   * A replay (an auditor's, or a rebuild's) holds at most about this many view rows in memory before it writes them
   * out and forgets them.
   */
  readonly maxRowsInMemory?: number;
  /** Absent for the live projector (the tables of the search path, the whole log). */
  readonly scope?: EngineScope;
  /**
   * Threads a rebuild may fold on, each with its own connections to `backend`: used when it is a PostgreSQL server
   * (PGlite is one session in this process) and every projection of the group is `unitLocal`. Each thread takes a
   * share of the units, reads only their events and writes only their rows, into the same side tables.
   */
  readonly threads?: ReplayThreads;
  /**
   * The database whose `events` table holds the log, when it is not `sql`'s own (a log database of its own), or null
   * when SQL cannot reach it (KurrentDB): then what the engine would ask that table it asks the store. Absent: `sql`.
   */
  readonly logSql?: SqlClient | null;
}

export interface ReplayThreads {
  readonly count: number;
  readonly backend: BackendConfig;
}

/** One thread per core, at most four: the fold is the busy part and PostgreSQL needs a core of its own to serve it. */
export function defaultReplayThreads(backend: BackendConfig): ReplayThreads | undefined {
  return backend.kind === 'postgres' ? { count: Math.min(4, availableParallelism()), backend } : undefined;
}

/** A part of a replay: the events of these units up to `end`, folded in one row cache and written out. */
export interface ReplayShare {
  readonly units: readonly string[];
  readonly end: bigint;
}

/** A replay split by units: for each thread, the shares it folds one after the other. */
interface ReplayPlan {
  readonly perThread: readonly (readonly ReplayShare[])[];
  /** Events of the projections' types up to the end, over every share: the measure of progress. */
  readonly events: number;
  readonly end: bigint;
}

/**
 * The view rows a share is planned to make per event it reads, sizing shares to the row limit: a guess (the counts
 * group writes one or two; a million accidents make 1.35 million). A share that makes more than planned spills
 * (slower, still right).
 */
const PLANNED_ROWS_PER_EVENT = 2;

/** What a rebuild hands a thread (replay-share.worker.ts): plain data, for it crosses by structured clone. */
export interface ShareInput {
  readonly backend: BackendConfig;
  readonly schema: string;
  readonly projections: readonly string[];
  /** The units of each share, folded in this order. */
  readonly shares: readonly (readonly string[])[];
  readonly end: string;
  readonly batchSize: number;
  readonly maxRowsInMemory: number;
}

export type ShareMessage =
  | { readonly kind: 'progress'; readonly read: number }
  | { readonly kind: 'done'; readonly read: number }
  | { readonly kind: 'failed'; readonly message: string };

/** Where a group's rebuild folds: named after its first projection, so a rebuild that died is found and dropped. */
export function rebuildSchema(p: Projection): string {
  const schema = `view_rebuild_${p.name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`cannot name a rebuild schema for ${p.name}`);
  return schema;
}

/**
 * Runs projections from the global order. Each batch's rows and its checkpoint are written in one transaction,
 * so a crash or a second projector never double-applies or skips: whoever moves the checkpoint first wins and the
 * other discards its fold. Events are read and rows loaded before the transaction opens, because PGlite is one
 * session and would deadlock on a read inside its own transaction.
 */
export class ProjectionEngine {
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  /** `view_projections`, qualified by the scope's schema when there is one. */
  private readonly checkpoints: string;
  private readonly prefix: string;

  private readonly logSql: SqlClient | null;

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    readonly projections: readonly Projection[],
    private readonly options: EngineOptions = {},
  ) {
    this.logSql = options.logSql === undefined ? sql : options.logSql;
    this.batchSize = options.batchSize ?? 1000;
    this.rebuildBatchSize = options.rebuildBatchSize ?? 10_000;
    const schema = options.scope?.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
      throw new Error(`invalid schema name ${schema}`);
    this.prefix = schema ? `${schema}.` : '';
    this.checkpoints = `${this.prefix}view_projections`;
  }

  /** A view table's name where this engine writes it: the live schema's, or the scope's. */
  private readonly physical = (t: AnyViewTable): string => `${this.prefix}${t.name}`;

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
        `INSERT INTO ${this.checkpoints} (name, version, position) VALUES ($1, $2, 0) ON CONFLICT (name) DO NOTHING`,
        [p.name, p.version],
      );
    }
  }

  private async checkpoint(name: string): Promise<{ position: bigint; version: number } | null> {
    const [row] = await this.sql.query<{ position: string; version: number }>(
      `SELECT position::text, version FROM ${this.checkpoints} WHERE name = $1`,
      [name],
    );
    return row ? { position: BigInt(row.position), version: row.version } : null;
  }

  /** Applies at most one batch. `contended` means another engine moved the checkpoint first. */
  async step(p: Projection): Promise<{ applied: number; contended: boolean }> {
    const name = p.name;
    const cp = await this.checkpoint(name);
    if (!cp) throw new Error(`projection ${name} is not registered`);
    const read = await this.firstBatch(p, cp.position, this.batchSize);
    if (read.length === 0) return { applied: 0, contended: false };
    const accept = this.options.scope?.accept;
    const batch = accept ? read.filter(accept) : read;
    const cache = new RowCache(this.sql, this.physical);
    if (p.prefetch) await cache.prefetch(batch.flatMap((e) => p.prefetch!(e)));
    for (const event of batch) await p.apply(event, cache);
    const last = read[read.length - 1]!.position;
    return this.sql.transaction(async (tx) => {
      const [locked] = await tx.query<{ position: string }>(
        `SELECT position::text FROM ${this.checkpoints} WHERE name = $1 FOR UPDATE`,
        [name],
      );
      if (!locked || BigInt(locked.position) !== cp.position) return { applied: 0, contended: true };
      await cache.flush(tx);
      await tx.query(`UPDATE ${this.checkpoints} SET position = $2, updated_at = now() WHERE name = $1`, [
        name,
        last.toString(),
      ]);
      return { applied: read.length, contended: false };
    });
  }

  /**
   * A scoped engine's replay from zero. The log is read once, for every projection's event types together, and each
   * event is folded by every projection that handles it, in log order, into one row cache kept for the whole replay.
   * The side tables start empty, so the cache is complete: a row it never wrote and does not hold does not exist,
   * and no query asks. Rows go to the database by COPY, once each, at the end — or earlier when more than
   * `maxRowsInMemory` are held: then the rows untouched since the previous spill are written out and forgotten
   * (`RowCache.spill`), and a later event that needs one loads it back by key. Memory is bounded by about 1.25 times
   * the limit, not by the log. Each projection's checkpoint ends at the last position read.
   *
   * Projections that are all `unitLocal` may be replayed by shares of the units instead (see `planShares`): shares
   * small enough for the row limit, folded one after the other, and with `threads` (a rebuild's) several at once, a
   * thread each; each share is written out before the next begins, and the checkpoints end at the head the shares
   * read up to.
   */
  async replay(
    onProgress: (eventsRead: number, position: bigint, threads: number) => void = () => undefined,
  ): Promise<{ read: number; position: bigint }> {
    const scope = this.options.scope;
    if (!scope) throw new Error('replay folds into a scope; the live views rebuild with rebuild()');
    await this.register();
    const plan = await this.planShares();
    if (!plan) return this.fold((read, position) => onProgress(read, position, 1));
    return this.foldPlan(plan, onProgress);
  }

  /**
   * How a replay splits its units: into shares small enough that the rows of the shares folded at once fit the row
   * limit (so memory stays flat however long the log: each share is written out before the next begins), at least
   * one share per thread; units go largest first to the share with the fewest events, and shares so to the threads,
   * so all finish together. Null when this replay may not be split: a projection that is not unitLocal, a filter on
   * events or on recording time (a function cannot cross to a thread), one unit only, or a log that fits one share.
   * Threads only on a PostgreSQL server (PGlite is one session in this process): there the shares are folded in turn.
   */
  private async planShares(): Promise<ReplayPlan | null> {
    const scope = this.options.scope!;
    if (scope.accept || scope.read?.recordedUpTo || !this.projections.every((p) => p.unitLocal)) return null;
    // Sized by a count per unit, which only SQL gives cheaply: a log in KurrentDB is folded in one go (and spills).
    const logSql = this.logSql;
    if (!logSql) return null;
    const asked = this.options.threads;
    const threads = asked && asked.backend.kind === 'postgres' ? Math.max(1, asked.count) : 1;
    const end = scope.read?.upToPosition ?? (await this.store.headPosition());
    const units = await logSql.query<{ unit: string; events: string }>(
      `SELECT coalesce(data->>'unitId', '') AS unit, count(*)::text AS events FROM events
        WHERE position <= $1 AND type = ANY($2) GROUP BY 1`,
      [end.toString(), [...new Set(this.projections.flatMap((p) => p.handles))]],
    );
    const sized = units.map((u) => ({ unit: u.unit, events: Number(u.events) }));
    const events = sized.reduce((sum, u) => sum + u.events, 0);
    const limit = this.options.maxRowsInMemory ?? DEFAULT_MAX_ROWS_IN_MEMORY;
    const perShare = Math.max(1, Math.floor(limit / threads / PLANNED_ROWS_PER_EVENT));
    const count = Math.min(sized.length, Math.max(threads, Math.ceil(events / perShare)));
    if (count < 2) return null;
    const byEvents = (x: { events: number }) => x.events;
    const largestFirst = (a: { events: number }, b: { events: number }) => b.events - a.events;
    const shares = deal(sized.sort(largestFirst), byEvents, count)
      .map((group) => ({ units: group.map((u) => u.unit), events: group.reduce((n, u) => n + u.events, 0) }))
      .sort(largestFirst);
    const perThread = deal(shares, byEvents, Math.min(threads, shares.length));
    return { perThread: perThread.map((t) => t.map((x) => ({ units: x.units, end }))), events, end };
  }

  /**
   * Folds the first thread's shares here and each other thread's on a thread of its own, then adds the keys once all
   * have written. Progress is the events read of all, as a position as far into the log.
   */
  private async foldPlan(
    plan: ReplayPlan,
    onProgress: (eventsRead: number, position: bigint, threads: number) => void,
  ): Promise<{ read: number; position: bigint }> {
    const scope = this.options.scope!;
    const count = plan.perThread.length;
    const limit = Math.ceil((this.options.maxRowsInMemory ?? DEFAULT_MAX_ROWS_IN_MEMORY) / count);
    const progress = plan.perThread.map(() => 0);
    const report = (thread: number, read: number) => {
      progress[thread] = read;
      const total = progress.reduce((sum, n) => sum + n, 0);
      onProgress(total, (plan.end * BigInt(total)) / BigInt(Math.max(1, plan.events)), count);
    };
    const threads = plan.perThread.slice(1).map((shares, i) =>
      foldOnThread(
        {
          backend: this.options.threads!.backend,
          schema: scope.schema,
          projections: this.projections.map((p) => p.name),
          shares: shares.map((x) => x.units),
          end: plan.end.toString(),
          batchSize: this.batchSize,
          maxRowsInMemory: limit,
        },
        (read) => report(i + 1, read),
      ),
    );
    const here = this.foldInTurn(plan.perThread[0]!, limit, (read) => report(0, read));
    const settled = await Promise.allSettled([here, ...threads.map((t) => t.done)]);
    await Promise.all(threads.map((t) => t.stop()));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await this.sql.query(`UPDATE ${this.checkpoints} SET position = $1, updated_at = now()`, [
      plan.end.toString(),
    ]);
    await scope.indexTables?.(this.sql);
    const read = settled.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value : 0), 0);
    return { read, position: plan.end };
  }

  /** Folds shares one after the other, each in a row cache of its own, written out before the next begins. */
  async foldInTurn(
    shares: readonly ReplayShare[],
    limit: number,
    onProgress: (eventsRead: number) => void,
  ): Promise<number> {
    let before = 0;
    for (const share of shares) {
      const { read } = await this.fold((n) => onProgress(before + n), share, limit);
      before += read;
    }
    return before;
  }

  /**
   * The replay's fold, of the whole log or of one share of its units. A share's rows are written outside a
   * transaction and it moves no checkpoint: whoever split the replay moves the checkpoints and adds the keys once
   * every share has written (a replay that dies starts again from zero, so its writes need no atomicity).
   */
  private async fold(
    onProgress: (eventsRead: number, position: bigint) => void,
    share?: ReplayShare,
    limit = this.options.maxRowsInMemory ?? DEFAULT_MAX_ROWS_IN_MEMORY,
  ): Promise<{ read: number; position: bigint }> {
    const scope = this.options.scope;
    if (!scope) throw new Error('replay folds into a scope; the live views rebuild with rebuild()');
    const byType = new Map<string, Projection[]>();
    for (const p of this.projections)
      for (const type of p.handles) byType.set(type, [...(byType.get(type) ?? []), p]);
    const cache = new RowCache(this.sql, this.physical, {
      complete: true,
      beforeKeyedAccess: scope.indexTables,
    });
    let read = 0;
    let last = 0n;
    for await (const batch of this.store.readAll({
      after: 0n,
      types: [...byType.keys()],
      batchSize: this.batchSize,
      ...scope.read,
      ...(share && { units: share.units, upToPosition: share.end }),
    })) {
      const accepted = scope.accept ? batch.filter(scope.accept) : batch;
      if (cache.hasWrittenRows) {
        // Rows written out may be needed again: load those of this batch in one query per table, not one by one.
        const refs = accepted.flatMap((e) => byType.get(e.type)!.flatMap((p) => p.prefetch?.(e) ?? []));
        await cache.prefetch(refs);
      }
      for (const event of accepted) for (const p of byType.get(event.type)!) await p.apply(event, cache);
      read += batch.length;
      last = batch[batch.length - 1]!.position;
      // A spill forgets what went untouched since the previous one; right after a spill nearly everything is young,
      // so the next waits until a quarter of the limit was touched anew — else hot rows would go out and come back.
      if (cache.size > limit && cache.youngSize >= limit / 4) {
        // Outside a transaction: a replay that dies starts again from zero, so its writes need no atomicity.
        await cache.spill(this.sql);
      }
      onProgress(read, last);
    }
    if (share) {
      // No transaction: one held open here while another share builds the keys could deadlock with it.
      await cache.flush(this.sql);
      return { read, position: share.end };
    }
    await this.sql.transaction(async (tx) => {
      await cache.flush(tx);
      await tx.query(`UPDATE ${this.checkpoints} SET position = $1, updated_at = now()`, [last.toString()]);
    });
    await cache.ensureKeys(this.sql); // the tables get their keys now if nothing needed them during the fold
    return { read, position: last };
  }

  private async firstBatch(p: Projection, after: bigint, batchSize: number): Promise<RecordedEvent[]> {
    const bounds = this.options.scope?.read ?? {};
    for await (const batch of this.store.readAll({
      after,
      types: p.handles,
      batchSize,
      ...bounds,
    }))
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
    if (this.options.scope)
      throw new Error('a scoped engine replays with catchUp, it does not follow the log');
    await this.register();
    const rebuilt = new Set<string>();
    for (const p of this.projections) {
      const cp = await this.checkpoint(p.name);
      if (cp && cp.version !== p.version && !rebuilt.has(p.name)) {
        for (const n of await this.rebuild(p.name)) rebuilt.add(n);
      }
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
   * The projections that must rebuild together with `p`: a view table swaps whole, so every projection writing
   * any table `p` writes (and, transitively, theirs) is rebuilt into the same side tables and switched with it.
   */
  rebuildGroup(p: Projection): Projection[] {
    const group = new Set<Projection>([p]);
    for (let grew = true; grew;) {
      grew = false;
      const tables = new Set([...group].flatMap((g) => g.tables.map((t) => t.name)));
      for (const other of this.projections) {
        if (!group.has(other) && other.tables.some((t) => tables.has(t.name))) {
          group.add(other);
          grew = true;
        }
      }
    }
    return this.projections.filter((x) => group.has(x));
  }

  /**
   * Rebuilds a projection (with its group, see rebuildGroup) from zero while the live tables keep serving, then
   * switches in one transaction once the new tables hold every event the old ones hold. The new tables are built in a
   * side schema as an auditor's replay builds its scratch copy (`replay`: the log read once for the whole group,
   * folded in memory, written by COPY into tables without indexes, indexed afterwards), then caught up batch by batch
   * with events appended meanwhile, and moved into the live schema in place of the old ones, with the old ones'
   * index names. A rebuild that dies leaves the side schema behind; the next rebuild of the group starts by dropping it.
   */
  async rebuild(
    name: string,
    onProgress: (p: RebuildProgress) => void = () => undefined,
    options: Pick<EngineOptions, 'maxRowsInMemory'> & { readonly threads?: number } = {},
  ): Promise<string[]> {
    if (this.options.scope) throw new Error('rebuild switches live views; a scoped engine replays instead');
    const group = this.rebuildGroup(this.projection(name));
    const tables = viewTablesOf(group);
    await this.register();
    const live = await liveSchema(this.sql);
    const side = rebuildSchema(group[0]!);
    await this.sql.query(`DROP SCHEMA IF EXISTS ${side} CASCADE`);
    await createSideSchema(this.sql, side, tables, { deferIndexes: true });
    try {
      const head = await this.store.headPosition();
      const threads = this.options.threads;
      const builder = new ProjectionEngine(this.store, this.sql, group, {
        batchSize: this.rebuildBatchSize,
        maxRowsInMemory: options.maxRowsInMemory ?? this.options.maxRowsInMemory,
        // Once, whoever asks first: the threads folding shares of the units all write these tables.
        scope: { schema: side, indexTables: (sql) => indexSideTablesOnce(sql, side, tables) },
        threads: threads && { ...threads, count: options.threads ?? threads.count },
        logSql: this.logSql,
      });
      await builder.replay((_, position, folding) => onProgress({ name, position, head, threads: folding }));
      for (let round = 0; ; round += 1) {
        await builder.catchUp();
        // The log's newest event of each projection's types, asked of the store before the transaction: the log may
        // be elsewhere, or share PGlite's one session, which the transaction holds. What is appended after this the
        // live projector applies next, from the checkpoint the switch hands it.
        const heads = new Map<string, bigint>();
        for (const p of group) heads.set(p.name, await this.store.headPosition(p.handles));
        const switched = await this.sql.transaction(async (tx) => {
          // Lock the live checkpoints (in name order, so two rebuilds cannot deadlock): the live projector waits.
          await tx.query('SELECT 1 FROM view_projections WHERE name = ANY($1) ORDER BY name FOR UPDATE', [
            group.map((p) => p.name),
          ]);
          const positions = new Map<string, string>();
          for (const p of group) {
            const [cp] = await tx.query<{ position: string }>(
              `SELECT position::text FROM ${side}.view_projections WHERE name = $1`,
              [p.name],
            );
            if (heads.get(p.name)! > BigInt(cp!.position)) return false;
            positions.set(p.name, cp!.position);
          }
          for (const t of tables) {
            await tx.query(`DROP TABLE ${live}.${t.name}`);
            await tx.query(`ALTER TABLE ${side}.${t.name} SET SCHEMA ${live}`);
          }
          for (const p of group) {
            await tx.query(
              'UPDATE view_projections SET position = $2, version = $3, updated_at = now() WHERE name = $1',
              [p.name, positions.get(p.name), p.version],
            );
          }
          return true;
        });
        if (switched) return group.map((p) => p.name);
        if (round > 100) throw new Error(`rebuild of ${name} could not catch up with the live log`);
      }
    } finally {
      await this.sql.query(`DROP SCHEMA IF EXISTS ${side} CASCADE`);
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const out: ProjectionStatus[] = [];
    for (const p of this.projections) {
      const cp = await this.checkpoint(p.name);
      const last = await this.store.headPosition(p.handles);
      out.push({
        name: p.name,
        version: p.version,
        storedVersion: cp?.version ?? 0,
        position: cp?.position ?? 0n,
        lastRelevant: last,
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

/**
 * Folds a share of a rebuild on a thread of its own (replay-share.worker.ts). `done` settles with the events it read;
 * `stop` ends the thread whether or not it finished (a sibling share failed: there is no point going on).
 */
function foldOnThread(
  input: ShareInput,
  onProgress: (read: number) => void,
): { done: Promise<number>; stop: () => Promise<void> } {
  const thread = startThread(__dirname, 'replay-share.worker', path.extname(__filename), input);
  const done = new Promise<number>((resolve, reject) => {
    thread.on('message', (m: ShareMessage) => {
      if (m.kind === 'progress') onProgress(m.read);
      else if (m.kind === 'done') resolve(m.read);
      else reject(new Error(`a rebuild thread failed: ${m.message}`));
    });
    thread.on('error', reject);
    thread.on('exit', (code) =>
      reject(new Error(`a rebuild thread exited (code ${code}) before it finished`)),
    );
  });
  return { done, stop: async () => void (await thread.terminate()) };
}

/** Items dealt into `count` groups, each in turn (largest first, as given) to the group that weighs least so far. */
function deal<T>(items: readonly T[], weight: (item: T) => number, count: number): T[][] {
  const groups = Array.from({ length: count }, () => ({ items: [] as T[], weight: 0 }));
  for (const item of items) {
    const lightest = groups.reduce((min, g) => (g.weight < min.weight ? g : min));
    lightest.items.push(item);
    lightest.weight += weight(item);
  }
  return groups.map((g) => g.items);
}
