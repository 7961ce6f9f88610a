import { openBackend, type Backend, type BackendConfig } from '@ledger/event-store';
import {
  PROJECTIONS,
  ProjectionEngine,
  defaultReplayThreads,
  ViewEntities,
  ViewMigrations,
  type EngineOptions,
  type Projection,
} from '@ledger/views';

import { DEFAULT_SPEC } from './workload';

/** The store plus every view table, as the runtime opens it (without the access-token tables the bench never reads). */
export function openWithViews(config: BackendConfig): Promise<Backend> {
  return openBackend(config, { migrations: ViewMigrations, entities: ViewEntities });
}

export function accidentsProjection(): Projection {
  const p = PROJECTIONS.find((x) => x.name === 'accidents');
  if (!p) throw new Error('the accidents projection is not registered in PROJECTIONS');
  return p;
}

/** An engine running the accidents projection alone, with the engine's default batch sizes unless told. */
export function accidentsEngine(
  backend: Backend,
  options: Pick<EngineOptions, 'rebuildBatchSize' | 'maxRowsInMemory' | 'threads'> = {},
): ProjectionEngine {
  return new ProjectionEngine(backend.store, backend.sql, [accidentsProjection()], {
    threads: defaultReplayThreads(backend.config),
    ...options,
  });
}

export const BENCH_COUNTY = 'bench-county';

/** The unit tree the generated events use: one county over `u01…`, so a county query rolls every brigade up. */
export async function seedUnits(backend: Backend): Promise<void> {
  await backend.sql.query(
    `INSERT INTO units (unit_id, parent_id, name, kind) VALUES ($1, NULL, 'bench county', 'county')
     ON CONFLICT (unit_id) DO NOTHING`,
    [BENCH_COUNTY],
  );
  for (let u = 1; u <= DEFAULT_SPEC.units; u += 1) {
    const id = `u${String(u).padStart(2, '0')}`;
    await backend.sql.query(
      `INSERT INTO units (unit_id, parent_id, name, kind) VALUES ($1, $2, $1, 'brigade') ON CONFLICT (unit_id) DO NOTHING`,
      [id, BENCH_COUNTY],
    );
  }
}
