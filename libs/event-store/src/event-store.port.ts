/**
 * The one port every backend implements. Positions are bigint: a province's log passes 2^53 long before its
 * hardware does, and pg returns int8 as strings anyway.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `any` skips the check; `no_stream` / `exists` test presence; a number is the version of the stream's last event. */
export type ExpectedVersion = 'any' | 'no_stream' | 'exists' | number;

/** What a writer hands the store. `id` doubles as the idempotency key: appending an id already stored appends nothing. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly schemaVersion: number;
  /** The Asia/Shanghai calendar date the event happened on, `YYYY-MM-DD`; null where it has none. */
  readonly businessDate: string | null;
}

/** Who appended, on whose behalf, and why: carried on every event of the append. */
export interface AppendMetadata {
  readonly principal: string;
  readonly role: string;
  readonly unitId: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
}

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  readonly metadata: AppendMetadata;
}

export interface AppendResult {
  readonly streamId: string;
  /** Version of the last event of this append (0-based: a new stream's first event is version 0). */
  readonly nextExpectedVersion: number;
  readonly positions: readonly bigint[];
  /** True when every event id was already stored: a retried append returned the first result. */
  readonly idempotentReplay: boolean;
}

export interface RecordedEvent {
  readonly position: bigint;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly schemaVersion: number;
  readonly businessDate: string | null;
  readonly recordedAt: Date;
  readonly principal: string;
  readonly role: string;
  readonly unitId: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** sha256 of the event's canonical content. */
  readonly contentHash: string;
  /** sha256(previous chainHash of the stream ‖ contentHash): the per-stream tamper-evident link. */
  readonly chainHash: string;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; forwards defaults to 0, backwards to the stream's last version. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
  readonly batchSize?: number;
}

export interface ReadAllOptions {
  /** Exclusive lower bound: events strictly after this position. 0n reads from the start. */
  readonly after?: bigint;
  /** Inclusive upper bound on position. */
  readonly upToPosition?: bigint;
  /** Only events recorded at or before this instant (an auditor's "as recorded on"). */
  readonly recordedUpTo?: Date;
  readonly types?: readonly string[];
  readonly batchSize?: number;
  /**
   * Only the events whose data names one of these units (`data.unitId`; '' stands for events that name none): a
   * replay folding units apart reads each share this way. Such a read may end at `upToPosition`, or at the head of
   * the log as it was when the read began, without the events appended since.
   */
  readonly units?: readonly string[];
}

export interface SubscribeOptions {
  readonly after: bigint;
  readonly batchSize?: number;
  readonly types?: readonly string[];
  /** How long to wait between polls once caught up, unless an in-process append wakes the subscriber first. */
  readonly pollIntervalMs?: number;
  readonly signal?: AbortSignal;
}

export interface StreamHead {
  readonly streamId: string;
  readonly version: number;
  readonly chainHash: string;
}

export interface EventStore {
  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream, in batches, never the whole stream at once. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent[]>;
  streamHead(streamId: string): Promise<StreamHead | null>;
  /** The whole log in global order, in batches; only what every reader can already see, so nothing is skipped. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]>;
  /** Catch up from `after`, then follow live appends until the signal aborts. Each batch is handled before the next read. */
  subscribe(options: SubscribeOptions, handle: (batch: RecordedEvent[]) => Promise<void>): Promise<void>;
  /**
   * The highest position a reader can see now; with types, the position of the newest event of those types (0n if
   * none), which is where a projection handling just those types stands once it has caught up.
   */
  headPosition(types?: readonly string[]): Promise<bigint>;
  findEvent(id: string): Promise<RecordedEvent | null>;
  close(): Promise<void>;
}
