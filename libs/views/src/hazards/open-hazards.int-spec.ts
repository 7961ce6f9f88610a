import { randomUUID } from 'node:crypto';

import { aClerk, openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Backend, JsonObject } from '@ledger/event-store';

import { ProjectionEngine } from '../engine/projection-engine';
import { organisationProjection } from '../organisation/organisation.projection';
import { ViewMigrations } from '../schema';
import { hazardsProjection } from './hazards.projection';
import { GetOpenHazardsHandler, GetOpenHazardsQuery } from './open-hazards.query';

describe.each(testBackendKinds())('hazards standing on a date (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openTestBackend(kind, { migrations: ViewMigrations });
    const append = (stream: string, type: string, data: JsonObject, businessDate: string) =>
      backend.store.append(stream, [{ id: randomUUID(), type, data, schemaVersion: 1, businessDate }], {
        expectedVersion: 'any',
        metadata: aClerk,
      });
    await append(
      'unit-chengqu',
      'UnitEstablished',
      {
        unitId: 'chengqu',
        name: '城区中队',
        kind: 'SQUAD',
        parentId: 'changning',
        establishedOn: '2000-01-01',
      },
      '2000-01-01',
    );
    const identify = (unitId: string, hazardId: string, identifiedOn: string, kind = 'ROAD') =>
      append(
        `hazard-${unitId}-${hazardId}`,
        'HazardIdentified',
        { hazardId, unitId, squadId: 's', identifiedOn, kind, description: 'x', provinciallyListed: false },
        identifiedOn,
      );
    const rectify = (unitId: string, hazardId: string, rectifiedOn: string) =>
      append(
        `hazard-${unitId}-${hazardId}`,
        'HazardRectified',
        { hazardId, unitId, rectifiedOn },
        rectifiedOn,
      );
    await identify('changning', 'h1', '2019-12-01');
    await identify('changning', 'h2', '2020-03-01');
    await identify('chengqu', 'h3', '2020-04-01');
    await identify('changning', 'h4', '2020-05-01', 'ROADSIDE_MARKET');
    await identify('changning', 'h5', '2020-05-02');
    await rectify('changning', 'h1', '2020-02-01');
    await rectify('chengqu', 'h3', '2020-06-01');
    await rectify('changning', 'h4', '2020-11-01');
    await append(
      'hazard-changning-h5',
      'HazardVoided',
      { hazardId: 'h5', unitId: 'changning', reason: '重复' },
      '2020-05-02',
    );
    const engine = new ProjectionEngine(backend.store, backend.sql, [
      organisationProjection,
      hazardsProjection,
    ]);
    await engine.register();
    await engine.catchUp();
  });
  afterAll(async () => backend?.close());

  const ask = (asOf: string, foundFrom?: string) =>
    new GetOpenHazardsHandler(backend.dataSource).execute(
      new GetOpenHazardsQuery({ unitId: 'changning', asOf, foundFrom }),
    );

  it('counts found on or before the date, rectified by then, over the unit and its sub-units, voids excluded', async () => {
    const r = await ask('2020-10-31', '2020-01-01');
    expect(r.byKind).toEqual([
      { kind: 'ROAD', kindZh: '道路隐患', found: 2, rectified: 1, open: 1 },
      { kind: 'ROADSIDE_MARKET', kindZh: '马路市场', found: 1, rectified: 0, open: 1 },
    ]);
    expect(r.total).toMatchObject({ found: 3, rectified: 1, open: 2 });
    expect(r.rectifiedPct).toBe('33.3');
  });

  it('answers any earlier date from the same rows', async () => {
    const r = await ask('2020-05-15');
    expect(r.total).toMatchObject({ found: 4, rectified: 1, open: 3 });
    expect((await ask('2019-12-31')).total).toMatchObject({ found: 1, rectified: 0, open: 1 });
    expect((await ask('2019-11-30')).rectifiedPct).toBeNull();
  });
});
