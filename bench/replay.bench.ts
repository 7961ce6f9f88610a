import 'reflect-metadata';

import { CommandBus } from '@nestjs/cqrs';

import { dropScratchSchema, parseAsOf, replayAsOf } from '@ledger/audit';
import { demoPoster, scaledDemoRecords, scaleFactorFor, type DemoRecord } from '@ledger/demo';
import { BACKEND, type Backend } from '@ledger/event-store';
import { shanghaiDate } from '@ledger/ledger';

import { AUDIT_DB, type AuditLoadResult, type OpResult } from './audit.bench';
import { registerTask, runInChild, type TaskParams } from './lib/child';
import { createDatabase, dropDatabase } from './lib/databases';
import type { Bench, BenchContext } from './lib/registry';
import { openBenchRuntime } from './lib/runtime';
import { median, now, round } from './lib/stats';
import { fmt, formatTable } from './lib/table';

/**
 * Issue "Auditors", as it states its targets: an as-of replay of one brigade-year — the demo brigade scaled up until
 * its log holds ≥ 150,000 events, posted through the CommandBus as clerks and finance post — in ≤ 5 s; and `verify`
 * over 1,000,000 events at ≥ 100,000 events/s (the audit bench's log of AccidentRecorded events, sealed).
 */

const DB = 'ledger_bench_replay';
const TARGETS = { replayEvents: 150_000, replaySeconds: 5, verifyEventsPerSecond: 100_000 } as const;
/** Records posted at once when they start or add to a stream of their own (accidents, tally items). */
const POSTERS = 16;

interface ReplayParams extends TaskParams {
  records: number;
}

interface BrigadeYear {
  readonly factor: number;
  readonly records: number;
  readonly events: number;
  readonly loadSeconds: number;
}

/** Records that depend on nothing posted before them but their unit: safe to post side by side. */
const independent = (r: DemoRecord) => r.command === 'RecordAccident' || r.command === 'RecordTally';

/**
 * The scaled demo in its order, through the CommandBus: runs of independent records go POSTERS at a time, every
 * other record (a revision, a rectification, a fiscal-year close) waits for everything before it.
 */
registerTask('replay.load', async (raw) => {
  const p = raw as ReplayParams;
  const factor = scaleFactorFor(p.records);
  const records = scaledDemoRecords(factor);
  await createDatabase(DB);
  const app = await openBenchRuntime(DB);
  try {
    const post = demoPoster(app.get(CommandBus));
    const started = now();
    let done = 0;
    let shown = 0;
    const inFlight = new Set<Promise<void>>();
    for (const record of records) {
      if (!independent(record) || inFlight.size >= POSTERS) {
        if (independent(record)) await Promise.race(inFlight);
        else await Promise.all(inFlight);
      }
      const posting: Promise<void> = post(record).then(() => {
        inFlight.delete(posting);
        done += 1;
      });
      inFlight.add(posting);
      if (!independent(record)) await posting;
      if (done - shown >= 25_000) {
        shown = done;
        process.stderr.write(`  brigade-year ×${factor}: ${done}/${records.length} records\n`);
      }
    }
    await Promise.all(inFlight);
    const loadSeconds = (now() - started) / 1000;
    const backend = app.get<Backend>(BACKEND);
    await backend.sql.query('VACUUM ANALYZE');
    const result: BrigadeYear = {
      factor,
      records: records.length,
      events: Number(await backend.store.headPosition()),
      loadSeconds: round(loadSeconds, 1),
    };
    return result;
  } finally {
    await app.close();
  }
});

/** `ledger audit replay --as-of <today>` (recording time): every event of the brigade-year, every projection. */
registerTask('replay.run', async () => {
  const app = await openBenchRuntime(DB);
  try {
    const backend = app.get<Backend>(BACKEND);
    const t0 = now();
    const r = await replayAsOf(backend, { asOf: parseAsOf(shanghaiDate(new Date()), 'recorded') });
    const seconds = (now() - t0) / 1000;
    await dropScratchSchema(backend.sql, r.schema);
    const rows = r.tables.reduce((n, t) => n + t.rows, 0);
    const result: OpResult = {
      events: r.eventsFolded,
      seconds: round(seconds, 2),
      eventsPerSecond: Math.round(r.eventsFolded / seconds),
      detail: `${fmt(rows)} view rows in ${r.tables.filter((t) => t.rows > 0).length} tables`,
    };
    return result;
  } finally {
    await app.close();
  }
});

export const replayBench: Bench = {
  name: 'replay',
  description:
    'issue "Auditors": as-of replay of a scaled demo brigade-year (≥ 150,000 events) and verify over 1,000,000 events',
  defaultRuns: 3,
  async run(ctx: BenchContext) {
    if (!ctx.postgres)
      return { text: 'replay: skipped — needs a PostgreSQL server', json: { skipped: true } };
    const params: ReplayParams = { records: ctx.option('records', TARGETS.replayEvents) };
    const verifyEvents = ctx.option('verify-events', 1_000_000);
    const replays: (OpResult & { maxRssMiB: number })[] = [];
    const verifies: (OpResult & { maxRssMiB: number })[] = [];
    let year: BrigadeYear;
    let auditLoad: AuditLoadResult;
    try {
      ctx.log(`posting the demo brigade scaled to ≥ ${fmt(params.records)} records through the CommandBus…`);
      year = (await runInChild<BrigadeYear>('replay.load', params)).value;
      ctx.log(
        `brigade-year ×${year.factor}: ${fmt(year.records)} records, ${fmt(year.events)} events in ${year.loadSeconds} s`,
      );
      for (let run = 1; run <= ctx.runs; run += 1) {
        const { value, maxRssMiB } = await runInChild<OpResult>('replay.run', params);
        ctx.log(`run ${run}: replay ${value.seconds} s (${fmt(value.events)} events, ${value.detail})`);
        replays.push({ ...value, maxRssMiB });
      }
    } finally {
      await dropDatabase(DB);
    }
    try {
      ctx.log(`loading ${fmt(verifyEvents)} AccidentRecorded events for verify, then sealing them…`);
      auditLoad = (await runInChild<AuditLoadResult>('audit.load', { events: verifyEvents })).value;
      for (let run = 1; run <= ctx.runs; run += 1) {
        const { value, maxRssMiB } = await runInChild<OpResult>('audit.verify', { events: verifyEvents });
        ctx.log(
          `run ${run}: verify ${fmt(value.eventsPerSecond)} events/s (${value.seconds} s; ${value.detail})`,
        );
        verifies.push({ ...value, maxRssMiB });
      }
    } finally {
      await dropDatabase(AUDIT_DB);
    }
    const replaySeconds = round(median(replays.map((r) => r.seconds)), 2);
    const verifyRate = Math.round(median(verifies.map((r) => r.eventsPerSecond)));
    const replayMet = year.events >= TARGETS.replayEvents && replaySeconds <= TARGETS.replaySeconds;
    const verifyMet = verifyRate >= TARGETS.verifyEventsPerSecond;
    const table = formatTable(
      ['operation', 'events', 'seconds (median)', 'events/s (median)', 'runs (s)', 'peak RSS MiB'],
      [
        [
          `as-of replay of the demo brigade ×${year.factor}, every projection`,
          year.events,
          replaySeconds,
          Math.round(median(replays.map((r) => r.eventsPerSecond))),
          replays.map((r) => r.seconds).join(' / '),
          Math.round(median(replays.map((r) => r.maxRssMiB))),
        ],
        [
          'verify (hashes, chains, heads, seals)',
          verifyEvents,
          round(median(verifies.map((r) => r.seconds)), 2),
          verifyRate,
          verifies.map((r) => r.seconds).join(' / '),
          Math.round(median(verifies.map((r) => r.maxRssMiB))),
        ],
      ],
    );
    return {
      text: [
        table,
        '',
        `replay: ${fmt(replaySeconds)} s for one brigade-year of ${fmt(year.events)} events (target ≥ ${fmt(TARGETS.replayEvents)} events in ≤ ${TARGETS.replaySeconds} s: ${replayMet ? 'met' : 'NOT met'})`,
        `verify: ${fmt(verifyRate)} events/s over ${fmt(verifyEvents)} events (target ≥ ${fmt(TARGETS.verifyEventsPerSecond)} events/s: ${verifyMet ? 'met' : 'NOT met'})`,
      ].join('\n'),
      json: {
        params: {
          ...params,
          verifyEvents,
          replayAsOf: 'recorded, end of today (Asia/Shanghai): the whole log',
        },
        brigadeYear: year,
        auditLoad,
        targets: { ...TARGETS, replayMet, verifyMet },
        results: {
          replay: { medianSeconds: replaySeconds, runs: replays },
          verify: { medianEventsPerSecond: verifyRate, runs: verifies },
        },
      },
    };
  },
};
