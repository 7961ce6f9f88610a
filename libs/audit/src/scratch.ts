import { randomBytes } from 'node:crypto';

import type { SqlClient } from '@ledger/event-store';
import type { AnyViewTable, Projection } from '@ledger/views';

/** Scratch schemas are named so an operator (and `dropScratchSchemas`) can tell them from anything else. */
export const SCRATCH_PREFIX = 'audit_';
const SCRATCH_NAME = /^audit_[a-z0-9_]{1,50}$/;

export function assertScratchName(schema: string): void {
  if (!SCRATCH_NAME.test(schema)) throw new Error(`not an audit scratch schema: ${schema}`);
}

/** The schema the live views sit in (the first of the search path, `public` unless configured otherwise). */
export async function liveSchema(sql: SqlClient): Promise<string> {
  const [row] = await sql.query<{ schema: string }>('SELECT current_schema() AS schema');
  return row?.schema ?? 'public';
}

/** Every table the projections write, once (several projections share `activity_counts`). */
export function viewTablesOf(projections: readonly Projection[]): AnyViewTable[] {
  const byName = new Map<string, AnyViewTable>();
  for (const p of projections) for (const t of p.tables) if (!byName.has(t.name)) byName.set(t.name, t);
  return [...byName.values()];
}

/**
 * An empty copy of the view tables and the checkpoint table in a schema of its own. `LIKE … INCLUDING ALL` copies
 * keys, defaults and indexes, so the engine's upserts behave exactly as on the live tables; it works on PostgreSQL
 * and PGlite alike.
 */
export async function createScratchSchema(
  sql: SqlClient,
  tables: readonly AnyViewTable[],
  name = `${SCRATCH_PREFIX}${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomBytes(4).toString('hex')}`,
): Promise<string> {
  assertScratchName(name);
  const live = await liveSchema(sql);
  await sql.transaction(async (tx) => {
    await tx.query(`CREATE SCHEMA ${name}`);
    for (const t of ['view_projections', ...tables.map((x) => x.name)])
      await tx.query(`CREATE TABLE ${name}.${t} (LIKE ${live}.${t} INCLUDING ALL)`);
  });
  return name;
}

export async function dropScratchSchema(sql: SqlClient, schema: string): Promise<void> {
  assertScratchName(schema);
  await sql.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

export async function listScratchSchemas(sql: SqlClient): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'audit\\_%' ORDER BY nspname`,
  );
  return rows.map((r) => r.name).filter((n) => SCRATCH_NAME.test(n));
}
