import { copyField, type SqlClient } from '@ledger/event-store';

import {
  rowRef,
  type AnyViewTable,
  type ColumnType,
  type RowRef,
  type RowStore,
  type ViewTable,
} from './projection';

type Row = Record<string, unknown>;

/**
 * A row's identity within its table: the key values, each followed by NUL. PostgreSQL text cannot hold NUL, so no
 * stored value contains it and no value can run into the next. Built by plain appends because the fold asks for it
 * several times per event (a length prefix per value cost a third of a rebuild's fold).
 */
function keyString(table: AnyViewTable, key: Row): string {
  let out = '';
  for (const column of table.key) {
    const value = key[column];
    out +=
      value === null || value === undefined ? '\u0000' : `${String(value as string | number | bigint)}\u0000`;
  }
  return out;
}

/** `jsonb_to_recordset` needs the column list with types; this is it for a table (or only its key). */
const recordsetType = (table: AnyViewTable, columns: readonly string[]) =>
  columns.map((c) => `"${c}" ${table.columns[c]}`).join(', ');

export interface RowCacheOptions {
  /**
   * The tables held no rows when the cache began, and every row written since went through it: a row it does not
   * hold does not exist, so a miss costs no query. Cleared by {@link RowCache.evict}.
   */
  readonly complete?: boolean;
}

/**
 * The row cache behind RowStore: rows are loaded per table in one query, folded in memory, and written back in one
 * upsert per table. `tableName` maps a logical table to its physical name (blue/green rebuilds, scratch schemas).
 * The live projector uses one per batch; a replay keeps one for the whole log (see `complete`).
 */
export class RowCache implements RowStore {
  private rows = new Map<string, Map<string, Row | null>>();
  /** Changed rows per table: key string → null for an upsert, the key's columns for a delete. */
  private readonly dirty = new Map<string, Map<string, Row | null>>();
  private readonly tables = new Map<string, AnyViewTable>();
  private isComplete: boolean;

  constructor(
    private readonly sql: SqlClient,
    private readonly tableName: (table: AnyViewTable) => string,
    options: RowCacheOptions = {},
  ) {
    this.isComplete = options.complete ?? false;
  }

  /** Whether a miss means "no such row" (see RowCacheOptions.complete). */
  get complete(): boolean {
    return this.isComplete;
  }

  /** Rows held in memory, over all tables (absent ones included: they are entries too). */
  get size(): number {
    let n = 0;
    for (const slot of this.rows.values()) n += slot.size;
    return n;
  }

  /** Forgets every row; unflushed changes are lost, so flush first. From now on a miss loads from the database. */
  evict(): void {
    if (this.dirty.size > 0) throw new Error('evict after flush: the cache holds unwritten rows');
    this.rows = new Map();
    this.isComplete = false;
  }

  private slot(table: AnyViewTable): Map<string, Row | null> {
    let slot = this.rows.get(table.name);
    if (!slot) {
      slot = new Map();
      this.rows.set(table.name, slot);
      this.tables.set(table.name, table);
    }
    return slot;
  }

  async prefetch(refs: readonly RowRef[]): Promise<void> {
    if (this.isComplete) return;
    const byTable = new Map<AnyViewTable, Row[]>();
    for (const ref of refs) {
      const table = ref.table;
      const slot = this.slot(table);
      const k = keyString(table, ref.key as Row);
      if (slot.has(k)) continue;
      slot.set(k, null);
      const list = byTable.get(table) ?? [];
      list.push(ref.key as Row);
      byTable.set(table, list);
    }
    for (const [table, keys] of byTable) await this.load(table, keys);
  }

  // Key columns are NOT NULL (a primary key), so plain `=` joins: it lets PostgreSQL probe the key index instead of
  // scanning the whole view per batch, which `IS NOT DISTINCT FROM` would force.
  private async load(table: AnyViewTable, keys: Row[]): Promise<void> {
    const slot = this.slot(table);
    const cols = Object.keys(table.columns);
    const join = table.key.map((k) => `t."${k}" = k."${k}"`).join(' AND ');
    for (let i = 0; i < keys.length; i += 5000) {
      const chunk = keys
        .slice(i, i + 5000)
        .map((key) => Object.fromEntries(table.key.map((k) => [k, key[k] ?? null])));
      const found = await this.sql.query<Row>(
        `SELECT ${cols.map((c) => `t."${c}"`).join(', ')} FROM ${this.tableName(table)} t
           JOIN jsonb_to_recordset($1::jsonb) AS k(${recordsetType(table, table.key)}) ON ${join}`,
        [JSON.stringify(chunk)],
      );
      for (const row of found) slot.set(keyString(table, row), normalise(table, row));
    }
  }

  async get<R extends object>(table: ViewTable<R>, key: Partial<R>): Promise<R | null> {
    const t = table as unknown as AnyViewTable;
    const slot = this.slot(t);
    const k = keyString(t, key as Row);
    let row = slot.get(k);
    if (row === undefined) {
      if (this.isComplete) return null;
      await this.prefetch([rowRef(table, key)]);
      row = slot.get(k);
    }
    return row ? (copyRow(t, row) as R) : null;
  }

  put<R extends object>(table: ViewTable<R>, row: R): void {
    const t = table as unknown as AnyViewTable;
    const k = keyString(t, row as Row);
    this.slot(t).set(k, copyRow(t, row as Row));
    this.markDirty(t, k, null);
  }

  delete<R extends object>(table: ViewTable<R>, key: Partial<R>): void {
    const t = table as unknown as AnyViewTable;
    const k = keyString(t, key as Row);
    this.slot(t).set(k, null);
    this.markDirty(t, k, key as Row);
  }

  /** `deletedKey` only for a delete: an upserted row is written from the slot, a deleted one needs its key columns. */
  private markDirty(table: AnyViewTable, k: string, deletedKey: Row | null): void {
    let changed = this.dirty.get(table.name);
    if (!changed) {
      changed = new Map();
      this.dirty.set(table.name, changed);
    }
    changed.set(k, deletedKey && Object.fromEntries(table.key.map((c) => [c, deletedKey[c] ?? null])));
  }

  /** Each table with changes: its rows to write (from the slot) and the keys of its deleted rows. */
  private *changes(): Generator<{ table: AnyViewTable; upserts: Row[]; deletes: Row[] }> {
    for (const [name, keys] of this.dirty) {
      const table = this.tables.get(name)!;
      const slot = this.slot(table);
      const upserts: Row[] = [];
      const deletes: Row[] = [];
      for (const [k, key] of keys) {
        const row = slot.get(k);
        if (row) upserts.push(row);
        else if (key) deletes.push(key);
      }
      yield { table, upserts, deletes };
    }
  }

  /**
   * Writes every changed row: one upsert and one delete per table. `fresh` says the tables hold none of these rows
   * (a complete cache's first flush into empty tables): then rows go in by COPY — several times the rate of an upsert
   * from JSON — and deleted rows need no statement.
   */
  async flush(tx: SqlClient, options: { fresh?: boolean } = {}): Promise<number> {
    if (options.fresh) return this.copyAll(tx);
    let written = 0;
    for (const { table, upserts, deletes } of this.changes()) {
      const cols = Object.keys(table.columns);
      const physical = this.tableName(table);
      if (deletes.length > 0) {
        const join = table.key.map((k) => `t."${k}" = k."${k}"`).join(' AND ');
        await tx.query(
          `DELETE FROM ${physical} t USING jsonb_to_recordset($1::jsonb) AS k(${recordsetType(table, table.key)}) WHERE ${join}`,
          [JSON.stringify(deletes)],
        );
      }
      const nonKey = cols.filter((c) => !table.key.includes(c));
      for (let i = 0; i < upserts.length; i += 5000) {
        const chunk = upserts.slice(i, i + 5000).map((r) => serialise(table, r));
        await tx.query(
          `INSERT INTO ${physical} (${cols.map((c) => `"${c}"`).join(', ')})
           SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordsetType(table, cols)})
           ON CONFLICT (${table.key.map((c) => `"${c}"`).join(', ')}) DO ${
             nonKey.length === 0
               ? 'NOTHING'
               : `UPDATE SET ${nonKey.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`
           }`,
          [JSON.stringify(chunk)],
        );
      }
      written += upserts.length + deletes.length;
    }
    this.dirty.clear();
    return written;
  }

  private async copyAll(tx: SqlClient): Promise<number> {
    let written = 0;
    for (const { table, upserts: rows } of this.changes()) {
      const cols = Object.keys(table.columns);
      for (let i = 0; i < rows.length; i += COPY_CHUNK) {
        let text = '';
        for (const row of rows.slice(i, i + COPY_CHUNK)) {
          for (let c = 0; c < cols.length; c += 1) {
            const column = cols[c]!;
            text += (c === 0 ? '' : '\t') + copyField(copyText(row[column], table.columns[column]!));
          }
          text += '\n';
        }
        await tx.copyIn(this.tableName(table), cols, text);
      }
      written += rows.length;
    }
    this.dirty.clear();
    return written;
  }
}

/** Rows per COPY: a few megabytes of text at a time. */
const COPY_CHUNK = 50_000;

/** A value as COPY's text format spells it (before escaping); null for NULL. */
function copyText(v: unknown, type: ColumnType): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (type === 'jsonb') return JSON.stringify(v);
  return String(v as string | number);
}

/**
 * A row copied column by column in the table's order: every copy of a table's rows has one hidden class, and a copy
 * never takes V8's slow path for spreading an object that was itself built by a spread with extra members.
 */
function copyRow(table: AnyViewTable, row: Row): Row {
  const out: Row = {};
  for (const c in table.columns) out[c] = row[c];
  return out;
}

/** bigint columns arrive as strings from both drivers; projections work in bigint. */
function normalise(table: AnyViewTable, row: Row): Row {
  const out: Row = {};
  for (const [c, type] of Object.entries(table.columns)) {
    const v = row[c];
    out[c] = type === 'bigint' && v !== null && v !== undefined ? BigInt(v as string) : v;
  }
  return out;
}

function serialise(table: AnyViewTable, row: Row): Row {
  const out: Row = {};
  for (const c of Object.keys(table.columns)) {
    const v = row[c];
    out[c] = typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : (v ?? null);
  }
  return out;
}
