import { EventEmitter } from 'node:events';

import type { SqlClient } from '@ledger/event-store';

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * A minimal `pg`-module look-alike over one SqlClient (here: one open transaction), so a TypeORM DataSource — and
 * every view query handler built on it — runs its statements inside that transaction and sees what it sees
 * (`SET LOCAL search_path` pointing at a replay). Same shape as event-store's PGlite shim, for either backend.
 */
export function pgModuleOver(sql: SqlClient): { Pool: new () => EventEmitter } {
  class SqlClientPool extends EventEmitter {
    connect(callback?: (error: Error | null, client: SqlClientPool, release: () => void) => void) {
      const release = () => undefined;
      if (callback) {
        callback(null, this, release);
        return undefined;
      }
      return Promise.resolve(Object.assign(this, { release }));
    }

    query(text: string, paramsOrCallback?: unknown[] | Callback, maybeCallback?: Callback): Promise<unknown> {
      const callback = typeof paramsOrCallback === 'function' ? paramsOrCallback : maybeCallback;
      const params = Array.isArray(paramsOrCallback) ? paramsOrCallback : [];
      const command = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '';
      return sql.query(text, params).then(
        (rows) => {
          const result = { rows, rowCount: rows.length, command, fields: [] };
          callback?.(null, result);
          return result;
        },
        (error: Error) => {
          callback?.(error);
          throw error;
        },
      );
    }

    end(callback?: (error: Error | null) => void) {
      // The client belongs to the caller's transaction; the pool only lets go.
      callback?.(null);
      return Promise.resolve();
    }
  }
  return { Pool: SqlClientPool };
}
