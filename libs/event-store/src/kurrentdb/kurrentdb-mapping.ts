import { createHash } from 'node:crypto';

import type { Filter, Position } from '@kurrent/kurrentdb-client';

import type { AppendMetadata, JsonObject, RecordedEvent } from '../event-store.port';

/**
 * How our events live in KurrentDB. Pure functions only, so they are unit-tested without a server.
 *
 * Global position. KurrentDB addresses a record of `$all` by a pair (commit, prepare) of byte offsets in its
 * transaction log. For every event written outside an explicit (legacy TCP) transaction — every event this adapter
 * writes — commit = prepare = the record's own log position, and `$all` is ordered by it. Our bigint position is
 * that number; a checkpoint p resumes at { commit: p, prepare: p }. Positions increase in `$all` order but are not
 * consecutive (they are byte offsets), and they are not the PostgreSQL positions of the same events: a migration keeps
 * the source position in the event's metadata instead (`sourcePosition`). A record with commit ≠ prepare (written by an
 * explicit transaction of an old TCP client) cannot be addressed by one number; the adapter refuses it loudly rather
 * than resume at a wrong place.
 */
export function toLedgerPosition(p: Position): bigint {
  if (p.commit !== p.prepare) {
    throw new Error(
      `KurrentDB record at commit ${p.commit} / prepare ${p.prepare} was written by an explicit transaction; ` +
        'this adapter addresses $all by one number and cannot resume there safely',
    );
  }
  return p.commit;
}

/** A read of `$all` that starts strictly after `after` (0n: from the start). Reads are inclusive: skip `after` itself. */
export function readFrom(after: bigint): 'start' | Position {
  return after <= 0n ? 'start' : { commit: after, prepare: after };
}

/** Per-event-id marker streams make event ids unique across the whole log (see kurrentdb-event-store.ts). */
export const MARKER_STREAM_PREFIX = 'ledger-event-id-';
export const MARKER_EVENT_TYPE = 'LedgerEventId';
export const markerStream = (eventId: string) => `${MARKER_STREAM_PREFIX}${eventId}`;

/** The marker's own id: derived from the event id, so a retried append sends the same record ids. */
export function markerEventId(eventId: string): string {
  const h = createHash('sha1').update(`ledger-marker:${eventId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface MarkerData extends JsonObject {
  streamId: string;
  streamVersion: number;
}

/** System streams start with `$`; marker streams are ours but not part of the ledger's log. */
export function isLedgerEvent(streamId: string, type: string): boolean {
  return !streamId.startsWith('$') && !streamId.startsWith(MARKER_STREAM_PREFIX) && !type.startsWith('$');
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server-side filter of every `$all` read: without types, by stream name — no system stream (`$…`, which holds
 * every system event: `$stats-…`, `$$…` metadata, projection links) and no marker stream; with types, by event type
 * (exactly those types, which excludes system events and markers too). Regexes are .NET's (lookahead is supported).
 */
export function ledgerFilter(types?: readonly string[]): Filter {
  if (types && types.length > 0) {
    return {
      filterOn: 'eventType',
      regex: `^(?:${types.map(escapeRegex).join('|')})$`,
      checkpointInterval: 1000,
    };
  }
  return {
    filterOn: 'streamName',
    regex: `^(?!\\$)(?!${escapeRegex(MARKER_STREAM_PREFIX)})`,
    checkpointInterval: 1000,
  };
}

/**
 * Our metadata as KurrentDB event metadata: a flat object of strings (multi-stream appends accept nothing else).
 * Null fields are left out. Correlation and causation use KurrentDB's own `$correlationId` / `$causationId` keys, so
 * the server's `$by_correlation_id` projection works on our events.
 */
export interface StoredFields {
  readonly schemaVersion: number;
  readonly businessDate: string | null;
  readonly contentHash: string;
  readonly chainHash: string;
  /** When the event was recorded (chained into the hash); the original one for an imported event. */
  readonly recordedAt?: Date;
  /** Only for events imported from another store: their position there. */
  readonly sourcePosition?: bigint;
}

export function encodeMetadata(meta: AppendMetadata, fields: StoredFields): Record<string, string> {
  const out: Record<string, string> = {
    principal: meta.principal,
    role: meta.role,
    $correlationId: meta.correlationId,
    schemaVersion: String(fields.schemaVersion),
    contentHash: fields.contentHash,
    chainHash: fields.chainHash,
  };
  if (meta.unitId !== null) out.unitId = meta.unitId;
  if (meta.causationId !== null) out.$causationId = meta.causationId;
  if (fields.businessDate !== null) out.businessDate = fields.businessDate;
  if (fields.recordedAt) out.recordedAt = fields.recordedAt.toISOString();
  if (fields.sourcePosition !== undefined) out.sourcePosition = fields.sourcePosition.toString();
  return out;
}

/** What the client hands back for a stored event, reduced to what we read. */
export interface StoredRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: Position;
}

function text(meta: Record<string, unknown>, key: string, record: StoredRecord): string {
  const v = meta[key];
  if (typeof v !== 'string')
    throw new Error(`event ${record.id} in ${record.streamId} has no ${key} in its metadata`);
  return v;
}

function optionalText(meta: Record<string, unknown>, key: string): string | null {
  const v = meta[key];
  return typeof v === 'string' ? v : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

export function decodeRecord(record: StoredRecord, position: bigint): RecordedEvent {
  if (!isObject(record.metadata))
    throw new Error(`event ${record.id} in ${record.streamId} has no JSON metadata`);
  if (!isObject(record.data))
    throw new Error(`event ${record.id} in ${record.streamId} has no JSON object data`);
  const meta = record.metadata;
  const recordedAt = optionalText(meta, 'recordedAt');
  return {
    position,
    streamId: record.streamId,
    streamVersion: Number(record.revision),
    id: record.id,
    type: record.type,
    data: record.data as JsonObject,
    schemaVersion: Number(text(meta, 'schemaVersion', record)),
    businessDate: optionalText(meta, 'businessDate'),
    recordedAt: recordedAt ? new Date(recordedAt) : record.created,
    principal: text(meta, 'principal', record),
    role: text(meta, 'role', record),
    unitId: optionalText(meta, 'unitId'),
    correlationId: text(meta, '$correlationId', record),
    causationId: optionalText(meta, '$causationId'),
    contentHash: text(meta, 'contentHash', record),
    chainHash: text(meta, 'chainHash', record),
  };
}

/** The source position an imported event carries, or null for an event appended natively. */
export function sourcePositionOf(record: StoredRecord): bigint | null {
  if (!isObject(record.metadata)) return null;
  const v = record.metadata.sourcePosition;
  return typeof v === 'string' ? BigInt(v) : null;
}

/**
 * Splits events in global order into atomic multi-stream appends that keep that order: consecutive events of one
 * stream form one request, and a chunk ends before a stream would appear in it a second time (a multi-stream append
 * takes one request per stream) or when it reaches `max` events.
 */
export function chunkForImport<E extends { streamId: string }>(events: readonly E[], max: number): E[][][] {
  const chunks: E[][][] = [];
  let current: E[][] = [];
  let seen = new Set<string>();
  let size = 0;
  for (const e of events) {
    const last = current[current.length - 1];
    if (last && last[0]!.streamId === e.streamId && size < max) {
      last.push(e);
      size += 1;
      continue;
    }
    if (seen.has(e.streamId) || size >= max) {
      chunks.push(current);
      current = [];
      seen = new Set();
      size = 0;
    }
    current.push([e]);
    seen.add(e.streamId);
    size += 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
