import { hash as oneShotHash } from 'node:crypto';

import type { AppendMetadata, EventToAppend, JsonValue } from './event-store.port';

/**
 * Canonical JSON: object keys sorted, no whitespace. jsonb reorders keys, so the hash must not depend on the order
 * the writer used; stored and recomputed content then hash alike. It runs for every event appended and verified, so
 * the usual case is a copy of the value with its keys inserted in sorted order, written out by the engine's own
 * `JSON.stringify` (~40 % less time than writing it by hand on the bench's payloads). The copy cannot order keys that
 * look like array indices — objects list those first, in numeric order — nor hold an own `__proto__`; values with
 * such keys are written by hand instead ({@link canonicalJsonByHand}), with the same result.
 * Absent (`undefined`) members are skipped as `JSON.stringify` skips them — jsonb never stores them either.
 */
export function canonicalJson(value: JsonValue): string {
  const sorted = withSortedKeys(value);
  return sorted === UNORDERABLE ? canonicalJsonByHand(value) : JSON.stringify(sorted);
}

const UNORDERABLE = Symbol('unorderable');

/**
 * `value` with every object's keys inserted in sorted order, or {@link UNORDERABLE}. Anything that is not JSON
 * becomes null, as {@link canonicalJsonByHand} writes it; a fresh plain object also means no `toJSON` is called.
 */
function withSortedKeys(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number': // JSON.stringify writes a non-finite number as null and -0 as 0, as canonicalJsonByHand does
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (let i = 0; i < value.length; i += 1) {
          const item = withSortedKeys(value[i]);
          if (item === UNORDERABLE) return UNORDERABLE;
          items.push(item);
        }
        return items;
      }
      const source = value as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(source).sort()) {
        const first = key.charCodeAt(0);
        if ((first >= 48 && first <= 57) || key === '__proto__') return UNORDERABLE;
        const member = source[key];
        if (member === undefined) continue;
        const item = withSortedKeys(member);
        if (item === UNORDERABLE) return UNORDERABLE;
        copy[key] = item;
      }
      return copy;
    }
    default:
      return null;
  }
}

/** {@link canonicalJson} written as one pass of string appends, for the values the sorted copy cannot hold. */
function canonicalJsonByHand(value: JsonValue): string {
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
          out += item === undefined ? 'null' : canonicalJsonByHand(item);
        }
        return `${out}]`;
      }
      const keys = Object.keys(value).sort();
      let out = '{';
      for (const key of keys) {
        const member = value[key];
        if (member === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(key)}:${canonicalJsonByHand(member)}`;
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
  return sha256Hex(new CanonicalEnvelope(e.streamId, e).write(e, canonicalJson(e.data)));
}

/** What the writer needs of one event: its content hash, and its payload as canonical JSON to send as is. */
export interface HashedEvent {
  readonly contentHash: string;
  readonly canonicalData: string;
}

/**
 * The writer's side of {@link contentHash} for the events of one append: the same hashes, the members every event of
 * the append shares written once, and no merged envelope object built per event.
 */
export function appendHasher(streamId: string, metadata: AppendMetadata): (e: EventToAppend) => HashedEvent {
  const envelope = new CanonicalEnvelope(streamId, metadata);
  return (e) => {
    const canonicalData = canonicalJson(e.data);
    return { contentHash: sha256Hex(envelope.write(e, canonicalData)), canonicalData };
  };
}

/**
 * The canonical envelope, its keys written out in sorted order: exactly `canonicalJson` of the object with these
 * eleven members (a unit test holds the two equal), built without the object. The members an append's events share
 * (stream and metadata) are spelled once, in the constructor.
 */
class CanonicalEnvelope {
  private readonly causationAndCorrelation: string;
  private readonly principalAndRole: string;
  private readonly stream: string;
  private readonly unit: string;

  constructor(
    streamId: string,
    m: Pick<HashedContent, 'principal' | 'role' | 'unitId' | 'correlationId' | 'causationId'>,
  ) {
    this.causationAndCorrelation = `"causationId":${canonicalJson(m.causationId ?? null)},"correlationId":${JSON.stringify(m.correlationId)}`;
    this.principalAndRole = `"principal":${JSON.stringify(m.principal)},"role":${JSON.stringify(m.role)}`;
    this.stream = JSON.stringify(streamId);
    this.unit = canonicalJson(m.unitId ?? null);
  }

  write(
    e: Pick<HashedContent, 'id' | 'type' | 'schemaVersion' | 'businessDate'>,
    canonicalData: string,
  ): string {
    return (
      `{"businessDate":${canonicalJson(e.businessDate ?? null)},${this.causationAndCorrelation},` +
      `"data":${canonicalData},"id":${JSON.stringify(e.id)},${this.principalAndRole},` +
      `"schemaVersion":${canonicalJson(e.schemaVersion)},"streamId":${this.stream},` +
      `"type":${JSON.stringify(e.type)},"unitId":${this.unit}}`
    );
  }
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
