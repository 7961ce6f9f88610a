import { createHash } from 'node:crypto';

import fc from 'fast-check';

import type { AppendMetadata, EventToAppend, JsonObject, JsonValue } from './event-store.port';
import { appendHasher, canonicalJson, contentHash, sha256Hex } from './hashing';

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

  it('orders keys that look like array indices, and an own __proto__, as strings like every other key', () => {
    // Objects list index-like keys first, in numeric order, whatever order they were added in; canonical JSON must not.
    const indexed = {
      b: 1,
      10: 'x',
      9: 'y',
      a: { 2: true, 10: [{ 1: null, a: 0 }] },
    } as unknown as JsonValue;
    expect(canonicalJson(indexed)).toBe('{"10":"x","9":"y","a":{"10":[{"1":null,"a":0}],"2":true},"b":1}');
    const withProto = JSON.parse('{"z":1,"__proto__":{"b":2,"a":1}}') as JsonValue;
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"a":1,"b":2},"z":1}');
    const indexKeys = fc.dictionary(
      fc.oneof(fc.string(), fc.nat().map(String)),
      json,
    ) as fc.Arbitrary<JsonObject>;
    fc.assert(
      fc.property(fc.array(indexKeys, { maxLength: 3 }), (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('writes an object that is not plain by its own keys, never by its toJSON, and non-JSON values as null', () => {
    const when = new Date(0);
    expect(canonicalJson({ when } as unknown as JsonValue)).toBe('{"when":{}}');
    expect(canonicalJson([undefined, 1n, () => 1] as unknown as JsonValue)).toBe('[null,null,null]');
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
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 3 }),
        fc.string(),
        metadata,
        (events: EventToAppend[], streamId: string, m: AppendMetadata) => {
          // One hasher serves the whole append: what it writes once must not leak from one event into the next.
          const hash = appendHasher(streamId, m);
          for (const e of events) {
            const hashed = hash(e);
            expect(hashed.contentHash).toBe(contentHash({ ...e, streamId, ...m }));
            expect(hashed.canonicalData).toBe(referenceCanonicalJson(e.data));
            const envelope = referenceCanonicalJson({ ...e, streamId, ...m } as unknown as JsonValue);
            expect(hashed.contentHash).toBe(createHash('sha256').update(envelope, 'utf8').digest('hex'));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('sha256Hex is sha256 of the UTF-8 bytes', () => {
    expect(sha256Hex('常宁')).toBe(createHash('sha256').update(Buffer.from('常宁', 'utf8')).digest('hex'));
  });
});
