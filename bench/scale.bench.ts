import { GetCountsHandler, GetCountsQuery } from '@ledger/views';

import { registerTask, retryingInChild, type TaskParams } from './lib/child';
import { createDatabase, dropDatabase, probeServer, urlFor } from './lib/databases';
import { loadStore, progressEvery } from './lib/load';
import type { Bench, BenchContext } from './lib/registry';
import { drive, Latencies, median, medianRun, now, round, type Measurement } from './lib/stats';
import { fmt, formatTable } from './lib/table';
import { accidentEvent, benchMetadata, benchUuid } from './lib/workload';
import { accidentsEngine, BENCH_COUNTY, openWithViews, seedUnits } from './lib/views';

const DB = 'ledger_bench_scale';
const SEED = 's1';

interface ScaleParams extends TaskParams {
  /** Events already stored before this step. */
  stored: number;
  /** Events to add (load) or to append while measuring. */
  events: number;
  queries: number;
  run: number;
}

const open = () => openWithViews({ kind: 'postgres', url: urlFor(DB), poolSize: 20 });

registerTask('scale.load', async (raw) => {
  const p = raw as ScaleParams;
  const backend = await open();
  try {
    await seedUnits(backend);
    const started = now();
    await loadStore(backend.store, {
      events: p.events,
      first: p.stored,
      seed: SEED,
      onProgress: progressEvery('load', 500_000, p.events),
    });
    const loadSeconds = (now() - started) / 1000;
    const t1 = now();
    const engine = accidentsEngine(backend);
    await engine.register();
    const applied = await engine.catchUp();
    const projectSeconds = (now() - t1) / 1000;
    await backend.sql.query('VACUUM ANALYZE');
    return {
      loadEventsPerSecond: p.events > 0 ? Math.round(p.events / loadSeconds) : 0,
      projectEventsPerSecond: applied > 0 ? Math.round(applied / projectSeconds) : null,
    };
  } finally {
    await backend.close();
  }
});

interface ScaleMeasure {
  readonly append: Measurement;
  readonly query: { perSecond: number; p50Ms: number; p99Ms: number; rows: number };
  readonly eventsTableMiB: number;
  readonly countsTableMiB: number;
}

/**
 * At the current size: batch-100 appends of fresh events from 4 writers into new streams, then the counts query a
 * dashboard sends for a county-year by month with the previous-year comparison, sequentially.
 */
registerTask('scale.measure', async (raw) => {
  const p = raw as ScaleParams;
  const backend = await open();
  try {
    const first = 1_000_000_000 + p.stored + p.run * p.events;
    // The process id keeps a retried measurement (after a server restart) clear of a failed attempt's events.
    const seed = `${SEED}-${process.pid}`;
    const events = Array.from({ length: p.events }, (_, i) => accidentEvent(seed, first + i));
    const lat = new Latencies();
    const seconds = await drive(
      p.events / 100,
      4,
      async (k) => {
        await backend.store.append(
          `accident-scale-${seed}-${first}-${k}`,
          events.slice(k * 100, (k + 1) * 100),
          {
            expectedVersion: 'no_stream',
            metadata: benchMetadata(
              events[k * 100]!.data.unitId as string,
              benchUuid(`${seed}:${first}:${k}`),
            ),
          },
        );
      },
      lat,
    );
    const append = medianRun([
      {
        events: p.events,
        seconds: round(seconds, 2),
        eventsPerSecond: Math.round(p.events / seconds),
        p50Ms: round(lat.percentile(50), 2),
        p99Ms: round(lat.percentile(99), 2),
        calls: lat.count,
      },
    ]);
    const handler = new GetCountsHandler(backend.dataSource);
    const query = new GetCountsQuery({
      unitId: BENCH_COUNTY,
      from: '2025-01-01',
      to: '2025-12-31',
      groupBy: 'month',
      compareWith: 'previous-year-same-period',
    });
    await handler.execute(query); // warm the plan cache
    const qlat = new Latencies();
    let rows = 0;
    const qStarted = now();
    for (let i = 0; i < p.queries; i += 1) {
      const t0 = now();
      const r = await handler.execute(query);
      qlat.add(now() - t0);
      rows = r.rows.length;
    }
    const qSeconds = (now() - qStarted) / 1000;
    const [sizes] = await backend.sql.query<{ events: string; counts: string }>(
      `SELECT (pg_total_relation_size('events') / 1048576)::text AS events,
              (pg_total_relation_size('activity_counts') / 1048576)::text AS counts`,
    );
    const result: ScaleMeasure = {
      append,
      query: {
        perSecond: round(p.queries / qSeconds, 1),
        p50Ms: round(qlat.percentile(50), 2),
        p99Ms: round(qlat.percentile(99), 2),
        rows,
      },
      eventsTableMiB: Number(sizes!.events),
      countsTableMiB: Number(sizes!.counts),
    };
    return result;
  } finally {
    await backend.close();
  }
});

export const scaleBench: Bench = {
  name: 'scale',
  description: 'append rate and counts-query rate at 0, 10^6 (and with --big 10^7) events already stored',
  defaultRuns: 3,
  async run(ctx: BenchContext) {
    if (!ctx.postgres) return { text: 'scale: skipped — needs a PostgreSQL server', json: { skipped: true } };
    const levels = [0, ctx.option('level', 1_000_000)];
    if (ctx.flag('big')) levels.push(ctx.option('big-level', 10_000_000));
    const appendEvents = ctx.option('append-events', 20_000);
    const queries = ctx.option('queries', 200);
    const ready = async () => (await probeServer()) !== null;
    await createDatabase(DB);
    const results: {
      level: number;
      load: { loadEventsPerSecond: number; projectEventsPerSecond: number | null };
      runs: ScaleMeasure[];
    }[] = [];
    try {
      let stored = 0;
      for (const level of levels) {
        ctx.log(`loading ${level - stored} events (to ${level}) and projecting them…`);
        const load = (
          await retryingInChild<{ loadEventsPerSecond: number; projectEventsPerSecond: number | null }>(
            'scale.load',
            { stored, events: Math.max(0, level - stored), queries, run: 0 },
            ready,
            ctx.log,
          )
        ).value;
        if (level > stored)
          ctx.log(
            `  loaded at ${load.loadEventsPerSecond} events/s, projected at ${load.projectEventsPerSecond} events/s`,
          );
        stored = Math.max(stored, level);
        const runs: ScaleMeasure[] = [];
        for (let run = 1; run <= ctx.runs; run += 1) {
          const { value } = await retryingInChild<ScaleMeasure>(
            'scale.measure',
            { stored, events: appendEvents, queries, run },
            ready,
            ctx.log,
          );
          ctx.log(
            `  at ${stored}: append ${value.append.eventsPerSecond} events/s (p99 ${value.append.p99Ms} ms), query ${value.query.perSecond}/s (p99 ${value.query.p99Ms} ms)`,
          );
          runs.push(value);
        }
        stored += appendEvents * ctx.runs;
        results.push({ level, load, runs });
      }
    } finally {
      await dropDatabase(DB);
    }
    const table = formatTable(
      [
        'events stored',
        'append events/s',
        'append p99 ms',
        'query/s',
        'query p50 ms',
        'query p99 ms',
        'events MiB',
        'counts MiB',
        'load → project events/s',
      ],
      results.map((r) => [
        r.level,
        Math.round(median(r.runs.map((x) => x.append.eventsPerSecond))),
        round(median(r.runs.map((x) => x.append.p99Ms)), 1),
        round(median(r.runs.map((x) => x.query.perSecond)), 1),
        round(median(r.runs.map((x) => x.query.p50Ms)), 2),
        round(median(r.runs.map((x) => x.query.p99Ms)), 2),
        r.runs[r.runs.length - 1]!.eventsTableMiB,
        r.runs[r.runs.length - 1]!.countsTableMiB,
        r.level > 0
          ? `${fmt(r.load.loadEventsPerSecond)} → ${fmt(r.load.projectEventsPerSecond ?? Number.NaN)}`
          : '',
      ]),
    );
    const first = results[0]!;
    const last = results[results.length - 1]!;
    const rate = (r: typeof first) => median(r.runs.map((x) => x.append.eventsPerSecond));
    const q = (r: typeof first) => median(r.runs.map((x) => x.query.perSecond));
    return {
      text: [
        table,
        '',
        `scale: from ${fmt(first.level)} to ${fmt(last.level)} events stored, append ${fmt(Math.round(rate(first)))} → ${fmt(Math.round(rate(last)))} events/s, counts query ${fmt(round(q(first), 1))} → ${fmt(round(q(last), 1))}/s`,
      ].join('\n'),
      json: { params: { levels, appendEvents, queries, appendBatch: 100, appendWriters: 4 }, results },
    };
  },
};
