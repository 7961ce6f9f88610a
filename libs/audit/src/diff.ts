import type { SqlClient } from '@ledger/event-store';
import type { AnyViewTable } from '@ledger/views';

import { assertScratchName, liveSchema } from './scratch';

/** Values as text (bigint money stays exact), keyed by column; null where the row has none. */
export type RowValues = Readonly<Record<string, string | null>>;

export interface RowDifference {
  /** `added`: only in the live views (appeared since the as-of); `removed`: only in the replay; `changed`: both, differing. */
  readonly kind: 'added' | 'removed' | 'changed';
  readonly key: RowValues;
  readonly replayed: RowValues | null;
  readonly live: RowValues | null;
  /** For `changed`: the columns whose values differ. */
  readonly columns: readonly string[];
}

export interface TableDiff {
  readonly table: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** The first differences in key order, at most the limit asked for. */
  readonly rows: readonly RowDifference[];
}

export interface ViewsDiff {
  readonly identical: boolean;
  readonly unitId: string | null;
  readonly tables: readonly TableDiff[];
}

export interface DiffOptions {
  /** Compare only this unit's rows (tables with a `unit_id` column; others are compared whole). */
  readonly unitId?: string;
  /** Differences listed per table; the counts are always complete. Default 50. */
  readonly limit?: number;
}

const q = (c: string) => `"${c.replace(/"/g, '""')}"`;

/**
 * Row-level differences between a replayed scratch schema and the live views, computed inside the database (a full
 * join on each table's key), so neither side is ever loaded whole.
 */
export async function diffViews(
  sql: SqlClient,
  scratch: string,
  tables: readonly AnyViewTable[],
  options: DiffOptions = {},
): Promise<ViewsDiff> {
  assertScratchName(scratch);
  const live = await liveSchema(sql);
  const limit = Math.max(0, Math.min(options.limit ?? 50, 10_000));
  const out: TableDiff[] = [];
  for (const t of tables) {
    const cols = Object.keys(t.columns);
    // Key columns are the table's primary key, hence never null: `=` joins them (FULL JOIN needs a hashable condition).
    const on = t.key.map((k) => `l.${q(k)} = r.${q(k)}`).join(' AND ');
    const first = q(t.key[0]!);
    const differs = cols.map((c) => `l.${q(c)} IS DISTINCT FROM r.${q(c)}`).join(' OR ');
    const params: unknown[] = [];
    let unitFilter = '';
    if (options.unitId && cols.includes('unit_id')) {
      params.push(options.unitId);
      unitFilter = ` AND coalesce(l.unit_id, r.unit_id) = $1`;
    }
    const from = `FROM ${live}.${t.name} l FULL JOIN ${scratch}.${t.name} r ON ${on}
      WHERE (l.${first} IS NULL OR r.${first} IS NULL OR ${differs})${unitFilter}`;
    const [counts] = await sql.query<{ added: string; removed: string; changed: string }>(
      `SELECT count(*) FILTER (WHERE r.${first} IS NULL)::text AS added,
              count(*) FILTER (WHERE l.${first} IS NULL)::text AS removed,
              count(*) FILTER (WHERE l.${first} IS NOT NULL AND r.${first} IS NOT NULL)::text AS changed
         ${from}`,
      params,
    );
    const asText = (alias: string) =>
      `CASE WHEN ${alias}.${first} IS NULL THEN NULL ELSE jsonb_build_object(${cols
        .map((c) => `'${c}', ${alias}.${q(c)}::text`)
        .join(', ')}) END`;
    const orderBy = t.key.map((k) => `coalesce(l.${q(k)}, r.${q(k)})`).join(', ');
    const rows =
      limit === 0
        ? []
        : await sql.query<{ live: RowValues | null; replayed: RowValues | null }>(
            `SELECT ${asText('l')} AS live, ${asText('r')} AS replayed ${from} ORDER BY ${orderBy} LIMIT ${limit}`,
            params,
          );
    out.push({
      table: t.name,
      added: Number(counts?.added ?? 0),
      removed: Number(counts?.removed ?? 0),
      changed: Number(counts?.changed ?? 0),
      rows: rows.map((r) => describeDifference(t, r.replayed, r.live)),
    });
  }
  return {
    identical: out.every((t) => t.added + t.removed + t.changed === 0),
    unitId: options.unitId ?? null,
    tables: out,
  };
}

function describeDifference(
  t: AnyViewTable,
  replayedRow: RowValues | null,
  liveRow: RowValues | null,
): RowDifference {
  // jsonb orders keys its own way; the auditor reads columns in the table's order.
  const ordered = (row: RowValues | null): RowValues | null =>
    row && Object.fromEntries(Object.keys(t.columns).map((c) => [c, row[c] ?? null]));
  const replayed = ordered(replayedRow);
  const live = ordered(liveRow);
  const some = (live ?? replayed)!;
  const key = Object.fromEntries(t.key.map((k) => [k, some[k] ?? null]));
  if (!replayed) return { kind: 'added', key, replayed: null, live, columns: [] };
  if (!live) return { kind: 'removed', key, replayed, live: null, columns: [] };
  const columns = Object.keys(t.columns).filter((c) => replayed[c] !== live[c]);
  return { kind: 'changed', key, replayed, live, columns };
}

/** The diff as an auditor reads it: one line per table, then each listed row. */
export function formatDiff(diff: ViewsDiff): string {
  if (diff.identical) return 'identical: the replayed views equal the live views\n';
  const lines: string[] = [];
  const same = diff.tables.filter((t) => t.added + t.removed + t.changed === 0).map((t) => t.table);
  for (const t of diff.tables) {
    const total = t.added + t.removed + t.changed;
    if (total === 0) continue;
    lines.push(
      `${t.table}: ${t.added} added since, ${t.removed} removed since, ${t.changed} changed` +
        (t.rows.length < total ? ` (first ${t.rows.length} listed)` : ''),
    );
    for (const r of t.rows) {
      const key = Object.entries(r.key)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      if (r.kind === 'added') lines.push(`  + ${key}  live: ${values(r.live!, r.key)}`);
      else if (r.kind === 'removed') lines.push(`  - ${key}  replayed: ${values(r.replayed!, r.key)}`);
      else
        lines.push(
          `  ~ ${key}  ${r.columns.map((c) => `${c}: ${r.replayed![c]} → ${r.live![c]}`).join(', ')}`,
        );
    }
  }
  if (same.length > 0) lines.push(`identical: ${same.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function values(row: RowValues, key: RowValues): string {
  return Object.entries(row)
    .filter(([k]) => !(k in key))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
