import { createHash } from 'node:crypto';

/** RFC 4122 version-5 style id (sha1 of namespace + name): the same idempotency key always names the same event. */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update('ledger-idempotency:').update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
