import { Client } from 'pg';

import type { RecordedEvent } from '../event-store.port';
import { aClerk, anEvent } from '../testing/event-builders';
import { createTestDatabase, openTestBackend, testBackendKinds } from '../testing/test-backends';
import { appendPayload } from './sql-event-store';

/**
 * The classic PostgreSQL gap: a sequence hands out positions at INSERT time, but transactions commit in any order.
 * A reader that remembers "everything up to P" passes over a lower position that commits after it looked.
 * Only a real server has concurrent transactions, so this runs where one is available.
 */
const onServer = testBackendKinds().includes('postgres') ? describe : describe.skip;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

onServer('out-of-order commits (PostgreSQL server)', () => {
  it('control: a naive `position > checkpoint` reader over a plain sequence loses the late-committing event', async () => {
    const db = await createTestDatabase();
    const slow = new Client({ connectionString: db.url });
    const fast = new Client({ connectionString: db.url });
    await Promise.all([slow.connect(), fast.connect()]);
    try {
      await fast.query('CREATE TABLE naive (position bigserial PRIMARY KEY, payload text)');
      await slow.query('BEGIN');
      await slow.query("INSERT INTO naive (payload) VALUES ('slow')"); // takes position 1, not yet committed
      await fast.query("INSERT INTO naive (payload) VALUES ('fast')"); // takes position 2, commits at once
      const firstRead = await fast.query(
        'SELECT position::int, payload FROM naive WHERE position > 0 ORDER BY position',
      );
      const checkpoint = Math.max(...firstRead.rows.map((r: { position: number }) => r.position));
      await slow.query('COMMIT');
      const secondRead = await fast.query('SELECT payload FROM naive WHERE position > $1 ORDER BY position', [
        checkpoint,
      ]);
      const seen = [...firstRead.rows, ...secondRead.rows].map((r: { payload: string }) => r.payload);
      expect(seen).toEqual(['fast']); // 'slow' is lost for good: this is the bug our store must not have
    } finally {
      await Promise.all([slow.end(), fast.end()]);
      await db.drop();
    }
  });

  it('our subscriber sees an append that committed late, before anything positioned after it', async () => {
    const backend = await openTestBackend('postgres');
    const url = (backend.config as { url: string }).url;
    const slow = new Client({ connectionString: url });
    await slow.connect();
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const subscription = backend.store.subscribe(
      { after: 0n, signal: controller.signal, pollIntervalMs: 10 },
      async (b) => {
        seen.push(...b);
      },
    );
    try {
      // The slow writer calls the same append function inside a transaction it keeps open.
      const late = anEvent({ type: 'Late' });
      await slow.query('BEGIN');
      await slow.query('SELECT * FROM ledger_append($1, $2, $3::jsonb, $4, $5, $6, $7, $8)', [
        'slow-stream',
        'any',
        appendPayload([late], 'slow-stream', aClerk),
        aClerk.principal,
        aClerk.role,
        aClerk.unitId,
        aClerk.correlationId,
        aClerk.causationId,
      ]);
      // A fast writer on another stream starts while the slow one is open.
      const fast = backend.store.append('fast-stream', [anEvent({ type: 'Early' })], {
        expectedVersion: 'any',
        metadata: aClerk,
      });
      await wait(300);
      expect(seen).toEqual([]); // the fast event may not overtake the open one
      await slow.query('COMMIT');
      await fast;
      for (let i = 0; i < 100 && seen.length < 2; i += 1) await wait(20);
      expect(seen.map((e) => e.type)).toEqual(['Late', 'Early']);
      expect(seen[1]!.position).toBeGreaterThan(seen[0]!.position);
    } finally {
      controller.abort();
      await subscription;
      await slow.end();
      await backend.close();
    }
  });
});
