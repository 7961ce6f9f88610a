import type { Command } from 'commander';

import {
  canonicalJson,
  chainHash,
  connectKurrentDb,
  contentHash,
  describeBackend,
  GENESIS_HASH,
  logSqlOf,
  openBackend,
  verifyLog,
  type Backend,
  type BackendConfig,
  type EventStore,
  type KurrentDbEventStore,
  type RecordedEvent,
  type SqlClient,
} from '@ledger/event-store';

import { progressBar } from '../cli-context';

/**
 * `ledger migrate-store --from postgres --to kurrentdb|pglite|postgres` copies the event log to another store:
 * in global order, keeping every event's id, stream, version, metadata, content and chain hashes and recorded-at;
 * resumable (the target itself says where the copy stopped: its newest event's source position); verified at the end
 * (same count, every event equal to its source in order, every hash chain recomputed on the target).
 * Only the log moves: views are rebuilt from it on the target (`ledger projections rebuild`), access tokens are
 * re-issued or copied with the database.
 */
export interface MigrationTarget {
  readonly label: string;
  /** The target as an event store, read back by the verification. */
  readonly store: EventStore;
  /** Positions are preserved (SQL targets) or new (KurrentDB's log offsets). */
  readonly preservesPositions: boolean;
  /** The source position of the newest event already copied; 0n for an empty target. */
  resumeAfter(): Promise<bigint>;
  /** Writes one batch atomically, keeping everything the source recorded. */
  write(batch: readonly RecordedEvent[]): Promise<void>;
  /** After the last batch (SQL targets: the seals, whose positions still hold). */
  finish(source: SqlClient): Promise<void>;
  /** Recomputes every hash chain on the target; returns what is wrong. */
  checkChains(source: SqlClient, progress: (done: number, total: number) => void): Promise<string[]>;
  close(): Promise<void>;
}

export interface MigrationSource {
  readonly store: EventStore;
  readonly sql: SqlClient;
}

export interface MigrateOptions {
  readonly batchSize?: number;
  readonly verify?: boolean;
  /** Stops after the batch in hand (SIGINT): the next run resumes there. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (phase: 'copy' | 'compare' | 'chains', done: number, total: number) => void;
  /** Called after each batch is written (tests use it to interrupt a run the hard way). */
  readonly afterBatch?: (copied: number) => void | Promise<void>;
}

export interface MigrationReport {
  readonly sourceEvents: number;
  /** Events the target already held when this run started. */
  readonly alreadyCopied: number;
  readonly copiedNow: number;
  readonly interrupted: boolean;
  readonly verified: boolean;
  readonly problems: readonly string[];
}

async function* events(iterable: AsyncIterable<RecordedEvent[]>): AsyncGenerator<RecordedEvent> {
  for await (const batch of iterable) yield* batch;
}

async function countUpTo(sql: SqlClient, position: bigint | null): Promise<number> {
  const [row] = await sql.query<{ n: string }>(
    position === null
      ? 'SELECT count(*)::text AS n FROM events'
      : 'SELECT count(*)::text AS n FROM events WHERE position <= $1',
    position === null ? [] : [position.toString()],
  );
  return Number(row?.n ?? 0);
}

export async function migrateStore(
  source: MigrationSource,
  target: MigrationTarget,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const batchSize = options.batchSize ?? 1000;
  const total = await countUpTo(source.sql, null);
  const resume = await target.resumeAfter();
  if (resume > 0n) {
    const [at] = await source.sql.query<{ event_id: string }>(
      'SELECT event_id FROM events WHERE position = $1',
      [resume.toString()],
    );
    if (!at || !(await target.store.findEvent(at.event_id))) {
      throw new Error(
        `${target.label} holds events that are not a copy of this source (its newest says source position ${resume}); ` +
          'migrate into an empty store',
      );
    }
  }
  const already = resume > 0n ? await countUpTo(source.sql, resume) : 0;
  let copied = 0;
  let interrupted = false;
  options.onProgress?.('copy', already, total);
  for await (const batch of source.store.readAll({ after: resume, batchSize })) {
    await target.write(batch);
    copied += batch.length;
    options.onProgress?.('copy', already + copied, total);
    await options.afterBatch?.(already + copied);
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
  }
  if (interrupted) {
    return {
      sourceEvents: total,
      alreadyCopied: already,
      copiedNow: copied,
      interrupted,
      verified: false,
      problems: [],
    };
  }
  await target.finish(source.sql);
  if (options.verify === false) {
    return {
      sourceEvents: total,
      alreadyCopied: already,
      copiedNow: copied,
      interrupted,
      verified: false,
      problems: [],
    };
  }
  const problems = await compareInOrder(source, target, total, options);
  problems.push(
    ...(await target.checkChains(source.sql, (d, t) => options.onProgress?.('chains', d, t))).slice(0, 20),
  );
  return {
    sourceEvents: total,
    alreadyCopied: already,
    copiedNow: copied,
    interrupted,
    verified: true,
    problems,
  };
}

/** Reads both logs in global order side by side: the same events, in the same order, with the same content. */
async function compareInOrder(
  source: MigrationSource,
  target: MigrationTarget,
  total: number,
  options: MigrateOptions,
): Promise<string[]> {
  const problems: string[] = [];
  const note = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };
  const a = events(source.store.readAll({ batchSize: 2000 }));
  const b = events(target.store.readAll({ batchSize: 2000 }));
  let n = 0;
  for (;;) {
    const [x, y] = await Promise.all([a.next(), b.next()]);
    if (x.done || y.done) {
      if (!x.done || !y.done)
        note(`counts differ: source has ${total} events, the target ${x.done ? 'more' : 'fewer'}`);
      break;
    }
    n += 1;
    if (n % 10_000 === 0) options.onProgress?.('compare', n, total);
    const s = x.value;
    const t = y.value;
    const fields = [
      'id',
      'streamId',
      'streamVersion',
      'type',
      'schemaVersion',
      'businessDate',
      'principal',
      'role',
      'unitId',
      'correlationId',
      'causationId',
      'contentHash',
      'chainHash',
    ] as const;
    const differing: string[] = fields.filter((f) => s[f] !== t[f]);
    if (target.preservesPositions && s.position !== t.position) differing.push('position');
    if (s.recordedAt.getTime() !== t.recordedAt.getTime()) differing.push('recordedAt');
    if (canonicalJson(s.data) !== canonicalJson(t.data)) differing.push('data');
    if (contentHash(t) !== t.contentHash) differing.push('content hash (recomputed)');
    if (differing.length > 0)
      note(`event #${n} (source position ${s.position}, id ${s.id}): ${differing.join(', ')} differ`);
  }
  options.onProgress?.('compare', n, total);
  if (n !== total) note(`source count said ${total} events, the comparison saw ${n}`);
  return problems;
}

/** PGlite or PostgreSQL as the target: rows copied as they are, positions included; verified by verifyLog. */
export async function sqlTarget(config: BackendConfig): Promise<MigrationTarget & { backend: Backend }> {
  const backend = await openBackend(config);
  const sql = logSqlOf(backend, 'a SQL target');
  return {
    backend,
    label: describeBackend(config),
    store: backend.store,
    preservesPositions: true,
    resumeAfter: async () => {
      const [row] = await sql.query<{ head: string | null }>(
        'SELECT max(position)::text AS head FROM events',
      );
      return BigInt(row?.head ?? 0);
    },
    write: async (batch) => {
      const heads = new Map<string, { stream_id: string; version: number; chain_hash: string }>();
      for (const e of batch)
        heads.set(e.streamId, { stream_id: e.streamId, version: e.streamVersion, chain_hash: e.chainHash });
      const rows = batch.map((e) => ({
        position: e.position.toString(),
        stream_id: e.streamId,
        stream_version: e.streamVersion,
        event_id: e.id,
        type: e.type,
        data: e.data,
        schema_version: e.schemaVersion,
        business_date: e.businessDate,
        recorded_at: e.recordedAt.toISOString(),
        principal: e.principal,
        role: e.role,
        unit_id: e.unitId,
        correlation_id: e.correlationId,
        causation_id: e.causationId,
        content_hash: e.contentHash,
        chain_hash: e.chainHash,
      }));
      await sql.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO events (position, stream_id, stream_version, event_id, type, data, schema_version, business_date,
                               recorded_at, principal, role, unit_id, correlation_id, causation_id, content_hash, chain_hash)
           OVERRIDING SYSTEM VALUE
           SELECT position, stream_id, stream_version, event_id, type, data, schema_version, business_date, recorded_at,
                  principal, role, unit_id, correlation_id, causation_id, content_hash, chain_hash
             FROM jsonb_to_recordset($1::jsonb) AS x(position bigint, stream_id text, stream_version bigint,
                  event_id uuid, type text, data jsonb, schema_version integer, business_date date,
                  recorded_at timestamptz, principal text, role text, unit_id text, correlation_id text,
                  causation_id text, content_hash text, chain_hash text)
            ORDER BY position`,
          [JSON.stringify(rows)],
        );
        await tx.query(
          `INSERT INTO streams (stream_id, version, chain_hash)
           SELECT stream_id, version, chain_hash FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, version bigint, chain_hash text)
           ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, chain_hash = EXCLUDED.chain_hash`,
          [JSON.stringify([...heads.values()])],
        );
        // Rows inserted with their own positions do not move the identity: keep it past them for later appends.
        await tx.query(`SELECT setval(pg_get_serial_sequence('events', 'position'), $1::bigint)`, [
          batch[batch.length - 1]!.position.toString(),
        ]);
      });
    },
    finish: async (source) => {
      const seals = await source.query(
        `SELECT seal_no, from_position::text, to_position::text, event_count::text, merkle_root, previous_seal_hash,
                seal_hash, sealed_at FROM seals ORDER BY seal_no`,
      );
      for (const s of seals) {
        await sql.query(
          `INSERT INTO seals (seal_no, from_position, to_position, event_count, merkle_root, previous_seal_hash, seal_hash, sealed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (seal_no) DO NOTHING`,
          [
            s.seal_no,
            s.from_position,
            s.to_position,
            s.event_count,
            s.merkle_root,
            s.previous_seal_hash,
            s.seal_hash,
            s.sealed_at,
          ],
        );
      }
    },
    checkChains: async (_source, progress) => {
      progress(0, 1);
      const report = await verifyLog(sql);
      progress(1, 1);
      return report.broken.map(
        (b) => `${b.reason} at ${b.streamId ?? 'seal'} v${b.streamVersion ?? '-'}: ${b.detail}`,
      );
    },
    close: () => backend.close(),
  };
}

/** A KurrentDB cluster as the target (KurrentDB ≥ 25.1): see KurrentDbEventStore.importEvents. */
export async function kurrentDbTarget(connectionString: string): Promise<MigrationTarget> {
  const store: KurrentDbEventStore = await connectKurrentDb(connectionString);
  return {
    label: `KurrentDB at ${connectionString.replace(/\/\/[^@/]*@/, '//***@')}`,
    store,
    preservesPositions: false,
    resumeAfter: () => store.lastImportedSourcePosition(),
    write: async (batch) => {
      await store.importEvents(batch);
    },
    finish: async () => undefined,
    checkChains: (source, progress) => checkChainsByStream(source, store, progress),
    close: () => store.close(),
  };
}

/**
 * Every stream the source knows, read back from the target and chained from the genesis hash: each event's content hash
 * recomputed from its content, each link recomputed, and the end compared with the source's stream head.
 */
async function checkChainsByStream(
  source: SqlClient,
  target: EventStore,
  progress: (done: number, total: number) => void,
): Promise<string[]> {
  const problems: string[] = [];
  const [count] = await source.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM streams WHERE version >= 0',
  );
  const total = Number(count?.n ?? 0);
  let done = 0;
  let after = '';
  for (;;) {
    const heads = await source.query<{ stream_id: string; version: string; chain_hash: string }>(
      `SELECT stream_id, version::text, chain_hash FROM streams WHERE version >= 0 AND stream_id > $1
        ORDER BY stream_id LIMIT 500`,
      [after],
    );
    if (heads.length === 0) break;
    await Promise.all(
      heads.map(async (h) => {
        let hash = GENESIS_HASH;
        let version = -1;
        for await (const e of events(target.readStream(h.stream_id))) {
          const content = contentHash(e);
          hash = chainHash(hash, content, e.recordedAt);
          if (content !== e.contentHash || hash !== e.chainHash || e.streamVersion !== version + 1) {
            if (problems.length < 20)
              problems.push(`${h.stream_id} v${e.streamVersion}: chain broken on the target`);
          }
          version = e.streamVersion;
        }
        if (version !== Number(h.version) || hash !== h.chain_hash) {
          if (problems.length < 20)
            problems.push(`${h.stream_id}: ends at v${version} on the target, v${h.version} in the source`);
        }
      }),
    );
    done += heads.length;
    progress(done, total);
    after = heads[heads.length - 1]!.stream_id;
  }
  return problems;
}

function sourceConfig(from: string, opts: { sourceUrl?: string; sourceDir?: string }): BackendConfig {
  if (from === 'postgres') {
    const url = opts.sourceUrl ?? process.env.DATABASE_URL;
    if (!url) throw new Error('--from postgres needs --source-url or DATABASE_URL');
    return { kind: 'postgres', url };
  }
  if (from === 'pglite')
    return { kind: 'pglite', dataDir: opts.sourceDir ?? process.env.LEDGER_DATA_DIR ?? './data' };
  throw new Error(`--from ${from}: expected postgres or pglite`);
}

async function openTarget(
  to: string,
  opts: { targetUrl?: string; targetDir?: string },
): Promise<MigrationTarget> {
  if (to === 'kurrentdb') {
    const cs = opts.targetUrl ?? process.env.KURRENTDB_CONNECTION_STRING;
    if (!cs) throw new Error('--to kurrentdb needs --target-url or KURRENTDB_CONNECTION_STRING');
    return kurrentDbTarget(cs);
  }
  if (to === 'pglite') {
    if (!opts.targetDir) throw new Error('--to pglite needs --target-dir');
    return sqlTarget({ kind: 'pglite', dataDir: opts.targetDir });
  }
  if (to === 'postgres') {
    if (!opts.targetUrl) throw new Error('--to postgres needs --target-url');
    return sqlTarget({ kind: 'postgres', url: opts.targetUrl });
  }
  throw new Error(`--to ${to}: expected kurrentdb, pglite or postgres`);
}

interface MigrateCliOptions {
  from: string;
  to: string;
  sourceUrl?: string;
  sourceDir?: string;
  targetUrl?: string;
  targetDir?: string;
  batch: string;
  verify: boolean;
}

export function registerMigrateStore(program: Command): void {
  program
    .command('migrate-store')
    .description(
      'copy the event log to another store in global order, resumably, then verify counts and hash chains',
    )
    .requiredOption(
      '--from <kind>',
      'source: postgres (DATABASE_URL or --source-url) or pglite (--source-dir)',
    )
    .requiredOption('--to <kind>', 'target: kurrentdb, pglite or postgres')
    .option('--source-url <url>', 'PostgreSQL URL of the source (default DATABASE_URL)')
    .option('--source-dir <dir>', 'PGlite directory of the source (default LEDGER_DATA_DIR or ./data)')
    .option(
      '--target-url <url>',
      'KurrentDB connection string (default KURRENTDB_CONNECTION_STRING) or PostgreSQL URL',
    )
    .option('--target-dir <dir>', 'PGlite directory of the target')
    .option('--batch <n>', 'events per batch', '1000')
    .option('--no-verify', 'skip the final verification')
    .action(async (opts: MigrateCliOptions) => {
      const config = sourceConfig(opts.from, opts);
      const source = await openBackend(config);
      let target: MigrationTarget | null = null;
      const controller = new AbortController();
      const onSigint = () => {
        process.stderr.write(
          '\nmigrate-store: stopping after the batch in hand; run the same command again to resume\n',
        );
        controller.abort();
      };
      process.once('SIGINT', onSigint);
      try {
        target = await openTarget(opts.to, opts);
        process.stderr.write(`migrate-store: ${describeBackend(config)} → ${target.label}\n`);
        const labels = { copy: 'copy   ', compare: 'compare', chains: 'chains ' };
        const from = { store: source.store, sql: logSqlOf(source, 'migrate-store') };
        const report = await migrateStore(from, target, {
          batchSize: Number(opts.batch),
          verify: opts.verify,
          signal: controller.signal,
          onProgress: (phase, done, total) => progressBar(labels[phase], done, total),
        });
        process.stderr.write('\n');
        if (report.alreadyCopied > 0)
          process.stdout.write(`resumed after ${report.alreadyCopied} events already copied\n`);
        process.stdout.write(
          `copied ${report.copiedNow} events (${report.alreadyCopied + report.copiedNow}/${report.sourceEvents})\n`,
        );
        if (report.interrupted) {
          process.stdout.write('interrupted: run the same command again to resume\n');
          process.exitCode = 2;
        } else if (!report.verified) {
          process.stdout.write('not verified (--no-verify)\n');
        } else if (report.problems.length > 0) {
          process.stdout.write(`verification FAILED:\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`);
          process.exitCode = 1;
        } else {
          process.stdout.write(
            `verified: ${report.sourceEvents} events equal in order, every hash chain recomputed on the target\n`,
          );
        }
      } finally {
        process.off('SIGINT', onSigint);
        await target?.close();
        await source.close();
      }
    });
}
