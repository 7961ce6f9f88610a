import { createHash } from 'node:crypto';

import type { JsonValue } from './event-store.port';

/**
 * Canonical JSON: object keys sorted, no whitespace. jsonb reorders keys, so the hash must not depend on the order
 * the writer used; stored and recomputed content then hash alike.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
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
  const canonical = canonicalJson({
    id: e.id,
    streamId: e.streamId,
    type: e.type,
    data: e.data,
    schemaVersion: e.schemaVersion,
    businessDate: e.businessDate,
    principal: e.principal,
    role: e.role,
    unitId: e.unitId,
    correlationId: e.correlationId,
    causationId: e.causationId,
  });
  return sha256Hex(canonical);
}

/**
 * Must equal the SQL `encode(sha256(convert_to(prev || content || stamp, 'UTF8')), 'hex')` of the append function,
 * where stamp is the recording time in epoch milliseconds: the chain covers when an event was recorded, so an
 * auditor's "as recorded on" cannot be bent by moving a timestamp.
 */
export function chainHash(previous: string, content: string, recordedAt?: Date): string {
  return sha256Hex(previous + content + (recordedAt === undefined ? '' : String(recordedAt.getTime())));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
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
