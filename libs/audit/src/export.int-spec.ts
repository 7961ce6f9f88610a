import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sealLog, type Backend } from '@ledger/event-store';
import { testBackendKinds } from '@ledger/event-store/testing';

import { exportEvents, type ExportManifest } from './export';
import { checkExportFile, formatImportCheck } from './import-check';
import { openAuditBackend, recordAccident, reviseAccident } from './testing/audit-fixtures';

describe.each(testBackendKinds())('audit export and offline import-check (%s)', (kind) => {
  let backend: Backend;
  let dir: string;
  beforeAll(async () => {
    backend = await openAuditBackend(kind);
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-audit-export-'));
    for (let i = 1; i <= 5; i += 1)
      await recordAccident(backend, {
        accidentId: `E${i}`,
        occurredOn: `2020-10-1${i}`,
        recordedAt: `2020-10-1${i}T10:00:00+08:00`,
      });
    await sealLog(backend.sql);
    await reviseAccident(backend, { accidentId: 'E3', deaths: 1, recordedAt: '2020-11-02T10:00:00+08:00' });
    await recordAccident(backend, {
      accidentId: 'E6',
      occurredOn: '2020-11-03',
      recordedAt: '2020-11-03T10:00:00+08:00',
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await backend?.close();
  });

  async function exportTo(file: string, from: string, to: string): Promise<ExportManifest> {
    const chunks: string[] = [];
    const manifest = await exportEvents(
      backend.sql,
      { from, to, exportedBy: 'auditor-1', now: new Date('2020-12-01T02:00:00Z') },
      async (chunk) => {
        chunks.push(chunk);
      },
    );
    writeFileSync(file, chunks.join(''));
    return manifest;
  }

  it('round trip: every envelope field on its own line, a manifest the offline check agrees with', async () => {
    const file = path.join(dir, 'all.ndjson');
    const manifest = await exportTo(file, '2020-10-01', '2020-11-30');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    const first = JSON.parse(lines[0]!);
    expect(Object.keys(first).sort()).toEqual(
      [
        'position',
        'streamId',
        'streamVersion',
        'id',
        'type',
        'data',
        'schemaVersion',
        'businessDate',
        'recordedAt',
        'principal',
        'role',
        'unitId',
        'correlationId',
        'causationId',
        'contentHash',
        'chainHash',
      ].sort(),
    );
    expect(first).toMatchObject({
      position: '1',
      type: 'AccidentRecorded',
      principal: 'clerk-chengqu',
      role: 'squad_clerk',
    });
    expect(JSON.parse(lines[7]!)).toEqual({ manifest });
    expect(manifest).toMatchObject({
      count: 7,
      firstPosition: '1',
      lastPosition: '7',
      exportedBy: 'auditor-1',
    });
    // The seal over positions 1–5 lies inside the export and travels with it.
    const [seal] = await backend.sql.query<{ merkle_root: string }>('SELECT merkle_root FROM seals');
    expect(manifest.seals).toEqual([expect.objectContaining({ sealNo: 1, merkleRoot: seal!.merkle_root })]);

    const report = await checkExportFile(file);
    expect(report).toMatchObject({
      ok: true,
      events: 7,
      streams: 6,
      streamsFromGenesis: 6,
      midChainCount: 0,
      sealsChecked: 1,
    });
    expect(formatImportCheck(report)).toMatch(
      /^verified: 7 events in 6 streams; 6 chained from genesis, 0 start mid-chain; 1 seals recomputed/,
    );
  });

  it('a window that begins after a stream began says which streams start mid-chain', async () => {
    const file = path.join(dir, 'november.ndjson');
    const manifest = await exportTo(file, '2020-11-01', '2020-11-30');
    expect(manifest).toMatchObject({ count: 2, firstPosition: '6', lastPosition: '7', seals: [] });
    const report = await checkExportFile(file);
    expect(report).toMatchObject({
      ok: true,
      events: 2,
      streamsFromGenesis: 1,
      midChainStreams: [{ streamId: 'accident-changning-E3', fromVersion: 1 }],
    });
    expect(formatImportCheck(report)).toContain(
      'streams starting mid-chain (first link taken on trust): accident-changning-E3@1',
    );
  });

  it('detects a tampered line: its content hash, its chain link and the file digest no longer agree', async () => {
    const file = path.join(dir, 'tampered.ndjson');
    await exportTo(file, '2020-10-01', '2020-11-30');
    const lines = readFileSync(file, 'utf8').split('\n');
    const e = JSON.parse(lines[2]!);
    e.data.deaths = 9;
    lines[2] = JSON.stringify(e);
    writeFileSync(file, lines.join('\n'));
    const report = await checkExportFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.reason)).toEqual([
      'content-hash-mismatch',
      'chain-hash-mismatch',
      'manifest-sha256',
    ]);
    expect(report.problems[0]).toMatchObject({
      line: 3,
      position: '3',
      streamId: 'accident-changning-E3',
      eventId: e.id,
    });
    expect(formatImportCheck(report)).toContain(
      `content-hash-mismatch at line 3 position 3 stream accident-changning-E3 version 0 event ${e.id}`,
    );
  });

  it('detects a dropped line, even when the forger rewrote count and digest in the manifest', async () => {
    const file = path.join(dir, 'dropped.ndjson');
    await exportTo(file, '2020-10-01', '2020-11-30');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const kept = lines.slice(0, 7).filter((_, i) => i !== 1);
    const { manifest } = JSON.parse(lines[7]!) as { manifest: ExportManifest };
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256');
    for (const l of kept) sha.update(`${l}\n`);
    const forged = { ...manifest, count: 6, sha256: sha.digest('hex') };
    writeFileSync(file, `${kept.join('\n')}\n${JSON.stringify({ manifest: forged })}\n`);
    const report = await checkExportFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.reason)).toEqual(['manifest-seal-root', 'seal-mismatch']);
    expect(formatImportCheck(report)).toContain('seal 1 (positions 1–5): sealed 5 events, file has 4');
  });
});
