import { IdempotencyConflictError, WrongExpectedVersionError } from '../errors';
import type { AppendResult, EventToAppend, RecordedEvent } from '../event-store.port';
import { openBackend, type Backend } from '../backend/open-backend';
import { SqlEventStore } from './sql-event-store';
import { collect } from '../testing/collect';
import { aClerk, anEvent } from '../testing/event-builders';
import { createTestDatabase, openTestBackend, testBackendKinds } from '../testing/test-backends';
import { verifyLog } from '../verify/verifier';

const readAll = (backend: Backend): Promise<RecordedEvent[]> => collect(backend.store.readAll());

const one = (stream: string, event: EventToAppend, expectedVersion: 'no_stream' | 'any' | number) => ({
  stream,
  event,
  expectedVersion,
});

for (const kind of testBackendKinds()) {
  describe(`group commit (${kind === 'postgres' ? 'PostgreSQL server' : 'PGlite'})`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await openTestBackend(kind);
    });
    afterAll(async () => backend.close());

    it('gives each append of a shared transaction its own outcome: conflicts and clashes roll back alone', async () => {
      const { store } = backend;
      if (!(store instanceof SqlEventStore)) throw new Error("group commit is the SQL store's");
      const earlier = anEvent();
      await store.append('gc-replayed', [earlier], { expectedVersion: 'no_stream', metadata: aClerk });
      await store.append('gc-stale', [anEvent()], { expectedVersion: 'no_stream', metadata: aClerk });
      const groupsBefore = store.group.groups;

      const fresh = Array.from({ length: 40 }, (_, i) => one(`gc-new-${i}`, anEvent(), 'no_stream'));
      const plan = [
        ...fresh.slice(0, 20),
        one('gc-stale', anEvent(), 'no_stream'), // stale: the stream exists
        one('gc-replayed', earlier, 'no_stream'), // a retry of the first append: its first result, nothing new
        one('gc-thief', { ...anEvent(), id: earlier.id }, 'any'), // an id already used elsewhere
        ...fresh.slice(20),
      ];
      const outcomes = await Promise.allSettled(
        plan.map((p) =>
          store.append(p.stream, [p.event], { expectedVersion: p.expectedVersion, metadata: aClerk }),
        ),
      );

      expect(store.group.groups - groupsBefore).toBeLessThan(plan.length); // they did share transactions
      const byStream = new Map(plan.map((p, i) => [p.stream, outcomes[i]!]));
      expect((byStream.get('gc-stale') as PromiseRejectedResult).reason).toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect((byStream.get('gc-thief') as PromiseRejectedResult).reason).toBeInstanceOf(
        IdempotencyConflictError,
      );
      const replay = (byStream.get('gc-replayed') as PromiseFulfilledResult<AppendResult>).value;
      expect(replay.idempotentReplay).toBe(true);
      expect(replay.nextExpectedVersion).toBe(0);

      const committed = fresh.map(
        (f) => (byStream.get(f.stream) as PromiseFulfilledResult<AppendResult>).value,
      );
      for (const c of committed) expect(c.nextExpectedVersion).toBe(0);
      const all = await readAll(backend);
      expect(all).toHaveLength(2 + fresh.length);
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
      for (let i = 1; i < all.length; i += 1) {
        expect(all[i]!.position > all[i - 1]!.position).toBe(true);
        expect(all[i]!.recordedAt.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.recordedAt.getTime());
      }
      expect(await store.streamHead('gc-thief')).toBeNull();
      expect((await verifyLog(backend.sql)).ok).toBe(true);
    });

    it('keeps a stream’s appends in order inside one group', async () => {
      const { store } = backend;
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, v) =>
          store.append('gc-ordered', [anEvent({ data: { n: v } })], {
            expectedVersion: v === 0 ? 'no_stream' : v - 1,
            metadata: aClerk,
          }),
        ),
      );
      expect(results.map((r) => r.nextExpectedVersion)).toEqual(Array.from({ length: 12 }, (_, v) => v));
      const events = await collect(store.readStream('gc-ordered'));
      expect(events.map((e) => e.data.n)).toEqual(Array.from({ length: 12 }, (_, v) => v));
    });
  });
}

const onServer = testBackendKinds().includes('postgres') ? describe : describe.skip;

onServer('group commit across processes (PostgreSQL server)', () => {
  it('two stores grouping over the same streams in opposite orders neither deadlock nor lose an update', async () => {
    const db = await createTestDatabase();
    const a = await openBackend({ kind: 'postgres', url: db.url, poolSize: 8 });
    const b = await openBackend({ kind: 'postgres', url: db.url, poolSize: 8 });
    try {
      const streams = Array.from({ length: 24 }, (_, i) => `shared-${i}`);
      const write = async (backend: Backend, order: string[], rounds: number) => {
        let conflicts = 0;
        for (let r = 0; r < rounds; r += 1) {
          const settled = await Promise.allSettled(
            order.map(async (s) => {
              const head = await backend.store.streamHead(s);
              await backend.store.append(s, [anEvent()], {
                expectedVersion: head === null ? 'no_stream' : head.version,
                metadata: aClerk,
              });
            }),
          );
          for (const o of settled) {
            if (o.status === 'fulfilled') continue;
            if (o.reason instanceof WrongExpectedVersionError) conflicts += 1;
            else throw o.reason;
          }
        }
        return conflicts;
      };
      const rounds = 15;
      const [conflictsA, conflictsB] = await Promise.all([
        write(a, streams, rounds),
        write(b, [...streams].reverse(), rounds),
      ]);
      const all = await readAll(a);
      // Every append either committed or was refused as stale: nothing else, and no committed update lost.
      expect(all.length + conflictsA + conflictsB).toBe(2 * rounds * streams.length);
      for (const s of streams) {
        const head = await a.store.streamHead(s);
        expect(head!.version + 1).toBe(all.filter((e) => e.streamId === s).length);
      }
      expect((await verifyLog(a.sql)).ok).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await db.drop();
    }
  }, 60_000);
});
