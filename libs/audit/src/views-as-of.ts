import type { IQueryHandler } from '@nestjs/cqrs';
import { QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import { QUERY_HANDLERS, ViewEntities } from '@ledger/views';

import { parseAsOf, type AsOf, type AsOfBasis } from './as-of';
import { withReplay, type AuditBackend, type ReplayResult } from './replay';
import { liveSchema } from './scratch';
import { pgModuleOver } from './sql-driver';

/** Nest keeps the query a handler serves under this key (`@QueryHandler(Query)`); the constant is not exported. */
const QUERY_HANDLER_METADATA = '__queryHandler__';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type HandlerClass = Function & { new (...args: never[]): IQueryHandler };

/** The part of QueryBus a report builder uses; `withViewsAsOf` hands one that answers from the replayed views. */
export interface ViewQueries {
  execute<T = unknown>(query: object): Promise<T>;
}

export interface ViewsAsOf {
  readonly replay: ReplayResult;
  /** TypeORM over the replayed views: view tables resolve to the scratch schema, everything else to the live one. */
  readonly dataSource: DataSource;
  /** The views' query handlers, constructed over `dataSource`; nested queries stay inside the as-of views. */
  readonly queries: ViewQueries;
}

export interface ViewsAsOfOptions {
  /** A date (`2020-10-31`, its end in Asia/Shanghai), an ISO instant, or the instant itself (a report's issue time). */
  readonly asOf: string | Date | AsOf;
  readonly basis?: AsOfBasis;
  readonly unitId?: string;
  /** Query handlers besides the views' own (e.g. the report's), built the same way. */
  readonly handlers?: readonly HandlerClass[];
  readonly keep?: boolean;
}

/**
 * Runs `fn` against the views exactly as they stood at a moment: the log up to it is replayed into a scratch schema,
 * then `fn` runs inside one read-only transaction whose search path puts that schema before the live one, with a
 * DataSource and the views' query handlers bound to that transaction — entity queries and raw SQL alike read the
 * replay, and nothing `fn` does can write. The schema is dropped afterwards. The live views are never touched.
 *
 * On PGlite (one session) the transaction holds the database for the duration of `fn`: other work waits, and `fn`
 * must read only through what it is given (a direct query on the backend would wait for itself).
 */
export async function withViewsAsOf<T>(
  backend: AuditBackend,
  options: ViewsAsOfOptions,
  fn: (views: ViewsAsOf) => Promise<T>,
): Promise<T> {
  const asOf =
    options.asOf instanceof Date
      ? parseAsOf(options.asOf.toISOString(), options.basis ?? 'recorded')
      : typeof options.asOf === 'string'
        ? parseAsOf(options.asOf, options.basis ?? 'recorded')
        : options.asOf;
  const live = await liveSchema(backend.sql);
  return withReplay(backend, { asOf, unitId: options.unitId, keep: options.keep }, (replay) =>
    backend.sql.transaction(async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query(`SET LOCAL search_path TO ${replay.schema}, ${live}`);
      const dataSource = new DataSource({
        type: 'postgres',
        driver: pgModuleOver(tx),
        entities: [...ViewEntities],
        synchronize: false,
      });
      await dataSource.initialize();
      try {
        const queries = new AsOfQueries(dataSource, [...QUERY_HANDLERS, ...(options.handlers ?? [])]);
        return await fn({ replay, dataSource, queries });
      } finally {
        await dataSource.destroy();
        // Read-only work always ends in a rollback, also when `fn` caught a failed statement (which aborts the
        // transaction, and PGlite would report at COMMIT); the runner's own COMMIT then finds nothing to do.
        await tx.query('ROLLBACK');
      }
    }),
  );
}

/**
 * A QueryBus stand-in: each handler is constructed with the as-of DataSource (and this bus, where it asks for a
 * QueryBus). A handler that needs anything else cannot be pointed at the replay and is refused by name.
 */
class AsOfQueries implements ViewQueries {
  private readonly byQuery = new Map<unknown, HandlerClass>();
  private readonly instances = new Map<HandlerClass, IQueryHandler>();

  constructor(
    private readonly dataSource: DataSource,
    handlers: readonly HandlerClass[],
  ) {
    for (const h of handlers) {
      const query: unknown = Reflect.getMetadata(QUERY_HANDLER_METADATA, h);
      if (query) this.byQuery.set(query, h);
    }
  }

  async execute<T = unknown>(query: object): Promise<T> {
    const handlerClass = this.byQuery.get(query.constructor);
    if (!handlerClass) throw new Error(`no query handler for ${query.constructor.name} over the as-of views`);
    let handler = this.instances.get(handlerClass);
    if (!handler) {
      const params: unknown[] = Reflect.getMetadata('design:paramtypes', handlerClass) ?? [];
      const args = params.map((p) => {
        if (p === DataSource) return this.dataSource;
        if (p === QueryBus) return this;
        throw new Error(
          `${handlerClass.name} needs ${String((p as { name?: string })?.name ?? p)}; only DataSource and QueryBus can be given over the as-of views`,
        );
      });
      handler = new (handlerClass as unknown as new (...a: unknown[]) => IQueryHandler)(...args);
      this.instances.set(handlerClass, handler);
    }
    return (await handler.execute(query)) as T;
  }
}
