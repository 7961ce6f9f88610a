import { randomUUID } from 'node:crypto';

import { aClerk, openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Backend, JsonObject } from '@ledger/event-store';

import { ProjectionEngine } from '../engine/projection-engine';
import { ViewMigrations } from '../schema';
import { casesProjection } from './cases.projection';

const counts = (backend: Backend) =>
  backend.sql.query<{ day: string; measure: string; value: string }>(
    `SELECT day::text, measure, value::text FROM activity_counts WHERE measure LIKE 'cases.%' ORDER BY day, measure`,
  );

describe.each(testBackendKinds())('cases projection on the database (%s)', (kind) => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await openTestBackend(kind, { migrations: ViewMigrations });
  });
  afterEach(async () => backend?.close());

  const append = (type: string, data: JsonObject, businessDate: string | null) =>
    backend.store.append(
      `criminal-case-changning-${String(data.caseNo)}`,
      [{ id: randomUUID(), type, data, schemaVersion: 1, businessDate }],
      { expectedVersion: 'any', metadata: aClerk },
    );

  it('remembers applied measures across batches, so a void in a later batch takes every one back', async () => {
    // One event per batch: the case row and its measures must round-trip through the table each time.
    const engine = new ProjectionEngine(backend.store, backend.sql, [casesProjection], { batchSize: 1 });
    await engine.register();
    const base = { caseNo: 'X1', unitId: 'changning' };
    await append(
      'CriminalCaseFiled',
      { ...base, squadId: 'chengqu', filedOn: '2020-05-12', offence: 'OTHER' },
      '2020-05-12',
    );
    await append(
      'CoerciveMeasureApplied',
      { ...base, personRef: 'P1', measure: 'CRIMINAL_DETENTION', appliedOn: '2020-05-13' },
      '2020-05-13',
    );
    await append(
      'CoerciveMeasureApplied',
      { ...base, personRef: 'P1', measure: 'ARREST', appliedOn: '2020-05-20' },
      '2020-05-20',
    );
    await engine.catchUp();
    expect(await counts(backend)).toEqual([
      { day: '2020-05-12', measure: 'cases.criminal_filed', value: '1' },
      { day: '2020-05-13', measure: 'cases.criminal_detention', value: '1' },
      { day: '2020-05-20', measure: 'cases.arrest', value: '1' },
    ]);

    await append('CriminalCaseVoided', { ...base, reason: '重复立案' }, '2020-05-12');
    await engine.catchUp();
    expect(await counts(backend)).toEqual([]);
    const [row] = await backend.sql.query<{ status: string; n: number }>(
      'SELECT status, jsonb_array_length(applied_measures) AS n FROM criminal_cases',
    );
    expect(row).toEqual({ status: 'voided', n: 2 });

    await engine.rebuild('cases');
    expect(await counts(backend)).toEqual([]);
  });
});
