import {
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
  type SubscribeOptions,
} from '@ledger/event-store';

/**
 * The real store with each stream read once per import and kept in memory, extended by this import's own appends.
 * A sheet of a year's vouchers decides every row on the same `finance-<unit>-<year>` stream: without this the
 * runner would read that stream again for every row, quadratic in the sheet's length. Staleness is safe: every
 * append still names the version it decided on, a conflict drops the stream from the cache, and the runner's retry
 * reads it afresh.
 */
export class CachedStreamStore implements EventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();

  constructor(private readonly real: EventStore) {}

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent[]> {
    const plain =
      options === undefined ||
      ((options.direction ?? 'forwards') === 'forwards' &&
        (options.fromVersion ?? 0) === 0 &&
        options.maxCount === undefined);
    if (!plain) {
      yield* this.real.readStream(streamId, options);
      return;
    }
    let events = this.streams.get(streamId);
    if (!events) {
      events = [];
      for await (const batch of this.real.readStream(streamId)) events.push(...batch);
      this.streams.set(streamId, events);
    }
    if (events.length > 0) yield [...events];
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = await this.real.append(streamId, events, options);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) this.streams.delete(streamId);
      throw error;
    }
    const cached = this.streams.get(streamId);
    if (!cached) return result;
    const last = cached.length > 0 ? cached[cached.length - 1]!.streamVersion : -1;
    // Only our own append directly after what we hold extends the cache; anything else is read afresh next time.
    if (result.idempotentReplay || last + events.length !== result.nextExpectedVersion) {
      this.streams.delete(streamId);
      return result;
    }
    events.forEach((e, i) =>
      cached.push({
        position: result.positions[i]!,
        streamId,
        streamVersion: last + 1 + i,
        id: e.id,
        type: e.type,
        data: e.data,
        schemaVersion: e.schemaVersion,
        businessDate: e.businessDate,
        recordedAt: new Date(),
        principal: options.metadata.principal,
        role: options.metadata.role,
        unitId: options.metadata.unitId,
        correlationId: options.metadata.correlationId,
        causationId: options.metadata.causationId,
        contentHash: '',
        chainHash: '',
      }),
    );
    return result;
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const cached = this.streams.get(streamId);
    if (cached && cached.length > 0) {
      return { streamId, version: cached[cached.length - 1]!.streamVersion, chainHash: '' };
    }
    return this.real.streamHead(streamId);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]> {
    return this.real.readAll(options);
  }

  subscribe(options: SubscribeOptions, handle: (batch: RecordedEvent[]) => Promise<void>): Promise<void> {
    return this.real.subscribe(options, handle);
  }

  headPosition(types?: readonly string[]): Promise<bigint> {
    return this.real.headPosition(types);
  }

  findEvent(id: string): Promise<RecordedEvent | null> {
    return this.real.findEvent(id);
  }

  /** The real store belongs to the caller. */
  async close(): Promise<void> {}
}
