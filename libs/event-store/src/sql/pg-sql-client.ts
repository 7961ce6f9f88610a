import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

import { Pool, types, type PoolClient, type PoolConfig } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { assertChannelName, copyStatement, type SqlClient, type SqlRow } from './sql-client';

// int8 stays a decimal string and dates stay calendar strings: a JS Date would shift a business date by the
// process's time zone, and a JS number would round positions past 2^53.
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === types.builtins.INT8 || oid === types.builtins.DATE) return (value: string) => value;
    return types.getTypeParser(oid, format as 'text');
  }) as typeof types.getTypeParser,
};

export function createPgPool(config: PoolConfig): Pool {
  const pool = new Pool({ max: 10, ...config, types: typeParsers });
  // An idle connection dropped by a server restart or pg_terminate_backend must not crash the process: the pool
  // discards it and the next query opens a fresh one.
  pool.on('error', () => undefined);
  // pg-pool listens for a client's errors only while the client is idle. A connection the server kills while the
  // client is checked out and between queries (a fast shutdown, pg_terminate_backend) emits 'error' with no listener,
  // which ends the process (the reliability suite saw it once in about twenty PostgreSQL restarts). Every client keeps a
  // listener for life: the error still reaches the query that runs into it, and pg-pool still discards the client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

class PgClientSession implements SqlClient {
  readonly dialect = 'postgres' as const;
  constructor(private readonly client: PoolClient) {}
  async query<R extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.client.query(sql, params as unknown[]);
    return result.rows as R[];
  }
  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this); // already inside one; PostgreSQL has no nested BEGIN and we need none
  }
  copyIn(table: string, columns: readonly string[], rows: string | Iterable<string>): Promise<void> {
    return copyInto(this.client, table, columns, rows);
  }
  async close(): Promise<void> {}
}

export class PgSqlClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  /** Each subscription holds a pool connection until stopped; close() stops them before it ends the pool. */
  private readonly listeners = new Set<() => Promise<void>>();
  constructor(readonly pool: Pool) {}

  async listen(
    channel: string,
    onNotify: (payload: string) => void,
    onLost: () => void,
  ): Promise<() => Promise<void>> {
    assertChannelName(channel);
    const client = await this.pool.connect();
    let ended = false;
    const onNotification = (m: { channel: string; payload?: string }) => {
      if (m.channel === channel) onNotify(m.payload ?? '');
    };
    const detach = (broken: boolean) => {
      ended = true;
      client.removeListener('notification', onNotification);
      client.removeListener('error', onBroken);
      client.removeListener('end', onBroken);
      this.listeners.delete(stop);
      client.release(broken);
    };
    // The connection died (server restart, pg_terminate_backend): notifications from now on would be lost unseen.
    function onBroken() {
      if (ended) return;
      detach(true);
      onLost();
    }
    const stop = async () => {
      if (ended) return;
      let broken = false;
      try {
        await client.query(`UNLISTEN ${channel}`);
      } catch {
        broken = true;
      }
      if (!ended) detach(broken);
    };
    client.on('notification', onNotification);
    client.on('error', onBroken);
    client.on('end', onBroken);
    try {
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      if (!ended) detach(true);
      throw error;
    }
    this.listeners.add(stop);
    return stop;
  }

  async query<R extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rows as R[];
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // pg-pool drops its own error listener while a client is checked out: a connection killed between two queries
    // of this transaction (pg_terminate_backend, a server restart) would emit an unhandled 'error' and end the
    // process. Keep it handled; the next query fails, the transaction rolls back, the client is discarded.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const value = await work(new PgClientSession(client));
      await client.query('COMMIT');
      return value;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection died mid-transaction: do not hand it back to the pool
      }
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async copyIn(table: string, columns: readonly string[], rows: string | Iterable<string>): Promise<void> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await copyInto(client, table, columns, rows);
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    for (const stop of [...this.listeners]) await stop();
    await this.pool.end();
  }
}

/**
 * Streams the rows through `COPY … FROM STDIN` in chunks, so a large load never becomes one giant buffer write; pieces
 * are pulled as the socket drains, so the caller makes the next while the server loads the last.
 */
async function copyInto(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: string | Iterable<string>,
): Promise<void> {
  const CHUNK = 1 << 20;
  function* chunks(text: string): Generator<string> {
    for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
  }
  const pieces = typeof rows === 'string' ? chunks(rows) : rows;
  await pipeline(Readable.from(pieces), client.query(copyFrom(copyStatement(table, columns, 'STDIN'))));
}
