import type { SqlClient } from '../sql/sql-client';
import { merkleOfRange, sealHash } from './verifier';

export interface Seal {
  readonly sealNo: number;
  readonly fromPosition: bigint;
  readonly toPosition: bigint;
  readonly eventCount: number;
  readonly merkleRoot: string;
  readonly sealHash: string;
}

/**
 * Seals every event appended since the last seal under one Merkle root, chained to the previous seal. Runs beside
 * appends (it only reads committed positions), so sealing never serialises the write path. Returns null when
 * there is nothing new to seal.
 */
export async function sealLog(sql: SqlClient): Promise<Seal | null> {
  const [last] = await sql.query<{ seal_no: number; to_position: string; seal_hash: string }>(
    'SELECT seal_no, to_position::text, seal_hash FROM seals ORDER BY seal_no DESC LIMIT 1',
  );
  const [head] = await sql.query<{ head: string | null }>('SELECT max(position)::text AS head FROM events');
  const from = last ? BigInt(last.to_position) + 1n : 1n;
  const to = BigInt(head?.head ?? 0);
  if (to < from) return null;
  const { root, count } = await merkleOfRange(sql, from, to);
  const seal = {
    sealNo: (last?.seal_no ?? 0) + 1,
    fromPosition: from,
    toPosition: to,
    eventCount: count,
    merkleRoot: root,
    previousSealHash: last?.seal_hash ?? '',
  };
  const hash = sealHash(seal);
  await sql.query(
    `INSERT INTO seals (seal_no, from_position, to_position, event_count, merkle_root, previous_seal_hash, seal_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [seal.sealNo, from.toString(), to.toString(), count, root, seal.previousSealHash, hash],
  );
  return { ...seal, sealHash: hash };
}
