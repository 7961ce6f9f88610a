/**
 * Views beside a log kept elsewhere. Where the log is not in the views' database — a PostgreSQL database of its own
 * (LEDGER_LOG_DATABASE_URL), or a KurrentDB cluster SQL cannot reach (LEDGER_STORE=kurrentdb) — the projector, a
 * rebuild and its status must read the log through the store and nothing else. The views' database then has no
 * events table at all, so a query that still looked for the log there fails here instead of finding nothing.
 */
import {
  aClerk,
  createTestDatabase,
  openTestBackend,
  testBackendKinds,
  type BackendKind,
} from '@ledger/event-store/testing';
import { logSqlOf, LogNotInSqlError, openBackend, verifyLog, type Backend } from '@ledger/event-store';

import { accidentsProjection } from '../counts/accidents.projection';
import { ViewMigrations } from '../schema';
import { accidentEvent, accidentFollowUps } from '../testing/accident-events';
import { ProjectionEngine, type EngineOptions } from './projection-engine';

const UNITS = ['u-a', 'u-b', 'u-c', 'u-d'];

/** Accidents of four units, some revised, closed or voided later in the log. */
async function post(backend: Backend, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i += 1) {
    const unitId = UNITS[i % UNITS.length]!;
    const day = `2020-0${1 + (i % 9)}-1${i % 10}`;
    const stream = `accident-${unitId}-a${i}`;
    await backend.store.append(stream, [accidentEvent(i, day, unitId)], {
      expectedVersion: 'no_stream',
      metadata: aClerk,
    });
    const later = accidentFollowUps(i, day, unitId);
    if (later.length > 0) await backend.store.append(stream, later, { expectedVersion: 0, metadata: aClerk });
  }
}

const views = async (b: Backend) => ({
  counts: await b.sql.query(
    'SELECT unit_id, squad_id, day::text, measure, value::text FROM activity_counts ORDER BY 1, 2, 3, 4',
  ),
  cases: await b.sql.query(
    `SELECT unit_id, accident_id, deaths, injuries, direct_loss_fen::text, status FROM accident_cases ORDER BY 1, 2`,
  ),
});

const hasEventsTable = async (b: Backend) => {
  const [row] = await b.sql.query<{ t: string | null }>("SELECT to_regclass('events')::text AS t");
  return row?.t != null;
};

/**
 * Catch up, rebuild (on threads where the views are on a server), and follow new events: every path that reads the
 * log, each compared with what the live projector built, and the status agreeing with the store.
 */
async function exerciseEngine(backend: Backend, options: EngineOptions): Promise<void> {
  await post(backend, 0, 48);
  const engine = new ProjectionEngine(backend.store, backend.sql, [accidentsProjection], {
    batchSize: 7,
    rebuildBatchSize: 5,
    maxRowsInMemory: 6,
    ...options,
  });
  await engine.register();
  await engine.catchUp();
  const live = await views(backend);
  expect(new Set(live.cases.map((c) => c['unit_id'])).size).toBe(UNITS.length);
  expect(live.cases.some((c) => c['status'] === 'voided')).toBe(true);

  const threads = new Set<number>();
  await engine.rebuild('accidents', (p) => threads.add(p.threads));
  expect(await views(backend)).toEqual(live);

  const [status] = await engine.status();
  const head = await backend.store.headPosition(accidentsProjection.handles);
  expect(head).toBeGreaterThan(0n);
  expect(status).toMatchObject({ position: head, lastRelevant: head });

  await post(backend, 48, 8);
  expect((await engine.status())[0]!.lastRelevant).toBeGreaterThan(head);
  await engine.catchUp();
  const after = await views(backend);
  await engine.rebuild('accidents');
  expect(await views(backend)).toEqual(after);
  expect(after.cases.length).toBe(56);
}

describe.each(testBackendKinds())('views beside a log kept elsewhere (views on %s)', (kind: BackendKind) => {
  describe('a log SQL cannot reach, as in KurrentDB: the engine asks only the store', () => {
    let backend: Backend;
    beforeEach(async () => {
      backend = await openTestBackend(kind, { migrations: ViewMigrations });
    });
    afterEach(async () => backend?.close());

    it('catches up, rebuilds and reports its status through the store port', async () => {
      // The events table is there (same database), but the engine is told it cannot reach it.
      await exerciseEngine(backend, { logSql: null });
    });

    it('sends what reads the log by SQL away with an error that says why', () => {
      expect(() => logSqlOf({ logSql: null }, 'audit verify')).toThrow(LogNotInSqlError);
      expect(() => logSqlOf({ logSql: null }, 'audit verify')).toThrow(/audit verify reads the log by SQL/);
      expect(logSqlOf(backend)).toBe(backend.sql);
    });
  });

  // The log in a PostgreSQL database of its own: needs the server.
  const withServer = process.env.LEDGER_TEST_PG_URL ? describe : describe.skip;
  withServer('a log in a PostgreSQL database of its own', () => {
    let backend: Backend;
    const dropped: (() => Promise<void>)[] = [];
    beforeEach(async () => {
      const log = await createTestDatabase();
      dropped.push(log.drop);
      if (kind === 'postgres') {
        const viewsDb = await createTestDatabase();
        dropped.push(viewsDb.drop);
        backend = await openBackend(
          { kind: 'postgres', url: viewsDb.url, poolSize: 8, log: { kind: 'postgres', url: log.url } },
          { migrations: ViewMigrations },
        );
      } else {
        backend = await openBackend(
          { kind: 'pglite', dataDir: null, log: { kind: 'postgres', url: log.url } },
          { migrations: ViewMigrations },
        );
      }
    });
    afterEach(async () => {
      await backend?.close();
      for (const drop of dropped.splice(0)) await drop();
    });

    it('keeps no events table beside the views, builds the views from the log, and verifies the log there', async () => {
      expect(await hasEventsTable(backend)).toBe(false);
      expect(backend.logSql).not.toBe(backend.sql);
      await exerciseEngine(backend, {
        logSql: backend.logSql,
        // Threads open the same backend (views and log) on their own connections.
        threads: kind === 'postgres' ? { count: 2, backend: backend.config } : undefined,
      });
      const report = await verifyLog(logSqlOf(backend));
      expect(report.ok).toBe(true);
      const [row] = await logSqlOf(backend).query<{ n: string }>('SELECT count(*)::text AS n FROM events');
      expect(report.eventsChecked).toBe(Number(row!.n));
    });
  });
});
