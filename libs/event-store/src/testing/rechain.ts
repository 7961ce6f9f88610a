import { chainHash, contentHash, GENESIS_HASH } from '../hashing';
import type { SqlClient } from '../sql/sql-client';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../sql/sql-event-store';

/**
 * Tests only: after a fixture rewrites history on purpose (backdating a recording time to stage a late posting),
 * recompute the stream's chain so the staged log verifies. In production this is exactly what the chain forbids.
 */
export async function rechainStream(sql: SqlClient, streamId: string): Promise<void> {
  const rows = await sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
    [streamId],
  );
  let previous = GENESIS_HASH;
  for (const row of rows) {
    const e = toRecordedEvent(row);
    previous = chainHash(previous, contentHash(e), e.recordedAt);
    await sql.query('UPDATE events SET chain_hash = $2 WHERE event_id = $1', [e.id, previous]);
  }
  await sql.query('UPDATE streams SET chain_hash = $2 WHERE stream_id = $1', [streamId, previous]);
}
