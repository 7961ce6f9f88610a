import type {
  AllStreamResolvedEvent,
  AppendStreamRequest,
  AppendStreamState,
  EventData,
  KurrentDBClient,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';

import { IdempotencyConflictError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  SubscribeOptions,
} from '../event-store.port';
import { appendHasher, chainHash, GENESIS_HASH } from '../hashing';
import {
  chunkForImport,
  decodeRecord,
  encodeMetadata,
  isLedgerEvent,
  ledgerFilter,
  MARKER_EVENT_TYPE,
  markerEventId,
  markerStream,
  readFrom,
  sourcePositionOf,
  toLedgerPosition,
  type MarkerData,
  type StoredRecord,
} from './kurrentdb-mapping';

const DEFAULT_BATCH = 1000;
const ANY_RETRIES = 10;

/** The shape of the client's command errors we act on (its classes are not imported at run time). */
interface ClientError {
  readonly type?: string;
  readonly streamName?: string;
  readonly actualState?: bigint | string;
  readonly message?: string;
}

const errorType = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null ? (error as ClientError).type : undefined;

const TRANSIENT = new Set(['unavailable', 'not-leader', 'deadline-exceeded', 'timeout', 'cancelled']);

/**
 * The event store on a KurrentDB (EventStoreDB) cluster — KurrentDB ≥ 25.1, for its atomic multi-stream append.
 *
 * - Optimistic concurrency is the server's: every append states the exact revision it read (also for `any`, since the
 *   hash chain links to that revision's chain hash); `no_stream`/`exists`/a number are checked against it first.
 * - Event ids are unique across the log: each append also writes, in the same atomic multi-stream append, one marker
 *   event per event id to a stream `ledger-event-id-<id>` that must not exist yet. A retried append therefore fails
 *   on the markers and is answered from the stored events (a replay when ids, stream and content hashes match, an
 *   IdempotencyConflictError otherwise). findEvent reads the marker, then the event — two reads, no scan.
 * - The hash chain and our metadata travel in the event metadata (kurrentdb-mapping.ts). The recording time is chained
 *   into the hash, so the adapter stamps it (its clock, to the millisecond) before the write and stores it in the
 *   metadata; imported events keep their original one. KurrentDB's `created` is only the fallback.
 * - readAll and subscribe read `$all` with a server-side filter that drops system streams and marker streams.
 */
export class KurrentDbEventStore implements EventStore {
  constructor(readonly client: KurrentDBClient) {}

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const ids = new Set(events.map((e) => e.id));
    if (ids.size !== events.length) {
      const dup = events.find((e, i) => events.findIndex((x) => x.id === e.id) !== i)!;
      throw new IdempotencyConflictError(dup.id);
    }
    const { metadata, expectedVersion } = options;
    const hash = appendHasher(streamId, metadata);
    const hashes = events.map((e) => hash(e).contentHash);
    for (let attempt = 0; ; attempt += 1) {
      const head = await this.streamHead(streamId);
      const actual = head?.version ?? -1;
      const mismatch =
        (expectedVersion === 'no_stream' && actual !== -1) ||
        (expectedVersion === 'exists' && actual === -1) ||
        (typeof expectedVersion === 'number' && expectedVersion !== actual);
      if (mismatch) {
        // A retried append arrives with a stale expectation: it is a replay, not a conflict.
        const replay = await this.replayOf(streamId, events, hashes);
        if (replay) return replay;
        throw new WrongExpectedVersionError(streamId, String(expectedVersion), actual);
      }
      let chain = head?.chainHash ?? GENESIS_HASH;
      // The recording time is chained into the hash (hashing.ts), so it is fixed here, to the millisecond, before the
      // write, and stored with the event; KurrentDB's own `created` stamp is the server's and comes back only after.
      const recordedAt = new Date();
      const data: EventData[] = events.map((e, i) => {
        chain = chainHash(chain, hashes[i]!, recordedAt);
        return {
          id: e.id,
          contentType: 'application/json',
          type: e.type,
          data: e.data,
          metadata: encodeMetadata(metadata, {
            schemaVersion: e.schemaVersion,
            businessDate: e.businessDate,
            contentHash: hashes[i]!,
            chainHash: chain,
            recordedAt,
          }),
        };
      });
      const requests: AppendStreamRequest[] = [
        { streamName: streamId, events: data, expectedState: stateOf(actual) },
        ...events.map((e, i) => this.markerRequest(e.id, streamId, actual + 1 + i)),
      ];
      try {
        await this.client.multiStreamAppend(requests);
      } catch (error) {
        if (errorType(error) !== 'wrong-expected-version') throw mapError(error);
        const replay = await this.replayOf(streamId, events, hashes);
        if (replay) return replay;
        if ((error as ClientError).streamName !== streamId) throw new IdempotencyConflictError(events[0]!.id);
        if (expectedVersion === 'any' && attempt < ANY_RETRIES) continue;
        const now = (await this.streamHead(streamId))?.version ?? -1;
        throw new WrongExpectedVersionError(streamId, String(expectedVersion), now);
      }
      const written = await this.readRevisions(streamId, actual + 1, events.length);
      return {
        streamId,
        nextExpectedVersion: actual + events.length,
        positions: written.map((e) => e.position),
        idempotentReplay: false,
      };
    }
  }

  private markerRequest(eventId: string, streamId: string, streamVersion: number): AppendStreamRequest {
    const marker: MarkerData = { streamId, streamVersion };
    return {
      streamName: markerStream(eventId),
      expectedState: 'no_stream',
      events: [
        {
          id: markerEventId(eventId),
          contentType: 'application/json',
          type: MARKER_EVENT_TYPE,
          data: marker,
          metadata: {},
        },
      ],
    };
  }

  /** The stored result of an earlier append of the same events, or null when the first id is unknown. */
  private async replayOf(
    streamId: string,
    events: readonly EventToAppend[],
    hashes: readonly string[],
  ): Promise<AppendResult | null> {
    const stored: RecordedEvent[] = [];
    for (const [i, e] of events.entries()) {
      const found = await this.findEvent(e.id);
      if (!found) {
        if (i === 0) return null;
        throw new IdempotencyConflictError(e.id);
      }
      if (found.streamId !== streamId || found.contentHash !== hashes[i])
        throw new IdempotencyConflictError(e.id);
      stored.push(found);
    }
    return {
      streamId,
      nextExpectedVersion: stored[stored.length - 1]!.streamVersion,
      positions: stored.map((e) => e.position),
      idempotentReplay: true,
    };
  }

  private async readRevisions(streamId: string, from: number, count: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for await (const batch of this.readStream(streamId, { fromVersion: from, maxCount: count }))
      out.push(...batch);
    return out;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const read = this.client.readStream(streamId, {
      direction: backwards ? 'backwards' : 'forwards',
      fromRevision:
        options.fromVersion !== undefined ? BigInt(options.fromVersion) : backwards ? 'end' : 'start',
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    let batch: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        const e = this.decodeStreamEvent(resolved);
        if (e) batch.push(e);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      if (errorType(error) === 'stream-not-found') return;
      throw mapError(error);
    }
    if (batch.length > 0) yield batch;
  }

  private decodeStreamEvent(resolved: ResolvedEvent): RecordedEvent | null {
    const record = resolved.event as StoredRecord | undefined;
    if (!record) return null;
    const position =
      record.position ??
      (resolved.commitPosition !== undefined ? positionPair(resolved.commitPosition) : undefined);
    if (!position)
      throw new Error(`KurrentDB returned no $all position for ${record.streamId}@${record.revision}`);
    return decodeRecord(record, toLedgerPosition(position));
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    for await (const [last] of this.readStream(streamId, { direction: 'backwards', maxCount: 1 })) {
      if (last) return { streamId, version: last.streamVersion, chainHash: last.chainHash };
    }
    return null;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    const after = options.after ?? 0n;
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    // Filtered here, not on the server: KurrentDB's server-side filters match stream names and event types only.
    const units = options.units === undefined ? null : new Set(options.units);
    const read = this.client.readAll({
      fromPosition: readFrom(after),
      direction: 'forwards',
      filter: ledgerFilter(options.types),
    });
    let batch: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        const e = this.decodeAllEvent(resolved);
        if (!e || e.position <= after) continue;
        if (options.upToPosition !== undefined && e.position > options.upToPosition) break;
        if (options.recordedUpTo !== undefined && e.recordedAt > options.recordedUpTo) continue;
        if (units !== null && !units.has(unitNamed(e))) continue;
        batch.push(e);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      throw mapError(error);
    }
    if (batch.length > 0) yield batch;
  }

  private decodeAllEvent(resolved: AllStreamResolvedEvent): RecordedEvent | null {
    const record = resolved.event;
    if (!record || !isLedgerEvent(record.streamId, record.type)) return null;
    return decodeRecord(record as StoredRecord, toLedgerPosition(record.position));
  }

  /**
   * A catch-up subscription to `$all` from `after` (exclusive), filtered on the server, batched: events that arrive
   * while a batch is being handled are held (the stream is paused) and handed over as the next batch. A dropped
   * connection resubscribes from the last handled position, so nothing is skipped or delivered twice.
   */
  async subscribe(
    options: SubscribeOptions,
    handle: (batch: RecordedEvent[]) => Promise<void>,
  ): Promise<void> {
    const { signal } = options;
    const state = { checkpoint: options.after };
    while (!signal?.aborted) {
      try {
        await this.subscribeOnce(state, options.batchSize ?? DEFAULT_BATCH, options, handle);
        return;
      } catch (error) {
        if (!TRANSIENT.has(errorType(error) ?? '') || signal?.aborted) throw mapError(error);
        await new Promise((r) => setTimeout(r, 1000)); // then resume after the last handled event
      }
    }
  }

  private subscribeOnce(
    state: { checkpoint: bigint },
    batchSize: number,
    options: SubscribeOptions,
    handle: (batch: RecordedEvent[]) => Promise<void>,
  ): Promise<void> {
    const subscription = this.client.subscribeToAll({
      fromPosition: readFrom(state.checkpoint),
      filter: ledgerFilter(options.types),
    });
    let buffer: RecordedEvent[] = [];
    let handling = false;
    let stopped = false;
    let outcome: { error?: unknown } | null = null;
    return new Promise<void>((resolve, reject) => {
      const settle = () => {
        if (!outcome || handling) return; // an aborted subscriber still finishes the batch in hand
        options.signal?.removeEventListener('abort', onAbort);
        if (outcome.error === undefined) resolve();
        else reject(outcome.error);
      };
      const stop = (error?: unknown) => {
        if (stopped) return;
        stopped = true;
        outcome = { error };
        void subscription.unsubscribe().catch(() => undefined);
        settle();
      };
      const onAbort = () => stop();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) return stop();
      const drain = async () => {
        if (handling) return;
        handling = true;
        try {
          while (buffer.length > 0 && !stopped) {
            const batch = buffer.slice(0, batchSize);
            buffer = buffer.slice(batch.length);
            await handle(batch);
            state.checkpoint = batch[batch.length - 1]!.position;
            if (buffer.length < batchSize) subscription.resume();
          }
        } catch (error) {
          stop(error);
        } finally {
          handling = false;
          settle();
        }
      };
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        if (stopped) return;
        let e: RecordedEvent | null;
        try {
          e = this.decodeAllEvent(resolved);
        } catch (error) {
          return stop(error);
        }
        const last = buffer.length > 0 ? buffer[buffer.length - 1]!.position : state.checkpoint;
        if (!e || e.position <= last) return;
        buffer.push(e);
        if (buffer.length >= batchSize) subscription.pause();
        setImmediate(() => void drain());
      });
      subscription.on('error', (error: Error) => stop(error));
      subscription.on('end', () => stop(new Error('KurrentDB ended the subscription')));
    });
  }

  async headPosition(types?: readonly string[]): Promise<bigint> {
    if (types !== undefined && types.length === 0) return 0n;
    try {
      // maxCount counts what the filter lets through, so the first record is the newest of these types.
      for await (const resolved of this.client.readAll({
        fromPosition: 'end',
        direction: 'backwards',
        maxCount: 1,
        filter: ledgerFilter(types),
      })) {
        const e = this.decodeAllEvent(resolved);
        if (e) return e.position;
      }
    } catch (error) {
      throw mapError(error);
    }
    return 0n;
  }

  async findEvent(id: string): Promise<RecordedEvent | null> {
    let marker: MarkerData | null = null;
    for await (const [m] of this.readMarker(id)) marker = m ?? null;
    if (!marker) return null;
    const [event] = await this.readRevisions(marker.streamId, marker.streamVersion, 1);
    return event && event.id === id ? event : null;
  }

  private async *readMarker(id: string): AsyncIterable<(MarkerData | undefined)[]> {
    try {
      for await (const resolved of this.client.readStream(markerStream(id), { maxCount: 1 })) {
        yield [resolved.event?.data as MarkerData | undefined];
      }
    } catch (error) {
      if (errorType(error) === 'stream-not-found') return;
      throw mapError(error);
    }
  }

  /**
   * For `ledger migrate-store`: writes events read from another store in their global order, keeping ids, stream
   * versions, metadata, hashes and recorded-at, with the source position in the metadata. Each chunk is one atomic
   * multi-stream append with exact expected revisions, so a re-run after an interruption cannot duplicate an event:
   * a chunk already written fails its revision check and is then skipped event by event.
   */
  async importEvents(events: readonly RecordedEvent[]): Promise<number> {
    let written = 0;
    for (const chunk of chunkForImport(events, 500)) {
      const requests: AppendStreamRequest[] = [];
      for (const run of chunk) {
        requests.push({
          streamName: run[0]!.streamId,
          expectedState: stateOf(run[0]!.streamVersion - 1),
          events: run.map((e) => this.importedData(e)),
        });
        for (const e of run) requests.push(this.markerRequest(e.id, e.streamId, e.streamVersion));
      }
      try {
        await this.client.multiStreamAppend(requests);
        written += chunk.reduce((n, run) => n + run.length, 0);
      } catch (error) {
        if (errorType(error) !== 'wrong-expected-version') throw mapError(error);
        for (const run of chunk) for (const e of run) written += await this.importOne(e);
      }
    }
    return written;
  }

  private async importOne(e: RecordedEvent): Promise<number> {
    const present = await this.findEvent(e.id);
    if (present) {
      if (present.chainHash !== e.chainHash || present.streamVersion !== e.streamVersion)
        throw new IdempotencyConflictError(e.id);
      return 0;
    }
    await this.client.multiStreamAppend([
      { streamName: e.streamId, expectedState: stateOf(e.streamVersion - 1), events: [this.importedData(e)] },
      this.markerRequest(e.id, e.streamId, e.streamVersion),
    ]);
    return 1;
  }

  private importedData(e: RecordedEvent): EventData {
    return {
      id: e.id,
      contentType: 'application/json',
      type: e.type,
      data: e.data,
      metadata: encodeMetadata(e, {
        schemaVersion: e.schemaVersion,
        businessDate: e.businessDate,
        contentHash: e.contentHash,
        chainHash: e.chainHash,
        recordedAt: e.recordedAt,
        sourcePosition: e.position,
      }),
    };
  }

  /** The source position of the newest imported event (where a migration resumes), 0n when there is none. */
  async lastImportedSourcePosition(): Promise<bigint> {
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: 'end',
        direction: 'backwards',
        maxCount: 1,
        filter: ledgerFilter(),
      })) {
        const record = resolved.event as StoredRecord | undefined;
        if (record) return sourcePositionOf(record) ?? 0n;
      }
    } catch (error) {
      throw mapError(error);
    }
    return 0n;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function stateOf(version: number): AppendStreamState {
  return version < 0 ? 'no_stream' : BigInt(version);
}

function positionPair(commit: bigint) {
  return { commit, prepare: commit };
}

function mapError(error: unknown): unknown {
  return TRANSIENT.has(errorType(error) ?? '') ? new StoreUnavailableError(error) : error;
}

/**
 * Opens a client for `connectionString` (e.g. `kurrentdb://host1:2113,host2:2113,host3:2113?tls=true`). The client
 * library is loaded here, on first use, so processes that never touch KurrentDB never load its gRPC stack.
 */
export async function connectKurrentDb(connectionString: string): Promise<KurrentDbEventStore> {
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString));
}

/** The unit an event's data names, as `ReadAllOptions.units` spells it ('' for none). */
function unitNamed(e: RecordedEvent): string {
  const unit = e.data['unitId'];
  return typeof unit === 'string' ? unit : '';
}
