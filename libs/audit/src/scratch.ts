import { randomBytes } from 'node:crypto';

import type { SqlClient } from '@ledger/event-store';
import {
  createSideSchema,
  indexSideTables,
  liveSchema,
  viewTablesOf,
  type AnyViewTable,
} from '@ledger/views';

/** Scratch schemas are named so an operator (and `dropScratchSchemas`) can tell them from anything else. */
export const SCRATCH_PREFIX = 'audit_';
const SCRATCH_NAME = /^audit_[a-z0-9_]{1,50}$/;

export function assertScratchName(schema: string): void {
  if (!SCRATCH_NAME.test(schema)) throw new Error(`not an audit scratch schema: ${schema}`);
}

export { liveSchema, viewTablesOf };

/** A scratch schema for a replay: see `createSideSchema` (`deferIndexes`: `indexScratchTables` adds them later). */
export async function createScratchSchema(
  sql: SqlClient,
  tables: readonly AnyViewTable[],
  name = `${SCRATCH_PREFIX}${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomBytes(4).toString('hex')}`,
  options: { deferIndexes?: boolean } = {},
): Promise<string> {
  assertScratchName(name);
  await createSideSchema(sql, name, tables, options);
  return name;
}

/** The second half of `createScratchSchema(…, { deferIndexes: true })`: the live tables' indexes, see `indexSideTables`. */
export async function indexScratchTables(
  sql: SqlClient,
  schema: string,
  tables: readonly AnyViewTable[],
): Promise<void> {
  assertScratchName(schema);
  await indexSideTables(sql, schema, tables);
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
