import { aClerk, openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Backend } from '@ledger/event-store';

import { accidentsProjection } from '../counts/accidents.projection';
import { activityCounts, addCount } from '../counts/activity-counts.table';
import { ViewMigrations } from '../schema';
import { accidentEvent, accidentFollowUps } from '../testing/accident-events';
import type { Projection } from './projection';
import { ProjectionEngine } from './projection-engine';

async function post(backend: Backend, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i += 1) {
    const day = `2020-0${1 + (i % 9)}-1${i % 10}`;
    await backend.store.append(`accident-changning-a${i}`, [accidentEvent(i, day)], {
      expectedVersion: 'no_stream',
      metadata: aClerk,
    });
  }
}

const snapshot = (backend: Backend) =>
  backend.sql.query(
    `SELECT unit_id, squad_id, day::text, measure, value::text FROM activity_counts ORDER BY unit_id, squad_id, day, measure`,
  );

describe.each(testBackendKinds())('projection engine (%s)', (kind) => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await openTestBackend(kind, { migrations: ViewMigrations });
  });
  afterEach(async () => backend?.close());

  it('writes rows and checkpoint together: a batch that fails half-way leaves neither', async () => {
    await post(backend, 0, 30);
    let calls = 0;
    const flaky: Projection = {
      ...accidentsProjection,
      apply: async (e, rows) => {
        calls += 1;
        if (calls === 25) throw new Error('crash in the middle of a batch');
        return accidentsProjection.apply(e, rows);
      },
    };
    const crashing = new ProjectionEngine(backend.store, backend.sql, [flaky], { batchSize: 50 });
    await crashing.register();
    await expect(crashing.catchUp()).rejects.toThrow('crash');
    expect(await snapshot(backend)).toEqual([]);
    const healthy = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], { batchSize: 7 });
    await healthy.catchUp();
    const live = await snapshot(backend);
    const [total] = await backend.sql.query<{ n: string }>(
      "SELECT sum(value)::text AS n FROM activity_counts WHERE measure = 'accidents.total'",
    );
    expect(total!.n).toBe('30');

    // A rebuild from zero yields exactly the rows the live run built.
    await healthy.rebuild('accidents');
    expect(await snapshot(backend)).toEqual(live);
  });

  it('rebuilds beside the live tables, which keep serving until the switch', async () => {
    await post(backend, 0, 40);
    const engine = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], {
      batchSize: 10,
      rebuildBatchSize: 10,
    });
    await engine.register();
    await engine.catchUp();
    const before = await snapshot(backend);
    const progress: bigint[] = [];
    let servedDuringRebuild = 0;
    await engine.rebuild('accidents', async (p) => {
      progress.push(p.position);
      servedDuringRebuild = (await snapshot(backend)).length;
    });
    expect(progress.length).toBeGreaterThan(3);
    expect(servedDuringRebuild).toBe(before.length);
    expect(await snapshot(backend)).toEqual(before);
    const [status] = await engine.status();
    expect(status!.position).toBe(status!.lastRelevant);
  });

  it('rebuilds in little memory, writing rows out and loading them back as it goes, to the same rows', async () => {
    // Accidents 90 apart fall on the same day: the second touches day counts the first wrote out long before.
    await post(backend, 0, 30);
    await post(backend, 90, 30);
    const engine = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], {
      batchSize: 10,
      rebuildBatchSize: 4,
      maxRowsInMemory: 5,
    });
    await engine.register();
    await engine.catchUp();
    const before = await snapshot(backend);
    expect(before.length).toBeGreaterThan(20);
    await engine.rebuild('accidents');
    expect(await snapshot(backend)).toEqual(before);
  });

  it('rebuilds every projection sharing a table with the one asked for, so none loses its rows', async () => {
    await post(backend, 0, 12);
    await backend.store.append(
      'other-1',
      [{ ...accidentEvent(99, '2020-03-03'), type: 'OtherCounted', data: { n: 5 } }],
      {
        expectedVersion: 'no_stream',
        metadata: aClerk,
      },
    );
    const other: Projection = {
      name: 'other',
      version: 1,
      tables: [activityCounts],
      handles: ['OtherCounted'],
      apply: async (e, rows) =>
        addCount(
          rows,
          { unitId: 'changning', squadId: null, day: e.businessDate!, measure: 'other.n' },
          BigInt(Number(e.data.n)),
        ),
    };
    const engine = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection, other], {
      batchSize: 5,
    });
    await engine.register();
    await engine.catchUp();
    const before = await snapshot(backend);
    expect(before.some((r) => r.measure === 'other.n')).toBe(true);
    expect(await engine.rebuild('accidents')).toEqual(['accidents', 'other']);
    expect(await snapshot(backend)).toEqual(before);
  });

  it('rebuilds on threads, each folding a share of the units, to the very rows one thread makes', async () => {
    // Five units of unequal size; revisions, closes and voids read the rows their own unit's records wrote, some
    // of them written out long before (a limit of 6 rows makes every share spill and load rows back by key).
    const units = ['u-a', 'u-b', 'u-c', 'u-d', 'u-e'];
    for (let i = 0; i < 60; i += 1) {
      const unitId = units[i % 7 < 3 ? 0 : i % units.length]!;
      const day = `2020-0${1 + (i % 9)}-1${i % 10}`;
      const follow = accidentFollowUps(i, day, unitId);
      await backend.store.append(`accident-${unitId}-a${i}`, [accidentEvent(i, day, unitId)], {
        expectedVersion: 'no_stream',
        metadata: aClerk,
      });
      // Later in the log, after other accidents: the share must find the case it recorded earlier.
      if (follow.length > 0 && i >= 5) {
        await backend.store.append(`accident-${unitId}-a${i}`, follow, {
          expectedVersion: 0,
          metadata: aClerk,
        });
      }
    }
    const cases = (b: Backend) =>
      b.sql.query(
        `SELECT unit_id, accident_id, squad_id, deaths, injuries, direct_loss_fen::text, status, closed_on::text
           FROM accident_cases ORDER BY unit_id, accident_id`,
      );
    const options = { batchSize: 7, rebuildBatchSize: 5, maxRowsInMemory: 6 };
    const alone = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], options);
    await alone.register();
    await alone.catchUp();
    const live = { counts: await snapshot(backend), cases: await cases(backend) };
    expect(new Set(live.cases.map((c) => c['unit_id'])).size).toBe(5);
    expect(live.cases.some((c) => c['status'] === 'voided')).toBe(true);

    const shared = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], {
      ...options,
      threads: { count: 3, backend: backend.config },
    });
    const threads = new Set<number>();
    await shared.rebuild('accidents', (p) => threads.add(p.threads));
    expect({ counts: await snapshot(backend), cases: await cases(backend) }).toEqual(live);
    // PGlite is one session in this process: there the same rebuild folds on one thread.
    expect([...threads]).toEqual([kind === 'postgres' ? 3 : 1]);
    // The keys are there once, with the live tables' names, whichever share asked first.
    const keys = await backend.sql.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('accident_cases', 'activity_counts')
        AND schemaname = current_schema() ORDER BY 1`,
    );
    expect(keys.map((k) => k.name)).toEqual([
      'accident_cases_pkey',
      'activity_counts_measure_day',
      'activity_counts_pkey',
    ]);
  });

  if (kind === 'postgres') {
    it('two projectors running at once never apply a batch twice', async () => {
      await post(backend, 0, 200);
      const a = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], { batchSize: 9 });
      const b = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], { batchSize: 13 });
      await a.register();
      await Promise.all([
        a.catchUp(),
        b.catchUp(),
        post(backend, 200, 50).then(() => Promise.all([a.catchUp(), b.catchUp()])),
      ]);
      await a.catchUp();
      const [total] = await backend.sql.query<{ n: string }>(
        "SELECT sum(value)::text AS n FROM activity_counts WHERE measure = 'accidents.total'",
      );
      expect(total!.n).toBe('250');
    });
  }
});
