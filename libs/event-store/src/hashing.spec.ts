import { createHash } from 'node:crypto';

import fc from 'fast-check';

import type { AppendMetadata, EventToAppend, JsonObject, JsonValue } from './event-store.port';
import { canonicalJson, contentHash, hashEventToAppend, sha256Hex } from './hashing';

/** The first, obviously-correct canonical serialiser: the fast one must agree with it on every JSON value. */
function referenceCanonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson(value[k]!)}`).join(',')}}`;
}

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const jsonObject = fc.dictionary(fc.string(), json) as fc.Arbitrary<JsonObject>;
const nullableText = fc.option(fc.string(), { nil: null });

describe('hashing', () => {
  it('canonicalJson equals the reference serialiser on arbitrary JSON, unicode and nesting included', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('canonicalJson does not depend on key order, and skips absent members as jsonb does', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe(canonicalJson({ a: [true, null, 'x'], b: 1 }));
    expect(canonicalJson({ b: 1, a: undefined } as unknown as JsonValue)).toBe('{"b":1}');
    expect(canonicalJson(-0)).toBe('0');
  });

  it("the writer's hash equals contentHash of the merged envelope, field for field", () => {
    const event = fc.record({
      id: fc.uuid(),
      type: fc.string(),
      data: jsonObject,
      schemaVersion: fc.integer({ min: 1, max: 9 }),
      businessDate: nullableText,
    });
    const metadata = fc.record({
      principal: fc.string(),
      role: fc.string(),
      unitId: nullableText,
      correlationId: fc.string(),
      causationId: nullableText,
    });
    fc.assert(
      fc.property(event, fc.string(), metadata, (e: EventToAppend, streamId: string, m: AppendMetadata) => {
        const hashed = hashEventToAppend(e, streamId, m);
        expect(hashed.contentHash).toBe(contentHash({ ...e, streamId, ...m }));
        expect(hashed.canonicalData).toBe(referenceCanonicalJson(e.data));
        const envelope = referenceCanonicalJson({ ...e, streamId, ...m } as unknown as JsonValue);
        expect(hashed.contentHash).toBe(createHash('sha256').update(envelope, 'utf8').digest('hex'));
      }),
      { numRuns: 1000 },
    );
  });

  it('sha256Hex is sha256 of the UTF-8 bytes', () => {
    expect(sha256Hex('常宁')).toBe(createHash('sha256').update(Buffer.from('常宁', 'utf8')).digest('hex'));
  });
});
