import {
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
} from '@ledger/event-store';

/**
 * The real store seen through an overlay that keeps appends in memory. A whole sheet is decided against it with the
 * same runner the API uses — authorisation, idempotency replay, the decider's rules, rows that conflict with earlier
 * rows of the same sheet — and nothing reaches the log.
 */
export class DryRunStore implements EventStore {
  private readonly pending = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private nextPosition = -1n;

  constructor(private readonly real: EventStore) {}

  private async realVersion(streamId: string): Promise<number> {
    return (await this.real.streamHead(streamId))?.version ?? -1;
  }

  private async version(streamId: string): Promise<number> {
    const mine = this.pending.get(streamId);
    return mine && mine.length > 0 ? mine[mine.length - 1]!.streamVersion : this.realVersion(streamId);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const current = await this.version(streamId);
    const known = await Promise.all(events.map((e) => this.findEvent(e.id)));
    if (known.length > 0 && known.every((k) => k !== null)) {
      return {
        streamId,
        nextExpectedVersion: known[known.length - 1]!.streamVersion,
        positions: known.map((k) => k!.position),
        idempotentReplay: true,
      };
    }
    const expected = options.expectedVersion;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === -1) ||
      (expected === 'exists' && current >= 0) ||
      expected === current;
    if (!ok) throw new WrongExpectedVersionError(streamId, String(expected), current);
    if (this.nextPosition < 0n) this.nextPosition = (await this.real.headPosition()) + 1n;
    const list = this.pending.get(streamId) ?? [];
    const positions: bigint[] = [];
    events.forEach((e, i) => {
      const recorded: RecordedEvent = {
        position: this.nextPosition,
        streamId,
        streamVersion: current + 1 + i,
        id: e.id,
        type: e.type,
        data: e.data,
        schemaVersion: e.schemaVersion,
        businessDate: e.businessDate,
        recordedAt: new Date(0),
        principal: options.metadata.principal,
        role: options.metadata.role,
        unitId: options.metadata.unitId,
        correlationId: options.metadata.correlationId,
        causationId: options.metadata.causationId,
        contentHash: '',
        chainHash: '',
      };
      positions.push(this.nextPosition);
      this.nextPosition += 1n;
      list.push(recorded);
      this.byId.set(e.id, recorded);
    });
    this.pending.set(streamId, list);
    return { streamId, nextExpectedVersion: current + events.length, positions, idempotentReplay: false };
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent[]> {
    if (options?.direction === 'backwards') throw new Error('DryRunStore reads streams forwards only');
    for await (const batch of this.real.readStream(streamId, options)) yield batch;
    const mine = this.pending.get(streamId);
    if (mine && mine.length > 0) yield mine.filter((e) => e.streamVersion >= (options?.fromVersion ?? 0));
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const mine = this.pending.get(streamId);
    if (mine && mine.length > 0)
      return { streamId, version: mine[mine.length - 1]!.streamVersion, chainHash: '' };
    return this.real.streamHead(streamId);
  }

  async findEvent(id: string): Promise<RecordedEvent | null> {
    return this.byId.get(id) ?? (await this.real.findEvent(id));
  }

  headPosition(types?: readonly string[]): Promise<bigint> {
    return this.real.headPosition(types);
  }

  // eslint-disable-next-line require-yield
  async *readAll(): AsyncIterable<RecordedEvent[]> {
    throw new Error('DryRunStore does not read the whole log');
  }

  subscribe(): Promise<void> {
    return Promise.reject(new Error('DryRunStore cannot be subscribed to'));
  }

  /** The real store belongs to the caller. */
  async close(): Promise<void> {}
}
