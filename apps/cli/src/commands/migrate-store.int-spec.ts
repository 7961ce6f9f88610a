import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sealLog, verifyLog, type Backend, type RecordedEvent } from '@ledger/event-store';
import { aClerk, anEvent, openTestBackend, testBackendKinds } from '@ledger/event-store/testing';

import { migrateStore, sqlTarget, type MigrationTarget } from './migrate-store.command';

/** PostgreSQL (or, without a server, PGlite) → PGlite on disk, the stand-in for KurrentDB on this machine. */
async function collect(iterable: AsyncIterable<RecordedEvent[]>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const batch of iterable) all.push(...batch);
  return all;
}

describe.each(testBackendKinds())('ledger migrate-store from %s to PGlite', (kind) => {
  let source: Backend;
  let dir: string;
  let migrated: MigrationTarget & { backend: Backend };
  const targets: MigrationTarget[] = [];
  const openTarget = async (d = dir): Promise<MigrationTarget & { backend: Backend }> => {
    const t = await sqlTarget({ kind: 'pglite', dataDir: d });
    targets.push(t);
    return t;
  };

  beforeAll(async () => {
    source = await openTestBackend(kind);
    // 1,240 events in 40 streams, interleaved, with every metadata shape, and a seal over the first part.
    for (let round = 0; round < 31; round += 1) {
      for (let s = 0; s < 40; s += 1) {
        await source.store.append(
          `case-${s}`,
          [
            anEvent({
              data: { round, s, note: '城区中队' },
              businessDate: round % 5 === 0 ? null : '2025-03-01',
            }),
          ],
          {
            expectedVersion: round === 0 ? 'no_stream' : round - 1,
            metadata: {
              ...aClerk,
              unitId: s % 3 === 0 ? null : `u${s}`,
              causationId: round % 2 ? `cmd-${round}` : null,
            },
          },
        );
      }
      if (round === 10) await sealLog(source.sql);
    }
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-migrate-'));
  }, 120_000);

  afterAll(async () => {
    for (const t of targets) await t.close().catch(() => undefined);
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is interrupted mid-copy, resumes where the target stopped, and verifies counts, order and chains', async () => {
    const sourceEvents = await collect(source.store.readAll());
    expect(sourceEvents).toHaveLength(1240);

    const first = await openTarget();
    await expect(
      migrateStore(source, first, {
        batchSize: 300,
        afterBatch: (copied) => {
          if (copied >= 600) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    await first.close();
    targets.pop();

    const second = await openTarget();
    migrated = second;
    expect(await second.resumeAfter()).toBe(sourceEvents[599]!.position);
    const phases = new Set<string>();
    const report = await migrateStore(source, second, {
      batchSize: 300,
      onProgress: (phase) => phases.add(phase),
    });
    expect(report).toMatchObject({
      sourceEvents: 1240,
      alreadyCopied: 600,
      copiedNow: 640,
      interrupted: false,
      verified: true,
      problems: [],
    });
    expect([...phases].sort()).toEqual(['chains', 'compare', 'copy']);

    const copied = await collect(second.store.readAll());
    expect(copied.map((e) => [e.position, e.id, e.streamId, e.streamVersion, e.chainHash])).toEqual(
      sourceEvents.map((e) => [e.position, e.id, e.streamId, e.streamVersion, e.chainHash]),
    );
    expect(copied[7]).toEqual(sourceEvents[7]);
    const check = await verifyLog(second.backend.sql);
    expect(check).toMatchObject({ ok: true, eventsChecked: 1240, streamsChecked: 40 });
    expect(check.sealsChecked).toBe(1);
  });

  it('stops on a signal after the batch in hand and finishes on the next run', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'ledger-migrate-sig-'));
    try {
      const controller = new AbortController();
      const t1 = await openTarget(d);
      const stopped = await migrateStore(source, t1, {
        batchSize: 500,
        signal: controller.signal,
        afterBatch: () => controller.abort(),
      });
      expect(stopped).toMatchObject({ interrupted: true, copiedNow: 500, verified: false });
      const done = await migrateStore(source, t1, { batchSize: 500 });
      expect(done).toMatchObject({ alreadyCopied: 500, copiedNow: 740, verified: true, problems: [] });

      // The copy is a working store: its positions continue after the copied ones.
      const head = await source.store.headPosition();
      const next = await t1.store.append('case-0', [anEvent()], { expectedVersion: 30, metadata: aClerk });
      expect(next.positions[0]).toBeGreaterThan(head);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('reports a target that differs from the source, and refuses one holding other events', async () => {
    const t = migrated;
    const [victim] = await collect(t.store.readStream('case-5', { fromVersion: 3, maxCount: 1 }));
    await t.backend.sql.query(`UPDATE events SET data = '{"forged": true}'::jsonb WHERE event_id = $1`, [
      victim!.id,
    ]);
    const report = await migrateStore(source, t);
    expect(report.verified).toBe(true);
    expect(report.problems.join('\n')).toMatch(new RegExp(`id ${victim!.id}\\): data`));
    expect(report.problems.join('\n')).toMatch(/content-hash-mismatch at case-5 v3/);

    const d = mkdtempSync(path.join(tmpdir(), 'ledger-migrate-foreign-'));
    try {
      const foreign = await openTarget(d);
      await foreign.store.append('other-1', [anEvent()], { expectedVersion: 'no_stream', metadata: aClerk });
      await expect(migrateStore(source, foreign)).rejects.toThrow(/not a copy of this source/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
