import type { Backend } from '@ledger/event-store';
import { openTestBackend, rechainStream, type BackendKind } from '@ledger/event-store/testing';
import { AccessTokens1764000001000, commandNamed, runCommand, type Principal } from '@ledger/ledger';
import { ViewEntities, ViewMigrations } from '@ledger/views';

export const clerk: Principal = {
  id: 'clerk-chengqu',
  role: 'squad_clerk',
  unitId: 'changning',
  squadId: 'chengqu',
};
export const office: Principal = {
  id: 'office-1',
  role: 'brigade_office',
  unitId: 'changning',
  squadId: null,
};
export const auditor: Principal = { id: 'auditor-1', role: 'auditor', unitId: 'changning', squadId: null };

export function openAuditBackend(kind: BackendKind): Promise<Backend> {
  return openTestBackend(kind, {
    migrations: [AccessTokens1764000001000, ...ViewMigrations],
    entities: ViewEntities,
  });
}

const command = (name: string) => {
  const c = commandNamed(name);
  if (!c) throw new Error(`no command ${name}`);
  return c;
};

/**
 * Posts an accident through the ledger's own command runner, then moves its recording time to `recordedAt`: the
 * store stamps `clock_timestamp()`, and these tests need a history that was recorded over weeks.
 */
export async function recordAccident(
  backend: Backend,
  a: {
    accidentId: string;
    occurredOn: string;
    recordedAt: string;
    unitId?: string;
    squadId?: string;
    deaths?: number;
  },
  by: Principal = clerk,
): Promise<string> {
  const outcome = await runCommand(
    backend.store,
    command('RecordAccident'),
    {
      accidentId: a.accidentId,
      unitId: a.unitId ?? 'changning',
      squadId: a.squadId ?? 'chengqu',
      occurredOn: a.occurredOn,
      procedure: 'GENERAL',
      deaths: a.deaths ?? 0,
      injuries: 1,
      directLossFen: 250_000,
      hitAndRun: false,
    },
    { principal: by, now: new Date(a.recordedAt) },
  );
  const id = outcome.events[0]!.id;
  await backdate(backend, id, a.recordedAt);
  return id;
}

export async function reviseAccident(
  backend: Backend,
  a: { accidentId: string; deaths: number; recordedAt: string; unitId?: string },
  by: Principal = office,
): Promise<string> {
  const outcome = await runCommand(
    backend.store,
    command('ReviseAccidentCasualties'),
    {
      accidentId: a.accidentId,
      unitId: a.unitId ?? 'changning',
      deaths: a.deaths,
      injuries: 1,
      directLossFen: 250_000,
      reason: '七日内死亡 died within seven days',
    },
    { principal: by, now: new Date(a.recordedAt) },
  );
  const id = outcome.events[0]!.id;
  await backdate(backend, id, a.recordedAt);
  return id;
}

export async function backdate(backend: Backend, eventId: string, recordedAt: string): Promise<void> {
  const [row] = await backend.sql.query<{ stream_id: string }>(
    'UPDATE events SET recorded_at = $2 WHERE event_id = $1 RETURNING stream_id',
    [eventId, new Date(recordedAt)],
  );
  // The recording time is chained into the hash: staging a late posting means re-chaining its stream.
  await rechainStream(backend.sql, row!.stream_id);
}

/** activity_counts of a schema, as text, in key order. */
export function countsIn(backend: Backend, schema: string, measure = 'accidents.total') {
  return backend.sql.query<{ unit_id: string; squad_id: string; day: string; value: string }>(
    `SELECT unit_id, squad_id, day::text AS day, value::text AS value FROM ${schema}.activity_counts
      WHERE measure = $1 ORDER BY unit_id, day, squad_id`,
    [measure],
  );
}
