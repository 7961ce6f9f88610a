import { randomUUID } from 'node:crypto';

import { IdempotencyConflictError } from '../errors';
import type { RecordedEvent } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { collect } from '../testing/collect';
import { aClerk, anEvent } from '../testing/event-builders';
import { connectKurrentDb, type KurrentDbEventStore } from './kurrentdb-event-store';
import { MARKER_STREAM_PREFIX } from './kurrentdb-mapping';

/**
 * The KurrentDB adapter against a real server (KurrentDB ≥ 25.1, e.g. deploy/docker-compose.yml), only when
 * KURRENTDB_CONNECTION_STRING is set, e.g. `kurrentdb://127.0.0.1:2113?tls=false`. Stream names carry a per-run
 * prefix because the server outlives the run.
 */
const connection = process.env.KURRENTDB_CONNECTION_STRING;
const run = `kdb${Date.now().toString(36)}-`;

if (!connection) {
  process.stderr.write(
    '[kurrentdb] SKIPPED: KURRENTDB_CONNECTION_STRING is not set, so the KurrentDB adapter was not tested ' +
      '(no KurrentDB server on this machine). Start one (deploy/docker-compose.yml) and set it to run the contract suite.\n',
  );
  describe.skip('KurrentDB adapter — SKIPPED: KURRENTDB_CONNECTION_STRING is not set (no KurrentDB server here)', () => {
    it('runs the shared contract suite and the adapter tests against a real KurrentDB server', () =>
      undefined);
  });
} else {
  describeEventStoreContract(
    `KurrentDB at ${connection.replace(/\/\/[^@/]*@/, '//***@')}`,
    async () => {
      const store = await connectKurrentDb(connection);
      return { store, close: () => store.close() };
    },
    { sqlTampering: false, consecutivePositions: false, streamPrefix: run },
  );

  describe('KurrentDB adapter', () => {
    let store: KurrentDbEventStore;
    beforeAll(async () => {
      store = await connectKurrentDb(connection);
    });
    afterAll(() => store.close());

    it('keeps event ids unique across streams and finds an event by id', async () => {
      const e = anEvent();
      const first = await store.append(`${run}ids-a`, [e], {
        expectedVersion: 'no_stream',
        metadata: aClerk,
      });
      await expect(
        store.append(`${run}ids-b`, [e], { expectedVersion: 'no_stream', metadata: aClerk }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await store.streamHead(`${run}ids-b`)).toBeNull();
      expect(await store.findEvent(e.id)).toMatchObject({
        streamId: `${run}ids-a`,
        position: first.positions[0],
      });
      expect(await store.findEvent(randomUUID())).toBeNull();
    });

    it('never shows marker streams or system events in readAll', async () => {
      const before = await store.headPosition();
      await store.append(`${run}filter`, [anEvent(), anEvent()], {
        expectedVersion: 'no_stream',
        metadata: aClerk,
      });
      const seen = await collect(store.readAll({ after: before }));
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(
        seen.some((e) => e.streamId.startsWith('$') || e.streamId.startsWith(MARKER_STREAM_PREFIX)),
      ).toBe(false);
    });

    it('resumes a subscription from a checkpoint without repeating or skipping', async () => {
      const s = `${run}resume`;
      const r = await store.append(s, [anEvent(), anEvent(), anEvent()], {
        expectedVersion: 'no_stream',
        metadata: aClerk,
      });
      const controller = new AbortController();
      const seen: bigint[] = [];
      let wake: () => void = () => undefined;
      const enough = new Promise<void>((resolve) => (wake = resolve));
      const running = store.subscribe(
        { after: r.positions[0]!, signal: controller.signal },
        async (batch) => {
          seen.push(...batch.filter((e) => e.streamId === s).map((e) => e.position));
          if (seen.length >= 3) wake();
        },
      );
      const later = await store.append(s, [anEvent()], { expectedVersion: 2, metadata: aClerk });
      await enough;
      controller.abort();
      await running;
      expect(seen).toEqual([r.positions[1], r.positions[2], later.positions[0]]);
    });

    it('imports events with their ids, versions, hashes and recorded-at, once, and knows where it stopped', async () => {
      const s = `${run}import`;
      const source: RecordedEvent[] = [0, 1].map((v) => ({
        ...anEvent(),
        position: BigInt(1000 + v),
        streamId: s,
        streamVersion: v,
        recordedAt: new Date(`2024-01-0${v + 1}T00:00:00.000Z`),
        ...aClerk,
        contentHash: `content-${v}`,
        chainHash: `chain-${v}`,
      }));
      expect(await store.importEvents(source)).toBe(2);
      expect(await store.importEvents(source)).toBe(0);
      expect(await store.lastImportedSourcePosition()).toBe(1001n);
      const stored = await collect(store.readStream(s));
      expect(stored.map((e) => [e.id, e.streamVersion, e.chainHash, e.recordedAt.toISOString()])).toEqual(
        source.map((e) => [e.id, e.streamVersion, e.chainHash, e.recordedAt.toISOString()]),
      );
    });
  });
}
