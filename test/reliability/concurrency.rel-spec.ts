/**
 * Concurrency: 32 writers race on one stream through HTTP with If-Match, and a subscriber follows the log while
 * appends commit concurrently. No update may be lost (the stream's version is the number of 201s, each 201 got its
 * own version), every conflict is a 409 naming the current version, and the subscriber sees every event once, in
 * position order, with no gap.
 */
import { randomUUID } from 'node:crypto';

import { openBackend, type Backend, type EventToAppend } from '@ledger/event-store';
import { createTestDatabase, testBackendKinds, type BackendKind } from '@ledger/event-store/testing';

import { startTestApp, type TestApp } from '../support/test-app';
import { recordFigures } from './support/figures';
import { prng } from './support/load';
import { minutes, SETTINGS } from './support/profile';

jest.setTimeout(minutes(10, 3));

const ACCIDENT = {
  accidentId: 'RACE-1',
  unitId: 'changning',
  squadId: 'chengqu',
  occurredOn: '2020-07-01',
  procedure: 'GENERAL',
  deaths: 0,
  injuries: 0,
  directLossFen: 1000,
};

describe.each(testBackendKinds())('writers racing with If-Match over HTTP (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.LEDGER_RATE_LIMIT_PER_MINUTE = '100000000';
    t = await startTestApp(kind);
    delete process.env.LEDGER_RATE_LIMIT_PER_MINUTE;
  });
  afterAll(async () => t?.close());

  it(`${SETTINGS.racingWriters} writers × ${SETTINGS.revisionsPerWriter} revisions: no lost update, conflicts are 409 with the current version`, async () => {
    await t.http.post('/api/v1/commands/RecordAccident').set(t.auth('clerk')).send(ACCIDENT).expect(201);
    const versions: number[] = [];
    const conflicts: { sent: number; current: unknown; code: unknown }[] = [];
    const others: { status: number; body: unknown }[] = [];
    const won = new Map<number, number>(); // version → injuries written
    const writer = async (w: number) => {
      let expected = 0;
      let successes = 0;
      for (let attempt = 0; successes < SETTINGS.revisionsPerWriter; attempt += 1) {
        if (attempt >= 299) throw new Error(`writer ${w} starved after ${attempt} attempts`);
        const injuries = w * 300 + attempt + 1; // never equal to what another writer wrote
        const res = await t.http
          .post('/api/v1/commands/ReviseAccidentCasualties')
          .set(t.auth('clerk'))
          .set('If-Match', String(expected))
          .send({
            accidentId: ACCIDENT.accidentId,
            unitId: ACCIDENT.unitId,
            deaths: 0,
            injuries,
            directLossFen: ACCIDENT.directLossFen,
            reason: `writer ${w}`,
          });
        if (res.status === 201) {
          expect(res.body.events).toHaveLength(1);
          expect(res.body.streamVersion).toBe(expected + 1);
          versions.push(res.body.streamVersion);
          won.set(res.body.streamVersion, injuries);
          expected = res.body.streamVersion;
          successes += 1;
        } else if (res.status === 409) {
          conflicts.push({ sent: expected, current: res.body.currentVersion, code: res.body.code });
          // The 409 names the version to retry against.
          expected = Number(res.body.currentVersion);
        } else {
          others.push({ status: res.status, body: res.body });
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: SETTINGS.racingWriters }, (_, w) => writer(w)));

    const total = SETTINGS.racingWriters * SETTINGS.revisionsPerWriter;
    const head = await t.backend.store.streamHead('accident-changning-RACE-1');
    await t.engine.catchUp();
    const [row] = await t.backend.sql.query<{ injuries: number }>(
      "SELECT injuries FROM accident_cases WHERE accident_id = 'RACE-1'",
    );
    recordFigures(`concurrency-if-match-${kind}`, {
      writers: SETTINGS.racingWriters,
      accepted201: versions.length,
      conflicts409: conflicts.length,
      otherAnswers: others.length,
      finalVersion: head?.version ?? -1,
    });
    expect(others).toEqual([]);
    expect(versions).toHaveLength(total);
    expect(head?.version).toBe(total);
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) {
      expect(c.code).toBe('STORE.WRONG_EXPECTED_VERSION');
      expect(typeof c.current).toBe('number');
      expect(c.current as number).toBeGreaterThan(c.sent);
    }
    // The view holds the last write, the one with the highest version.
    expect(row?.injuries).toBe(won.get(total));
  });
});

describe.each(testBackendKinds())(
  'a subscriber while appends commit concurrently (%s)',
  (kind: BackendKind) => {
    let writerSide: Backend;
    let readerSide: Backend;
    let drop: (() => Promise<void>) | null = null;
    beforeAll(async () => {
      if (kind === 'postgres') {
        // Two pools on one database: the subscriber cannot be woken by the writers' process, it must poll.
        const db = await createTestDatabase();
        drop = db.drop;
        writerSide = await openBackend({ kind: 'postgres', url: db.url, poolSize: 20 });
        readerSide = await openBackend({ kind: 'postgres', url: db.url, poolSize: 2 });
      } else {
        writerSide = await openBackend({ kind: 'pglite', dataDir: null });
        readerSide = writerSide;
      }
    });
    afterAll(async () => {
      if (readerSide !== writerSide) await readerSide?.close();
      await writerSide?.close();
      await drop?.();
    });

    it(`sees ${SETTINGS.subscribedEvents} events once each, in order, gapless`, async () => {
      const target = SETTINGS.subscribedEvents;
      const seen: { position: bigint; id: string }[] = [];
      const controller = new AbortController();
      let reachedTarget: () => void = () => undefined;
      const allSeen = new Promise<void>((resolve) => (reachedTarget = resolve));
      const subscription = readerSide.store.subscribe(
        { after: 0n, batchSize: 97, pollIntervalMs: 20, signal: controller.signal },
        async (batch) => {
          for (const e of batch) seen.push({ position: e.position, id: e.id });
          if (seen.length >= target) reachedTarget();
        },
      );

      const random = prng(7);
      const appended = new Map<string, bigint>();
      let conflicts = 0;
      let remaining = target;
      const writer = async (w: number) => {
        while (remaining > 0) {
          const size = Math.min(remaining, 1 + Math.floor(random() * 3));
          remaining -= size;
          // Contended streams either way: appended with `any`, or with the version just read (and retried on conflict).
          const shared = random() < 0.5;
          const streamId = `probe-${shared ? 'any' : 'versioned'}-${Math.floor(random() * 4)}`;
          const events: EventToAppend[] = Array.from({ length: size }, (_, i) => ({
            id: randomUUID(),
            type: 'ReliabilityProbe',
            data: { writer: w, i, streamId },
            schemaVersion: 1,
            businessDate: null,
          }));
          for (;;) {
            const head = shared ? null : await writerSide.store.streamHead(streamId);
            try {
              const result = await writerSide.store.append(streamId, events, {
                expectedVersion: shared ? 'any' : (head?.version ?? 'no_stream'),
                metadata: {
                  principal: `w${w}`,
                  role: 'system',
                  unitId: null,
                  correlationId: randomUUID(),
                  causationId: null,
                },
              });
              events.forEach((e, i) => appended.set(e.id, result.positions[i]!));
              break;
            } catch (error) {
              if ((error as { code?: string }).code !== 'STORE.WRONG_EXPECTED_VERSION') throw error;
              conflicts += 1;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, (_, w) => writer(w)));
      await Promise.race([
        allSeen,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`subscriber saw ${seen.length}/${target}`)), 120_000),
        ),
      ]);
      controller.abort();
      await subscription;

      recordFigures(`concurrency-subscriber-${kind}`, {
        appended: appended.size,
        delivered: seen.length,
        writers: 16,
        versionConflictsRetried: conflicts,
      });
      expect(appended.size).toBe(target);
      expect(seen).toHaveLength(target);
      // In order, gapless from 1: nothing skipped, nothing twice.
      expect(seen.map((s) => s.position)).toEqual(Array.from({ length: target }, (_, i) => BigInt(i + 1)));
      expect(new Set(seen.map((s) => s.id)).size).toBe(target);
      for (const s of seen) expect(appended.get(s.id)).toBe(s.position);
    });
  },
);
