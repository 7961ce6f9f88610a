import { copyField, type SqlClient } from '@ledger/event-store';

import { KeyFilter } from './key-filter';
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
   * hold and never wrote does not exist, so such a miss costs no query. The cache remembers which keys it wrote in a
   * fixed-size filter ({@link KeyFilter}) when it writes cold rows out of memory ({@link RowCache.spill}).
   */
  readonly complete?: boolean;
  /**
   * Called once, before the cache first needs the tables' keys: a lookup of a row it wrote out, an upsert or a
   * delete. A complete cache over tables created without indexes (a bulk load) adds them here — through the client
   * given, the transaction the cache is writing in when it is (PGlite has one session: another client would wait).
   */
  readonly beforeKeyedAccess?: (sql: SqlClient) => Promise<void>;
}

type Slot = Map<string, Row | null>;

/**
 * The row cache behind RowStore: rows are loaded per table in one query, folded in memory, and written back in one
 * upsert per table. `tableName` maps a logical table to its physical name (side and scratch schemas).
 * The live projector uses one per batch; a replay keeps one, complete, for the whole log (see `complete`), and keeps
 * its memory bounded with {@link RowCache.spill}: rows live in two generations, and a spill writes out and forgets the
 * rows nobody touched since the previous spill — a day's count touched all year stays, a case closed long ago goes.
 */
export class RowCache implements RowStore {
  /** Rows touched since the last spill, per table; `null` is a row known not to exist. */
  private young = new Map<string, Slot>();
  /** Rows touched before the last spill and not since: the next spill writes them out and forgets them. */
  private old = new Map<string, Slot>();
  /** Changed rows per table: key string → null for an upsert, the key's columns for a delete. */
  private readonly dirty = new Map<string, Map<string, Row | null>>();
  private readonly tables = new Map<string, AnyViewTable>();
  /** Keys (table-qualified) this complete cache wrote to the database. */
  private readonly written: KeyFilter | null;
  /** Rows written by COPY so far: while none, no miss needs the filter. */
  private writtenRows = 0;
  /**
   * A complete cache that has written nothing yet: every row it holds is new, so changes are not tracked one by one
   * (a map entry per put, ~5 % of a replay) but taken from the rows themselves at the first write.
   */
  private pristine: boolean;
  private keyed = false;
  /**
   * The last key named to get, put or delete, with its string: a fold that reads a row and puts it back (every count)
   * names the same key twice, and the string it already built is already hashed for the map.
   */
  private lastTable: AnyViewTable | null = null;
  /** The values, not the object: a caller may reuse one key object for several keys. */
  private readonly lastKey: unknown[] = [];
  private lastKeyString = '';

  constructor(
    private readonly sql: SqlClient,
    private readonly tableName: (table: AnyViewTable) => string,
    private readonly options: RowCacheOptions = {},
  ) {
    this.written = options.complete ? new KeyFilter() : null;
    this.pristine = options.complete ?? false;
  }

  /** Whether a miss of a key never written means "no such row" (see RowCacheOptions.complete). */
  get complete(): boolean {
    return this.written !== null;
  }

  /** Rows held in memory, over all tables (absent ones included: they are entries too). */
  get size(): number {
    let n = this.youngSize;
    for (const slot of this.old.values()) n += slot.size;
    return n;
  }

  /** Rows touched since the last spill. */
  get youngSize(): number {
    let n = 0;
    for (const slot of this.young.values()) n += slot.size;
    return n;
  }

  /** Whether a complete cache has written rows out: only then can a miss be a row to load back. */
  get hasWrittenRows(): boolean {
    return this.writtenRows > 0;
  }

  private slot(table: AnyViewTable): Slot {
    let slot = this.young.get(table.name);
    if (!slot) {
      slot = new Map();
      this.young.set(table.name, slot);
      this.tables.set(table.name, table);
    }
    return slot;
  }

  /** The row held for `k`, moved to the young generation if it was old; undefined when not held. */
  private held(table: AnyViewTable, k: string): Row | null | undefined {
    const slot = this.slot(table);
    const row = slot.get(k);
    if (row !== undefined || this.old.size === 0) return row;
    const old = this.old.get(table.name);
    const aged = old?.get(k);
    if (aged === undefined) return undefined;
    old!.delete(k);
    slot.set(k, aged);
    return aged;
  }

  private keyOf(table: AnyViewTable, key: Row): string {
    const columns = table.key;
    if (this.lastTable === table) {
      let same = true;
      for (let i = 0; same && i < columns.length; i += 1) same = key[columns[i]!] === this.lastKey[i];
      if (same) return this.lastKeyString;
    }
    this.lastTable = table;
    for (let i = 0; i < columns.length; i += 1) this.lastKey[i] = key[columns[i]!];
    this.lastKeyString = keyString(table, key);
    return this.lastKeyString;
  }

  /** Whether a key not held may exist in the database: always for a partial cache; if written, for a complete one. */
  private mayExist(table: AnyViewTable, k: string): boolean {
    if (this.written === null) return true;
    return this.writtenRows > 0 && this.written.mayHave(table.name, k);
  }

  /** Runs `beforeKeyedAccess` through `sql` unless it already ran: the cache calls it when it needs the keys. */
  async ensureKeys(sql: SqlClient): Promise<void> {
    if (this.keyed) return;
    this.keyed = true;
    await this.options.beforeKeyedAccess?.(sql);
  }

  async prefetch(refs: readonly RowRef[]): Promise<void> {
    const byTable = new Map<AnyViewTable, Row[]>();
    for (const ref of refs) {
      const table = ref.table;
      const k = keyString(table, ref.key as Row);
      if (this.held(table, k) !== undefined || !this.mayExist(table, k)) continue;
      this.slot(table).set(k, null);
      const list = byTable.get(table) ?? [];
      list.push(ref.key as Row);
      byTable.set(table, list);
    }
    for (const [table, keys] of byTable) await this.load(table, keys);
  }

  // Key columns are NOT NULL (a primary key), so plain `=` joins: it lets PostgreSQL probe the key index instead of
  // scanning the whole view per batch, which `IS NOT DISTINCT FROM` would force.
  private async load(table: AnyViewTable, keys: Row[]): Promise<void> {
    await this.ensureKeys(this.sql);
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

  /** The held row itself, not a copy: RowStore hands rows out read-only, and `put` keeps the row it is given. */
  async get<R extends object>(table: ViewTable<R>, key: Partial<R>): Promise<Readonly<R> | null> {
    const t = table as unknown as AnyViewTable;
    const k = this.keyOf(t, key as Row);
    let row = this.held(t, k);
    if (row === undefined) {
      if (!this.mayExist(t, k)) return null;
      await this.prefetch([rowRef(table, key)]);
      row = this.slot(t).get(k);
    }
    return (row ?? null) as Readonly<R> | null;
  }

  put<R extends object>(table: ViewTable<R>, row: R): void {
    const t = table as unknown as AnyViewTable;
    const k = this.keyOf(t, row as Row);
    if (this.old.size > 0) this.old.get(t.name)?.delete(k);
    this.slot(t).set(k, row as Row);
    if (!this.pristine) this.markDirty(t, k, null);
  }

  delete<R extends object>(table: ViewTable<R>, key: Partial<R>): void {
    const t = table as unknown as AnyViewTable;
    const k = this.keyOf(t, key as Row);
    if (this.old.size > 0) this.old.get(t.name)?.delete(k);
    this.slot(t).set(k, null);
    if (!this.pristine) this.markDirty(t, k, key as Row); // a pristine cache never wrote it: nothing to delete
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

  /**
   * Writes every changed row. A partial cache: one upsert and one delete per table. A complete cache: rows it never
   * wrote go in by COPY — several times the rate of an upsert from JSON — and deleting them needs no statement; rows
   * it may have written before are upserted or deleted by key.
   */
  async flush(tx: SqlClient): Promise<number> {
    if (this.pristine) return this.copyEverything(tx);
    const written = await this.write(tx, () => true);
    this.dirty.clear();
    return written;
  }

  /**
   * The flush of a pristine cache: every row it holds is new, so each goes in by COPY straight from the generations,
   * with no change list to build and no key to look up (a replay that never spilled ends here, with every row).
   */
  private async copyEverything(tx: SqlClient): Promise<number> {
    this.pristine = false;
    let count = 0;
    for (const [name, table] of this.tables) {
      const rows: Row[] = [];
      for (const generation of [this.old, this.young]) {
        for (const [k, row] of generation.get(name) ?? []) {
          if (!row) continue;
          rows.push(row);
          this.written!.add(name, k);
        }
      }
      await this.copyRows(tx, table, rows);
      count += rows.length;
    }
    this.writtenRows += count;
    return count;
  }

  /**
   * Keeps a complete cache's memory bounded: writes out the changed rows nobody touched since the previous spill,
   * forgets them, and ages the rows touched since. Changed rows that stay are written later (a spill or the flush).
   */
  async spill(tx: SqlClient): Promise<number> {
    if (!this.complete) throw new Error('only a complete cache spills; a partial one is flushed and dropped');
    const cold = this.old;
    const written = await this.write(tx, (table, k) => cold.get(table)?.has(k) ?? false);
    for (const [table, slot] of cold) {
      const changed = this.dirty.get(table);
      if (changed) for (const k of slot.keys()) changed.delete(k);
    }
    this.old = this.young;
    this.young = new Map();
    return written;
  }

  /** Writes the changed rows `which` selects (by table name and key string). */
  private async write(tx: SqlClient, which: (table: string, k: string) => boolean): Promise<number> {
    this.trackChanges();
    let count = 0;
    // Counted once every table is written: were it counted table by table, a key of a later table that the filter
    // confuses with one just written (a false positive) would be upserted — and need the keys — on a cache that had
    // written nothing before, whose final flush should be COPY alone.
    let copied = 0;
    for (const [name, changed] of this.dirty) {
      const table = this.tables.get(name)!;
      const young = this.young.get(name);
      const old = this.old.get(name);
      const copies: Row[] = [];
      const upserts: Row[] = [];
      const deletes: Row[] = [];
      for (const [k, deletedKey] of changed) {
        if (!which(name, k)) continue;
        const row = young?.get(k) ?? old?.get(k);
        const before = this.mayExist(table, k);
        if (row) {
          if (before) upserts.push(row);
          else {
            copies.push(row);
            this.written!.add(name, k);
          }
        } else if (deletedKey && before) deletes.push(deletedKey);
      }
      copied += copies.length;
      if (upserts.length + deletes.length > 0) await this.ensureKeys(tx);
      await this.copyRows(tx, table, copies);
      await this.upsertRows(tx, table, upserts);
      await this.deleteRows(tx, table, deletes);
      count += copies.length + upserts.length + deletes.length;
    }
    this.writtenRows += copied;
    return count;
  }

  /** Leaves the pristine state: every row held is a change to write, from now on tracked one by one. */
  private trackChanges(): void {
    if (!this.pristine) return;
    this.pristine = false;
    for (const generation of [this.old, this.young])
      for (const [name, slot] of generation) {
        const table = this.tables.get(name)!;
        for (const [k, row] of slot) if (row) this.markDirty(table, k, null);
      }
  }

  private async deleteRows(tx: SqlClient, table: AnyViewTable, keys: Row[]): Promise<void> {
    if (keys.length === 0) return;
    const join = table.key.map((k) => `t."${k}" = k."${k}"`).join(' AND ');
    await tx.query(
      `DELETE FROM ${this.tableName(table)} t USING jsonb_to_recordset($1::jsonb) AS k(${recordsetType(table, table.key)}) WHERE ${join}`,
      [JSON.stringify(keys)],
    );
  }

  private async upsertRows(tx: SqlClient, table: AnyViewTable, rows: Row[]): Promise<void> {
    const cols = Object.keys(table.columns);
    const nonKey = cols.filter((c) => !table.key.includes(c));
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000).map((r) => serialise(table, r));
      await tx.query(
        `INSERT INTO ${this.tableName(table)} (${cols.map((c) => `"${c}"`).join(', ')})
         SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordsetType(table, cols)})
         ON CONFLICT (${table.key.map((c) => `"${c}"`).join(', ')}) DO ${
           nonKey.length === 0
             ? 'NOTHING'
             : `UPDATE SET ${nonKey.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`
         }`,
        [JSON.stringify(chunk)],
      );
    }
  }

  private async copyRows(tx: SqlClient, table: AnyViewTable, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.copyIn(this.tableName(table), Object.keys(table.columns), copyLines(table, rows));
  }
}

/** Rows per piece of a COPY: some hundreds of kilobytes of text, made while the server loads the piece before. */
const COPY_PIECE = 2_000;

/** The rows in COPY's text format, a piece at a time. */
function* copyLines(table: AnyViewTable, rows: readonly Row[]): Generator<string> {
  const cols = Object.keys(table.columns);
  for (let i = 0; i < rows.length; i += COPY_PIECE) {
    let text = '';
    const end = Math.min(rows.length, i + COPY_PIECE);
    for (let r = i; r < end; r += 1) {
      const row = rows[r]!;
      for (let c = 0; c < cols.length; c += 1) {
        const column = cols[c]!;
        text += (c === 0 ? '' : '\t') + copyField(copyText(row[column], table.columns[column]!));
      }
      text += '\n';
    }
    yield text;
  }
}

/** A value as COPY's text format spells it (before escaping); null for NULL. */
function copyText(v: unknown, type: ColumnType): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (type === 'jsonb') return JSON.stringify(v);
  return String(v as string | number);
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
