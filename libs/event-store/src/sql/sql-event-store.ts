import { EventEmitter } from 'node:events';

import { IdempotencyConflictError, WrongExpectedVersionError } from '../errors';
import type {
  AppendMetadata,
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  SubscribeOptions,
} from '../event-store.port';
import { appendHasher } from '../hashing';
import { GroupCommitQueue, type AppendCall, type AppendRow, type GroupRow } from './group-commit';
import { PG, sqlErrorCode, type SqlClient, type SqlRow } from './sql-client';

export const EVENT_COLUMNS = `position, stream_id, stream_version, event_id, type, data, schema_version,
  business_date::text AS business_date, recorded_at, principal, role, unit_id, correlation_id, causation_id,
  content_hash, chain_hash`;

export interface EventRow {
  [key: string]: unknown;
  position: string | number;
  stream_id: string;
  stream_version: string | number;
  event_id: string;
  type: string;
  data: JsonObject;
  schema_version: number;
  business_date: string | null;
  recorded_at: Date;
  principal: string;
  role: string;
  unit_id: string | null;
  correlation_id: string;
  causation_id: string | null;
  content_hash: string;
  chain_hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: BigInt(row.position),
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    id: row.event_id,
    type: row.type,
    data: row.data,
    schemaVersion: row.schema_version,
    businessDate: row.business_date,
    recordedAt: row.recorded_at,
    principal: row.principal,
    role: row.role,
    unitId: row.unit_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    contentHash: row.content_hash,
    chainHash: row.chain_hash,
  };
}

const DEFAULT_BATCH = 1000;

/** Appends of up to this many events go through group commit; larger ones take a transaction of their own. */
const GROUPED_MAX_EVENTS = 10;

/**
 * The `p_events` argument of `ledger_append`, as JSON text: one positional array per event,
 * `[id, type, data, schemaVersion, businessDate, contentHash]` — positions, not keys, because the server parses this
 * text into jsonb on every append and keys were most of that work besides the payloads (migration 1767000000000).
 * Written by hand because each payload is already serialised once for its content hash: sending that canonical text
 * saves a second `JSON.stringify` per event.
 */
export function appendPayload(
  events: readonly EventToAppend[],
  streamId: string,
  metadata: AppendMetadata,
): string {
  const hash = appendHasher(streamId, metadata);
  let out = '[';
  for (const e of events) {
    const hashed = hash(e);
    if (out.length > 1) out += ',';
    out +=
      `[${JSON.stringify(e.id)},${JSON.stringify(e.type)},${hashed.canonicalData},` +
      `${JSON.stringify(e.schemaVersion)},${JSON.stringify(e.businessDate ?? null)},"${hashed.contentHash}"]`;
  }
  return `${out}]`;
}

/** The event store on PostgreSQL or PGlite: the same SQL, the same `ledger_append` function, one code path. */
export class SqlEventStore implements EventStore {
  /** Wakes this process's subscribers as soon as it appends; other processes' appends arrive by polling. */
  private readonly appended = new EventEmitter();

  readonly group = new GroupCommitQueue(
    (groupJson) =>
      this.sql.query<GroupRow & SqlRow>(
        `SELECT out_index, out_position::text, out_version::text, out_replayed, out_error, out_detail
           FROM ledger_append_many($1::jsonb)`,
        [groupJson],
      ),
    (call) => this.callAppend(call),
  );

  constructor(readonly sql: SqlClient) {
    this.appended.setMaxListeners(0);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const { metadata } = options;
    const call: AppendCall = {
      stream: streamId,
      expected: String(options.expectedVersion),
      events: appendPayload(events, streamId, metadata),
      principal: metadata.principal,
      role: metadata.role,
      unit: metadata.unitId,
      correlation: metadata.correlationId,
      causation: metadata.causationId,
    };
    let rows: AppendRow[];
    try {
      // Small appends (a clerk's record, a command's events) share transactions; big batches already amortise
      // the flush, and run concurrently on their own connections instead of queueing behind a group.
      rows =
        events.length <= GROUPED_MAX_EVENTS ? await this.group.submit(call) : await this.callAppend(call);
    } catch (error) {
      const code = sqlErrorCode(error);
      if (code === PG.wrongExpectedVersion) {
        const detail = (error as { detail?: string }).detail;
        throw new WrongExpectedVersionError(streamId, call.expected, Number(detail ?? -1));
      }
      if (code === PG.idempotencyConflict) throw new IdempotencyConflictError(events[0]!.id);
      if (code === PG.uniqueViolation) {
        // Either a concurrent retry of the same append won the race (now a replay) or an id was reused elsewhere.
        rows = await this.callAppend(call).catch((retryError: unknown) => {
          if (
            sqlErrorCode(retryError) === PG.uniqueViolation ||
            sqlErrorCode(retryError) === PG.idempotencyConflict
          )
            throw new IdempotencyConflictError(events[0]!.id);
          throw retryError;
        });
      } else {
        throw error;
      }
    }
    const last = rows[rows.length - 1]!;
    const replayed = rows[0]!.out_replayed;
    if (!replayed) this.appended.emit('append');
    return {
      streamId,
      nextExpectedVersion: Number(last.out_version),
      positions: rows.map((r) => BigInt(r.out_position)),
      idempotentReplay: replayed,
    };
  }

  private callAppend(c: AppendCall): Promise<AppendRow[]> {
    return this.sql.query<AppendRow & SqlRow>(
      'SELECT out_position::text, out_version::text, out_replayed FROM ledger_append($1, $2, $3::jsonb, $4, $5, $6, $7, $8)',
      [c.stream, c.expected, c.events, c.principal, c.role, c.unit, c.correlation, c.causation],
    );
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let cursor = options.fromVersion ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    while (remaining > 0) {
      const limit = Math.min(batchSize, remaining);
      const rows = await this.sql.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version ${backwards ? '<=' : '>='} $2
          ORDER BY stream_version ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
        [streamId, cursor, limit],
      );
      if (rows.length === 0) return;
      const batch = rows.map(toRecordedEvent);
      yield batch;
      remaining -= batch.length;
      if (rows.length < limit) return;
      cursor = batch[batch.length - 1]!.streamVersion + (backwards ? -1 : 1);
    }
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const [row] = await this.sql.query<{ version: string; chain_hash: string }>(
      'SELECT version::text, chain_hash FROM streams WHERE stream_id = $1',
      [streamId],
    );
    return row && Number(row.version) >= 0
      ? { streamId, version: Number(row.version), chainHash: row.chain_hash }
      : null;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    let after = options.after ?? 0n;
    const filters: string[] = [];
    const params: unknown[] = [];
    if (options.upToPosition !== undefined) {
      params.push(options.upToPosition.toString());
      filters.push(`position <= $${params.length + 2}`);
    }
    if (options.recordedUpTo !== undefined) {
      params.push(options.recordedUpTo);
      filters.push(`recorded_at <= $${params.length + 2}`);
    }
    if (options.types !== undefined) {
      params.push(options.types);
      filters.push(`type = ANY($${params.length + 2})`);
    }
    if (options.units !== undefined) {
      params.push(options.units);
      filters.push(`coalesce(data->>'unitId', '') = ANY($${params.length + 2})`);
    }
    const where = filters.map((f) => ` AND ${f}`).join('');
    if (options.units !== undefined) {
      yield* this.readWindows(
        after,
        options.upToPosition ?? (await this.headPosition()),
        batchSize,
        where,
        params,
      );
      return;
    }
    for (;;) {
      const rows = await this.sql.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1${where} ORDER BY position LIMIT $2`,
        [after.toString(), batchSize, ...params],
      );
      if (rows.length === 0) return;
      const batch = rows.map(toRecordedEvent);
      yield batch;
      if (rows.length < batchSize) return;
      after = batch[batch.length - 1]!.position;
    }
  }

  /**
   * A filtered read by windows of positions instead of `ORDER BY position LIMIT n`: PostgreSQL cannot estimate how
   * many rows a filter on the payload keeps, and guessing few it sorts every remaining row of the log for each batch
   * (a million-event replay of half the units took 19 s to read instead of 3). A window is a range of the primary
   * key, whatever the estimate; its width follows the rows it yields, aiming at a batch each.
   */
  private async *readWindows(
    after: bigint,
    end: bigint,
    batchSize: number,
    where: string,
    params: readonly unknown[],
  ): AsyncIterable<RecordedEvent[]> {
    const target = BigInt(batchSize);
    let width = target;
    while (after < end) {
      const to = after + width < end ? after + width : end;
      const rows = await this.sql.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 AND position <= $2${where} ORDER BY position`,
        [after.toString(), to.toString(), ...params],
      );
      after = to;
      for (let i = 0; i < rows.length; i += batchSize)
        yield rows.slice(i, i + batchSize).map(toRecordedEvent);
      const found = BigInt(rows.length);
      if (found * 2n < target && width < target * 1024n) width *= 2n;
      else if (found > target * 2n && width > 1n) width /= 2n;
    }
  }

  async subscribe(
    options: SubscribeOptions,
    handle: (batch: RecordedEvent[]) => Promise<void>,
  ): Promise<void> {
    const { signal } = options;
    let after = options.after;
    while (!signal?.aborted) {
      let caughtUp = true;
      for await (const batch of this.readAll({ after, batchSize: options.batchSize, types: options.types })) {
        await handle(batch);
        after = batch[batch.length - 1]!.position;
        caughtUp = false;
        if (signal?.aborted) return;
      }
      if (caughtUp) await this.waitForAppend(options.pollIntervalMs ?? 250, signal);
    }
  }

  private waitForAppend(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('append', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.appended.once('append', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  async headPosition(types?: readonly string[]): Promise<bigint> {
    const [row] = await this.sql.query<{ head: string | null }>(
      types === undefined
        ? 'SELECT max(position)::text AS head FROM events'
        : 'SELECT max(position)::text AS head FROM events WHERE type = ANY($1)',
      types === undefined ? [] : [types],
    );
    return BigInt(row?.head ?? 0);
  }

  async findEvent(id: string): Promise<RecordedEvent | null> {
    const [row] = await this.sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1`, [
      id,
    ]);
    return row ? toRecordedEvent(row) : null;
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
    await this.sql.close();
  }
}
