import { parentPort, workerData } from 'node:worker_threads';

import { openBackend } from '@ledger/event-store';

import { PROJECTIONS } from '../projections';
import { ProjectionEngine, type ShareInput, type ShareMessage } from './projection-engine';
import { indexSideTablesOnce, viewTablesOf } from './side-tables';

/**
 * A rebuild's thread: folds the events of its shares of the units, one share after the other, into the rebuild's side
 * tables, over connections of its own, and says how many events it has read after each batch. The rebuild adds the keys and switches when every share
 * is done (ProjectionEngine.replay).
 */
const input = (workerData as { data: ShareInput }).data;
const post = (message: ShareMessage) => parentPort!.postMessage(message);

async function foldShare(): Promise<void> {
  const backend = await openBackend(input.backend);
  try {
    const projections = input.projections.map((name) => {
      const p = PROJECTIONS.find((x) => x.name === name);
      if (!p) throw new Error(`unknown projection ${name}`);
      return p;
    });
    const tables = viewTablesOf(projections);
    const engine = new ProjectionEngine(backend.store, backend.sql, projections, {
      batchSize: input.batchSize,
      maxRowsInMemory: input.maxRowsInMemory,
      scope: { schema: input.schema, indexTables: (sql) => indexSideTablesOnce(sql, input.schema, tables) },
      logSql: backend.logSql,
    });
    const end = BigInt(input.end);
    const read = await engine.foldInTurn(
      input.shares.map((units) => ({ units, end })),
      input.maxRowsInMemory,
      (done) => post({ kind: 'progress', read: done }),
    );
    post({ kind: 'done', read });
  } finally {
    await backend.close();
  }
}

foldShare().catch((error: unknown) =>
  post({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
