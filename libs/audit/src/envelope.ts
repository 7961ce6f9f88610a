import type { JsonObject, RecordedEvent } from '@ledger/event-store';

/** An event with its whole envelope as JSON: positions as strings (they pass 2^53), instants as ISO strings. */
export interface EventEnvelopeJson {
  readonly position: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly schemaVersion: number;
  readonly businessDate: string | null;
  readonly recordedAt: string;
  readonly principal: string;
  readonly role: string;
  readonly unitId: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly contentHash: string;
  readonly chainHash: string;
}

export function toEnvelopeJson(e: RecordedEvent): EventEnvelopeJson {
  return {
    position: e.position.toString(),
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    id: e.id,
    type: e.type,
    data: e.data,
    schemaVersion: e.schemaVersion,
    businessDate: e.businessDate,
    recordedAt: e.recordedAt.toISOString(),
    principal: e.principal,
    role: e.role,
    unitId: e.unitId,
    correlationId: e.correlationId,
    causationId: e.causationId,
    contentHash: e.contentHash,
    chainHash: e.chainHash,
  };
}
