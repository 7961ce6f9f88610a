import { contentHash } from '../hashing';
import { aClerk, anEvent } from '../testing/event-builders';
import {
  chunkForImport,
  decodeRecord,
  encodeMetadata,
  isLedgerEvent,
  ledgerFilter,
  markerEventId,
  markerStream,
  readFrom,
  sourcePositionOf,
  toLedgerPosition,
  type StoredRecord,
} from './kurrentdb-mapping';

describe('KurrentDB mapping (pure; the adapter itself needs a server)', () => {
  it('maps a $all position to one number and refuses a record of an explicit transaction', () => {
    expect(toLedgerPosition({ commit: 4096n, prepare: 4096n })).toBe(4096n);
    expect(() => toLedgerPosition({ commit: 5000n, prepare: 4100n })).toThrow(/explicit transaction/);
    expect(readFrom(0n)).toBe('start');
    expect(readFrom(4096n)).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it('round-trips every field of our metadata through flat string metadata', () => {
    const e = anEvent({ data: { deaths: 1, note: '城区中队' } });
    const meta = { ...aClerk, causationId: 'cmd-7' };
    const hash = contentHash({ ...e, streamId: 's-1', ...meta });
    const encoded = encodeMetadata(meta, {
      schemaVersion: e.schemaVersion,
      businessDate: e.businessDate,
      contentHash: hash,
      chainHash: 'c'.repeat(64),
    });
    expect(Object.values(encoded).every((v) => typeof v === 'string')).toBe(true);
    expect(encoded).toMatchObject({ $correlationId: 'corr-1', $causationId: 'cmd-7' });
    const created = new Date('2026-01-02T03:04:05.678Z');
    const record: StoredRecord = {
      streamId: 's-1',
      id: e.id,
      revision: 3n,
      type: e.type,
      data: e.data,
      metadata: encoded,
      created,
      position: { commit: 77n, prepare: 77n },
    };
    const decoded = decodeRecord(record, 77n);
    expect(decoded).toMatchObject({
      position: 77n,
      streamId: 's-1',
      streamVersion: 3,
      id: e.id,
      data: { deaths: 1, note: '城区中队' },
      schemaVersion: 1,
      businessDate: '2020-05-12',
      recordedAt: created,
      principal: 'clerk-01',
      role: 'squad_clerk',
      unitId: 'changning',
      correlationId: 'corr-1',
      causationId: 'cmd-7',
      contentHash: hash,
      chainHash: 'c'.repeat(64),
    });
    expect(contentHash(decoded)).toBe(hash);
    expect(sourcePositionOf(record)).toBeNull();
  });

  it('keeps nulls as absent keys, and an imported event its original recorded-at and source position', () => {
    const encoded = encodeMetadata(
      { ...aClerk, unitId: null },
      {
        schemaVersion: 2,
        businessDate: null,
        contentHash: 'a',
        chainHash: 'b',
        recordedAt: new Date('2024-05-06T07:08:09.010Z'),
        sourcePosition: 12345678901234567n,
      },
    );
    expect(Object.keys(encoded)).not.toEqual(
      expect.arrayContaining(['unitId', 'businessDate', '$causationId']),
    );
    const record: StoredRecord = {
      streamId: 's',
      id: 'x',
      revision: 0n,
      type: 'T',
      data: {},
      metadata: encoded,
      created: new Date(),
    };
    const decoded = decodeRecord(record, 1n);
    expect(decoded).toMatchObject({ unitId: null, businessDate: null, causationId: null, schemaVersion: 2 });
    expect(decoded.recordedAt.toISOString()).toBe('2024-05-06T07:08:09.010Z');
    expect(sourcePositionOf(record)).toBe(12345678901234567n);
    expect(() => decodeRecord({ ...record, metadata: { principal: 'p' } }, 1n)).toThrow(
      /has no schemaVersion/,
    );
  });

  it('filters out system streams and marker streams on the server, or keeps exactly the asked types', () => {
    const byStream = ledgerFilter();
    expect(byStream.filterOn).toBe('streamName');
    const streamRegex = new RegExp('regex' in byStream ? byStream.regex : '');
    expect(['case-1', 'accident-u01-9'].every((s) => streamRegex.test(s))).toBe(true);
    expect(
      ['$stats-127.0.0.1:2113', '$$case-1', '$ce-case', markerStream('e1')].some((s) => streamRegex.test(s)),
    ).toBe(false);
    const byType = ledgerFilter(['AccidentRecorded', 'A.b']);
    expect(byType.filterOn).toBe('eventType');
    const typeRegex = new RegExp('regex' in byType ? byType.regex : '');
    expect(typeRegex.test('AccidentRecorded')).toBe(true);
    expect(typeRegex.test('A.b')).toBe(true);
    expect(typeRegex.test('Axb')).toBe(false);
    expect(typeRegex.test('AccidentRecordedX')).toBe(false);
    expect(isLedgerEvent('case-1', 'T')).toBe(true);
    expect(
      isLedgerEvent('$stats', 'T') || isLedgerEvent(markerStream('x'), 'T') || isLedgerEvent('s', '$>'),
    ).toBe(false);
  });

  it('derives a stable marker id per event id', () => {
    expect(markerEventId('a')).toBe(markerEventId('a'));
    expect(markerEventId('a')).not.toBe(markerEventId('b'));
    expect(markerEventId('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('cuts an import into ordered atomic appends, one request per stream per append', () => {
    const e = (streamId: string, n: number) => ({ streamId, n });
    const events = [e('a', 1), e('a', 2), e('b', 3), e('c', 4), e('a', 5), e('b', 6), e('b', 7)];
    const chunks = chunkForImport(events, 100);
    expect(chunks.map((c) => c.map((run) => run.map((x) => x.n)))).toEqual([
      [[1, 2], [3], [4]],
      [[5], [6, 7]],
    ]);
    expect(chunks.flat(2).map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(chunkForImport(events, 2).map((c) => c.flat().length)).toEqual([2, 2, 2, 1]);
  });
});
