import { randomUUID } from 'node:crypto';

import { chainHash, contentHash, GENESIS_HASH } from '../hashing';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { collect } from '../testing/collect';
import { aClerk, anEvent } from '../testing/event-builders';
import { openTestBackend, testBackendKinds } from '../testing/test-backends';

/**
 * Since migration 1767000000000 the writer sends each event as a positional array; a process of the previous release
 * — an API pod a rolling update has not replaced yet — still sends objects. Both must append the same rows.
 */
function previousReleasePayload(events: readonly EventToAppend[], streamId: string): string {
  return JSON.stringify(
    events.map((e) => ({
      id: e.id,
      type: e.type,
      data: e.data,
      schemaVersion: e.schemaVersion,
      businessDate: e.businessDate ?? null,
      contentHash: contentHash({ ...e, streamId, ...aClerk }),
    })),
  );
}

const APPEND = `SELECT out_position::text AS position, out_replayed AS replayed
                  FROM ledger_append($1, $2, $3::jsonb, $4, $5, $6, $7, $8)`;

describe.each(testBackendKinds())('ledger_append payload shapes (%s)', (kind) => {
  it("appends the previous release's object-shaped events as it appends its own, retries included", async () => {
    const backend = await openTestBackend(kind);
    try {
      const { store } = backend;
      const sql = backend.logSql!;
      const events = Array.from({ length: 12 }, (_, i) =>
        anEvent({
          type: `Shape${i}`,
          data: { n: i, unitId: 'u01' },
          businessDate: '2020-05-0' + ((i % 9) + 1),
        }),
      );
      const params = (payload: string) => [
        'previous-release',
        'any',
        payload,
        aClerk.principal,
        aClerk.role,
        aClerk.unitId,
        aClerk.correlationId,
        aClerk.causationId,
      ];
      const first = await sql.query<{ position: string; replayed: boolean }>(
        APPEND,
        params(previousReleasePayload(events, 'previous-release')),
      );
      expect(first.map((r) => r.replayed)).toEqual(events.map(() => false));
      const retried = await sql.query<{ position: string; replayed: boolean }>(
        APPEND,
        params(previousReleasePayload(events, 'previous-release')),
      );
      expect(retried).toEqual(first.map((r) => ({ ...r, replayed: true })));

      await store.append(
        'this-release',
        events.map((e) => ({ ...e, id: randomUUID() })),
        {
          expectedVersion: 'no_stream',
          metadata: aClerk,
        },
      );

      const previous = await collect(store.readStream('previous-release'));
      const current = await collect(store.readStream('this-release'));
      expect(previous.map((e) => e.id)).toEqual(events.map((e) => e.id));
      const shape = (e: RecordedEvent) => [e.streamVersion, e.type, e.data, e.schemaVersion, e.businessDate];
      expect(previous.map(shape)).toEqual(current.map(shape));
      for (const written of [previous, current]) {
        let chain = GENESIS_HASH;
        for (const e of written) {
          expect(e.contentHash).toBe(contentHash(e));
          expect(e.chainHash).toBe(chainHash(chain, e.contentHash, e.recordedAt));
          chain = e.chainHash;
        }
      }
    } finally {
      await backend.close();
    }
  });
});
