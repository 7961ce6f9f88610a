import { hash as oneShotHash } from 'node:crypto';

import type { AppendMetadata, EventToAppend, JsonValue } from './event-store.port';

/**
 * Canonical JSON: object keys sorted, no whitespace. jsonb reorders keys, so the hash must not depend on the order
 * the writer used; stored and recomputed content then hash alike. Written as one pass of string appends because it
 * runs for every event appended and verified: the `map`/`join` version cost ~3× `JSON.stringify` (bench/README.md).
 * Absent (`undefined`) members are skipped as `JSON.stringify` skips them — jsonb never stores them either.
 */
export function canonicalJson(value: JsonValue): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) out += ',';
          const item = value[i];
          out += item === undefined ? 'null' : canonicalJson(item);
        }
        return `${out}]`;
      }
      const keys = Object.keys(value).sort();
      let out = '{';
      for (const key of keys) {
        const member = value[key];
        if (member === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
      }
      return `${out}}`;
    }
    default:
      return 'null';
  }
}

export const GENESIS_HASH = '';

export interface HashedContent {
  readonly id: string;
  readonly streamId: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly schemaVersion: number;
  readonly businessDate: string | null;
  readonly principal: string;
  readonly role: string;
  readonly unitId: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** Everything an auditor relies on is inside the hash: payload and who/why/when-it-happened metadata. */
export function contentHash(e: HashedContent): string {
  return sha256Hex(canonicalContent(e, e.streamId, e, canonicalJson(e.data)));
}

/** What the writer needs of one event: its content hash, and its payload as canonical JSON to send as is. */
export interface HashedEvent {
  readonly contentHash: string;
  readonly canonicalData: string;
}

/** The writer's side of {@link contentHash}: the same hash, without building the merged envelope object. */
export function hashEventToAppend(e: EventToAppend, streamId: string, metadata: AppendMetadata): HashedEvent {
  const canonicalData = canonicalJson(e.data);
  return { contentHash: sha256Hex(canonicalContent(e, streamId, metadata, canonicalData)), canonicalData };
}

/**
 * The canonical envelope, its keys written out in sorted order: exactly `canonicalJson` of the object with these
 * eleven members (a unit test holds the two equal), built without the object.
 */
function canonicalContent(
  e: Pick<HashedContent, 'id' | 'type' | 'schemaVersion' | 'businessDate'>,
  streamId: string,
  m: Pick<HashedContent, 'principal' | 'role' | 'unitId' | 'correlationId' | 'causationId'>,
  canonicalData: string,
): string {
  return (
    `{"businessDate":${canonicalJson(e.businessDate ?? null)},"causationId":${canonicalJson(m.causationId ?? null)},` +
    `"correlationId":${JSON.stringify(m.correlationId)},"data":${canonicalData},"id":${JSON.stringify(e.id)},` +
    `"principal":${JSON.stringify(m.principal)},"role":${JSON.stringify(m.role)},` +
    `"schemaVersion":${canonicalJson(e.schemaVersion)},"streamId":${JSON.stringify(streamId)},` +
    `"type":${JSON.stringify(e.type)},"unitId":${canonicalJson(m.unitId ?? null)}}`
  );
}

/**
 * Must equal the SQL `encode(sha256(convert_to(prev || content || stamp, 'UTF8')), 'hex')` of the append function,
 * where stamp is the recording time in epoch milliseconds: the chain covers when an event was recorded, so an
 * auditor's "as recorded on" cannot be bent by moving a timestamp.
 */
export function chainHash(previous: string, content: string, recordedAt?: Date): string {
  return chainHashAt(previous, content, recordedAt === undefined ? '' : String(recordedAt.getTime()));
}

/** {@link chainHash} with the stamp already spelled as epoch milliseconds (as the verifier reads it from SQL). */
export function chainHashAt(previous: string, content: string, stamp: string): string {
  return sha256Hex(previous + content + stamp);
}

/** One-shot `crypto.hash` (Node ≥ 20.12): no Hash object per call, and the verifier makes millions of calls. */
export function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
}

/**
 * Merkle root over an ordered run of hex hashes, built incrementally (a binary counter of perfect subtrees) so a seal
 * over millions of events holds O(log n) hashes in memory. Leftover subtrees are folded right to left at the end.
 */
export class MerkleAccumulator {
  private readonly stack: { height: number; hash: string }[] = [];
  private count = 0;

  push(leaf: string): void {
    let node = { height: 0, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.height === node.height) {
      const left = this.stack.pop()!;
      node = { height: node.height + 1, hash: sha256Hex(left.hash + node.hash) };
    }
    this.stack.push(node);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  root(): string {
    if (this.stack.length === 0) return sha256Hex('');
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) hash = sha256Hex(this.stack[i]!.hash + hash);
    return hash;
  }
}
