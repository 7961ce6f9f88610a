import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { openBackend, type Backend, type BackendModules } from '@ledger/event-store';

/** The server the bench creates its databases on: BENCH_DATABASE_URL, DATABASE_URL, or the local default. */
export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server's version and the settings that decide write speed, or null when no server answers. */
export async function probeServer(): Promise<Record<string, string> | null> {
  try {
    return await admin(async (c) => {
      const { rows } = await c.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM pg_settings
          WHERE name IN ('server_version', 'shared_buffers', 'fsync', 'synchronous_commit', 'wal_level',
                         'max_wal_size', 'work_mem')`,
      );
      return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    });
  } catch {
    return null;
  }
}

/** A fresh database (dropped first if a crashed run left it behind). */
export async function createDatabase(name: string): Promise<string> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return urlFor(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export interface BenchBackend {
  readonly backend: Backend;
  readonly label: string;
  /** Closes and removes the database (or the PGlite directory). */
  dispose(): Promise<void>;
}

/** Our store on a fresh PostgreSQL database. */
export async function openPostgresStore(
  database: string,
  modules: BackendModules = {},
  poolSize = 20,
): Promise<BenchBackend> {
  const url = await createDatabase(database);
  const backend = await openBackend({ kind: 'postgres', url, poolSize }, modules);
  return {
    backend,
    label: 'postgres',
    dispose: async () => {
      await backend.close();
      await dropDatabase(database);
    },
  };
}

/** Our store on PGlite persisted in a fresh temporary directory, as `npm start` runs it. */
export async function openPgliteStore(modules: BackendModules = {}): Promise<BenchBackend> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ledger-bench-pglite-'));
  const backend = await openBackend({ kind: 'pglite', dataDir: dir }, modules);
  return {
    backend,
    label: 'pglite',
    dispose: async () => {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
