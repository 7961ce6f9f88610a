import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import {
  chainHash,
  contentHash,
  GENESIS_HASH,
  SqlEventStore,
  WrongExpectedVersionError,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
} from '@ledger/event-store';

import { registerTask, runInChild, type TaskParams } from './lib/child';
import { createDatabase, dropDatabase, openPgliteStore, openPostgresStore } from './lib/databases';
import { openEmmett } from './lib/emmett';
import type { Bench, BenchContext } from './lib/registry';
import { drive, Latencies, measurement, median, medianRun, now, type Measurement } from './lib/stats';
import { formatTable, pct, times } from './lib/table';
import { accidentEvent, benchMetadata, benchUuid, rng, zipfSampler } from './lib/workload';

type Workload = 'batch' | 'single' | 'zipf';
type System = 'ours' | 'emmett';

interface AppendParams extends TaskParams {
  system: System;
  backend: 'postgres' | 'pglite';
  workload: Workload;
  events: number;
  streams: number;
  batchSize: number;
  concurrency: number;
  zipfS: number;
  seed: string;
}

const streamName = (seed: string, s: number) => `accident-bench-${seed}-${s}`;

/** The events of one workload, generated before the clock starts, identical for every system. */
function prepare(p: AppendParams): EventToAppend[] {
  return Array.from({ length: p.events }, (_, i) => accidentEvent(p.seed, i));
}

/**
 * The writer protocol both stores are driven by. Batch and single: append k goes to stream k mod streams with the exact
 * expected version, each stream owned by one writer (no conflicts). Zipf: 16 writers choose streams by a Zipf law,
 * append with the version they last saw, and on a conflict read the stream head and retry (counted).
 */
interface Writer {
  append(stream: string, events: EventToAppend[], countBefore: number): Promise<void>;
  isConflict(error: unknown): boolean;
  count(stream: string): Promise<number>;
}

async function runWorkload(p: AppendParams, w: Writer, events: EventToAppend[]): Promise<Measurement> {
  const lat = new Latencies();
  if (p.workload === 'zipf') {
    const known = new Map<string, number>();
    let retries = 0;
    let done = 0;
    const started = now();
    await Promise.all(
      Array.from({ length: p.concurrency }, async (_, worker) => {
        const pick = zipfSampler(p.streams, p.zipfS, rng(1000 + worker));
        for (;;) {
          const i = done;
          if (i >= p.events) return;
          done += 1;
          const stream = streamName(p.seed, pick());
          const t0 = now();
          for (;;) {
            try {
              const before = known.get(stream) ?? 0;
              await w.append(stream, [events[i]!], before);
              known.set(stream, Math.max(known.get(stream) ?? 0, before + 1));
              break;
            } catch (error) {
              if (!w.isConflict(error)) throw error;
              retries += 1;
              known.set(stream, await w.count(stream));
            }
          }
          lat.add(now() - t0);
        }
      }),
    );
    return measurement(p.events, (now() - started) / 1000, lat, retries);
  }
  const size = p.workload === 'batch' ? p.batchSize : 1;
  const appends = Math.ceil(p.events / size);
  const seconds = await drive(
    appends,
    p.concurrency,
    async (k) => {
      const stream = streamName(p.seed, k % p.streams);
      const countBefore = Math.floor(k / p.streams) * size;
      await w.append(stream, events.slice(k * size, (k + 1) * size), countBefore);
    },
    lat,
  );
  return measurement(p.events, seconds, lat);
}

function ourWriter(store: EventStore, seed: string): Writer {
  return {
    append: async (stream, events, countBefore) => {
      const expectedVersion: ExpectedVersion = countBefore === 0 ? 'no_stream' : countBefore - 1;
      const unit = (events[0]!.data.unitId as string) ?? null;
      await store.append(stream, events, {
        expectedVersion,
        metadata: benchMetadata(unit, benchUuid(`${seed}:corr:${events[0]!.id}`)),
      });
    },
    isConflict: (error) => error instanceof WrongExpectedVersionError,
    count: async (stream) => ((await store.streamHead(stream))?.version ?? -1) + 1,
  };
}

registerTask('append.ours', async (raw) => {
  const p = raw as AppendParams;
  const events = prepare(p);
  const opened = p.backend === 'postgres' ? await openPostgresStore('ledger_bench') : await openPgliteStore();
  try {
    const { store } = opened.backend;
    const m = await runWorkload(p, ourWriter(store, p.seed), events);
    // How much group commit merged: appends per transaction (1.0 = none).
    return {
      ...m,
      appendsPerGroup:
        !(store instanceof SqlEventStore) || store.group.groups === 0
          ? null
          : store.group.appends / store.group.groups,
    };
  } finally {
    await opened.dispose();
  }
});

registerTask('append.emmett', async (raw) => {
  const p = raw as AppendParams;
  const events = prepare(p);
  const emmett = await openEmmett('ledger_bench_emmett');
  try {
    return await runWorkload(
      p,
      {
        append: async (stream, batch, countBefore) => {
          const unit = (batch[0]!.data.unitId as string) ?? null;
          const meta = { ...benchMetadata(unit, benchUuid(`${p.seed}:corr:${batch[0]!.id}`)) };
          await emmett.store.appendToStream(
            stream,
            batch.map((e) => ({
              type: e.type,
              data: e.data,
              metadata: {
                ...meta,
                eventId: e.id,
                schemaVersion: e.schemaVersion,
                businessDate: e.businessDate,
              },
            })),
            { expectedStreamVersion: BigInt(countBefore) },
          );
        },
        isConflict: (error) => emmett.isConflict(error),
        count: async (stream) => Number(await emmett.streamPosition(stream)),
      },
      events,
    );
  } finally {
    await emmett.dispose();
  }
});

/**
 * How the raw COPY rows are sent. `bulk`: 10,000 rows per COPY from one connection, the server's ingest ceiling.
 * `batches`: one transaction per append-sized batch (100 rows) from the workload's writers, no ordering. `ordered`:
 * the same batches, each transaction taking the global advisory lock before its COPY and holding it through COMMIT —
 * the ordering ours promises (positions gapless in commit order), so what that promise costs at this batch size.
 */
type CopyMode = 'bulk' | 'batches' | 'ordered';

/** The same rows, hashed and chained as ours would store them, COPYed into a bare table with the same indexes. */
async function copyTask(p: AppendParams, mode: CopyMode): Promise<Measurement> {
  const events = prepare(p);
  const heads = new Map<string, { version: number; hash: string }>();
  const recordedAt = new Date();
  const lines: string[] = [];
  const size = p.batchSize;
  events.forEach((e, i) => {
    const stream = streamName(p.seed, Math.floor(i / size) % p.streams);
    const meta = benchMetadata((e.data.unitId as string) ?? null, benchUuid(`${p.seed}:corr:${e.id}`));
    const head = heads.get(stream) ?? { version: -1, hash: GENESIS_HASH };
    const content = contentHash({ ...e, streamId: stream, ...meta });
    const chain = chainHash(head.hash, content, recordedAt);
    heads.set(stream, { version: head.version + 1, hash: chain });
    lines.push(
      [
        stream,
        head.version + 1,
        e.id,
        e.type,
        csv(JSON.stringify(e.data)),
        e.schemaVersion,
        e.businessDate ?? '',
        recordedAt.toISOString(),
        meta.principal,
        meta.role,
        meta.unitId ?? '',
        meta.correlationId,
        '',
        content,
        chain,
      ].join(',') + '\n',
    );
  });
  const chunk = mode === 'bulk' ? 10_000 : size;
  const texts: string[] = [];
  for (let i = 0; i < lines.length; i += chunk) texts.push(lines.slice(i, i + chunk).join(''));
  const url = await createDatabase('ledger_bench_copy');
  const writers = mode === 'bulk' ? 1 : p.concurrency;
  const clients = Array.from({ length: writers }, () => new Client({ connectionString: url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    await clients[0]!.query(`
      CREATE TABLE copy_events (
        position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id      text NOT NULL,
        stream_version bigint NOT NULL,
        event_id       uuid NOT NULL UNIQUE,
        type           text NOT NULL,
        data           jsonb NOT NULL,
        schema_version integer NOT NULL,
        business_date  date,
        recorded_at    timestamptz NOT NULL,
        principal      text NOT NULL,
        role           text NOT NULL,
        unit_id        text,
        correlation_id text NOT NULL,
        causation_id   text,
        content_hash   text NOT NULL,
        chain_hash     text NOT NULL,
        UNIQUE (stream_id, stream_version)
      )`);
    const copy = (client: Client, text: string) =>
      new Promise<void>((resolve, reject) => {
        const stream = client.query(
          copyFrom(`COPY copy_events (stream_id, stream_version, event_id, type, data, schema_version, business_date,
            recorded_at, principal, role, unit_id, correlation_id, causation_id, content_hash, chain_hash)
            FROM STDIN WITH (FORMAT csv)`),
        );
        stream.on('finish', () => resolve());
        stream.on('error', reject);
        stream.end(text);
      });
    const lat = new Latencies();
    const seconds = await drive(
      texts.length,
      writers,
      async (k, worker) => {
        const client = clients[worker]!;
        if (mode === 'bulk') return copy(client, texts[k]!);
        await client.query('BEGIN');
        // The lock ledger_append takes; held through COMMIT as there.
        if (mode === 'ordered') await client.query('SELECT pg_advisory_xact_lock(72634181)');
        await copy(client, texts[k]!);
        await client.query('COMMIT');
      },
      lat,
    );
    return measurement(events.length, seconds, lat);
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await dropDatabase('ledger_bench_copy');
  }
}

registerTask('append.copy', (raw) => copyTask(raw as AppendParams, 'bulk'));
registerTask('append.copy-batches', (raw) => copyTask(raw as AppendParams, 'batches'));
registerTask('append.copy-ordered', (raw) => copyTask(raw as AppendParams, 'ordered'));

function csv(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

interface Row {
  readonly label: string;
  readonly backend: string;
  readonly workload: Workload;
  readonly system: RowSystem;
}

type RowSystem = System | CopySystem;

const LABEL: Record<RowSystem, string> = {
  ours: 'ours',
  emmett: 'Emmett',
  copy: 'raw COPY',
  'copy-batches': 'raw COPY',
  'copy-ordered': 'raw COPY',
};

type CopySystem = 'copy' | 'copy-batches' | 'copy-ordered';

const isCopy = (system: RowSystem): system is CopySystem => system.startsWith('copy');

/** What the workload column says of a raw COPY row. */
const COPY_WORKLOAD: Record<CopySystem, string> = {
  copy: 'bulk 10,000',
  'copy-batches': 'txn of 100',
  'copy-ordered': 'txn of 100, ordered',
};

/** The workload column: raw COPY rows say how they send the rows, the stores their batch size. */
function workloadText(row: Row, batchSize: number): string {
  if (isCopy(row.system)) return COPY_WORKLOAD[row.system];
  return row.workload === 'batch' ? `batch ${batchSize}` : row.workload;
}

/** `--only=batch,postgres,…`: values of one dimension (workload, backend, system) are ORed, dimensions ANDed. */
function selected(only: string[] | null, row: Row): boolean {
  if (!only) return true;
  const dims: [readonly string[], string][] = [
    [['batch', 'single', 'zipf'], row.workload],
    [['postgres', 'pglite'], row.backend],
    [['ours', 'emmett', 'copy'], isCopy(row.system) ? 'copy' : row.system],
  ];
  return dims.every(([values, actual]) => {
    const wanted = only.filter((v) => values.includes(v));
    return wanted.length === 0 || wanted.includes(actual);
  });
}

export const appendBench: Bench = {
  name: 'append',
  description: 'append throughput and latency: ours vs Emmett vs raw COPY on PostgreSQL, ours on PGlite',
  defaultRuns: 3,
  async run(ctx: BenchContext) {
    const base = {
      streams: 2000,
      batchSize: ctx.option('batch', 100),
      zipfS: 0.99,
      seed: 'b1',
    };
    const batchEvents = ctx.option('events', 200_000);
    const singleEvents = ctx.option('single-events', 20_000);
    const zipfEvents = ctx.option('zipf-events', 5_000);
    const pgliteSingleEvents = ctx.option('pglite-single-events', singleEvents);
    const plan: (Row & { params: AppendParams })[] = [];
    const only = ctx.list('only');
    const add = (row: Row, events: number, concurrency: number) => {
      if (!selected(only, row)) return;
      plan.push({
        ...row,
        params: {
          ...base,
          system: isCopy(row.system) ? 'ours' : row.system,
          backend: row.backend === 'pglite' ? 'pglite' : 'postgres',
          workload: row.workload,
          events,
          concurrency,
        },
      });
    };
    const row = (system: RowSystem, backend: string, workload: Workload): Row => ({
      label: LABEL[system],
      backend,
      workload,
      system,
    });
    if (ctx.postgres) {
      add(row('ours', 'postgres', 'batch'), batchEvents, 4);
      add(row('emmett', 'postgres', 'batch'), batchEvents, 4);
      add(row('copy', 'postgres', 'batch'), batchEvents, 1);
      add(row('copy-batches', 'postgres', 'batch'), batchEvents, 4);
      add(row('copy-ordered', 'postgres', 'batch'), batchEvents, 4);
      add(row('ours', 'postgres', 'single'), singleEvents, 16);
      add(row('emmett', 'postgres', 'single'), singleEvents, 16);
      add(row('ours', 'postgres', 'zipf'), zipfEvents, 16);
      add(row('emmett', 'postgres', 'zipf'), zipfEvents, 16);
    }
    add(row('ours', 'pglite', 'batch'), batchEvents, 4);
    add(row('ours', 'pglite', 'single'), pgliteSingleEvents, 16);
    add(row('ours', 'pglite', 'zipf'), zipfEvents, 16);

    const results = new Map<string, Measurement[]>();
    const key = (r: Row) => `${r.backend}/${r.workload}/${r.system}`;
    const ratios = {
      emmettBatch: [] as number[],
      copyBatch: [] as number[],
      orderedCopyBatch: [] as number[],
      emmettSingle: [] as number[],
    };
    const ratiosZipf: number[] = [];
    for (let run = 1; run <= ctx.runs; run += 1) {
      const thisRun = new Map<string, Measurement>();
      for (const item of plan) {
        const task = `append.${item.system}`;
        ctx.log(
          `run ${run}/${ctx.runs}: ${item.label} ${item.backend} ${workloadText(item, base.batchSize)} (${item.params.events} events)…`,
        );
        let value: Measurement;
        try {
          ({ value } = await runInChild<Measurement>(task, item.params));
          ctx.log(`  ${value.eventsPerSecond} events/s, p50 ${value.p50Ms} ms, p99 ${value.p99Ms} ms`);
        } catch (error) {
          // One failed measurement must not lose the others: it is recorded as missing and said so.
          ctx.log(`  FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
          const nan = Number.NaN;
          value = {
            events: item.params.events,
            seconds: nan,
            eventsPerSecond: nan,
            p50Ms: nan,
            p99Ms: nan,
            calls: 0,
          };
        }
        thisRun.set(key(item), value);
        results.set(key(item), [...(results.get(key(item)) ?? []), value]);
      }
      const rate = (k: string) => thisRun.get(k)?.eventsPerSecond ?? Number.NaN;
      ratios.emmettBatch.push(rate('postgres/batch/ours') / rate('postgres/batch/emmett'));
      ratios.copyBatch.push(rate('postgres/batch/ours') / rate('postgres/batch/copy'));
      ratios.orderedCopyBatch.push(rate('postgres/batch/ours') / rate('postgres/batch/copy-ordered'));
      ratios.emmettSingle.push(rate('postgres/single/ours') / rate('postgres/single/emmett'));
      ratiosZipf.push(rate('postgres/zipf/ours') / rate('postgres/zipf/emmett'));
    }

    const rows = plan.map((item) => {
      const m = medianRun(results.get(key(item)) ?? []);
      return { item, m };
    });
    const table = formatTable(
      [
        'system',
        'backend',
        'workload',
        'events',
        'events/s (median)',
        'p50 ms',
        'p99 ms',
        'retries',
        'appends/txn',
        'runs (events/s)',
      ],
      rows.map(({ item, m }) => [
        item.label,
        item.backend,
        workloadText(item, base.batchSize),
        m.events,
        m.eventsPerSecond,
        m.p50Ms,
        m.p99Ms,
        m.retries ?? '',
        typeof m.appendsPerGroup === 'number' ? m.appendsPerGroup.toFixed(1) : '',
        m.runs.join(' / '),
      ]),
    );
    const summary = {
      oursOverEmmettBatch: median(ratios.emmettBatch),
      oursOverCopyBatch: median(ratios.copyBatch),
      oursOverOrderedCopyBatch: median(ratios.orderedCopyBatch),
      oursOverEmmettSingle: median(ratios.emmettSingle),
      oursOverEmmettZipf: median(ratiosZipf),
    };
    const lines = [table, ''];
    if (ctx.postgres) {
      lines.push(
        `ours/Emmett (postgres, batch ${base.batchSize}): ${times(summary.oursOverEmmettBatch)}   per run: ${ratios.emmettBatch.map(times).join(' ')}`,
        `ours/Emmett (postgres, single, 16 writers): ${times(summary.oursOverEmmettSingle)}   per run: ${ratios.emmettSingle.map(times).join(' ')}`,
        `ours/Emmett (postgres, zipf, 16 writers): ${times(summary.oursOverEmmettZipf)}   per run: ${ratiosZipf.map(times).join(' ')}`,
        `ours/COPY (postgres, batch ${base.batchSize}): ${pct(summary.oursOverCopyBatch)}   per run: ${ratios.copyBatch.map(pct).join(' ')}`,
        `ours/COPY ordered (postgres, transactions of ${base.batchSize} under the global lock): ${pct(summary.oursOverOrderedCopyBatch)}   per run: ${ratios.orderedCopyBatch.map(pct).join(' ')}`,
      );
      const ours = rows.find((r) => key(r.item) === 'postgres/batch/ours')?.m.eventsPerSecond ?? Number.NaN;
      lines.push(
        `append: ${ours} events/s (postgres, batch ${base.batchSize}) = ${Math.round(summary.oursOverCopyBatch * 100)}% of raw COPY`,
      );
    } else {
      lines.push('append: no PostgreSQL server answered — PGlite only, no Emmett or COPY comparison');
    }
    return {
      text: lines.join('\n'),
      json: {
        params: { ...base, batchEvents, singleEvents, zipfEvents, pgliteSingleEvents },
        results: rows.map(({ item, m }) => ({
          system: item.label,
          backend: item.backend,
          workload: item.workload,
          ...m,
        })),
        ratios: { ...summary, perRun: { ...ratios, zipf: ratiosZipf } },
      },
    };
  },
};
