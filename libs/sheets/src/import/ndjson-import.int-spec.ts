import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Backend } from '@ledger/event-store';
import type { Principal } from '@ledger/ledger';

import { importNdjson } from './ndjson-import';

const office: Principal = { id: 'importer', role: 'brigade_office', unitId: 'changning', squadId: null };
const accident = (id: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    command: 'RecordAccident',
    input: {
      accidentId: id,
      unitId: 'changning',
      squadId: 'chengqu',
      occurredOn: '2020-05-12',
      procedure: 'SIMPLE',
      deaths: 0,
      injuries: 0,
      directLossFen: 1000,
      ...over,
    },
  });
const tally = JSON.stringify({
  command: 'RecordTally',
  input: {
    unitId: 'changning',
    squadId: 'cheguan',
    businessDate: '2020-05-12',
    category: 'VEHICLE_REGISTRATION',
    count: 31,
  },
});

describe.each(testBackendKinds())('ledger import FILE.ndjson (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openTestBackend(kind);
  });
  afterAll(async () => backend?.close());

  it('reports every bad line by number and field, and appends nothing', async () => {
    const file = [
      accident('N1'),
      '{"command": "RecordAccident", "input": {"accidentId": "N2"',
      accident('N3', { deaths: -2 }),
      accident('N1'),
      tally,
    ].join('\n');
    const report = await importNdjson(backend.store, file, { principal: office });
    expect(report.committed).toBe(false);
    expect(report.problems.map((p) => [p.line, p.field])).toEqual([
      [2, null],
      [3, 'deaths'],
      [4, null],
    ]);
    expect(report.problems[2]!.message).toContain('已登记');
    expect(await backend.store.headPosition()).toBe(0n);
  });

  it('posts a clean file once; importing it again appends nothing', async () => {
    const file = [accident('N1'), accident('N2'), tally, tally].join('\n');
    const first = await importNdjson(backend.store, file, { principal: office });
    expect(first).toMatchObject({ committed: true, posted: 4, alreadyImported: 0, problems: [] });
    const head = await backend.store.headPosition();
    const again = await importNdjson(backend.store, file, { principal: office });
    expect(again).toMatchObject({ committed: true, posted: 0, alreadyImported: 4 });
    expect(await backend.store.headPosition()).toBe(head);
  });

  it('with skipInvalid, posts the good lines and reports the rest', async () => {
    const report = await importNdjson(
      backend.store,
      [accident('N9'), accident('N10', { procedure: 'NOPE' })].join('\n'),
      {
        principal: office,
        skipInvalid: true,
      },
    );
    expect(report).toMatchObject({ committed: true, posted: 1 });
    expect(report.problems.map((p) => [p.line, p.field])).toEqual([[2, 'procedure']]);
  });
});
