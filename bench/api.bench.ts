import 'reflect-metadata';

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';

import { BACKEND, type Backend } from '@ledger/event-store';
import { ACCIDENT_PROCEDURES, issueToken, type Principal } from '@ledger/ledger';

import { AppModule } from '../apps/ledger-api/src/app.module';
import { configureApp } from '../apps/ledger-api/src/configure-app';
import { registerTask, runInChild, type ChildResult, type TaskParams } from './lib/child';
import { createDatabase, dropDatabase } from './lib/databases';
import type { Bench, BenchContext } from './lib/registry';
import { Latencies, measurement, median, now, round, type Measurement } from './lib/stats';
import { fmt, formatTable, pct } from './lib/table';

/**
 * HTTP posting at 64 connections: the real API (token guard, throttler, validation, the command runner, the store's
 * append) against a bare node http server doing one INSERT per request, each on its own fresh database, each in its
 * own child, driven by a third child (the load generator) so client and server do not share an event loop.
 */

type System = 'ours' | 'bare';

const DATABASES: Record<System, string> = { ours: 'ledger_bench_api', bare: 'ledger_bench_api_bare' };
/** The API's pool when DATABASE_URL configures it (open-backend's default); the bare server gets the same. */
const POOL_SIZE = 10;
const TARGET = { requestsPerSecond: 1500, p99Ms: 50 } as const;

const UNIT = 'changning';
const SQUAD = 'changning-chengqu';
const CLERK: Principal = { id: 'bench-clerk', role: 'squad_clerk', unitId: UNIT, squadId: SQUAD };

/** Tally categories the load cycles through (any of the catalog's would do: validation checks membership). */
const CATEGORIES = [
  'VIOLATION_DRUNK_DRIVING',
  'VIOLATION_NO_HELMET',
  'VIOLATION_SPEEDING',
  'VEHICLE_INSPECTION',
  'LICENCE_ISSUED',
] as const;

interface ApiParams extends TaskParams {
  system: System;
  run: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

interface LoadParams extends ApiParams {
  port: number;
  token: string;
}

interface LoadResult {
  readonly measured: Measurement;
  /** Requests answered 201 during warm-up and measurement together: what the database must now hold. */
  readonly created: number;
  /** Non-201 answers and transport errors during measurement, by status ('error' for a failed request). */
  readonly failures: Record<string, number>;
  readonly firstFailure: string | null;
  /** CPU the load generator itself used during the measured phase, in % of one core. */
  readonly clientCpuPercent: number;
  /** The measured phase in wall-clock milliseconds (Date.now), for the server's CPU share over the same span. */
  readonly measuredFrom: number;
  readonly measuredTo: number;
}

interface ApiResult extends LoadResult {
  /** Rows the server's table holds after the load: must equal `created`. */
  readonly stored: number;
  readonly clientMaxRssMiB: number;
  /** CPU the server process used while under load (user + system), in % of one core. */
  readonly serverCpuPercent: number;
  /** What the server's database sessions were doing, sampled every 200 ms: share of busy-session samples by wait. */
  readonly serverWaits: Record<string, number>;
}

/**
 * Samples pg_stat_activity for the bench database (every session but the sampler's): the sessions inside a
 * transaction or a statement, by wait event ('CPU' when running and waiting on nothing). It shows where a request
 * spends its time in the database: on the store's append lock (Lock:advisory), on the WAL flush (IO:WALSync), …
 */
class WaitSampler {
  private readonly client: Client;
  private busy = false;
  private readonly rows: { at: number; wait: string }[] = [];

  constructor(url: string) {
    this.client = new Client({ connectionString: url });
  }

  async start(): Promise<void> {
    await this.client.connect();
  }

  sample(at: number): void {
    if (this.busy) return;
    this.busy = true;
    this.client
      .query<{ wait: string }>(
        `SELECT CASE WHEN wait_event IS NULL THEN 'CPU' ELSE wait_event_type || ':' || wait_event END AS wait
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state IN ('active', 'idle in transaction')`,
      )
      .then(
        ({ rows }) => {
          for (const r of rows) this.rows.push({ at, wait: r.wait });
        },
        () => undefined,
      )
      .finally(() => (this.busy = false));
  }

  /** Shares in % of the busy-session samples taken in [from, to], largest first. */
  summary(from: number, to: number): Record<string, number> {
    const inside = this.rows.filter((r) => r.at >= from && r.at <= to);
    const counts = new Map<string, number>();
    for (const r of inside) counts.set(r.wait, (counts.get(r.wait) ?? 0) + 1);
    return Object.fromEntries(
      [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([wait, n]) => [wait, Math.round((n / Math.max(1, inside.length)) * 100)]),
    );
  }

  async stop(): Promise<void> {
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    await this.client.end();
  }
}

/** A day of 2020 from an index, so tallies spread over 366 streams (one per unit and day). */
function day2020(i: number): string {
  return new Date(Date.UTC(2020, 0, 1) + (i % 366) * 86_400_000).toISOString().slice(0, 10);
}

/** The k-th request of a worker: tallies and accidents alternate; accidents get fresh ids (a new stream each). */
function requestOf(run: number, worker: number, k: number): { path: string; body: string } {
  const spread = worker * 7919 + k;
  if (k % 2 === 0) {
    return {
      path: '/api/v1/commands/RecordTally',
      body: JSON.stringify({
        unitId: UNIT,
        squadId: SQUAD,
        businessDate: day2020(spread),
        category: CATEGORIES[spread % CATEGORIES.length],
        count: 1 + (k % 40),
      }),
    };
  }
  return {
    path: '/api/v1/commands/RecordAccident',
    body: JSON.stringify({
      accidentId: `bench-${run}-${worker}-${k}`,
      unitId: UNIT,
      squadId: SQUAD,
      occurredOn: day2020(spread),
      procedure: ACCIDENT_PROCEDURES[spread % ACCIDENT_PROCEDURES.length],
      deaths: 0,
      injuries: k % 3,
      directLossFen: (spread * 137) % 5_000_000,
      hitAndRun: false,
      roadCode: 'G107',
    }),
  };
}

interface Server {
  readonly port: number;
  readonly token: string;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** The real app, as main.ts builds it, minus the in-process projector (the projector runs as its own process). */
async function startOurs(url: string): Promise<Server> {
  process.env.LEDGER_RATE_LIMIT_PER_MINUTE = String(1_000_000_000); // read by AppModule.register
  const app: INestApplication = configureApp(
    await NestFactory.create(AppModule.register({ kind: 'postgres', url }, { runProjector: false }), {
      logger: ['error', 'warn'],
    }),
  );
  await app.listen(0, '127.0.0.1');
  const backend = app.get<Backend>(BACKEND);
  const { token } = await issueToken(backend.sql, CLERK, 'bench');
  const port = (app.getHttpServer() as http.Server).address() as AddressInfo;
  return {
    port: port.port,
    token,
    count: async () => {
      const [row] = await backend.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
      return Number(row!.n);
    },
    close: () => app.close(),
  };
}

/**
 * The floor: node's http server, JSON.parse of the body, one INSERT of a row shaped like an event row (ids, type,
 * jsonb payload, business date, who and when) through a pg Pool of the API's size. No auth, no validation, no hashing.
 */
async function startBare(url: string): Promise<Server> {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  pool.on('error', () => undefined);
  await pool.query(`
    CREATE TABLE bare_events (
      position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      stream_id      text NOT NULL,
      event_id       uuid NOT NULL UNIQUE,
      type           text NOT NULL,
      data           jsonb NOT NULL,
      business_date  date,
      recorded_at    timestamptz NOT NULL DEFAULT now(),
      principal      text NOT NULL,
      role           text NOT NULL,
      unit_id        text,
      correlation_id text NOT NULL
    )`);
  const insert = `INSERT INTO bare_events (stream_id, event_id, type, data, business_date, principal, role, unit_id, correlation_id)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING position::text AS position`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fail = (status: number) => {
        res.writeHead(status);
        res.end();
      };
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        fail(400);
        return;
      }
      const tally = req.url?.endsWith('/RecordTally') === true;
      const unitId = String(body.unitId);
      const date = String(tally ? body.businessDate : body.occurredOn);
      pool
        .query<{ position: string }>(insert, [
          tally ? `tally-${unitId}-${date}` : `accident-${unitId}-${String(body.accidentId)}`,
          randomUUID(),
          tally ? 'TallyRecorded' : 'AccidentRecorded',
          body,
          date,
          CLERK.id,
          CLERK.role,
          unitId,
          randomUUID(),
        ])
        .then(
          ({ rows }) => {
            res.writeHead(201, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ position: rows[0]!.position }));
          },
          () => fail(500),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    token: 'none',
    count: async () =>
      Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM bare_events')).rows[0]!.n),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

/** One server on its fresh database; the load comes from another child; the rows are counted afterwards. */
registerTask('api.serve', async (raw) => {
  const p = raw as ApiParams;
  const url = await createDatabase(DATABASES[p.system]);
  try {
    const server = p.system === 'ours' ? await startOurs(url) : await startBare(url);
    try {
      // CPU samples with wall-clock stamps, so the server's share can be taken over the client's measured phase only.
      const samples: { at: number; cpuMs: number }[] = [];
      const waits = new WaitSampler(url);
      await waits.start();
      const sampler = setInterval(() => {
        const u = process.cpuUsage();
        const at = Date.now();
        samples.push({ at, cpuMs: (u.user + u.system) / 1000 });
        waits.sample(at);
      }, 200);
      let load: ChildResult<LoadResult>;
      try {
        load = await runInChild<LoadResult>('api.load', { ...p, port: server.port, token: server.token });
      } finally {
        clearInterval(sampler);
        await waits.stop();
      }
      const { measuredFrom, measuredTo } = load.value;
      const inside = samples.filter((x) => x.at >= measuredFrom && x.at <= measuredTo);
      const first = inside[0];
      const last = inside[inside.length - 1];
      const result: ApiResult = {
        ...load.value,
        stored: await server.count(),
        clientMaxRssMiB: load.maxRssMiB,
        serverCpuPercent:
          first && last && last.at > first.at
            ? Math.round(((last.cpuMs - first.cpuMs) / (last.at - first.at)) * 100)
            : Number.NaN,
        serverWaits: waits.summary(measuredFrom, measuredTo),
      };
      return result;
    } finally {
      await server.close();
    }
  } finally {
    await dropDatabase(DATABASES[p.system]);
  }
});

/**
 * `connections` workers, each with its own keep-alive socket (an http.Agent with maxSockets = connections), post back to
 * back: a warm-up phase unmeasured, then `seconds` measured. Rate = 201 answers / wall time of the measured phase.
 */
registerTask('api.load', async (raw) => {
  const p = raw as LoadParams;
  const agent = new http.Agent({ keepAlive: true, maxSockets: p.connections });
  const post = (path: string, body: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: p.port,
          path,
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            Authorization: `Bearer ${p.token}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  let created = 0;
  const counters = new Array<number>(p.connections).fill(0);
  const phase = async (ms: number, lat: Latencies | null) => {
    const failures: Record<string, number> = {};
    let firstFailure: string | null = null;
    let ok = 0;
    const started = now();
    const deadline = started + ms;
    await Promise.all(
      counters.map(async (_, worker) => {
        while (now() < deadline) {
          const k = counters[worker]!;
          counters[worker] = k + 1;
          const { path, body } = requestOf(p.run, worker, k);
          const t0 = now();
          let status: string;
          try {
            const res = await post(path, body);
            status = String(res.status);
            if (res.status !== 201) firstFailure ??= `${res.status} ${res.body.slice(0, 300)}`;
          } catch (error) {
            status = 'error';
            firstFailure ??= error instanceof Error ? error.message : String(error);
          }
          if (status === '201') {
            created += 1;
            ok += 1;
            lat?.add(now() - t0);
          } else failures[status] = (failures[status] ?? 0) + 1;
        }
      }),
    );
    return { ok, seconds: (now() - started) / 1000, failures, firstFailure };
  };

  await phase(p.warmupSeconds * 1000, null);
  const lat = new Latencies();
  const measuredFrom = Date.now();
  const cpu0 = process.cpuUsage();
  const m = await phase(p.seconds * 1000, lat);
  const cpu = process.cpuUsage(cpu0);
  const measuredTo = Date.now();
  agent.destroy();
  const result: LoadResult = {
    measured: measurement(m.ok, m.seconds, lat),
    created,
    failures: m.failures,
    firstFailure: m.firstFailure,
    clientCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (measuredTo - measuredFrom)) * 100),
    measuredFrom,
    measuredTo,
  };
  return result;
});

interface RunRecord extends ApiResult {
  readonly serverMaxRssMiB: number;
}

export const apiBench: Bench = {
  name: 'api',
  description:
    'single-record POSTs (RecordTally / RecordAccident) with a bearer token at 64 connections: the API vs a bare INSERT endpoint',
  defaultRuns: 3,
  async run(ctx: BenchContext) {
    if (!ctx.postgres) return { text: 'api: skipped — needs a PostgreSQL server', json: { skipped: true } };
    const base = {
      connections: ctx.option('connections', 64),
      seconds: ctx.option('seconds', 15),
      warmupSeconds: ctx.option('warmup-seconds', 3),
    };
    const runs: Record<System, RunRecord[]> = { ours: [], bare: [] };
    const ratios: number[] = [];
    for (let run = 1; run <= ctx.runs; run += 1) {
      // Alternate which system goes first, so neither always meets the machine's other load at the same moment.
      const order: System[] = run % 2 === 1 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const system of order) {
        const { value, maxRssMiB } = await runInChild<ApiResult>('api.serve', { ...base, system, run });
        const m = value.measured;
        const failed = Object.entries(value.failures)
          .map(([s, n]) => `${n}×${s}`)
          .join(' ');
        ctx.log(
          `run ${run}: ${system} ${m.eventsPerSecond} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms (${m.events} in ${m.seconds} s${failed ? `, failures ${failed}: ${value.firstFailure}` : ''}; rows ${value.stored}/${value.created})`,
        );
        if (value.stored !== value.created)
          throw new Error(
            `api ${system}: ${value.created} requests answered 201 but ${value.stored} rows stored`,
          );
        runs[system].push({ ...value, serverMaxRssMiB: maxRssMiB });
      }
      const last = (s: System) => runs[s][runs[s].length - 1]!.measured.eventsPerSecond;
      ratios.push(last('ours') / last('bare'));
    }
    const summary = (s: System) => {
      const ms = runs[s].map((r) => r.measured);
      return {
        requestsPerSecond: Math.round(median(ms.map((m) => m.eventsPerSecond))),
        p50Ms: round(median(ms.map((m) => m.p50Ms)), 1),
        p99Ms: round(median(ms.map((m) => m.p99Ms)), 1),
        failures: runs[s].reduce((n, r) => n + Object.values(r.failures).reduce((a, b) => a + b, 0), 0),
        serverMaxRssMiB: Math.round(median(runs[s].map((r) => r.serverMaxRssMiB))),
        serverCpuPercent: Math.round(median(runs[s].map((r) => r.serverCpuPercent))),
        clientCpuPercent: Math.round(median(runs[s].map((r) => r.clientCpuPercent))),
        runs: ms.map((m) => m.eventsPerSecond),
      };
    };
    const ours = summary('ours');
    const bare = summary('bare');
    const table = formatTable(
      [
        'endpoint',
        'req/s (median)',
        'p50 ms',
        'p99 ms',
        'runs (req/s)',
        'non-201',
        'server CPU',
        'client CPU',
        'server RSS MiB',
      ],
      [
        ['ours: POST /api/v1/commands/… (auth, validation, runner, append)', ours],
        ['bare: node http + one INSERT', bare],
      ].map(([label, s]) => {
        const x = s as typeof ours;
        return [
          label as string,
          x.requestsPerSecond,
          x.p50Ms,
          x.p99Ms,
          x.runs.join(' / '),
          x.failures,
          `${x.serverCpuPercent}%`,
          `${x.clientCpuPercent}%`,
          x.serverMaxRssMiB,
        ];
      }),
    );
    const ratio = median(ratios);
    /** The database sessions' waits, averaged over the runs, the largest four. */
    const waits = (sys: System) => {
      const sum = new Map<string, number>();
      for (const r of runs[sys])
        for (const [w, share] of Object.entries(r.serverWaits)) sum.set(w, (sum.get(w) ?? 0) + share);
      return [...sum.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([w, share]) => `${w} ${Math.round(share / runs[sys].length)}%`)
        .join(', ');
    };
    const met = ours.requestsPerSecond >= TARGET.requestsPerSecond && ours.p99Ms <= TARGET.p99Ms;
    return {
      text: [
        table,
        '',
        `ours/bare: ${pct(ratio)} of the bare endpoint's rate   per run: ${ratios.map(pct).join(' ')}`,
        `busy database sessions (sampled every 200 ms): ours ${waits('ours')}; bare ${waits('bare')}`,
        `api: ${fmt(ours.requestsPerSecond)} req/s, p99 ${fmt(ours.p99Ms)} ms at ${base.connections} connections (target ≥ ${fmt(TARGET.requestsPerSecond)} req/s and p99 ≤ ${TARGET.p99Ms} ms: ${met ? 'met' : 'NOT met'})`,
      ].join('\n'),
      json: {
        params: { ...base, poolSize: POOL_SIZE, mix: 'RecordTally / RecordAccident alternating' },
        target: { ...TARGET, met },
        results: { ours: { ...ours, runs: runs.ours }, bare: { ...bare, runs: runs.bare } },
        ratios: { oursOverBare: ratio, perRun: ratios },
      },
    };
  },
};
