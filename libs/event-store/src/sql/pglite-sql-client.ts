import type { PGlite, Transaction } from '@electric-sql/pglite';

import { assertChannelName, type SqlClient, type SqlRow } from './sql-client';

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
