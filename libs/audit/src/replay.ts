import type { EventStore, RecordedEvent, SqlClient } from '@ledger/event-store';
import { ProjectionEngine, PROJECTIONS, type Projection } from '@ledger/views';

import { acceptsAsOf, describeAsOf, type AsOf } from './as-of';
import { createScratchSchema, dropScratchSchema, indexScratchTables, viewTablesOf } from './scratch';

/** The parts of a backend an audit needs: it reads the log and writes only into its own scratch schema. */
export interface AuditBackend {
  readonly store: EventStore;
  readonly sql: SqlClient;
  /** The database that holds the log (`sql` itself unless the log is kept apart; null in KurrentDB). */
  readonly logSql: SqlClient | null;
}

export interface ReplayOptions {
  readonly asOf: AsOf;
  /** Fold only this unit's events (the envelope's unit or the payload's `unitId`). */
  readonly unitId?: string;
  readonly projections?: readonly Projection[];
  readonly batchSize?: number;
  /** View rows held in memory before the replay writes them out and goes on loading what it needs (default 500,000). */
  readonly maxRowsInMemory?: number;
  /** Replay into this (new) scratch schema instead of a generated name. */
  readonly schema?: string;
  readonly onProgress?: (p: ReplayProgress) => void;
}

export interface ReplayProgress {
  /** What is being replayed: every projection at once (the log is read once for all of them). */
  readonly projection: string;
  /** Events read so far, and how many the replay will read in all (0: not known beforehand). */
  readonly done: number;
  readonly total: number;
}

export interface ReplayResult {
  readonly schema: string;
  readonly asOf: AsOf;
  /** Which question was answered, in words: recording time or business date. */
  readonly basisDescription: string;
  readonly unitId: string | null;
  /** The log's head when the replay began: later appends are not part of it, whatever their dates. */
  readonly headPosition: bigint;
  readonly eventsRead: number;
  readonly eventsFolded: number;
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
  readonly durationMs: number;
}

export function belongsToUnit(unitId: string): (e: RecordedEvent) => boolean {
  return (e) => e.unitId === unitId || (e.data as { unitId?: unknown }).unitId === unitId;
}

/**
 * Rebuilds every projection from zero into a fresh scratch schema, from the part of the log the as-of selects: the
 * log is read once and folded in memory, and the rows are written at the end (ProjectionEngine.replay).
 * The live views and the log are only read. The schema stays for the caller to inspect or diff; drop it with
 * `dropScratchSchema` (or use `withReplay`).
 */
export async function replayAsOf(backend: AuditBackend, options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  const projections = options.projections ?? PROJECTIONS;
  const tables = viewTablesOf(projections);
  const head = await backend.store.headPosition();
  const schema = await createScratchSchema(backend.sql, tables, options.schema, { deferIndexes: true });
  try {
    const byDate = acceptsAsOf(options.asOf);
    const byUnit = options.unitId ? belongsToUnit(options.unitId) : () => true;
    let folded = 0;
    const recordedUpTo = options.asOf.basis === 'recorded' ? options.asOf.cutoff : undefined;
    const engine = new ProjectionEngine(backend.store, backend.sql, projections, {
      logSql: backend.logSql,
      batchSize: options.batchSize ?? 10_000,
      maxRowsInMemory: options.maxRowsInMemory,
      scope: {
        schema,
        read: { upToPosition: head, recordedUpTo },
        indexTables: (sql) => indexScratchTables(sql, schema, tables),
        accept: (e) => {
          const ok = byDate(e) && byUnit(e);
          if (ok) folded += 1;
          return ok;
        },
      },
    });
    // Without SQL (a log in KurrentDB) there is no cheap count: the total is then 0, "not known".
    const perType = backend.logSql
      ? await countByType(backend.logSql, head, recordedUpTo)
      : new Map<string, number>();
    const total = [...new Set(projections.flatMap((p) => p.handles))].reduce(
      (sum, type) => sum + (perType.get(type) ?? 0),
      0,
    );
    const label = 'every projection';
    options.onProgress?.({ projection: label, done: 0, total });
    const { read } = await engine.replay((done) => options.onProgress?.({ projection: label, done, total }));
    const counted: { name: string; rows: number }[] = [];
    for (const t of tables) {
      const [row] = await backend.sql.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${schema}.${t.name}`,
      );
      counted.push({ name: t.name, rows: Number(row?.n ?? 0) });
    }
    return {
      schema,
      asOf: options.asOf,
      basisDescription: describeAsOf(options.asOf),
      unitId: options.unitId ?? null,
      headPosition: head,
      eventsRead: read,
      eventsFolded: folded,
      tables: counted,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await dropScratchSchema(backend.sql, schema).catch(() => undefined);
    throw error;
  }
}

/** How many events of each type the replay will read: one scan, for the progress totals of every projection. */
async function countByType(
  sql: SqlClient,
  head: bigint,
  recordedUpTo: Date | undefined,
): Promise<Map<string, number>> {
  const rows = await sql.query<{ type: string; n: string }>(
    `SELECT type, count(*)::text AS n FROM events WHERE position <= $1${recordedUpTo ? ' AND recorded_at <= $2' : ''}
      GROUP BY type`,
    recordedUpTo ? [head.toString(), recordedUpTo] : [head.toString()],
  );
  return new Map(rows.map((r) => [r.type, Number(r.n)]));
}

/** Replays, hands the result to `work`, and drops the scratch schema afterwards unless `keep`. */
export async function withReplay<T>(
  backend: AuditBackend,
  options: ReplayOptions & { readonly keep?: boolean },
  work: (replay: ReplayResult) => Promise<T>,
): Promise<T> {
  const replay = await replayAsOf(backend, options);
  try {
    return await work(replay);
  } finally {
    if (!options.keep) await dropScratchSchema(backend.sql, replay.schema);
  }
}
