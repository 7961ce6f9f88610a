/**
 * The little SQL surface both backends share. The event store and the projection runner write through it; TypeORM
 * reads views and runs migrations over the same connection (see open-backend.ts).
 */
export type SqlRow = Record<string, unknown>;

export interface SqlClient {
  readonly dialect: 'postgres' | 'pglite';
  query<R extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs `work` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` (a plain identifier) until the returned function
   * stops it. `onLost` runs once if the subscription breaks (its connection died): from then on notifications may be
   * missed, and the caller must subscribe again. Absent where a client cannot listen.
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onLost: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * Bulk-loads `rows` into `table` (`schema.table` allowed) with `COPY … FROM` in text format: each row a line of
   * tab-separated fields already escaped with {@link copyField}. PostgreSQL writes whole pages at a time, several
   * times faster than inserting the same rows. Given as pieces (lines whole, in order), the rows are made while the
   * server takes the earlier ones: a large load's text is never whole in memory, and building it overlaps the load.
   */
  copyIn(table: string, columns: readonly string[], rows: string | Iterable<string>): Promise<void>;
  close(): Promise<void>;
}

const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** One field of a COPY text-format row: NULL as `\N`, and the four characters the format reserves escaped. */
export function copyField(text: string | null): string {
  if (text === null) return '\\N';
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** `COPY table (columns) FROM …`, the columns quoted. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source}`;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertChannelName(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
}

/** PostgreSQL error codes we act on. */
export const PG = {
  uniqueViolation: '23505',
  wrongExpectedVersion: 'LD001',
  idempotencyConflict: 'LD002',
  serializationFailure: '40001',
  deadlock: '40P01',
} as const;

export function sqlErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
