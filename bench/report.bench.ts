import 'reflect-metadata';

import { CommandBus, QueryBus } from '@nestjs/cqrs';

import { demoPoster, loadDemo } from '@ledger/demo';
import {
  GetEvaluationReportQuery,
  renderDocx,
  renderMarkdown,
  type EvaluationReport,
  type ReportRequest,
} from '@ledger/evaluation';
import { BACKEND, type Backend } from '@ledger/event-store';
import { PROJECTION_ENGINE, type ProjectionEngine } from '@ledger/views';

import { registerTask, runInChild, type TaskParams } from './lib/child';
import { createDatabase, dropDatabase } from './lib/databases';
import type { Bench, BenchContext } from './lib/registry';
import { openBenchRuntime } from './lib/runtime';
import { Latencies, median, now, round } from './lib/stats';
import { fmt, formatTable } from './lib/table';

/**
 * The 部门整体支出绩效评价报告 of the demo brigade for 2020 (cut-off 31 October), computed from the views through the
 * QueryBus exactly as the API's GET /api/v1/reports/evaluation does, then serialised (json) or rendered (md, docx).
 */

const DB = 'ledger_bench_report';
const REQUEST: ReportRequest = { unitId: 'changning', year: 2020, cutoff: '2020-10-31' };
const TARGET_P99_MS = 200;
const WARMUP = 3;

interface ReportParams extends TaskParams {
  iterations: number;
}

interface LoadResult {
  readonly records: number;
  readonly events: number;
  readonly loadSeconds: number;
  readonly projectSeconds: number;
}

/** The demo through the CommandBus (validation, authorisation, deciders, appends), then every projection caught up. */
registerTask('report.load', async () => {
  await createDatabase(DB);
  const app = await openBenchRuntime(DB);
  try {
    const started = now();
    let shown = 0;
    const loaded = await loadDemo(demoPoster(app.get(CommandBus)), (p) => {
      if (p.done - shown >= 4000 || p.done === p.total) {
        shown = p.done;
        process.stderr.write(`  demo: ${p.done}/${p.total} records\n`);
      }
    });
    const loadSeconds = (now() - started) / 1000;
    const t1 = now();
    await app.get<ProjectionEngine>(PROJECTION_ENGINE).catchUp();
    const projectSeconds = (now() - t1) / 1000;
    const backend = app.get<Backend>(BACKEND);
    await backend.sql.query('VACUUM ANALYZE');
    const result: LoadResult = {
      records: loaded.total,
      events: Number(await backend.store.headPosition()),
      loadSeconds: round(loadSeconds, 1),
      projectSeconds: round(projectSeconds, 1),
    };
    return result;
  } finally {
    await app.close();
  }
});

type Part = 'query' | 'stringify' | 'markdown' | 'docx' | 'json' | 'md' | 'docxTotal';

interface Timing {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

interface MeasureResult {
  readonly iterations: number;
  readonly timings: Record<Part, Timing>;
  readonly bytes: { json: number; md: number; docx: number };
  readonly figures: number;
}

/**
 * One fresh process: warm-up, then `iterations` times: the query, JSON.stringify of the report (what the API sends for
 * format=json), renderMarkdown and renderDocx of the same report. A format's time is the query plus its own rendering.
 */
registerTask('report.measure', async (raw) => {
  const p = raw as ReportParams;
  const app = await openBenchRuntime(DB);
  try {
    const queries = app.get(QueryBus);
    const lat = Object.fromEntries(
      (['query', 'stringify', 'markdown', 'docx', 'json', 'md', 'docxTotal'] as const).map((k) => [
        k,
        { l: new Latencies(), sum: 0 },
      ]),
    ) as Record<Part, { l: Latencies; sum: number }>;
    const add = (k: Part, ms: number) => {
      lat[k].l.add(ms);
      lat[k].sum += ms;
    };
    let bytes = { json: 0, md: 0, docx: 0 };
    let figures = 0;
    for (let i = 0; i < WARMUP + p.iterations; i += 1) {
      const t0 = now();
      const report = await queries.execute<GetEvaluationReportQuery, EvaluationReport>(
        new GetEvaluationReportQuery(REQUEST),
      );
      const t1 = now();
      const json = JSON.stringify(report);
      const t2 = now();
      const md = renderMarkdown(report.document);
      const t3 = now();
      const docx = await renderDocx(report.document);
      const t4 = now();
      if (i < WARMUP) continue;
      const query = t1 - t0;
      add('query', query);
      add('stringify', t2 - t1);
      add('markdown', t3 - t2);
      add('docx', t4 - t3);
      add('json', query + (t2 - t1));
      add('md', query + (t3 - t2));
      add('docxTotal', query + (t4 - t3));
      bytes = { json: Buffer.byteLength(json), md: Buffer.byteLength(md), docx: docx.length };
      figures = Object.keys(report.document.figures).length;
    }
    const timings = Object.fromEntries(
      Object.entries(lat).map(([k, v]) => [
        k,
        {
          p50Ms: round(v.l.percentile(50), 1),
          p99Ms: round(v.l.percentile(99), 1),
          meanMs: round(v.sum / p.iterations, 1),
        },
      ]),
    ) as Record<Part, Timing>;
    if (figures === 0) throw new Error('the report has no figures: the demo did not load');
    const result: MeasureResult = { iterations: p.iterations, timings, bytes, figures };
    return result;
  } finally {
    await app.close();
  }
});

export const reportBench: Bench = {
  name: 'report',
  description:
    'the evaluation report of the demo brigade (changning, 2020, cut-off 2020-10-31) through the QueryBus: json, md, docx',
  defaultRuns: 3,
  async run(ctx: BenchContext) {
    if (!ctx.postgres)
      return { text: 'report: skipped — needs a PostgreSQL server', json: { skipped: true } };
    const params: ReportParams = { iterations: ctx.option('iterations', 50) };
    const runs: (MeasureResult & { maxRssMiB: number })[] = [];
    let load: LoadResult;
    try {
      ctx.log(
        'loading the demo brigade through the CommandBus and catching up the projections (about a minute)…',
      );
      load = (await runInChild<LoadResult>('report.load', {})).value;
      ctx.log(
        `demo: ${load.records} records → ${load.events} events in ${load.loadSeconds} s, projected in ${load.projectSeconds} s`,
      );
      for (let run = 1; run <= ctx.runs; run += 1) {
        const { value, maxRssMiB } = await runInChild<MeasureResult>('report.measure', params);
        const t = value.timings;
        ctx.log(
          `run ${run}: json p50 ${t.json.p50Ms} / p99 ${t.json.p99Ms} ms, md p99 ${t.md.p99Ms} ms, docx p99 ${t.docxTotal.p99Ms} ms (query p50 ${t.query.p50Ms} ms)`,
        );
        runs.push({ ...value, maxRssMiB });
      }
    } finally {
      await dropDatabase(DB);
    }
    const med = (part: Part, k: keyof Timing) => round(median(runs.map((r) => r.timings[part][k])), 1);
    const row = (label: string, part: Part, size: string) => [
      label,
      med(part, 'p50Ms'),
      med(part, 'p99Ms'),
      med(part, 'meanMs'),
      runs.map((r) => r.timings[part].p99Ms).join(' / '),
      size,
    ];
    const kib = (n: number) => `${fmt(round(n / 1024, 1))} KiB`;
    const b = runs[runs.length - 1]!.bytes;
    const table = formatTable(
      ['format', 'p50 ms', 'p99 ms', 'mean ms', 'runs (p99 ms)', 'size'],
      [
        row('json: query + JSON.stringify', 'json', kib(b.json)),
        row('md: query + renderMarkdown', 'md', kib(b.md)),
        row('docx: query + renderDocx', 'docxTotal', kib(b.docx)),
        row('  of which the query (QueryBus)', 'query', ''),
        row('  of which JSON.stringify', 'stringify', ''),
        row('  of which renderMarkdown', 'markdown', ''),
        row('  of which renderDocx', 'docx', ''),
      ],
    );
    const worst = Math.max(med('json', 'p99Ms'), med('md', 'p99Ms'), med('docxTotal', 'p99Ms'));
    const met = worst <= TARGET_P99_MS;
    return {
      text: [
        table,
        '',
        `report: ${params.iterations} reports per run over the demo brigade (${fmt(load.events)} events, ${runs[0]!.figures} figures); p99 json ${fmt(med('json', 'p99Ms'))} ms, md ${fmt(med('md', 'p99Ms'))} ms, docx ${fmt(med('docxTotal', 'p99Ms'))} ms (target p99 ≤ ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'})`,
      ].join('\n'),
      json: {
        params: { ...params, warmup: WARMUP, request: REQUEST },
        load,
        target: { p99Ms: TARGET_P99_MS, worstP99Ms: worst, met },
        runs,
      },
    };
  },
};
