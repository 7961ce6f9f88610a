import { openBackend, verifyLog, type Backend, type SqlClient } from '@ledger/event-store';
import { PROJECTIONS } from '@ledger/views';

import type { Ack, PlannedRecord } from './load';
import type { Database } from './processes';

/** A direct handle on the database (for PGlite only while no ledger process holds the directory). */
export function openInspector(db: Database): Promise<Backend> {
  return openBackend(db.kind === 'postgres' ? { kind: 'postgres', url: db.url, poolSize: 2 } : db);
}

export interface LogAudit {
  acknowledged: number;
  /** Planned records with at least one event in the log. */
  stored: number;
  /** Events beyond the first for the same record (found by its content, not its event id). */
  duplicated: number;
  /** Acknowledged records with no event in the log. */
  lost: number;
  /** Events in the log that belong to no planned record. */
  phantom: number;
  /** Acknowledged records whose answer named another event id or position than the stored one. */
  mismatched: number;
  /** Records stored but never acknowledged (allowed only for requests abandoned by a failing test). */
  storedUnacknowledged: number;
  eventsInLog: number;
}

/**
 * Every acknowledged record in the log exactly once: each event is matched to its record by what it says (the
 * accident id, or the tally's sourceRef, which carries the idempotency key), so a duplicate with a fresh event id
 * would be counted, not hidden by the unique id constraint.
 */
export async function auditLog(
  sql: SqlClient,
  records: readonly PlannedRecord[],
  acks: ReadonlyMap<number, Ack>,
): Promise<LogAudit> {
  const byRef = new Map<string, { id: string; position: string }[]>();
  let phantom = 0;
  let eventsInLog = 0;
  const planned = new Map(records.map((r) => [r.ref, r]));
  let after = '0';
  for (;;) {
    const rows = await sql.query<{ id: string; pos: string; ref: string | null }>(
      `SELECT e.event_id::text AS id, e.position::text AS pos,
              coalesce(e.data->>'sourceRef', e.data->>'accidentId') AS ref
         FROM events e WHERE e.position > $1 ORDER BY e.position LIMIT 20000`,
      [after],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      eventsInLog += 1;
      if (!row.ref || !planned.has(row.ref)) {
        phantom += 1;
        continue;
      }
      byRef.set(row.ref, [...(byRef.get(row.ref) ?? []), { id: row.id, position: row.pos }]);
    }
    after = rows[rows.length - 1]!.pos;
  }
  const audit: LogAudit = {
    acknowledged: acks.size,
    stored: 0,
    duplicated: 0,
    lost: 0,
    phantom,
    mismatched: 0,
    storedUnacknowledged: 0,
    eventsInLog,
  };
  const samples: { ref: string; events: { id: string; position: string }[] }[] = [];
  for (const record of records) {
    const found = byRef.get(record.ref) ?? [];
    const ack = acks.get(record.index);
    if (found.length > 1 && samples.length < 5) samples.push({ ref: record.ref, events: found });
    if (found.length > 0) audit.stored += 1;
    audit.duplicated += Math.max(0, found.length - 1);
    if (!ack) {
      if (found.length > 0) audit.storedUnacknowledged += 1;
      continue;
    }
    if (found.length === 0) {
      audit.lost += 1;
      continue;
    }
    const first = found[0]!;
    if (
      ack.eventIds[0] !== record.eventId ||
      first.id !== record.eventId ||
      ack.positions[0] !== first.position
    )
      audit.mismatched += 1;
  }
  if (samples.length > 0) console.error(`[reliability] duplicated records: ${JSON.stringify(samples)}`);
  return audit;
}

/** Content hashes, per-stream chains and stream heads recomputed from the rows. */
export async function verifyChains(
  sql: SqlClient,
): Promise<{ ok: boolean; eventsChecked: number; broken: number }> {
  const report = await verifyLog(sql);
  if (!report.ok)
    console.error(
      `[reliability] verifyLog: ${JSON.stringify(report.broken.slice(0, 5), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
    );
  return { ok: report.ok, eventsChecked: report.eventsChecked, broken: report.broken.length };
}

export const VIEW_TABLES: readonly string[] = [
  ...new Set(PROJECTIONS.flatMap((p) => p.tables.map((t) => t.name))),
].sort();

/** Every row of every view table, as sorted canonical JSON lines per table. */
export async function snapshotViews(sql: SqlClient): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of VIEW_TABLES) {
    const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
    out[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((k) => [k, row[k]]),
        ),
      )
      .sort();
  }
  return out;
}

/** The first rows that differ between two snapshots, per table (empty when equal). */
export function diffSnapshots(
  a: Record<string, string[]>,
  b: Record<string, string[]>,
): Record<string, { onlyBefore: string[]; onlyAfter: string[] }> {
  const out: Record<string, { onlyBefore: string[]; onlyAfter: string[] }> = {};
  for (const table of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const left = new Set(a[table] ?? []);
    const right = new Set(b[table] ?? []);
    const onlyBefore = [...left].filter((r) => !right.has(r));
    const onlyAfter = [...right].filter((r) => !left.has(r));
    if (onlyBefore.length || onlyAfter.length || (a[table]?.length ?? 0) !== (b[table]?.length ?? 0))
      out[table] = { onlyBefore: onlyBefore.slice(0, 5), onlyAfter: onlyAfter.slice(0, 5) };
  }
  return out;
}

/** What the views say about the load, to compare with what was acknowledged. */
export async function viewTotals(
  sql: SqlClient,
): Promise<{ accidents: number; tallies: number; tallySum: number }> {
  const [a] = await sql.query<{ n: string }>('SELECT count(*)::text AS n FROM accident_cases');
  const [t] = await sql.query<{ n: string; s: string | null }>(
    'SELECT count(*)::text AS n, sum(count)::text AS s FROM tally_records',
  );
  return { accidents: Number(a!.n), tallies: Number(t!.n), tallySum: Number(t!.s ?? 0) };
}

/** Every projection's checkpoint at or past the last event it handles. */
export async function projectionsCaughtUp(
  sql: SqlClient,
): Promise<{ behind: number; minPosition: bigint; head: bigint }> {
  const [head] = await sql.query<{ head: string | null }>('SELECT max(position)::text AS head FROM events');
  let behind = 0;
  let minPosition: bigint | null = null;
  for (const p of PROJECTIONS) {
    const [cp] = await sql.query<{ position: string }>(
      'SELECT position::text AS position FROM view_projections WHERE name = $1',
      [p.name],
    );
    const [last] = await sql.query<{ last: string | null }>(
      'SELECT max(position)::text AS last FROM events WHERE type = ANY($1)',
      [p.handles],
    );
    const position = BigInt(cp?.position ?? 0);
    if (position < BigInt(last?.last ?? 0)) behind += 1;
    if (minPosition === null || position < minPosition) minPosition = position;
  }
  return { behind, minPosition: minPosition ?? 0n, head: BigInt(head?.head ?? 0) };
}
