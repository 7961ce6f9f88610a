import { randomUUID } from 'node:crypto';

import {
  IdempotencyConflictError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type JsonObject,
} from '@ledger/event-store';

import { authorize } from './authorize';
import type { AnyCommandDefinition } from './command-definition';
import { shanghaiDate } from './dates';
import type { DomainEvent } from './event';
import { conflict } from './errors';
import { deterministicUuid } from './ids';
import type { Principal } from './principal';
import { SCHEMA_VERSIONS } from './schema-versions';

export interface CommandMeta {
  readonly principal: Principal;
  readonly now: Date;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  /** A client's retry key: the same key from the same principal returns the first outcome and appends nothing. */
  readonly idempotencyKey?: string;
  /** The stream version the client last saw; a mismatch is a 409 instead of a silent re-decision. */
  readonly expectedVersion?: number;
}

export interface CommandOutcome {
  readonly command: string;
  readonly streamId: string;
  readonly events: readonly { id: string; type: string; position: string }[];
  readonly streamVersion: number;
  readonly idempotentReplay: boolean;
}

const MAX_ATTEMPTS = 5;

/** Read the stream, fold it with evolve, decide, append with the version read — the only impure step. */
export async function runCommand(
  store: EventStore,
  definition: AnyCommandDefinition,
  dto: object,
  meta: CommandMeta,
): Promise<CommandOutcome> {
  authorize(definition, dto, meta.principal);
  const streamId = definition.streamOf(dto);
  const command = definition.toCommand(dto);
  const idOf = (index: number) =>
    meta.idempotencyKey
      ? deterministicUuid(`${meta.principal.id}\u0000${meta.idempotencyKey}\u0000${index}`)
      : randomUUID();
  const correlationId =
    meta.correlationId ??
    (meta.idempotencyKey ? deterministicUuid(`corr:${meta.idempotencyKey}`) : randomUUID());

  // A retry is recognised where it fails, not up front: the happy path costs no extra lookup. A retried command
  // either decides the same events again (the store sees their ids and returns the first result) or is refused
  // because its first attempt already changed the state — then its events are found by their ids.
  const replayOr = async (error: unknown): Promise<CommandOutcome> => {
    if (meta.idempotencyKey) {
      const previous = await replayOf(store, definition.name, idOf);
      if (previous) return previous;
    }
    throw error;
  };

  const metadata = {
    principal: meta.principal.id,
    role: meta.principal.role,
    unitId: definition.unitOf(dto),
    correlationId,
    causationId: meta.causationId ?? null,
  };
  const toAppend = (decided: readonly DomainEvent[]): EventToAppend[] =>
    decided.map((e, i) => ({
      id: idOf(i),
      type: e.type,
      data: e.data as JsonObject,
      schemaVersion: SCHEMA_VERSIONS[e.type] ?? 1,
      businessDate: e.businessDate,
    }));
  const outcome = (events: readonly EventToAppend[], result: AppendResult): CommandOutcome => ({
    command: definition.name,
    streamId,
    events: events.map((e, i) => ({ id: e.id, type: e.type, position: result.positions[i]!.toString() })),
    streamVersion: result.nextExpectedVersion,
    idempotentReplay: result.idempotentReplay,
  });
  const decisionContext = { principal: meta.principal, now: meta.now, today: shanghaiDate(meta.now) };

  // A new record's stream does not exist yet: decide on the empty state and append with no_stream, one read fewer.
  // An existing stream fails the append on its version (or, for a retried request, returns the first result by its
  // event ids); a refusal or an empty decision on the empty state is not trusted. Either way, on to the full path.
  if (
    definition.createsStream &&
    !definition.stateless &&
    !definition.alsoReads &&
    meta.expectedVersion === undefined
  ) {
    let decided: readonly DomainEvent[] = [];
    try {
      decided = definition.decider.decide(command, definition.decider.initialState(), decisionContext);
    } catch {
      decided = [];
    }
    if (decided.length > 0) {
      const events = toAppend(decided);
      try {
        return outcome(
          events,
          await store.append(streamId, events, { expectedVersion: 'no_stream', metadata }),
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError || error instanceof IdempotencyConflictError))
          throw error;
      }
    }
  }

  for (let attempt = 1; ; attempt += 1) {
    const { state, version } = definition.stateless
      ? { state: definition.decider.initialState(), version: -1 }
      : await foldStream(store, streamId, definition, definition.alsoReads?.(dto) ?? []);
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== version) {
      return replayOr(new WrongExpectedVersionError(streamId, String(meta.expectedVersion), version));
    }
    let decided: readonly DomainEvent[];
    try {
      decided = definition.decider.decide(command, state, decisionContext);
    } catch (error) {
      return replayOr(error);
    }
    if (decided.length === 0) {
      // Nothing to do now — possibly because this very request already did it.
      if (meta.idempotencyKey) {
        const previous = await replayOf(store, definition.name, idOf);
        if (previous) return previous;
      }
      return {
        command: definition.name,
        streamId,
        events: [],
        streamVersion: version,
        idempotentReplay: false,
      };
    }
    const events = toAppend(decided);
    const expected: ExpectedVersion = definition.stateless ? 'any' : version < 0 ? 'no_stream' : version;
    try {
      return outcome(events, await store.append(streamId, events, { expectedVersion: expected, metadata }));
    } catch (error) {
      // Someone appended between our read and our write: decide again on the new state, unless the client pinned a version.
      if (
        error instanceof WrongExpectedVersionError &&
        meta.expectedVersion === undefined &&
        attempt < MAX_ATTEMPTS
      )
        continue;
      if (error instanceof IdempotencyConflictError && meta.idempotencyKey) {
        const previous = await replayOf(store, definition.name, idOf);
        if (previous) return previous;
        throw conflict(
          'LEDGER.IDEMPOTENCY_KEY_REUSED',
          '幂等键已用于其他内容',
          'idempotency key reused for other content',
        );
      }
      throw error;
    }
  }
}

async function replayOf(
  store: EventStore,
  commandName: string,
  idOf: (index: number) => string,
): Promise<CommandOutcome | null> {
  const first = await store.findEvent(idOf(0));
  if (!first) return null;
  const events = [first];
  for (let i = 1; ; i += 1) {
    const next = await store.findEvent(idOf(i));
    if (!next) break;
    events.push(next);
  }
  return {
    command: commandName,
    streamId: first.streamId,
    events: events.map((e) => ({ id: e.id, type: e.type, position: e.position.toString() })),
    streamVersion: events[events.length - 1]!.streamVersion,
    idempotentReplay: true,
  };
}

export async function foldStream(
  store: EventStore,
  streamId: string,
  definition: Pick<AnyCommandDefinition, 'decider'>,
  contextStreams: readonly string[] = [],
): Promise<{ state: unknown; version: number }> {
  let state = definition.decider.initialState();
  for (const contextStream of contextStreams) {
    for await (const batch of store.readStream(contextStream)) {
      for (const e of batch) {
        state = definition.decider.evolve(state, {
          type: e.type,
          data: e.data,
          businessDate: e.businessDate,
        } as DomainEvent);
      }
    }
  }
  let version = -1;
  for await (const batch of store.readStream(streamId)) {
    for (const e of batch) {
      state = definition.decider.evolve(state, {
        type: e.type,
        data: e.data,
        businessDate: e.businessDate,
      } as DomainEvent);
      version = e.streamVersion;
    }
  }
  return { state, version };
}
