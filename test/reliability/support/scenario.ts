import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { SqlClient } from '@ledger/event-store';
import { createTestDatabase, type BackendKind } from '@ledger/event-store/testing';
import { PROJECTIONS } from '@ledger/views';

import { openInspector } from './inspect';
import { LOAD_PRINCIPAL, type PlannedRecord } from './load';
import { runCli, type Database } from './processes';

export interface Prepared {
  readonly db: Database;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database (test/support's createTestDatabase) or a fresh PGlite directory. */
export async function prepareDatabase(kind: BackendKind): Promise<Prepared> {
  if (kind === 'postgres') {
    const created = await createTestDatabase();
    return { db: { kind: 'postgres', url: created.url }, drop: created.drop };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-reliability-'));
  return {
    db: { kind: 'pglite', dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** `ledger tokens issue` for the load's principal, as an operator would. */
export async function issueLoadToken(db: Database): Promise<string> {
  const out = await runCli(db, [
    'tokens',
    'issue',
    '--principal',
    LOAD_PRINCIPAL.id,
    '--role',
    LOAD_PRINCIPAL.role,
    '--unit',
    LOAD_PRINCIPAL.unitId,
    '--squad',
    LOAD_PRINCIPAL.squadId,
  ]);
  const token = out.trim().split('\n').pop() ?? '';
  if (!/^ltk_/.test(token)) throw new Error(`tokens issue printed no token: ${out}`);
  return token;
}

export async function withInspector<T>(db: Database, work: (sql: SqlClient) => Promise<T>): Promise<T> {
  const backend = await openInspector(db);
  try {
    return await work(backend.sql);
  } finally {
    await backend.close();
  }
}

/** Empty every view table and forget every checkpoint: the next projector starts from position 0. */
export async function resetAllViews(sql: SqlClient): Promise<void> {
  for (const table of new Set(PROJECTIONS.flatMap((p) => p.tables.map((t) => t.name))))
    await sql.query(`DELETE FROM ${table}`);
  await sql.query('DELETE FROM view_projections');
}

/** What the views must hold after the load: one accident row per accident, one tally row per tally, their sum. */
export function expectedTotals(records: readonly PlannedRecord[]): {
  accidents: number;
  tallies: number;
  tallySum: number;
} {
  const tallies = records.filter((r) => r.command === 'RecordTally');
  return {
    accidents: records.length - tallies.length,
    tallies: tallies.length,
    tallySum: tallies.reduce((s, r) => s + r.count, 0),
  };
}

export const seconds = (ms: number): number => Math.round(ms / 100) / 10;

export function seedFromEnv(): number {
  return Number(process.env.LEDGER_RELIABILITY_SEED ?? Date.now() % 1_000_000);
}
