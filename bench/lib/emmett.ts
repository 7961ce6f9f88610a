import type { Dumbo } from '@event-driven-io/dumbo';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';

import { createDatabase, dropDatabase, urlFor } from './databases';

/**
 * Emmett's PostgreSQL event store on its own database of the same server, with a pg pool of the same size as ours.
 * Loaded lazily and only inside child processes: dumbo replaces pg's global int8/json type parsers when it opens a
 * pool, which must not touch the processes that measure our store.
 */
export interface EmmettBench {
  readonly store: PostgresEventStore;
  readonly db: Dumbo;
  readonly pool: Pool;
  /** Emmett's stream position: the number of events in the stream, 0 when it does not exist. */
  streamPosition(streamId: string): Promise<bigint>;
  /** emmett-postgresql bundles its own copy of the error class, so `instanceof` fails: Emmett matches on its code. */
  isConflict(error: unknown): boolean;
  /** Closes the pools; the database stays. */
  close(): Promise<void>;
  /** Closes the pools and drops the database. */
  dispose(): Promise<void>;
}

/** Emmett on a database: a fresh one (created, schema migrated) unless `existing` says to reuse it. */
export async function openEmmett(database: string, poolSize = 20, existing = false): Promise<EmmettBench> {
  const { dumbo } = await import('@event-driven-io/dumbo');
  const { isExpectedVersionConflictError } = await import('@event-driven-io/emmett');
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const url = existing ? urlFor(database) : await createDatabase(database);
  const pool = new Pool({ connectionString: url, max: poolSize });
  // Dropping the database ends the sessions of idle clients: that must not crash the process.
  pool.on('error', () => undefined);
  const db = dumbo({ connectionString: url, pool });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  if (!existing) await store.schema.migrate();
  const close = async () => {
    await store.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
  };
  return {
    store,
    db,
    pool,
    streamPosition: async (streamId) => {
      const { rows } = await pool.query<{ p: string }>(
        `SELECT stream_position::text AS p FROM emt_streams WHERE stream_id = $1 AND is_archived = false`,
        [streamId],
      );
      return BigInt(rows[0]?.p ?? 0);
    },
    isConflict: (error) => isExpectedVersionConflictError(error),
    close,
    dispose: async () => {
      await close();
      await dropDatabase(database);
    },
  };
}
