import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { DataSource, type MigrationInterface } from 'typeorm';

import type { EventStore } from '../event-store.port';
import { StoreMigrations } from '../sql/migrations';
import { createPgPool, PgSqlClient } from '../sql/pg-sql-client';
import { PgliteSqlClient } from '../sql/pglite-sql-client';
import type { SqlClient } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { pgModuleFor } from './pglite-pg-shim';

/**
 * Where the log lives when it is not in the database of the views: a KurrentDB cluster (a province or the country,
 * deploy/README.md), or a PostgreSQL database of its own. Views, checkpoints and access tokens stay in the backend's
 * database either way.
 */
export type LogConfig =
  | { readonly kind: 'kurrentdb'; readonly connectionString: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

export type BackendConfig = (
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  /** dataDir null keeps the database in memory (tests); otherwise it is persisted there. */
  | { readonly kind: 'pglite'; readonly dataDir: string | null }
) & {
  /** Absent: the log is in the same database as the views (the embedded default and one brigade's server). */
  readonly log?: LogConfig;
};

export interface BackendModules {
  /** TypeORM migrations of the layers above the store (views…), run after the store's own. */
  readonly migrations?: ReadonlyArray<new () => MigrationInterface>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: ReadonlyArray<Function>;
}

export interface Backend {
  readonly config: BackendConfig;
  /** The database of the views, checkpoints and tokens. */
  readonly sql: SqlClient;
  readonly store: EventStore;
  /**
   * The database whose `events` table holds the log: `sql` itself, a database of its own, or null when the log is
   * in KurrentDB. What reads the log by SQL for speed (the verifier, the sealer, a trace) uses it; with null only the
   * store's port can be asked.
   */
  readonly logSql: SqlClient | null;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** Something reads the log by SQL (the verifier, the sealer, a trace, an export) and the log is in KurrentDB. */
export class LogNotInSqlError extends Error {
  constructor(what: string) {
    super(
      `${what} reads the log by SQL, and this deployment keeps the log in KurrentDB (LEDGER_STORE=kurrentdb), ` +
        'which SQL cannot reach',
    );
    this.name = 'LogNotInSqlError';
  }
}

/** The database that holds the log, for what reads it by SQL; throws LogNotInSqlError when the log is in KurrentDB. */
export function logSqlOf(backend: { readonly logSql: SqlClient | null }, what = 'this'): SqlClient {
  if (backend.logSql) return backend.logSql;
  throw new LogNotInSqlError(what);
}

export function describeBackend(config: BackendConfig): string {
  const views =
    config.kind === 'postgres'
      ? `PostgreSQL at ${redactUrl(config.url)}`
      : `PGlite (embedded) ${config.dataDir ? `in ${config.dataDir}` : 'in memory'}`;
  if (!config.log) return views;
  const log =
    config.log.kind === 'kurrentdb'
      ? `KurrentDB at ${redactUrl(config.log.connectionString)}`
      : `PostgreSQL at ${redactUrl(config.log.url)}`;
  return `${views}, the log in ${log}`;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

/** Opens the database, brings its schema up to date with migrations, and returns the store over it. */
export async function openBackend(config: BackendConfig, modules: BackendModules = {}): Promise<Backend> {
  // A log kept elsewhere leaves no events table here: a query that still looked for the log here fails loudly.
  const migrations = [...(config.log ? [] : StoreMigrations), ...(modules.migrations ?? [])];
  const views = await openDatabase(config, migrations, [...(modules.entities ?? [])]);
  let log: { store: EventStore; logSql: SqlClient | null };
  try {
    log = config.log ? await openLog(config.log) : { store: new SqlEventStore(views.sql), logSql: views.sql };
  } catch (error) {
    await views.dataSource.destroy();
    await views.sql.close();
    throw error;
  }
  return {
    config,
    sql: views.sql,
    store: log.store,
    logSql: log.logSql,
    dataSource: views.dataSource,
    close: async () => {
      await views.dataSource.destroy();
      // The store closes its own client: the views' too when the log lives beside them.
      if (log.logSql !== views.sql) await views.sql.close();
      await log.store.close();
    },
  };
}

/** The SQL database of the backend (TypeORM for the migrations and entities, a plain client for everything else). */
async function openDatabase(
  config: BackendConfig,
  migrations: ReadonlyArray<new () => MigrationInterface>,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
): Promise<{ sql: SqlClient; dataSource: DataSource }> {
  if (config.kind === 'postgres') {
    const pool = createPgPool({ connectionString: config.url, max: config.poolSize ?? 10 });
    const sql = new PgSqlClient(pool);
    const dataSource = new DataSource({
      type: 'postgres',
      url: config.url,
      entities,
      migrations: [...migrations],
      synchronize: false,
      extra: { max: 4 },
      parseInt8: false,
    });
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy();
      await pool.end();
      throw error;
    }
    return { sql, dataSource };
  }

  if (config.dataDir) mkdirSync(path.resolve(config.dataDir), { recursive: true });
  const db = await PGlite.create({
    dataDir: config.dataDir ? path.resolve(config.dataDir) : undefined,
    // Same shapes as the pg pool: int8 as decimal strings, dates as calendar strings.
    parsers: { [pgliteTypes.INT8]: (v: string) => v, [pgliteTypes.DATE]: (v: string) => v },
  });
  const sql = new PgliteSqlClient(db);
  const dataSource = new DataSource({
    type: 'postgres',
    driver: pgModuleFor(db),
    entities,
    migrations: [...migrations],
    synchronize: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return { sql, dataSource };
}

/** A log kept apart from the views: its own PostgreSQL database (migrated here), or a KurrentDB cluster. */
async function openLog(config: LogConfig): Promise<{ store: EventStore; logSql: SqlClient | null }> {
  if (config.kind === 'kurrentdb') {
    // Loaded only here: the gRPC client costs start-up time that a brigade on PostgreSQL or PGlite never needs.
    const { connectKurrentDb } = await import('../kurrentdb/kurrentdb-event-store');
    return { store: await connectKurrentDb(config.connectionString), logSql: null };
  }
  // Migrated through TypeORM like the views' database; the plain client stays open for the store.
  const { sql, dataSource } = await openDatabase(
    { kind: 'postgres', url: config.url, poolSize: config.poolSize },
    StoreMigrations,
    [],
  );
  await dataSource.destroy();
  return { store: new SqlEventStore(sql), logSql: sql };
}

/**
 * The backend the environment asks for: DATABASE_URL selects PostgreSQL; otherwise PGlite in LEDGER_DATA_DIR
 * (default ./data). LEDGER_DB=pglite forces the embedded database even when DATABASE_URL is set.
 * The log is kept in that database unless LEDGER_STORE=kurrentdb (with KURRENTDB_CONNECTION_STRING) puts it in a
 * KurrentDB cluster, or LEDGER_LOG_DATABASE_URL in a PostgreSQL database of its own.
 */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const log = logFromEnv(env);
  const withLog = log ? { log } : {};
  if (env.LEDGER_DB !== 'pglite' && env.DATABASE_URL)
    return { kind: 'postgres', url: env.DATABASE_URL, ...withLog };
  const dir = env.LEDGER_DATA_DIR ?? './data';
  return { kind: 'pglite', dataDir: dir === ':memory:' ? null : dir, ...withLog };
}

function logFromEnv(env: NodeJS.ProcessEnv): LogConfig | undefined {
  const store = env.LEDGER_STORE ?? 'sql';
  if (store !== 'sql' && store !== 'kurrentdb')
    throw new Error(`LEDGER_STORE must be sql or kurrentdb, not ${JSON.stringify(store)}`);
  const logUrl = env.LEDGER_LOG_DATABASE_URL;
  if (store === 'kurrentdb') {
    if (logUrl)
      throw new Error('LEDGER_STORE=kurrentdb and LEDGER_LOG_DATABASE_URL name two places for one log');
    const connectionString = env.KURRENTDB_CONNECTION_STRING;
    if (!connectionString) throw new Error('LEDGER_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING');
    return { kind: 'kurrentdb', connectionString };
  }
  return logUrl ? { kind: 'postgres', url: logUrl } : undefined;
}
