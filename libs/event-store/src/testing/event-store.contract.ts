import { IdempotencyConflictError, WrongExpectedVersionError } from '../errors';
import type { EventStore, RecordedEvent } from '../event-store.port';
import type { SqlClient } from '../sql/sql-client';
import { sealLog } from '../verify/sealer';
import { verifyLog } from '../verify/verifier';
import { collect } from './collect';
import { aClerk, anEvent } from './event-builders';

export interface ContractSubject {
  readonly store: EventStore;
  /** Direct database access, used the way an attacker with credentials would use it (SQL backends). */
  readonly sql?: SqlClient;
  close(): Promise<void>;
}

export interface ContractOptions {
  /**
   * Run the two tests that edit stored rows through `subject.sql` and check the verifier and the seals catch it.
   * Default true; false only for a backend with no SQL underneath (KurrentDB), whose log an attacker edits otherwise.
   */
  readonly sqlTampering?: boolean;
  /**
   * The events of one append have consecutive positions (the SQL store's gapless identity). Default true; false for
   * KurrentDB, whose positions are increasing log offsets, so the test checks only that they increase.
   */
  readonly consecutivePositions?: boolean;
  /** Prepended to every stream the suite creates: a server that outlives the run (KurrentDB) needs fresh names. */
  readonly streamPrefix?: string;
}

/** The promises of brief.md, run against every backend that is available. */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<ContractSubject>,
  options: ContractOptions = {},
): void {
  const tamperIt = options.sqlTampering === false ? it.skip : it;
  const sqlOf = (subject: ContractSubject): SqlClient => {
    if (!subject.sql) throw new Error(`${name}: the tamper tests need subject.sql (or sqlTampering: false)`);
    return subject.sql;
  };
  describe(`event store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    let n = 0;
    const stream = (prefix = 'case') => `${options.streamPrefix ?? ''}${prefix}-${++n}`;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => subject.close());

    it('appends to a new stream and reads the events back with all their metadata', async () => {
      const s = stream();
      const e1 = anEvent({ data: { deaths: 1, note: '城区中队 事故' } });
      const e2 = anEvent({ type: 'OtherThing', businessDate: null, schemaVersion: 2 });
      const result = await store.append(s, [e1, e2], {
        expectedVersion: 'no_stream',
        metadata: { ...aClerk, causationId: 'cmd-9' },
      });
      expect(result.nextExpectedVersion).toBe(1);
      expect(result.idempotentReplay).toBe(false);
      if (options.consecutivePositions === false)
        expect(result.positions[1]! > result.positions[0]!).toBe(true);
      else expect(result.positions[1]! - result.positions[0]!).toBe(1n);

      const read = await collect(store.readStream(s));
      expect(read.map((e) => [e.id, e.type, e.streamVersion])).toEqual([
        [e1.id, 'ThingHappened', 0],
        [e2.id, 'OtherThing', 1],
      ]);
      expect(read[0]).toMatchObject({
        data: { deaths: 1, note: '城区中队 事故' },
        schemaVersion: 1,
        businessDate: '2020-05-12',
        principal: 'clerk-01',
        role: 'squad_clerk',
        unitId: 'changning',
        correlationId: 'corr-1',
        causationId: 'cmd-9',
      });
      expect(read[1]).toMatchObject({ businessDate: null, schemaVersion: 2 });
      expect(read[0]!.recordedAt).toBeInstanceOf(Date);
      expect(await store.streamHead(s)).toMatchObject({ version: 1 });
    });

    it('refuses an append whose expected version is stale and appends nothing', async () => {
      const s = stream();
      await store.append(s, [anEvent(), anEvent()], { expectedVersion: 'no_stream', metadata: aClerk });
      const head = await store.headPosition();
      const attempt = store.append(s, [anEvent()], { expectedVersion: 0, metadata: aClerk });
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(attempt).rejects.toMatchObject({ actual: 1 });
      expect(await store.headPosition()).toBe(head);
      expect((await collect(store.readStream(s))).length).toBe(2);
    });

    it('checks no_stream, exists and any', async () => {
      const s = stream();
      await expect(
        store.append(s, [anEvent()], { expectedVersion: 'exists', metadata: aClerk }),
      ).rejects.toMatchObject({
        actual: -1,
      });
      await store.append(s, [anEvent()], { expectedVersion: 'no_stream', metadata: aClerk });
      await expect(
        store.append(s, [anEvent()], { expectedVersion: 'no_stream', metadata: aClerk }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await store.append(s, [anEvent()], { expectedVersion: 'exists', metadata: aClerk });
      const r = await store.append(s, [anEvent()], { expectedVersion: 'any', metadata: aClerk });
      expect(r.nextExpectedVersion).toBe(2);
    });

    it('appends a multi-event batch atomically: a failure on its third event appends none of it', async () => {
      const s = stream();
      const dup = anEvent();
      const head = await store.headPosition();
      await expect(
        store.append(s, [anEvent(), dup, { ...dup, data: { n: 2 } }], {
          expectedVersion: 'any',
          metadata: aClerk,
        }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await store.headPosition()).toBe(head);
      expect(await store.streamHead(s)).toBeNull();
    });

    it('returns the first result for a retried append and appends nothing new', async () => {
      const s = stream();
      const events = [anEvent(), anEvent()];
      const first = await store.append(s, events, { expectedVersion: 'no_stream', metadata: aClerk });
      const head = await store.headPosition();
      const retry = await store.append(s, events, { expectedVersion: 'no_stream', metadata: aClerk });
      expect(retry.idempotentReplay).toBe(true);
      expect(retry.positions).toEqual(first.positions);
      expect(retry.nextExpectedVersion).toBe(1);
      expect(await store.headPosition()).toBe(head);
      await expect(
        store.append(s, [{ ...events[0]!, data: { n: 99 } }, events[1]!], {
          expectedVersion: 'any',
          metadata: aClerk,
        }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
    });

    it('lets exactly one of many concurrent writers win each version', async () => {
      const s = stream();
      await store.append(s, [anEvent()], { expectedVersion: 'no_stream', metadata: aClerk });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          store.append(s, [anEvent()], { expectedVersion: 0, metadata: aClerk }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes)
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((await collect(store.readStream(s))).length).toBe(2);
    });

    it('reads a stream forwards and backwards in batches', async () => {
      const s = stream();
      await store.append(
        s,
        Array.from({ length: 7 }, (_, i) => anEvent({ data: { i } })),
        { expectedVersion: 'no_stream', metadata: aClerk },
      );
      const batches: number[] = [];
      const forwards: number[] = [];
      for await (const batch of store.readStream(s, { batchSize: 3 })) {
        batches.push(batch.length);
        forwards.push(...batch.map((e) => e.streamVersion));
      }
      expect(batches).toEqual([3, 3, 1]);
      expect(forwards).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const backwards = (
        await collect(store.readStream(s, { direction: 'backwards', maxCount: 4, batchSize: 3 }))
      ).map((e) => e.streamVersion);
      expect(backwards).toEqual([6, 5, 4, 3]);
      const middle = (await collect(store.readStream(s, { fromVersion: 2, maxCount: 2 }))).map(
        (e) => e.streamVersion,
      );
      expect(middle).toEqual([2, 3]);
    });

    it('reads the whole log in global order, in batches, with position, type and recorded-at bounds', async () => {
      const before = await store.headPosition();
      const a = stream('all');
      const b = stream('all');
      await store.append(a, [anEvent({ type: 'A' }), anEvent({ type: 'A' })], {
        expectedVersion: 'any',
        metadata: aClerk,
      });
      // The server stamps microseconds and a JS Date holds milliseconds: step clear of the shared millisecond.
      await new Promise((r) => setTimeout(r, 5));
      const cut = new Date();
      await new Promise((r) => setTimeout(r, 5));
      await store.append(b, [anEvent({ type: 'B' }), anEvent({ type: 'A' }), anEvent({ type: 'B' })], {
        expectedVersion: 'any',
        metadata: aClerk,
      });
      const sizes: number[] = [];
      const all: RecordedEvent[] = [];
      for await (const batch of store.readAll({ after: before, batchSize: 2 })) {
        sizes.push(batch.length);
        all.push(...batch);
      }
      expect(sizes).toEqual([2, 2, 1]);
      expect(all.map((e) => e.streamId)).toEqual([a, a, b, b, b]);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      expect((await collect(store.readAll({ after: before, types: ['B'] }))).length).toBe(2);
      expect((await collect(store.readAll({ after: before, upToPosition: positions[2] }))).length).toBe(3);
      expect(
        (await collect(store.readAll({ after: before, recordedUpTo: cut }))).map((e) => e.streamId),
      ).toEqual([a, a]);
    });

    it('gives the head of the log and the position of the newest event of some types', async () => {
      // Types of their own, so that a shared server's earlier runs cannot answer for this one.
      const [tA, tB, tNone] = ['HeadA', 'HeadB', 'HeadNone'].map((t) => `${t}${Date.now()}${++n}`);
      const appended = await store.append(
        stream('head'),
        [anEvent({ type: tA }), anEvent({ type: tB }), anEvent({ type: tA })],
        { expectedVersion: 'no_stream', metadata: aClerk },
      );
      const [a1, b, a2] = appended.positions;
      expect(await store.headPosition()).toBe(a2);
      expect(await store.headPosition([tA])).toBe(a2);
      expect(await store.headPosition([tB])).toBe(b);
      expect(await store.headPosition([tB, tNone])).toBe(b);
      expect(await store.headPosition([tNone])).toBe(0n);
      expect(await store.headPosition([])).toBe(0n);
      expect(a1! < b!).toBe(true);
    });

    it('reads the events of some units only, in order, in batches no larger than asked', async () => {
      const before = await store.headPosition();
      const s = stream('units');
      const units = ['u-a', 'u-b', 'u-a', 'u-c', 'u-a', 'u-b', 'u-a'];
      await store.append(
        s,
        [
          ...units.map((unitId, i) => anEvent({ data: { unitId, i } })),
          anEvent({ data: { i: units.length } }),
        ],
        { expectedVersion: 'any', metadata: aClerk },
      );
      const read = async (wanted: string[]) => {
        const sizes: number[] = [];
        const seen: number[] = [];
        for await (const batch of store.readAll({ after: before, batchSize: 2, units: wanted })) {
          sizes.push(batch.length);
          seen.push(...batch.filter((e) => e.streamId === s).map((e) => e.data['i'] as number));
        }
        expect(Math.max(0, ...sizes)).toBeLessThanOrEqual(2);
        return { seen };
      };
      expect((await read(['u-a'])).seen).toEqual([0, 2, 4, 6]);
      expect((await read(['u-b', 'u-c'])).seen).toEqual([1, 3, 5]);
      expect((await read([''])).seen).toEqual([7]); // names no unit
      expect((await read([])).seen).toEqual([]);
    });

    it('delivers to a subscriber what was there, then what arrives live, each once and in order', async () => {
      const before = await store.headPosition();
      const s = stream('sub');
      await store.append(s, [anEvent(), anEvent()], { expectedVersion: 'any', metadata: aClerk });
      const controller = new AbortController();
      const seen: bigint[] = [];
      let wake: () => void = () => undefined;
      const enough = new Promise<void>((resolve) => (wake = resolve));
      const running = store.subscribe(
        { after: before, signal: controller.signal, pollIntervalMs: 20 },
        async (batch) => {
          seen.push(...batch.filter((e) => e.streamId === s).map((e) => e.position));
          if (seen.length >= 5) wake();
        },
      );
      await store.append(s, [anEvent()], { expectedVersion: 'any', metadata: aClerk });
      await store.append(s, [anEvent(), anEvent()], { expectedVersion: 'any', metadata: aClerk });
      await enough;
      controller.abort();
      await running;
      const stored = (await collect(store.readStream(s))).map((e) => e.position);
      expect(seen).toEqual(stored);
    });

    tamperIt(
      'chains every stream by hash and names the first event an attacker edited in the database',
      async () => {
        const sql = sqlOf(subject);
        const s = stream('tamper');
        await store.append(
          s,
          [anEvent({ data: { amountFen: 100 } }), anEvent({ data: { amountFen: 200 } })],
          {
            expectedVersion: 'no_stream',
            metadata: aClerk,
          },
        );
        const clean = await verifyLog(sql);
        expect(clean.ok).toBe(true);
        expect(clean.eventsChecked).toBeGreaterThan(0);

        const [victim] = await collect(store.readStream(s, { fromVersion: 1 }));
        await sql.query(`UPDATE events SET data = '{"amountFen": 20000}'::jsonb WHERE event_id = $1`, [
          victim!.id,
        ]);
        const report = await verifyLog(sql);
        expect(report.ok).toBe(false);
        expect(report.firstBroken).toMatchObject({
          reason: 'content-hash-mismatch',
          streamId: s,
          streamVersion: 1,
          eventId: victim!.id,
        });
        await sql.query(`UPDATE events SET data = '{"amountFen": 200}'::jsonb WHERE event_id = $1`, [
          victim!.id,
        ]);
        expect((await verifyLog(sql)).ok).toBe(true);
      },
    );

    tamperIt('seals the log under a Merkle root that exposes a deleted event', async () => {
      const sql = sqlOf(subject);
      const s = stream('seal');
      await store.append(s, [anEvent(), anEvent(), anEvent()], {
        expectedVersion: 'no_stream',
        metadata: aClerk,
      });
      const seal = await sealLog(sql);
      expect(seal).not.toBeNull();
      expect(await sealLog(sql)).toBeNull();
      expect((await verifyLog(sql)).sealsChecked).toBeGreaterThan(0);
      expect((await verifyLog(sql)).ok).toBe(true);

      // Deleting the newest event and rewinding its stream head leaves every remaining chain intact: only the seal sees it.
      const [last] = await collect(store.readStream(s, { direction: 'backwards', maxCount: 1 }));
      const [prev] = await collect(store.readStream(s, { fromVersion: 1, maxCount: 1 }));
      await sql.query('DELETE FROM events WHERE event_id = $1', [last!.id]);
      await sql.query('UPDATE streams SET version = 1, chain_hash = $2 WHERE stream_id = $1', [
        s,
        prev!.chainHash,
      ]);
      const report = await verifyLog(sql);
      expect(report.ok).toBe(false);
      expect(report.broken.map((b) => b.reason)).toEqual(['seal-mismatch']);
    });
  });
}
