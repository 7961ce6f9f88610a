import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { DataSource, type MigrationInterface } from 'typeorm';

import { StoreMigrations } from '../sql/migrations';
import { createPgPool, PgSqlClient } from '../sql/pg-sql-client';
import { PgliteSqlClient } from '../sql/pglite-sql-client';
import type { SqlClient } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';
import { pgModuleFor } from './pglite-pg-shim';

export type BackendConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  /** dataDir null keeps the database in memory (tests); otherwise it is persisted there. */
  | { readonly kind: 'pglite'; readonly dataDir: string | null };

export interface BackendModules {
  /** TypeORM migrations of the layers above the store (views…), run after the store's own. */
  readonly migrations?: ReadonlyArray<new () => MigrationInterface>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: ReadonlyArray<Function>;
}

export interface Backend {
  readonly config: BackendConfig;
  readonly sql: SqlClient;
  readonly store: SqlEventStore;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export function describeBackend(config: BackendConfig): string {
  return config.kind === 'postgres'
    ? `PostgreSQL at ${redactUrl(config.url)}`
    : `PGlite (embedded) ${config.dataDir ? `in ${config.dataDir}` : 'in memory'}`;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

/** Opens the database, brings its schema up to date with migrations, and returns the store over it. */
export async function openBackend(config: BackendConfig, modules: BackendModules = {}): Promise<Backend> {
  const migrations = [...StoreMigrations, ...(modules.migrations ?? [])];
  const entities = [...(modules.entities ?? [])];
  if (config.kind === 'postgres') {
    const pool = createPgPool({ connectionString: config.url, max: config.poolSize ?? 10 });
    const sql = new PgSqlClient(pool);
    const dataSource = new DataSource({
      type: 'postgres',
      url: config.url,
      entities,
      migrations,
      synchronize: false,
      extra: { max: 4 },
      parseInt8: false,
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      await dataSource.destroy();
      await pool.end();
      throw error;
    }
    const store = new SqlEventStore(sql);
    return {
      config,
      sql,
      store,
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await store.close();
      },
    };
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
    migrations,
    synchronize: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const store = new SqlEventStore(sql);
  return {
    config,
    sql,
    store,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await store.close();
    },
  };
}

/**
 * The backend the environment asks for: DATABASE_URL selects PostgreSQL; otherwise PGlite in LEDGER_DATA_DIR
 * (default ./data). LEDGER_DB=pglite forces the embedded database even when DATABASE_URL is set.
 */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  if (env.LEDGER_DB !== 'pglite' && env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  const dir = env.LEDGER_DATA_DIR ?? './data';
  return { kind: 'pglite', dataDir: dir === ':memory:' ? null : dir };
}
