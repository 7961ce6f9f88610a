import type { RecordedEvent } from '@ledger/event-store';

/** The SQL types a view column may have; used to read rows back from a JSON batch in one statement. */
export type ColumnType = 'text' | 'date' | 'bigint' | 'integer' | 'boolean' | 'jsonb' | 'timestamptz';

/** A view table as the engine sees it: its name, its key columns and every column with its type. */
export interface ViewTable<Row extends object> {
  readonly name: string;
  readonly key: readonly (keyof Row & string)[];
  readonly columns: { readonly [K in keyof Row & string]: ColumnType };
}

/** A table with its row type forgotten, for lists of tables. */
export interface AnyViewTable {
  readonly name: string;
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, ColumnType>>;
}

/**
 * Rows a projection reads and writes while it folds one batch; the engine loads and saves them in bulk. A row read is
 * the store's own and read-only (no copy per read: a rebuild reads millions); a change is a new row `put`, which the
 * store keeps as it is (no copy either: a copy per put doubled a rebuild's garbage), so the caller must not change a
 * row after putting it.
 */
export interface RowStore {
  get<Row extends object>(table: ViewTable<Row>, key: Partial<Row>): Promise<Readonly<Row> | null>;
  put<Row extends object>(table: ViewTable<Row>, row: Row): void;
  delete<Row extends object>(table: ViewTable<Row>, key: Partial<Row>): void;
}

export interface RowRef {
  readonly table: AnyViewTable;
  readonly key: Readonly<Record<string, unknown>>;
}

/** A typed way to name a row for prefetching. */
export function rowRef<Row extends object>(table: ViewTable<Row>, key: Partial<Row>): RowRef {
  return { table: table as unknown as AnyViewTable, key: key as Record<string, unknown> };
}

/**
 * A projection is a fold over the events it handles. `apply` must be a pure function of the rows it reads and the
 * event (no clocks, no random ids), so a rebuild from zero yields the very rows the live run built.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the fold changes: the projector then rebuilds it side by side and switches when caught up. */
  readonly version: number;
  readonly tables: readonly AnyViewTable[];
  readonly handles: readonly string[];
  /**
   * Every row this projection writes for an event belongs to the unit the event's data names (`data.unitId`), and
   * what it makes of an event depends on no other unit's rows: events of different units never meet, so a rebuild may
   * fold units apart, on several threads (EngineOptions.threads).
   */
  readonly unitLocal?: boolean;
  /** Rows the batch will touch, loaded in one query per table before the fold runs. */
  readonly prefetch?: (event: RecordedEvent) => readonly RowRef[];
  readonly apply: (event: RecordedEvent, rows: RowStore) => Promise<void>;
}
