import { chainHash, GENESIS_HASH } from '../hashing';
import { collect } from '../testing/collect';
import { aClerk, anEvent } from '../testing/event-builders';
import { openTestBackend, testBackendKinds } from '../testing/test-backends';

/**
 * A big append (more than 10 events) stamps the recording time and chains it into the hashes before it takes the
 * global lock (migration 1766000000000). Under the lock it checks the stamp against the newest event; when that one
 * is later — an append that stamped after this one committed first, or the clock stepped back — the append is
 * stamped again and its hashes recomputed. Here the newest event is moved an hour ahead, which forces that path.
 */
const big = (n = 12) => Array.from({ length: n }, (_, i) => anEvent({ type: `E${i}` }));

describe.each(testBackendKinds())('recording time stamped before the lock (%s)', (kind) => {
  it('restamps an append that would record an earlier time than the newest event, and chains the new stamp', async () => {
    const backend = await openTestBackend(kind);
    try {
      const { store } = backend;
      const sql = backend.logSql!;
      await store.append('first', [anEvent({ type: 'First' })], {
        expectedVersion: 'no_stream',
        metadata: aClerk,
      });
      const [ahead] = await sql.query<{ recorded_at: Date }>(
        `UPDATE events SET recorded_at = date_trunc('milliseconds', now()) + interval '1 hour'
          WHERE stream_id = 'first' RETURNING recorded_at`,
      );

      const result = await store.append('second', big(), { expectedVersion: 'no_stream', metadata: aClerk });

      const written = await collect(store.readStream('second'));
      expect(written.map((e) => e.position)).toEqual(result.positions);
      for (const e of written)
        expect(e.recordedAt.getTime()).toBeGreaterThanOrEqual(ahead!.recorded_at.getTime());
      let previous = GENESIS_HASH;
      for (const e of written) {
        expect(e.chainHash).toBe(chainHash(previous, e.contentHash, e.recordedAt));
        previous = e.chainHash;
      }
      expect((await store.streamHead('second'))?.chainHash).toBe(previous);
    } finally {
      await backend.close();
    }
  });

  it('recording times rise with positions, whether stamped before the lock (big appends) or under it', async () => {
    const backend = await openTestBackend(kind);
    try {
      const { store } = backend;
      // Alternating: a big append (stamped before the lock) then a small one (stamped under it), on two streams.
      for (let i = 0; i < 6; i += 1)
        await store.append(`s-${i % 2}`, i % 2 === 0 ? big() : [anEvent(), anEvent()], {
          expectedVersion: 'any',
          metadata: aClerk,
        });
      const all = await collect(store.readAll());
      expect(all).toHaveLength(3 * 12 + 3 * 2);
      for (let i = 1; i < all.length; i += 1)
        expect(all[i]!.recordedAt.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.recordedAt.getTime());
    } finally {
      await backend.close();
    }
  });
});
