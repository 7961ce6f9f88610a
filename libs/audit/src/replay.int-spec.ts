import type { Backend } from '@ledger/event-store';
import { testBackendKinds } from '@ledger/event-store/testing';
import { GetCountsQuery, PROJECTIONS, ProjectionEngine, type CountsResult } from '@ledger/views';

import { parseAsOf } from './as-of';
import { diffViews } from './diff';
import { replayAsOf, withReplay } from './replay';
import { dropScratchSchema, listScratchSchemas, viewTablesOf } from './scratch';
import { countsIn, openAuditBackend, recordAccident, reviseAccident } from './testing/audit-fixtures';
import { withViewsAsOf } from './views-as-of';

const tables = viewTablesOf(PROJECTIONS);

/**
 * October as the brigade saw it on 31 October, and as it is known now: one accident posted late (recorded in
 * November for 25 October, half an hour into 1 November in Shanghai — still 31 October in UTC), one casualty revision of an October accident made in November, one November accident.
 */
async function october(backend: Backend): Promise<void> {
  await recordAccident(backend, {
    accidentId: 'A1',
    occurredOn: '2020-10-20',
    recordedAt: '2020-10-21T09:00:00+08:00',
  });
  await recordAccident(backend, {
    accidentId: 'A2',
    occurredOn: '2020-10-31',
    recordedAt: '2020-10-31T23:30:00+08:00',
  });
  await recordAccident(backend, {
    accidentId: 'A3',
    occurredOn: '2020-10-25',
    recordedAt: '2020-11-01T00:30:00+08:00',
  });
  await reviseAccident(backend, { accidentId: 'A1', deaths: 1, recordedAt: '2020-11-05T16:00:00+08:00' });
  await recordAccident(backend, {
    accidentId: 'A4',
    occurredOn: '2020-11-02',
    recordedAt: '2020-11-02T08:00:00+08:00',
  });
}

const total = (rows: { value: string }[]) => rows.reduce((s, r) => s + BigInt(r.value), 0n);

describe.each(testBackendKinds())('audit replay (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openAuditBackend(kind);
    await october(backend);
    const live = new ProjectionEngine(backend.store, backend.sql, PROJECTIONS);
    await live.register();
    await live.catchUp();
  });
  afterAll(async () => backend?.close());

  it('as recorded on 31 October sees only what was posted by the end of that day (Asia/Shanghai)', async () => {
    const r = await replayAsOf(backend, { asOf: parseAsOf('2020-10-31', 'recorded') });
    try {
      expect(r.basisDescription).toMatch(/^as recorded on 2020-10-31/);
      expect(r.eventsFolded).toBe(2);
      const counts = await countsIn(backend, r.schema);
      expect(counts.map((c) => c.day)).toEqual(['2020-10-20', '2020-10-31']);
      expect(total(counts)).toBe(2n);
      expect(total(await countsIn(backend, r.schema, 'accidents.deaths'))).toBe(0n);
    } finally {
      await dropScratchSchema(backend.sql, r.schema);
    }
  });

  it('by business date up to 31 October also sees the late posting and the later correction', async () => {
    const r = await replayAsOf(backend, { asOf: parseAsOf('2020-10-31', 'business') });
    try {
      expect(r.basisDescription).toMatch(/^by business date up to 2020-10-31/);
      expect(r.eventsFolded).toBe(4);
      const counts = await countsIn(backend, r.schema);
      expect(counts.map((c) => c.day)).toEqual(['2020-10-20', '2020-10-25', '2020-10-31']);
      expect(total(counts)).toBe(3n);
      expect(total(await countsIn(backend, r.schema, 'accidents.deaths'))).toBe(1n);
    } finally {
      await dropScratchSchema(backend.sql, r.schema);
    }
  });

  it('a replay of a unit with no events is empty, and leaves the live views as they were', async () => {
    const before = await countsIn(backend, 'public');
    const r = await replayAsOf(backend, { asOf: parseAsOf('2020-12-31', 'business'), unitId: 'leiyang' });
    try {
      expect(r.eventsFolded).toBe(0);
      expect(r.tables.every((t) => t.rows === 0)).toBe(true);
    } finally {
      await dropScratchSchema(backend.sql, r.schema);
    }
    expect(await countsIn(backend, 'public')).toEqual(before);
  });

  it('diff: a replay of everything recorded so far is identical to the live views', async () => {
    const diff = await withReplay(backend, { asOf: parseAsOf(new Date().toISOString(), 'recorded') }, (r) =>
      diffViews(backend.sql, r.schema, tables),
    );
    expect(diff.identical).toBe(true);
    expect(await listScratchSchemas(backend.sql)).toEqual([]);
  });

  it('the scratch tables end up with the live tables’ keys and indexes (built after the load)', async () => {
    const shape = async (schema: string) => {
      const indexes = await backend.sql.query<{ t: string; i: string; def: string }>(
        `SELECT tablename AS t, indexname AS i, replace(indexdef, schemaname || '.', '') AS def
           FROM pg_indexes WHERE schemaname = $1 AND tablename = ANY($2) ORDER BY 1, 2`,
        [schema, tables.map((t) => t.name)],
      );
      const constraints = await backend.sql.query<{ t: string; c: string; kind: string }>(
        `SELECT r.relname AS t, c.conname AS c, c.contype::text AS kind
           FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
          WHERE n.nspname = $1 AND r.relname = ANY($2) AND c.contype IN ('p', 'u') ORDER BY 1, 2`,
        [schema, tables.map((t) => t.name)],
      );
      return { indexes, constraints };
    };
    const [{ schema: live }] = await backend.sql.query<{ schema: string }>(
      'SELECT current_schema() AS schema',
    );
    const liveShape = await shape(live!);
    expect(liveShape.constraints.filter((c) => c.kind === 'p')).toHaveLength(tables.length);
    const scratch = await withReplay(backend, { asOf: parseAsOf('2030-01-01', 'recorded') }, (r) =>
      shape(r.schema),
    );
    expect(scratch).toEqual(liveShape);
  });

  it('a replay that outgrows its memory writes its rows out, loads what it needs after, and still equals the live views', async () => {
    // One event per batch and room for one row: every batch spills, and A1's revision must load A1's case row back.
    const diff = await withReplay(
      backend,
      { asOf: parseAsOf('2030-01-01', 'recorded'), batchSize: 1, maxRowsInMemory: 1 },
      (r) => diffViews(backend.sql, r.schema, tables),
    );
    expect(diff.identical).toBe(true);
  });

  it('diff: as recorded on 31 October, the late posting and the revision show as row-level changes since', async () => {
    const diff = await withReplay(backend, { asOf: parseAsOf('2020-10-31', 'recorded') }, (r) =>
      diffViews(backend.sql, r.schema, tables, { limit: 1000 }),
    );
    expect(diff.identical).toBe(false);
    const cases = diff.tables.find((t) => t.table === 'accident_cases')!;
    expect(cases).toMatchObject({ added: 2, removed: 0, changed: 1 });
    expect(cases.rows.find((r) => r.kind === 'changed')).toMatchObject({
      key: { unit_id: 'changning', accident_id: 'A1' },
      columns: ['deaths'],
      replayed: { deaths: '0' },
      live: { deaths: '1' },
    });
    const counts = diff.tables.find((t) => t.table === 'activity_counts')!;
    expect(counts.rows).toContainEqual(
      expect.objectContaining({
        kind: 'added',
        key: { unit_id: 'changning', day: '2020-10-25', measure: 'accidents.total', squad_id: 'chengqu' },
        live: expect.objectContaining({ value: '1' }),
      }),
    );
  });

  it('diff: a live-only change to a view row (no event behind it) is named with its key and both values', async () => {
    await backend.sql.query(
      `UPDATE activity_counts SET value = value + 5 WHERE day = '2020-10-20' AND measure = 'accidents.total'`,
    );
    try {
      const diff = await withReplay(
        backend,
        { asOf: parseAsOf(new Date().toISOString(), 'recorded'), unitId: 'changning' },
        (r) => diffViews(backend.sql, r.schema, tables, { unitId: 'changning' }),
      );
      expect(diff.identical).toBe(false);
      const counts = diff.tables.find((t) => t.table === 'activity_counts')!;
      expect(counts).toMatchObject({ added: 0, removed: 0, changed: 1 });
      expect(counts.rows[0]).toMatchObject({
        kind: 'changed',
        key: { unit_id: 'changning', day: '2020-10-20', measure: 'accidents.total', squad_id: 'chengqu' },
        columns: ['value'],
        replayed: { value: '1' },
        live: { value: '6' },
      });
    } finally {
      await backend.sql.query(
        `UPDATE activity_counts SET value = value - 5 WHERE day = '2020-10-20' AND measure = 'accidents.total'`,
      );
    }
  });

  it('withViewsAsOf answers the views’ own queries as the ledger stood when a report was issued', async () => {
    const query = new GetCountsQuery({ unitId: 'changning', from: '2020-10-01', to: '2020-10-31' });
    const accidents = (r: CountsResult) => r.rows.find((x) => x.measure === 'accidents.total')?.value;
    const issued = await withViewsAsOf(backend, { asOf: '2020-11-01T00:15:00+08:00' }, ({ queries }) =>
      queries.execute<CountsResult>(query),
    );
    const now = await withViewsAsOf(backend, { asOf: new Date() }, ({ queries }) =>
      queries.execute<CountsResult>(query),
    );
    expect(accidents(issued)).toBe('2');
    expect(accidents(now)).toBe('3');
    expect(await listScratchSchemas(backend.sql)).toEqual([]);
  });

  it('withViewsAsOf: raw SQL reads the replay too, and nothing inside may write', async () => {
    const seen = await withViewsAsOf(backend, { asOf: '2020-10-31' }, async ({ dataSource }) => {
      const [row] = await dataSource.query<{ n: string }[]>('SELECT count(*)::text AS n FROM accident_cases');
      await expect(dataSource.query('DELETE FROM accident_cases')).rejects.toThrow(/read-only/);
      return row!.n;
    });
    expect(seen).toBe('2');
    const [live] = await backend.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM accident_cases');
    expect(live!.n).toBe('4');
  });
});
