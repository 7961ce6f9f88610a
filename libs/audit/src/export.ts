import { createHash } from 'node:crypto';

import { MerkleAccumulator, type SqlClient } from '@ledger/event-store';

import { recordingWindow } from './as-of';
import { toEnvelopeJson } from './envelope';
import { eventsRecordedIn } from './trace';

export const EXPORT_FORMAT = 'ledger-export/1';

/** A seal of the log lying wholly inside an export: import-check recomputes its Merkle root from the file. */
export interface ExportedSeal {
  readonly sealNo: number;
  readonly fromPosition: string;
  readonly toPosition: string;
  readonly eventCount: number;
  readonly merkleRoot: string;
  readonly sealHash: string;
}

export interface ExportManifest {
  readonly format: string;
  /** The recording-time window (Asia/Shanghai days) and unit the export was asked for. */
  readonly from: string;
  readonly to: string;
  readonly unitId: string | null;
  readonly count: number;
  readonly firstPosition: string | null;
  readonly lastPosition: string | null;
  /** sha256 over every preceding line, each with its trailing newline, in file order. */
  readonly sha256: string;
  /** The Merkle root over the exported events' chain hashes in file order (the seal construction of the log). */
  readonly sealRoot: string;
  readonly seals: readonly ExportedSeal[];
  readonly exportedAt: string;
  readonly exportedBy: string;
}

export interface ExportOptions {
  readonly from: string;
  readonly to: string;
  readonly unitId?: string;
  readonly exportedBy: string;
  readonly now?: Date;
  readonly batchSize?: number;
  readonly onProgress?: (exported: number) => void;
}

/**
 * Writes the events recorded in a window as NDJSON, one envelope per line, then a manifest line. Batch by batch:
 * the log is never held in memory, and `write` may wait (backpressure) before the next batch is read.
 */
export async function exportEvents(
  sql: SqlClient,
  options: ExportOptions,
  write: (chunk: string) => Promise<void>,
): Promise<ExportManifest> {
  const window = recordingWindow(options.from, options.to);
  const sha = createHash('sha256');
  const merkle = new MerkleAccumulator();
  let count = 0;
  let first: bigint | null = null;
  let last: bigint | null = null;
  for await (const batch of eventsRecordedIn(
    sql,
    { ...window, unitId: options.unitId },
    options.batchSize ?? 2000,
  )) {
    let chunk = '';
    for (const e of batch) {
      const line = `${JSON.stringify(toEnvelopeJson(e))}\n`;
      chunk += line;
      merkle.push(e.chainHash);
      first ??= e.position;
      last = e.position;
    }
    sha.update(chunk, 'utf8');
    count += batch.length;
    await write(chunk);
    options.onProgress?.(count);
  }
  const seals =
    first !== null && last !== null && options.unitId === undefined
      ? await sealsWithin(sql, first, last)
      : [];
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    from: options.from,
    to: options.to,
    unitId: options.unitId ?? null,
    count,
    firstPosition: first?.toString() ?? null,
    lastPosition: last?.toString() ?? null,
    sha256: sha.digest('hex'),
    sealRoot: merkle.root(),
    seals,
    exportedAt: (options.now ?? new Date()).toISOString(),
    exportedBy: options.exportedBy,
  };
  await write(`${JSON.stringify({ manifest })}\n`);
  return manifest;
}

async function sealsWithin(sql: SqlClient, first: bigint, last: bigint): Promise<ExportedSeal[]> {
  const rows = await sql.query<{
    seal_no: number;
    from_position: string;
    to_position: string;
    event_count: string;
    merkle_root: string;
    seal_hash: string;
  }>(
    `SELECT seal_no, from_position::text, to_position::text, event_count::text, merkle_root, seal_hash
       FROM seals WHERE from_position >= $1 AND to_position <= $2 ORDER BY from_position`,
    [first.toString(), last.toString()],
  );
  return rows.map((r) => ({
    sealNo: r.seal_no,
    fromPosition: r.from_position,
    toPosition: r.to_position,
    eventCount: Number(r.event_count),
    merkleRoot: r.merkle_root,
    sealHash: r.seal_hash,
  }));
}
