import type { SqlClient } from '@ledger/event-store';

import type { AnyViewTable, Projection } from './projection';

/**
 * Copies of view tables in a schema of their own: where a rebuild folds before it switches (ProjectionEngine.rebuild)
 * and where an auditor's replay folds (libs/audit). Schema names are checked by the callers, which name them.
 */

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
 * An empty copy of the view tables and the checkpoint table in a new schema. `LIKE … INCLUDING ALL` copies keys,
 * defaults and indexes, so the engine's upserts behave exactly as on the live tables; it works on PostgreSQL and
 * PGlite alike. With `deferIndexes` the view tables come without their keys and indexes, which a bulk load into them
 * builds faster afterwards (one sort per index instead of a descent per row): `indexSideTables` adds them.
 */
export async function createSideSchema(
  sql: SqlClient,
  schema: string,
  tables: readonly AnyViewTable[],
  options: { deferIndexes?: boolean } = {},
): Promise<void> {
  const live = await liveSchema(sql);
  const views = options.deferIndexes ? 'INCLUDING ALL EXCLUDING INDEXES' : 'INCLUDING ALL';
  await sql.transaction(async (tx) => {
    await tx.query(`CREATE SCHEMA ${schema}`);
    await tx.query(`CREATE TABLE ${schema}.view_projections (LIKE ${live}.view_projections INCLUDING ALL)`);
    for (const t of tables)
      await tx.query(`CREATE TABLE ${schema}.${t.name} (LIKE ${live}.${t.name} ${views})`);
  });
}

/**
 * Gives the copies of `tables` in `schema` the indexes of the live tables, with the same names, primary keys and
 * unique constraints as such: the second half of `createSideSchema(…, { deferIndexes: true })`. A table moved into
 * the live schema afterwards (a rebuild's switch) carries exactly the indexes its migrations made.
 */
export async function indexSideTables(
  sql: SqlClient,
  schema: string,
  tables: readonly AnyViewTable[],
): Promise<void> {
  const live = await liveSchema(sql);
  for (const t of tables) {
    const indexes = await sql.query<{ name: string; def: string; constraint_type: string | null }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, c.contype::text AS constraint_type
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class r ON r.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = r.relnamespace
         LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = r.oid
        WHERE n.nspname = $1 AND r.relname = $2
        ORDER BY i.relname`,
      [live, t.name],
    );
    for (const index of indexes) {
      const on = ` ON ${live}.${t.name} `;
      if (!index.def.includes(on)) throw new Error(`cannot copy index ${index.name}: ${index.def}`);
      await sql.query(index.def.replace(on, ` ON ${schema}.${t.name} `));
      if (index.constraint_type === 'p' || index.constraint_type === 'u') {
        const kind = index.constraint_type === 'p' ? 'PRIMARY KEY' : 'UNIQUE';
        await sql.query(
          `ALTER TABLE ${schema}.${t.name} ADD CONSTRAINT ${index.name} ${kind} USING INDEX ${index.name}`,
        );
      }
    }
  }
}

/**
 * `indexSideTables` run once however many callers ask: the threads of a rebuild fold into the same side tables, and
 * any of them may need the keys first (or the rebuild, at the end). A transaction-scoped advisory lock on the schema
 * makes the callers take turns; the first to hold it finds no index and adds them all.
 */
export async function indexSideTablesOnce(
  sql: SqlClient,
  schema: string,
  tables: readonly AnyViewTable[],
): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`index ${schema}`]);
    const [indexed] = await tx.query(
      'SELECT 1 AS indexed FROM pg_indexes WHERE schemaname = $1 AND tablename = ANY($2) LIMIT 1',
      [schema, tables.map((t) => t.name)],
    );
    if (!indexed) await indexSideTables(tx, schema, tables);
  });
}
