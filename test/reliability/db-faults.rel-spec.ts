/**
 * Database faults under load (PostgreSQL only): every connection of the API's database killed with
 * pg_terminate_backend, and the whole cluster restarted with pg_ctlcluster. The API must answer 503 while the
 * database is away (never a 500, never a stack trace), reconnect by itself without being restarted, and lose
 * nothing it acknowledged. The restart runs last and only a few times: it disturbs every other user of the server.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';

import { Client } from 'pg';

import { recordFigures } from './support/figures';
import {
  auditLog,
  diffSnapshots,
  projectionsCaughtUp,
  snapshotViews,
  verifyChains,
  viewTotals,
} from './support/inspect';
import { LoadGenerator, planRecords, prng, type LoadFigures, type PlannedRecord } from './support/load';
import { httpRequest, LedgerProcess, runCli, sleep, type Database } from './support/processes';
import { minutes, SETTINGS } from './support/profile';
import {
  expectedTotals,
  issueLoadToken,
  prepareDatabase,
  seconds,
  seedFromEnv,
  withInspector,
  type Prepared,
} from './support/scenario';

jest.setTimeout(minutes(30, 4));

const pgUrl = process.env.LEDGER_TEST_PG_URL;
const onPostgres = pgUrl ? describe : describe.skip;

function databaseName(db: Database): string {
  if (db.kind !== 'postgres') throw new Error('PostgreSQL only');
  return new URL(db.url).pathname.slice(1);
}

async function adminQuery<R>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

function restartCluster(): Promise<void> {
  const versions = readdirSync('/etc/postgresql').sort((a, b) => Number(a) - Number(b));
  const version = versions[versions.length - 1]!;
  return new Promise((resolve, reject) =>
    execFile(
      'pg_ctlcluster',
      ['--skip-systemctl-redirect', version, 'main', 'restart', '--mode', 'fast'],
      { timeout: 120_000 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    ),
  );
}

/** GET /health every 100 ms: how the readiness probe saw the fault. */
function probeHealth(port: number): { stop(): Promise<Record<string, number>> } {
  const seen: Record<string, number> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const res = await httpRequest({ port, method: 'GET', path: '/health', timeoutMs: 5000 });
        seen[res.status] = (seen[res.status] ?? 0) + 1;
      } catch {
        seen.network = (seen.network ?? 0) + 1;
      }
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return seen;
    },
  };
}

/** Every 5xx the load saw must be a 503 with the store's code and no stack trace. */
function badServerErrors(load: LoadGenerator): { status: number; body: string }[] {
  return load.serverErrors.filter((e) => {
    if (e.status !== 503 || /\n\s+at |\.ts:\d+|\.js:\d+/.test(e.body)) return true;
    try {
      return (JSON.parse(e.body) as { code?: string }).code !== 'STORE.UNAVAILABLE';
    } catch {
      return true;
    }
  });
}

interface FaultRun {
  prepared: Prepared;
  api: LedgerProcess;
  records: PlannedRecord[];
  load: LoadGenerator;
}

async function startRun(name: string, count: number): Promise<FaultRun> {
  const prepared = await prepareDatabase('postgres');
  const token = await issueLoadToken(prepared.db);
  // The projector runs inside the API here: it must ride out the faults too.
  const api = await LedgerProcess.api(prepared.db, name);
  api.start();
  await api.waitHealthy();
  const seed = seedFromEnv();
  const records = planRecords(`${name}-${seed}`, count, seed);
  const load = new LoadGenerator(records, {
    port: () => api.port,
    token,
    concurrency: SETTINGS.loadConcurrency,
  });
  api.onCrash(() => load.stop());
  return { prepared, api, records, load };
}

/** After the faults: nothing lost or doubled, chains intact, the API's projector caught up and equal to a rebuild. */
async function finish(run: FaultRun, figures: LoadFigures): Promise<Record<string, number | boolean>> {
  const { prepared, api, records, load } = run;
  expect(load.failures).toEqual([]);
  expect(badServerErrors(load)).toEqual([]);
  expect(api.crashes).toEqual([]);
  expect(api.starts).toBe(1);
  const deadline = Date.now() + minutes(10, 2);
  for (;;) {
    const state = await withInspector(prepared.db, projectionsCaughtUp);
    if (state.behind === 0) break;
    if (Date.now() > deadline)
      throw new Error(`the API's projector did not catch up: ${JSON.stringify(state)}`);
    await sleep(500);
  }
  await api.stop();
  const [audit, chains, live, totals] = await withInspector(
    prepared.db,
    async (sql) =>
      [
        await auditLog(sql, records, load.acks),
        await verifyChains(sql),
        await snapshotViews(sql),
        await viewTotals(sql),
      ] as const,
  );
  await runCli(prepared.db, ['projections', 'rebuild']);
  const rebuilt = await withInspector(prepared.db, snapshotViews);
  expect(audit).toMatchObject({
    acknowledged: records.length,
    stored: records.length,
    duplicated: 0,
    lost: 0,
    phantom: 0,
    mismatched: 0,
  });
  expect(chains).toMatchObject({ ok: true, eventsChecked: records.length });
  expect(totals).toEqual(expectedTotals(records));
  expect(diffSnapshots(live, rebuilt)).toEqual({});
  return {
    posted: figures.posted,
    requests: figures.requests,
    acknowledged: audit.acknowledged,
    stored: audit.stored,
    duplicated: audit.duplicated,
    lost: audit.lost,
    replays200: figures.replays,
    unavailable503: figures.unavailable503,
    networkErrors: figures.networkErrors,
    status500: figures.statuses['500'] ?? 0,
    apiRestarts: api.starts - 1,
    chainsOk: chains.ok,
    viewsEqualRebuild: true,
  };
}

onPostgres('database faults under load (postgres)', () => {
  const runs: FaultRun[] = [];
  afterAll(async () => {
    for (const run of runs) {
      run.load.stop();
      await run.api.stop();
      await run.prepared.drop().catch(() => undefined);
    }
  });

  it(`pg_terminate_backend of every API connection, ${SETTINGS.terminations} times under load: 503s, reconnects, loses nothing`, async () => {
    const run = await startRun('faults-terminate', SETTINGS.faultRecords);
    runs.push(run);
    const { load, records, prepared } = run;
    const random = prng(seedFromEnv());
    const health = probeHealth(run.api.port);
    const loading = load.run();
    let terminated = 0;
    let rounds = 0;
    const recoveries: number[] = [];
    for (let i = 0; i < SETTINGS.terminations; i += 1) {
      const threshold = Math.floor(
        ((i + 0.2 + 0.6 * random()) / SETTINGS.terminations) * records.length * 0.9,
      );
      while (load.acknowledged < threshold && load.acknowledged < records.length && !load.stopped)
        await sleep(5);
      if (load.acknowledged >= records.length || load.stopped) break;
      const killedAt = Date.now();
      const rows = await adminQuery<{ ok: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [databaseName(prepared.db)],
      );
      terminated += rows.filter((r) => r.ok).length;
      rounds += 1;
      while (load.lastSuccessAt <= killedAt && load.acknowledged < records.length && !load.stopped)
        await sleep(5);
      recoveries.push(load.lastSuccessAt - killedAt);
    }
    const figures = await loading;
    const probes = await health.stop();
    const outcome = await finish(run, figures);
    recordFigures('faults-pg-terminate-backend', {
      rounds,
      backendsTerminated: terminated,
      firstSuccessAfterMsMax: Math.max(0, ...recoveries),
      ...outcome,
      health: probes,
    });
    expect(rounds).toBe(SETTINGS.terminations);
    expect(terminated).toBeGreaterThanOrEqual(rounds);
  });

  it(`PostgreSQL restarted ${SETTINGS.restarts} times under load: 503 while down, reconnects by itself, loses nothing`, async () => {
    const run = await startRun('faults-restart', SETTINGS.faultRecords);
    runs.push(run);
    const { load, records } = run;
    const health = probeHealth(run.api.port);
    const loading = load.run();
    const downTimes: number[] = [];
    const restartCommand: number[] = [];
    let unavailableDuringRestarts = 0;
    const done = () => load.acknowledged >= records.length || load.stopped;
    for (let i = 0; i < SETTINGS.restarts; i += 1) {
      // Some load before each restart; the restart itself is not awaited before watching the API ride it out.
      const threshold = load.acknowledged + Math.floor(records.length * (i === 0 ? 0.1 : 0.05));
      while (load.acknowledged < threshold && !done()) await sleep(5);
      if (done()) break;
      const failuresBefore = load.figures.unavailable503 + load.figures.networkErrors;
      const began = Date.now();
      const command = restartCluster();
      // Down: from the restart until the first acknowledgement after the first failed answer.
      let sawFailureAt = 0;
      while (!done()) {
        if (!sawFailureAt && load.lastFailureAt >= began) sawFailureAt = load.lastFailureAt;
        if (sawFailureAt && load.lastSuccessAt > sawFailureAt) break;
        await sleep(5);
      }
      await command;
      restartCommand.push(Date.now() - began);
      if (sawFailureAt) downTimes.push(load.lastSuccessAt - began);
      unavailableDuringRestarts += load.figures.unavailable503 + load.figures.networkErrors - failuresBefore;
    }
    const figures = await loading;
    const probes = await health.stop();
    const outcome = await finish(run, figures);
    recordFigures('faults-pg-restart', {
      restarts: restartCommand.length,
      restartCommandSecondsMax: seconds(Math.max(0, ...restartCommand)),
      downSecondsAvg: seconds(downTimes.reduce((s, d) => s + d, 0) / Math.max(1, downTimes.length)),
      downSecondsMax: seconds(Math.max(0, ...downTimes)),
      failedAnswersDuringRestarts: unavailableDuringRestarts,
      ...outcome,
      health: probes,
    });
    // Every restart was seen by the load (failed answers, then acknowledgements again).
    expect(restartCommand.length).toBe(SETTINGS.restarts);
    expect(downTimes.length).toBe(SETTINGS.restarts);
    // The API noticed (it answered 503 while the server was down) and came back without being restarted.
    expect(figures.unavailable503).toBeGreaterThan(0);
  });
});
