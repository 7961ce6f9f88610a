import { randomUUID } from 'node:crypto';

import { aClerk, openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Backend, JsonObject } from '@ledger/event-store';

import { ProjectionEngine } from '../engine/projection-engine';
import { ViewMigrations } from '../schema';
import { talliesProjection } from './tallies.projection';

const counts = (backend: Backend) =>
  backend.sql.query<{ squad_id: string; day: string; measure: string; value: string; lower_bound: boolean }>(
    `SELECT squad_id, day::text AS day, measure, value::text AS value, lower_bound
       FROM activity_counts WHERE measure LIKE 'tally.%' ORDER BY squad_id, day, measure`,
  );

describe.each(testBackendKinds())('tallies projection over the database (%s)', (kind) => {
  let backend: Backend;
  let engine: ProjectionEngine;
  beforeEach(async () => {
    backend = await openTestBackend(kind, { migrations: ViewMigrations });
    engine = new ProjectionEngine(backend.store, backend.sql, [talliesProjection]);
    await engine.register();
  });
  afterEach(async () => backend?.close());

  const append = async (stream: string, type: string, data: JsonObject) => {
    const id = randomUUID();
    await backend.store.append(
      stream,
      [{ id, type, data, schemaVersion: 1, businessDate: data.businessDate as string }],
      { expectedVersion: 'any', metadata: aClerk },
    );
    return id;
  };
  const target = { unitId: 'changning', squadId: 'gaosu', businessDate: '2020-02-10' };

  it('applies a correction posted in a later batch to the day of the original, and a rebuild agrees', async () => {
    const original = await append('tally-changning-2020', 'TallyRecorded', {
      ...target,
      category: 'VEHICLES_SCREENED',
      count: 2100,
      qualifier: 'AT_LEAST',
      sourceRef: null,
    });
    await append('tally-changning-2020', 'TallyRecorded', {
      ...target,
      squadId: 'chengqu',
      category: 'EBIKE_PLATE',
      count: 31,
      qualifier: 'EXACT',
      sourceRef: null,
    });
    await engine.catchUp();
    expect(await counts(backend)).toEqual([
      {
        squad_id: 'chengqu',
        day: '2020-02-10',
        measure: 'tally.ebike_plate',
        value: '31',
        lower_bound: false,
      },
      {
        squad_id: 'gaosu',
        day: '2020-02-10',
        measure: 'tally.vehicles_screened',
        value: '2100',
        lower_bound: true,
      },
    ]);

    await append(`tally-fix-${original}`, 'TallyCorrected', {
      ...target,
      targetEventId: original,
      count: 2134,
      qualifier: 'EXACT',
      reason: '核对台账',
    });
    await engine.catchUp();
    const live = await counts(backend);
    expect(live[1]).toEqual({
      squad_id: 'gaosu',
      day: '2020-02-10',
      measure: 'tally.vehicles_screened',
      value: '2134',
      lower_bound: false,
    });

    await append(`tally-fix-${original}`, 'TallyVoided', {
      ...target,
      targetEventId: original,
      reason: '重复',
    });
    await engine.catchUp();
    const afterVoid = await counts(backend);
    expect(afterVoid.map((r) => r.measure)).toEqual(['tally.ebike_plate']);

    await engine.rebuild('tallies');
    expect(await counts(backend)).toEqual(afterVoid);
  });
});
