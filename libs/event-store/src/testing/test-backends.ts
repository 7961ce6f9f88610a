import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { openBackend, type Backend, type BackendModules } from '../backend/open-backend';

export type BackendKind = 'postgres' | 'pglite';

/** PGlite always; the PostgreSQL server too when test/support/global-setup.js found one. */
export function testBackendKinds(): BackendKind[] {
  return process.env.LEDGER_TEST_PG_URL ? ['postgres', 'pglite'] : ['pglite'];
}

function adminUrl(): string {
  const url = process.env.LEDGER_TEST_PG_URL;
  if (!url) throw new Error('no PostgreSQL server for tests');
  return url;
}

/** A fresh, empty database per call (dropped on close), so test files never see each other's events. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = adminUrl();
  const name = `ledger_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestBackend(kind: BackendKind, modules: BackendModules = {}): Promise<Backend> {
  if (kind === 'pglite') return openBackend({ kind: 'pglite', dataDir: null }, modules);
  const db = await createTestDatabase();
  const backend = await openBackend({ kind: 'postgres', url: db.url, poolSize: 20 }, modules);
  return {
    ...backend,
    close: async () => {
      await backend.close();
      await db.drop();
    },
  };
}
