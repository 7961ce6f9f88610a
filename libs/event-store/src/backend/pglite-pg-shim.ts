import { EventEmitter } from 'node:events';

import type { PGlite } from '@electric-sql/pglite';

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * A minimal `pg`-module look-alike over one PGlite instance, so TypeORM's postgres driver can run migrations and
 * view queries on the embedded database. Unlike typeorm-pglite it binds to the instance we pass, not a process-wide
 * singleton, so tests may hold several embedded ledgers at once.
 */
export function pgModuleFor(db: PGlite): { Pool: new () => EventEmitter } {
  class PglitePool extends EventEmitter {
    constructor() {
      super();
      // TypeORM adds an error listener per checkout of this one shared "connection".
      this.setMaxListeners(0);
    }

    connect(callback?: (error: Error | null, client: PglitePool, release: () => void) => void) {
      const release = () => undefined;
      if (callback) {
        callback(null, this, release);
        return undefined;
      }
      return Promise.resolve(Object.assign(this, { release }));
    }

    query(sql: string, paramsOrCallback?: unknown[] | Callback, maybeCallback?: Callback): Promise<unknown> {
      const callback = typeof paramsOrCallback === 'function' ? paramsOrCallback : maybeCallback;
      const params = Array.isArray(paramsOrCallback) ? paramsOrCallback : undefined;
      // exec() takes several statements without parameters and answers one result per statement; TypeORM wants the last.
      const run: Promise<unknown> =
        params && params.length > 0
          ? db.query(sql, params)
          : db.exec(sql).then((results) => results[results.length - 1] ?? { rows: [], fields: [] });
      return run.then(
        (result) => {
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
      // The instance belongs to the backend, which closes it; the pool only lets go.
      callback?.(null);
      return Promise.resolve();
    }
  }
  return { Pool: PglitePool };
}
