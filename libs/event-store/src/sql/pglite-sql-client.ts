import type { PGlite, Transaction } from '@electric-sql/pglite';

import { assertChannelName, copyStatement, type SqlClient, type SqlRow } from './sql-client';

type Queryable = Pick<PGlite, 'query'> | Transaction;

class PgliteSession implements SqlClient {
  readonly dialect = 'pglite' as const;
  constructor(private readonly db: Queryable) {}
  async query<R extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.db.query<R>(sql, params as unknown[]);
    return result.rows;
  }
  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }
  async copyIn(table: string, columns: readonly string[], rows: string | Iterable<string>): Promise<void> {
    await copyBlob(this.db, table, columns, rows);
  }
  async close(): Promise<void> {}
}

/**
 * PGlite is one session. Its own transaction() holds a mutex for the whole transaction, so concurrent writers
 * queue instead of interleaving statements into each other's transactions (stack-notes: the typeorm-pglite trap).
 */
export class PgliteSqlClient implements SqlClient {
  readonly dialect = 'pglite' as const;
  constructor(readonly db: PGlite) {}

  async query<R extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.db.query<R>(sql, params as unknown[]);
    return result.rows;
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new PgliteSession(tx)));
  }

  async copyIn(table: string, columns: readonly string[], rows: string | Iterable<string>): Promise<void> {
    await copyBlob(this.db, table, columns, rows);
  }

  /** PGlite runs in this process: a subscription cannot be lost, so `onLost` never runs. */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannelName(channel);
    const unsubscribe = await this.db.listen(channel, onNotify);
    return async () => {
      if (!this.db.closed) await unsubscribe();
    };
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}

/** PGlite reads a COPY's input from the blob handed with the query, named `/dev/blob`. */
async function copyBlob(
  db: Queryable,
  table: string,
  columns: readonly string[],
  rows: string | Iterable<string>,
): Promise<void> {
  // PGlite reads a COPY from one blob: the pieces are gathered first.
  const blob = new Blob(typeof rows === 'string' ? [rows] : [...rows]);
  await db.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob });
}
