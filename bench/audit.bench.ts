import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { dropScratchSchema, exportEvents, parseAsOf, replayAsOf } from '@ledger/audit';
import { sealLog, verifyLog } from '@ledger/event-store';
import { shanghaiDate } from '@ledger/ledger';

import { registerTask, runInChild, type TaskParams } from './lib/child';
import { createDatabase, dropDatabase, urlFor } from './lib/databases';
import { loadStore, progressEvery } from './lib/load';
import type { Bench, BenchContext } from './lib/registry';
import { median, now, round } from './lib/stats';
import { fmt, formatTable } from './lib/table';
import { openWithViews } from './lib/views';

/**
 * The auditor's three long operations over a log of N AccidentRecorded events (sealed once after the load):
 * verify (every content hash, chain, stream head and seal), an as-of replay of every projection into a scratch schema,
 * and the NDJSON export with its manifest — the library calls `ledger audit verify|replay|export` make.
 */

export const AUDIT_DB = 'ledger_bench_audit';
const SEED = 'a1';
const TARGETS = {
  verifyEventsPerSecond: 100_000,
  /** Issue "Auditors": one brigade-year of ≥ 150,000 events replayed in ≤ 5 s, i.e. ≥ 30,000 events/s. */
  replayEvents: 150_000,
  replaySeconds: 5,
} as const;

interface AuditParams extends TaskParams {
  events: number;
}

const open = () => openWithViews({ kind: 'postgres', url: urlFor(AUDIT_DB), poolSize: 4 });

export interface AuditLoadResult {
  readonly loadEventsPerSecond: number;
  readonly sealSeconds: number;
  readonly eventsTableMiB: number;
}

registerTask('audit.load', async (raw) => {
  const p = raw as AuditParams;
  await createDatabase(AUDIT_DB);
  const backend = await open();
  try {
    const rate = await loadStore(backend.store, {
      events: p.events,
      seed: SEED,
      onProgress: progressEvery('load', 100_000, p.events),
    });
    await backend.sql.query('VACUUM ANALYZE events');
    const t0 = now();
    await sealLog(backend.sql);
    const sealSeconds = (now() - t0) / 1000;
    const [size] = await backend.sql.query<{ mib: string }>(
      `SELECT (pg_total_relation_size('events') / 1048576)::text AS mib`,
    );
    const result: AuditLoadResult = {
      loadEventsPerSecond: Math.round(rate),
      sealSeconds: round(sealSeconds, 1),
      eventsTableMiB: Number(size!.mib),
    };
    return result;
  } finally {
    await backend.close();
  }
});

export interface OpResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly detail: string;
}

const opResult = (events: number, seconds: number, detail: string): OpResult => ({
  events,
  seconds: round(seconds, 2),
  eventsPerSecond: Math.round(events / seconds),
  detail,
});

registerTask('audit.verify', async (raw) => {
  const p = raw as AuditParams;
  const backend = await open();
  try {
    const t0 = now();
    const report = await verifyLog(backend.sql);
    const seconds = (now() - t0) / 1000;
    if (!report.ok || report.eventsChecked !== p.events)
      throw new Error(
        `verify: ok=${report.ok}, ${report.eventsChecked} of ${p.events} events checked, first broken ${JSON.stringify(report.firstBroken)}`,
      );
    return opResult(
      report.eventsChecked,
      seconds,
      `${report.streamsChecked} streams, ${report.sealsChecked} seal(s), ok`,
    );
  } finally {
    await backend.close();
  }
});

/** As recorded by the end of today (Asia/Shanghai): every event of the log is read and folded, every projection. */
registerTask('audit.replay', async (raw) => {
  const p = raw as AuditParams;
  const backend = await open();
  try {
    const t0 = now();
    const r = await replayAsOf(backend, { asOf: parseAsOf(shanghaiDate(new Date()), 'recorded') });
    const seconds = (now() - t0) / 1000;
    await dropScratchSchema(backend.sql, r.schema);
    if (r.eventsFolded !== p.events)
      throw new Error(`replay folded ${r.eventsFolded} events, the log holds ${p.events}`);
    const rows = r.tables
      .filter((t) => t.rows > 0)
      .map((t) => `${t.name} ${t.rows}`)
      .join(', ');
    return opResult(
      r.eventsFolded,
      seconds,
      `${r.eventsRead} events read once for every projection; rows: ${rows}`,
    );
  } finally {
    await backend.close();
  }
});

/** Every event, recorded any day, to an NDJSON file on local disk (with its manifest line), as `ledger audit export`. */
registerTask('audit.export', async (raw) => {
  const p = raw as AuditParams;
  const backend = await open();
  const dir = mkdtempSync(path.join(tmpdir(), 'ledger-bench-export-'));
  const file = path.join(dir, 'events.ndjson');
  try {
    const out = createWriteStream(file);
    let failed: Error | null = null;
    out.on('error', (error) => (failed = error));
    const write = async (chunk: string) => {
      if (failed) throw failed;
      if (!out.write(chunk)) await once(out, 'drain'); // backpressure, as the CLI writes to stdout
    };
    const t0 = now();
    const manifest = await exportEvents(
      backend.sql,
      { from: '2000-01-01', to: '2099-12-31', exportedBy: 'bench-auditor' },
      write,
    );
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    const seconds = (now() - t0) / 1000;
    if (manifest.count !== p.events)
      throw new Error(`export wrote ${manifest.count} events, the log holds ${p.events}`);
    const mib = statSync(file).size / 2 ** 20;
    return opResult(
      manifest.count,
      seconds,
      `${fmt(round(mib, 1))} MiB NDJSON, ${fmt(round(mib / seconds, 1))} MiB/s, ${manifest.seals.length} seal(s) in the manifest`,
    );
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

type Op = 'verify' | 'replay' | 'export';
const OPS: readonly Op[] = ['verify', 'replay', 'export'];

export const auditBench: Bench = {
  name: 'audit',
  description: 'verify, as-of replay into a scratch schema, and NDJSON export over N AccidentRecorded events',
  defaultRuns: 3,
  async run(ctx: BenchContext) {
    if (!ctx.postgres) return { text: 'audit: skipped — needs a PostgreSQL server', json: { skipped: true } };
    const params: AuditParams = { events: ctx.option('events', 1_000_000) };
    const runs: Record<Op, (OpResult & { maxRssMiB: number })[]> = { verify: [], replay: [], export: [] };
    let load: AuditLoadResult;
    try {
      ctx.log(`loading ${fmt(params.events)} AccidentRecorded events, then sealing them…`);
      load = (await runInChild<AuditLoadResult>('audit.load', params)).value;
      ctx.log(
        `loaded at ${fmt(load.loadEventsPerSecond)} events/s (${fmt(load.eventsTableMiB)} MiB), sealed in ${load.sealSeconds} s`,
      );
      for (let run = 1; run <= ctx.runs; run += 1) {
        for (const op of OPS) {
          const { value, maxRssMiB } = await runInChild<OpResult>(`audit.${op}`, params);
          ctx.log(
            `run ${run}: ${op} ${fmt(value.eventsPerSecond)} events/s (${fmt(value.events)} in ${value.seconds} s; ${value.detail})`,
          );
          runs[op].push({ ...value, maxRssMiB });
        }
      }
    } finally {
      await dropDatabase(AUDIT_DB);
    }
    const rate = (op: Op) => Math.round(median(runs[op].map((r) => r.eventsPerSecond)));
    const secs = (op: Op) => round(median(runs[op].map((r) => r.seconds)), 1);
    const labels: Record<Op, string> = {
      verify: 'verify (verifyLog: hashes, chains, heads, seals)',
      replay: 'as-of replay, every projection → scratch schema',
      export: 'export to NDJSON (exportEvents → file)',
    };
    const table = formatTable(
      ['operation', 'events', 'events/s (median)', 'seconds', 'runs (events/s)', 'peak RSS MiB'],
      OPS.map((op) => [
        labels[op],
        params.events,
        rate(op),
        secs(op),
        runs[op].map((r) => r.eventsPerSecond).join(' / '),
        Math.round(median(runs[op].map((r) => r.maxRssMiB))),
      ]),
    );
    const verifyMet = rate('verify') >= TARGETS.verifyEventsPerSecond;
    const replayFor150k = TARGETS.replayEvents / rate('replay');
    const replayMet = replayFor150k <= TARGETS.replaySeconds;
    return {
      text: [
        table,
        '',
        `verify: ${fmt(rate('verify'))} events/s over ${fmt(params.events)} events (target ≥ ${fmt(TARGETS.verifyEventsPerSecond)} events/s: ${verifyMet ? 'met' : 'NOT met'})`,
        `replay: ${fmt(rate('replay'))} events/s, ${fmt(secs('replay'))} s for ${fmt(params.events)} events; at that rate ${fmt(TARGETS.replayEvents)} events take ${fmt(round(replayFor150k, 1))} s (target ≤ ${TARGETS.replaySeconds} s: ${replayMet ? 'met' : 'NOT met'})`,
        `export: ${fmt(rate('export'))} events/s, ${fmt(secs('export'))} s (${runs.export[0]!.detail})`,
      ].join('\n'),
      json: {
        params: {
          ...params,
          seed: SEED,
          replayAsOf: 'recorded, end of today (Asia/Shanghai): the whole log',
        },
        load,
        targets: { ...TARGETS, verifyMet, replayMet, replaySecondsFor150k: round(replayFor150k, 2) },
        results: Object.fromEntries(
          OPS.map((op) => [op, { medianEventsPerSecond: rate(op), medianSeconds: secs(op), runs: runs[op] }]),
        ),
      },
    };
  },
};
