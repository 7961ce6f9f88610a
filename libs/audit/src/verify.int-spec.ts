import { sealLog, verifyLog, type Backend } from '@ledger/event-store';
import { testBackendKinds } from '@ledger/event-store/testing';

import { openAuditBackend, recordAccident, reviseAccident } from './testing/audit-fixtures';
import { formatVerify, verifyLedger } from './verify';

async function history(backend: Backend): Promise<void> {
  for (let i = 1; i <= 6; i += 1)
    await recordAccident(backend, {
      accidentId: `V${i}`,
      occurredOn: `2020-10-0${i}`,
      recordedAt: `2020-10-0${i}T10:00:00+08:00`,
    });
  await reviseAccident(backend, { accidentId: 'V2', deaths: 1, recordedAt: '2020-10-09T10:00:00+08:00' });
}

const eventAt = async (backend: Backend, streamId: string, version: number) => {
  const [row] = await backend.sql.query<{ position: string; event_id: string }>(
    'SELECT position::text, event_id::text FROM events WHERE stream_id = $1 AND stream_version = $2',
    [streamId, version],
  );
  return row!;
};

describe.each(testBackendKinds())('audit verify (%s)', (kind) => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await openAuditBackend(kind);
    await history(backend);
    await sealLog(backend.sql);
  });
  afterEach(async () => backend?.close());

  it('verifies an untouched log and says how much it checked', async () => {
    const outcome = await verifyLedger(backend);
    expect(outcome.report.ok).toBe(true);
    expect(formatVerify(outcome)).toMatch(/^verified 7 events in 6 streams, 1 seals \(/);
  });

  it('names the row an attacker edited directly in the database', async () => {
    const target = await eventAt(backend, 'accident-changning-V4', 0);
    await backend.sql.query(
      `UPDATE events SET data = jsonb_set(data, '{deaths}', '0'::jsonb) || '{"injuries": 0}'::jsonb WHERE position = $1`,
      [target.position],
    );
    const outcome = await verifyLedger(backend);
    expect(outcome.report.ok).toBe(false);
    expect(outcome.report.firstBroken).toMatchObject({
      reason: 'content-hash-mismatch',
      position: BigInt(target.position),
      streamId: 'accident-changning-V4',
      streamVersion: 0,
      eventId: target.event_id,
    });
    const text = formatVerify(outcome);
    expect(text).toContain(
      `first broken link: content-hash-mismatch at position ${target.position}, stream accident-changning-V4, version 0, event ${target.event_id}`,
    );
  });

  it('catches a deleted newest event whose stream head was rewound to match, through the seal', async () => {
    const revision = await eventAt(backend, 'accident-changning-V2', 1);
    const [before] = await backend.sql.query<{ chain_hash: string }>(
      "SELECT chain_hash FROM events WHERE stream_id = 'accident-changning-V2' AND stream_version = 0",
    );
    await backend.sql.query('DELETE FROM events WHERE position = $1', [revision.position]);
    await backend.sql.query(
      "UPDATE streams SET version = 0, chain_hash = $1 WHERE stream_id = 'accident-changning-V2'",
      [before!.chain_hash],
    );
    const outcome = await verifyLedger(backend);
    expect(outcome.report.ok).toBe(false);
    // Every chain and head is consistent again: only the seal still knows the event existed.
    expect(outcome.report.broken.map((b) => b.reason)).toEqual(['seal-mismatch']);
    expect(formatVerify(outcome)).toMatch(
      /first broken link: seal-mismatch at position 1: seal 1 \(positions 1–7\): sealed 7 events, found 6/,
    );
  });

  it('catches an edited chain hash twice: in the stream chain and under the seal that covers it', async () => {
    const target = await eventAt(backend, 'accident-changning-V5', 0);
    await backend.sql.query("UPDATE events SET chain_hash = repeat('0', 64) WHERE position = $1", [
      target.position,
    ]);
    const outcome = await verifyLedger(backend);
    expect(outcome.report.broken).toEqual([
      expect.objectContaining({ reason: 'seal-mismatch', position: 1n }),
      expect.objectContaining({
        reason: 'chain-hash-mismatch',
        position: BigInt(target.position),
        streamId: 'accident-changning-V5',
      }),
    ]);
    expect(formatVerify(outcome)).toContain(
      `also chain-hash-mismatch at position ${target.position}, stream accident-changning-V5, version 0`,
    );
  });

  describe('through the store, as for a log in KurrentDB that SQL cannot reach', () => {
    const throughStore = () => verifyLedger({ store: backend.store, logSql: null }, { batchSize: 2 });

    it('verifies an untouched log: every event and stream, no seals to compare', async () => {
      const outcome = await throughStore();
      expect(outcome.report).toMatchObject({
        ok: true,
        eventsChecked: 7,
        streamsChecked: 6,
        sealsChecked: 0,
      });
    });

    it('names an edited payload and an edited chain hash, as the SQL verifier does', async () => {
      const edited = await eventAt(backend, 'accident-changning-V4', 0);
      await backend.sql.query(
        `UPDATE events SET data = jsonb_set(data, '{deaths}', '3'::jsonb) WHERE position = $1`,
        [edited.position],
      );
      const relinked = await eventAt(backend, 'accident-changning-V2', 1);
      await backend.sql.query("UPDATE events SET chain_hash = repeat('0', 64) WHERE position = $1", [
        relinked.position,
      ]);
      const { report } = await throughStore();
      // The SQL verifier also compares stream heads and seals, which a KurrentDB log has not got apart.
      const sql = (await verifyLedger(backend)).report.broken.filter(
        (b) => b.reason !== 'seal-mismatch' && b.reason !== 'stream-head-mismatch',
      );
      expect(report.broken.map((b) => [b.reason, b.position, b.streamId])).toEqual(
        sql.map((b) => [b.reason, b.position, b.streamId]),
      );
      expect(report.broken.map((b) => b.reason).sort()).toEqual(
        ['chain-hash-mismatch', 'chain-hash-mismatch', 'content-hash-mismatch'].sort(),
      );
    });
  });

  it('reports the same with any read size and any number of hashing threads, seals crossing reads', async () => {
    for (let i = 7; i <= 9; i += 1)
      await recordAccident(backend, {
        accidentId: `V${i}`,
        occurredOn: `2020-10-0${i}`,
        recordedAt: `2020-10-1${i}T10:00:00+08:00`,
      });
    await sealLog(backend.sql);
    const clean = await verifyLog(backend.sql, { batchSize: 2, hashThreads: 0 });
    expect(clean).toMatchObject({ ok: true, eventsChecked: 10, sealsChecked: 2 });
    const target = await eventAt(backend, 'accident-changning-V8', 0);
    await backend.sql.query(`UPDATE events SET data = data || '{"injuries": 9}'::jsonb WHERE position = $1`, [
      target.position,
    ]);
    const reference = await verifyLog(backend.sql, { batchSize: 1000, hashThreads: 0 });
    expect(reference.broken.map((b) => [b.reason, b.position])).toEqual([
      ['content-hash-mismatch', BigInt(target.position)],
      ['chain-hash-mismatch', BigInt(target.position)],
      ['stream-head-mismatch', null],
    ]);
    for (const options of [{ batchSize: 1, hashThreads: 1 }, { batchSize: 3, hashThreads: 2 }, {}])
      expect(await verifyLog(backend.sql, options)).toEqual(reference);
    const progress: [number, number][] = [];
    await verifyLog(backend.sql, { batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress.at(-1)).toEqual([10, 10]);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every(([done, total], i) => total === 10 && done >= (progress[i - 1]?.[0] ?? 0))).toBe(
      true,
    );
  });

  it('recomputes seals whose ranges were edited to overlap, range by range', async () => {
    await recordAccident(backend, {
      accidentId: 'V7',
      occurredOn: '2020-10-07',
      recordedAt: '2020-10-17T10:00:00+08:00',
    });
    await sealLog(backend.sql);
    await backend.sql.query('UPDATE seals SET from_position = 1 WHERE seal_no = 2');
    const report = await verifyLog(backend.sql, { batchSize: 2 });
    expect(report.broken.map((b) => [b.reason, b.position, b.detail])).toEqual([
      ['seal-mismatch', 1n, 'seal 2 (positions 1–8): sealed 1 events, found 8'],
      ['seal-mismatch', 1n, 'seal 2 (positions 1–8): seal hash differs: the seal row itself was edited'],
    ]);
  });
});
