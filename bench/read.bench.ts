import { Client } from 'pg';

import { EVENT_COLUMNS, openBackend } from '@ledger/event-store';

import { registerTask, runInChild, type TaskParams } from './lib/child';
import { createDatabase, dropDatabase, urlFor } from './lib/databases';
import { openEmmett } from './lib/emmett';
import { loadStore, progressEvery } from './lib/load';
import type { Bench, BenchContext } from './lib/registry';
import { median, now, round } from './lib/stats';
import { formatTable, pct, times } from './lib/table';
import { accidentEvent, benchMetadata, benchUuid } from './lib/workload';

const OURS_DB = 'ledger_bench_read';
const EMMETT_DB = 'ledger_bench_read_emmett';
const BATCH = 1000;

interface ReadParams extends TaskParams {
  events: number;
  seed: string;
  capSeconds: number;
}

interface ReadResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** True when the reader hit the time cap before the end of the log; the rate is over what it read. */
  readonly capped: boolean;
}

const result = (events: number, seconds: number, capped = false): ReadResult => ({
  events,
  seconds: round(seconds, 2),
  eventsPerSecond: Math.round(events / seconds),
  capped,
});

registerTask('read.load.ours', async (raw) => {
  const p = raw as ReadParams;
  const url = await createDatabase(OURS_DB);
  const backend = await openBackend({ kind: 'postgres', url, poolSize: 4 });
  try {
    const rate = await loadStore(backend.store, {
      events: p.events,
      seed: p.seed,
      onProgress: progressEvery('load ours', 100_000, p.events),
    });
    await backend.sql.query('VACUUM ANALYZE events');
    return Math.round(rate);
  } finally {
    await backend.close();
  }
});

registerTask('read.load.emmett', async (raw) => {
  const p = raw as ReadParams;
  const emmett = await openEmmett(EMMETT_DB, 4);
  const started = now();
  const per = 1000;
  const show = progressEvery('load Emmett', 100_000, p.events);
  for (let from = 0; from < p.events; from += per) {
    const batch = [];
    for (let i = from; i < Math.min(p.events, from + per); i += 1) batch.push(accidentEvent(p.seed, i));
    const meta = benchMetadata(batch[0]!.data.unitId as string, benchUuid(`${p.seed}:load:${from}`));
    await emmett.store.appendToStream(
      `accident-load-${p.seed}-${from / per}`,
      batch.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { ...meta, eventId: e.id, schemaVersion: e.schemaVersion, businessDate: e.businessDate },
      })),
      { expectedStreamVersion: 0n },
    );
    show(Math.min(p.events, from + per));
  }
  await emmett.pool.query('VACUUM ANALYZE emt_messages');
  const rate = p.events / ((now() - started) / 1000);
  await emmett.close(); // the database stays for the readers
  return Math.round(rate);
});

/** Ours: the port's readAll, 1,000 per batch, mapped to RecordedEvent (bigint positions, Dates…). */
registerTask('read.ours', async () => {
  const backend = await openBackend({ kind: 'postgres', url: urlFor(OURS_DB), poolSize: 2 });
  try {
    let n = 0;
    const started = now();
    for await (const batch of backend.store.readAll({ batchSize: BATCH })) n += batch.length;
    return result(n, (now() - started) / 1000);
  } finally {
    await backend.close();
  }
});

/** Emmett: readMessagesBatch, the primitive its consumers pull the log with, 1,000 per batch. */
registerTask('read.emmett', async (raw) => {
  const p = raw as ReadParams;
  const { readMessagesBatch } = await import('@event-driven-io/emmett-postgresql');
  const emmett = await openEmmett(EMMETT_DB, 2, true);
  try {
    let n = 0;
    let after = 0n;
    const started = now();
    for (;;) {
      const r = await readMessagesBatch(emmett.db.execute, { after, batchSize: BATCH });
      n += r.messages.length;
      after = r.currentGlobalPosition;
      if (!r.areMessagesLeft) return result(n, (now() - started) / 1000);
      if ((now() - started) / 1000 > p.capSeconds) return result(n, (now() - started) / 1000, true);
    }
  } finally {
    await emmett.close();
  }
});

/** The floor: a server-side cursor over the same columns in position order, rows as pg parses them, no mapping. */
registerTask('read.cursor', async () => {
  const client = new Client({ connectionString: urlFor(OURS_DB) });
  await client.connect();
  try {
    let n = 0;
    const started = now();
    await client.query('BEGIN');
    await client.query(
      `DECLARE c NO SCROLL CURSOR FOR SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`,
    );
    for (;;) {
      const { rows } = await client.query(`FETCH ${BATCH} FROM c`);
      n += rows.length;
      if (rows.length < BATCH) break;
    }
    await client.query('COMMIT');
    return result(n, (now() - started) / 1000);
  } finally {
    await client.end();
  }
});

export const readBench: Bench = {
  name: 'read',
  description: 'read-all from position 0: ours (store.readAll) vs Emmett (readMessagesBatch) vs a raw cursor',
  defaultRuns: 3,
  async run(ctx: BenchContext) {
    if (!ctx.postgres) return { text: 'read: skipped — needs a PostgreSQL server', json: { skipped: true } };
    const params: ReadParams = {
      events: ctx.option('events', 1_000_000),
      seed: 'r1',
      capSeconds: ctx.option('emmett-cap-seconds', 60),
    };
    try {
      ctx.log(`loading ${params.events} events into ours and into Emmett…`);
      const loadOurs = (await runInChild<number>('read.load.ours', params)).value;
      const loadEmmett = (await runInChild<number>('read.load.emmett', params)).value;
      ctx.log(`loaded: ours ${loadOurs} events/s, Emmett ${loadEmmett} events/s (batches of 1,000)`);
      const runs: Record<'ours' | 'emmett' | 'cursor', ReadResult[]> = { ours: [], emmett: [], cursor: [] };
      const ratioEmmett: number[] = [];
      const ratioCursor: number[] = [];
      for (let run = 1; run <= ctx.runs; run += 1) {
        for (const who of ['cursor', 'ours', 'emmett'] as const) {
          const { value } = await runInChild<ReadResult>(`read.${who}`, params);
          ctx.log(
            `run ${run}: ${who} ${value.eventsPerSecond} events/s (${value.events} in ${value.seconds} s${value.capped ? ', capped' : ''})`,
          );
          runs[who].push(value);
        }
        const last = (w: 'ours' | 'emmett' | 'cursor') => runs[w][runs[w].length - 1]!.eventsPerSecond;
        ratioEmmett.push(last('ours') / last('emmett'));
        ratioCursor.push(last('ours') / last('cursor'));
      }
      const med = (w: 'ours' | 'emmett' | 'cursor') =>
        Math.round(median(runs[w].map((r) => r.eventsPerSecond)));
      const table = formatTable(
        ['reader', 'events/s (median)', 'runs (events/s)', 'note'],
        (['ours', 'emmett', 'cursor'] as const).map((w) => [
          w === 'ours' ? 'ours: store.readAll' : w === 'emmett' ? 'Emmett: readMessagesBatch' : 'raw cursor',
          med(w),
          runs[w].map((r) => r.eventsPerSecond).join(' / '),
          runs[w].some((r) => r.capped)
            ? `capped at ${params.capSeconds} s: rate over the first ${runs[w][0]!.events} events`
            : '',
        ]),
      );
      const summary = { oursOverEmmett: median(ratioEmmett), oursOverCursor: median(ratioCursor) };
      return {
        text: [
          table,
          '',
          `ours/Emmett: ${times(summary.oursOverEmmett)}   per run: ${ratioEmmett.map(times).join(' ')}`,
          `ours/cursor: ${pct(summary.oursOverCursor)}   per run: ${ratioCursor.map(pct).join(' ')}`,
          `read: ${med('ours')} events/s over ${params.events} events = ${Math.round(summary.oursOverCursor * 100)}% of a raw cursor, ${times(summary.oursOverEmmett)} Emmett`,
        ].join('\n'),
        json: {
          params: { ...params, batchSize: BATCH },
          load: { oursEventsPerSecond: loadOurs, emmettEventsPerSecond: loadEmmett },
          results: Object.fromEntries(
            (['ours', 'emmett', 'cursor'] as const).map((w) => [w, { median: med(w), runs: runs[w] }]),
          ),
          ratios: { ...summary, perRun: { emmett: ratioEmmett, cursor: ratioCursor } },
        },
      };
    } finally {
      await dropDatabase(OURS_DB);
      await dropDatabase(EMMETT_DB);
    }
  },
};
