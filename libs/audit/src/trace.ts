import {
  EVENT_COLUMNS,
  toRecordedEvent,
  type EventRow,
  type EventStore,
  type RecordedEvent,
  type SqlClient,
} from '@ledger/event-store';
import {
  PROJECTIONS,
  type AnyViewTable,
  type Projection,
  type RowStore,
  type ViewTable,
} from '@ledger/views';

import { recordingWindow } from './as-of';

const BATCH = 1000;

/** Every event of one stream in version order, in batches. */
export async function* streamHistory(store: EventStore, streamId: string): AsyncIterable<RecordedEvent[]> {
  yield* store.readStream(streamId, { batchSize: BATCH });
}

export interface RecordingWindowQuery {
  /** First and last recording day (Asia/Shanghai), both included. */
  readonly from: string;
  readonly to: string;
  /** The unit the events were recorded for (the envelope's unit). */
  readonly unitId?: string;
}

/**
 * The events matching `where`, in global order, in batches. The matching positions' bounds are found first (one
 * scan), then the log is walked in position ranges of `batchSize`: each read is a bounded primary-key range, so the
 * plan cannot degrade into sorting the rest of the log per batch (as `ORDER BY position LIMIT n` with a filter on an
 * unindexed column does on a freshly loaded table), and appends made during the walk stay out of it.
 */
export async function* eventsWhere(
  sql: SqlClient,
  where: string,
  params: readonly unknown[],
  batchSize = BATCH,
): AsyncIterable<RecordedEvent[]> {
  const [bounds] = await sql.query<{ lo: string | null; hi: string | null }>(
    `SELECT min(position)::text AS lo, max(position)::text AS hi FROM events WHERE ${where}`,
    params,
  );
  if (!bounds?.lo || !bounds.hi) return;
  const hi = BigInt(bounds.hi);
  const step = BigInt(batchSize);
  const n = params.length;
  for (let after = BigInt(bounds.lo) - 1n; after < hi;) {
    const upTo = after + step < hi ? after + step : hi;
    const rows = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $${n + 1} AND position <= $${n + 2} AND (${where})
        ORDER BY position`,
      [...params, after.toString(), upTo.toString()],
    );
    if (rows.length > 0) yield rows.map(toRecordedEvent);
    after = upTo;
  }
}

/** Events recorded inside a window (and, if given, for one unit), in global order. */
export function eventsRecordedIn(
  sql: SqlClient,
  window: { readonly from: Date; readonly to: Date; readonly unitId?: string },
  batchSize = BATCH,
): AsyncIterable<RecordedEvent[]> {
  return window.unitId !== undefined
    ? eventsWhere(
        sql,
        'recorded_at >= $1 AND recorded_at <= $2 AND unit_id = $3',
        [window.from, window.to, window.unitId],
        batchSize,
      )
    : eventsWhere(sql, 'recorded_at >= $1 AND recorded_at <= $2', [window.from, window.to], batchSize);
}

export interface WhoCount {
  readonly principal: string;
  readonly role: string;
  readonly type: string;
  readonly count: number;
}

export interface WhoSummary {
  readonly from: string;
  readonly to: string;
  readonly unitId: string | null;
  readonly total: number;
  readonly counts: readonly WhoCount[];
}

/** Who posted what in a recording-time window: counts per principal, role and event type. */
export async function whoPosted(sql: SqlClient, query: RecordingWindowQuery): Promise<WhoSummary> {
  const window = recordingWindow(query.from, query.to);
  const params: unknown[] = [window.from, window.to];
  if (query.unitId !== undefined) params.push(query.unitId);
  const rows = await sql.query<{ principal: string; role: string; type: string; n: string }>(
    `SELECT principal, role, type, count(*)::text AS n FROM events
      WHERE recorded_at >= $1 AND recorded_at <= $2${query.unitId !== undefined ? ' AND unit_id = $3' : ''}
      GROUP BY principal, role, type ORDER BY principal, role, type`,
    params,
  );
  const counts = rows.map((r) => ({
    principal: r.principal,
    role: r.role,
    type: r.type,
    count: Number(r.n),
  }));
  return {
    from: query.from,
    to: query.to,
    unitId: query.unitId ?? null,
    total: counts.reduce((s, c) => s + c.count, 0),
    counts,
  };
}

export interface LateChangesQuery {
  /** The moment the report (or the auditor's copy) was taken: changes recorded after it are late. */
  readonly after: Date;
  /** The business period the changes touch, both ends included. */
  readonly from: string;
  readonly to: string;
  readonly unitId?: string;
}

/**
 * Events recorded after a moment that touch a business period: late postings, and corrections — a correction
 * carries the business date of the fact it corrects (a casualty revision is dated the day of the accident), so one
 * rule finds both. Each comes with who posted it (principal, role, recordedAt) in the envelope.
 */
export function lateChanges(sql: SqlClient, query: LateChangesQuery): AsyncIterable<RecordedEvent[]> {
  const where = 'recorded_at > $1 AND business_date BETWEEN $2::date AND $3::date';
  return query.unitId !== undefined
    ? eventsWhere(sql, `${where} AND unit_id = $4`, [query.after, query.from, query.to, query.unitId])
    : eventsWhere(sql, where, [query.after, query.from, query.to]);
}

export interface MeasureQuery {
  readonly unitId: string;
  readonly measure: string;
  /** Days of the count (business dates), both included. */
  readonly from: string;
  readonly to: string;
  readonly squadId?: string;
  /** Trace the figure as the ledger stood at this instant (a report's as-of); the whole log when absent. */
  readonly recordedUpTo?: Date;
  readonly projections?: readonly Projection[];
}

export interface MeasureContribution {
  readonly position: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly principal: string;
  readonly role: string;
  readonly recordedAt: string;
  readonly businessDate: string | null;
  /** The count day and squad the event moved, and by how much (negative for a void or a downward revision). */
  readonly day: string;
  readonly squadId: string;
  readonly delta: string;
}

export interface MeasureTrace {
  readonly unitId: string;
  readonly measure: string;
  readonly from: string;
  readonly to: string;
  /** The sum of the contributions: equal to the view's figure for the same unit, measure and days. */
  readonly value: string;
  readonly contributions: readonly MeasureContribution[];
}

const ACTIVITY_COUNTS = 'activity_counts';

/**
 * The events behind an activity count. Rather than guess from payloads which event counts where, it re-runs the
 * very projections that write `activity_counts` over the unit's events, in memory, and records which event moved
 * the asked-for rows and by how much — so it stays right for every projection, corrections included.
 */
export async function eventsForMeasure(sql: SqlClient, query: MeasureQuery): Promise<MeasureTrace> {
  const projections = (query.projections ?? PROJECTIONS).filter((p) =>
    p.tables.some((t) => t.name === ACTIVITY_COUNTS),
  );
  const contributions: MeasureContribution[] = [];
  let value = 0n;
  for (const p of projections) {
    const rows = new TracingRowStore(
      (row) =>
        row.unit_id === query.unitId &&
        row.measure === query.measure &&
        typeof row.day === 'string' &&
        row.day >= query.from &&
        row.day <= query.to &&
        (query.squadId === undefined || row.squad_id === query.squadId),
    );
    for await (const batch of unitEvents(sql, p.handles, query.unitId, query.recordedUpTo)) {
      for (const e of batch) {
        const moved = await rows.trace(() => p.apply(e, rows));
        for (const m of moved) {
          value += m.delta;
          contributions.push({
            position: e.position.toString(),
            eventId: e.id,
            streamId: e.streamId,
            type: e.type,
            principal: e.principal,
            role: e.role,
            recordedAt: e.recordedAt.toISOString(),
            businessDate: e.businessDate,
            day: m.day,
            squadId: m.squadId,
            delta: m.delta.toString(),
          });
        }
      }
    }
  }
  contributions.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  return {
    unitId: query.unitId,
    measure: query.measure,
    from: query.from,
    to: query.to,
    value: value.toString(),
    contributions,
  };
}

function unitEvents(
  sql: SqlClient,
  types: readonly string[],
  unitId: string,
  recordedUpTo: Date | undefined,
): AsyncIterable<RecordedEvent[]> {
  const where = "type = ANY($1) AND (unit_id = $2 OR data->>'unitId' = $2)";
  return recordedUpTo
    ? eventsWhere(sql, `${where} AND recorded_at <= $3`, [types, unitId, recordedUpTo])
    : eventsWhere(sql, where, [types, unitId]);
}

type Row = Record<string, unknown>;
interface Movement {
  readonly day: string;
  readonly squadId: string;
  delta: bigint;
}

/** An in-memory RowStore that notes, per applied event, how much each watched `activity_counts` row moved. */
class TracingRowStore implements RowStore {
  private readonly tables = new Map<string, Map<string, Row>>();
  private moved: Map<string, Movement> | null = null;

  constructor(private readonly watched: (row: Row) => boolean) {}

  async trace(apply: () => Promise<void>): Promise<Movement[]> {
    this.moved = new Map();
    try {
      await apply();
      return [...this.moved.values()].filter((m) => m.delta !== 0n);
    } finally {
      this.moved = null;
    }
  }

  private slot(table: AnyViewTable): Map<string, Row> {
    let slot = this.tables.get(table.name);
    if (!slot) this.tables.set(table.name, (slot = new Map()));
    return slot;
  }

  private keyOf(table: AnyViewTable, row: Row): string {
    return JSON.stringify(table.key.map((k) => row[k] ?? null));
  }

  async get<R extends object>(table: ViewTable<R>, key: Partial<R>): Promise<R | null> {
    const t = table as unknown as AnyViewTable;
    const row = this.slot(t).get(this.keyOf(t, key as Row));
    return row ? ({ ...row } as R) : null;
  }

  put<R extends object>(table: ViewTable<R>, row: R): void {
    const t = table as unknown as AnyViewTable;
    const k = this.keyOf(t, row as Row);
    this.note(t, this.slot(t).get(k) ?? null, row as Row);
    this.slot(t).set(k, { ...(row as Row) });
  }

  delete<R extends object>(table: ViewTable<R>, key: Partial<R>): void {
    const t = table as unknown as AnyViewTable;
    const k = this.keyOf(t, key as Row);
    this.note(t, this.slot(t).get(k) ?? null, null);
    this.slot(t).delete(k);
  }

  private note(table: AnyViewTable, before: Row | null, after: Row | null): void {
    if (table.name !== ACTIVITY_COUNTS || !this.moved) return;
    const row = after ?? before;
    if (!row || !this.watched(row)) return;
    const delta = asBigInt(after?.value) - asBigInt(before?.value);
    const k = `${String(row.day)}\u0000${String(row.squad_id)}`;
    const m = this.moved.get(k) ?? { day: String(row.day), squadId: String(row.squad_id), delta: 0n };
    m.delta += delta;
    this.moved.set(k, m);
  }
}

function asBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' || typeof v === 'string') return BigInt(v);
  return 0n;
}
