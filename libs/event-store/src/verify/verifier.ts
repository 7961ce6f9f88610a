import {
  canonicalJson,
  chainHash,
  contentHash,
  GENESIS_HASH,
  MerkleAccumulator,
  sha256Hex,
} from '../hashing';
import type { SqlClient } from '../sql/sql-client';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../sql/sql-event-store';

export type BrokenLinkReason =
  'content-hash-mismatch' | 'chain-hash-mismatch' | 'version-gap' | 'stream-head-mismatch' | 'seal-mismatch';

export interface BrokenLink {
  readonly reason: BrokenLinkReason;
  readonly streamId: string | null;
  readonly position: bigint | null;
  readonly streamVersion: number | null;
  readonly eventId: string | null;
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly sealsChecked: number;
  /** The broken link with the lowest position (a tampered stream head or seal has none and comes last). */
  readonly firstBroken: BrokenLink | null;
  readonly broken: readonly BrokenLink[];
}

const BATCH = 2000;

/**
 * Recomputes every content hash and every per-stream chain from the stored rows, compares the chains with the
 * stream heads, and recomputes every seal's Merkle root. It trusts nothing stored except what it recomputes.
 */
export async function verifyLog(sql: SqlClient): Promise<VerifyReport> {
  const broken: BrokenLink[] = [];
  const heads = new Map<string, { version: number; hash: string }>();
  let eventsChecked = 0;
  let previous: { streamId: string; version: number; hash: string } | null = null;

  const fetch = (after: { streamId: string; version: number } | null) =>
    sql.query<EventRow>(
      after
        ? `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2)
            ORDER BY stream_id, stream_version LIMIT ${BATCH}`
        : `SELECT ${EVENT_COLUMNS} FROM events ORDER BY stream_id, stream_version LIMIT ${BATCH}`,
      after ? [after.streamId, after.version] : [],
    );
  // The next batch is asked for before this one is hashed, so the database reads while this process hashes.
  let next: Promise<EventRow[]> | null = fetch(null);
  while (next) {
    const rows: EventRow[] = await next;
    const tail = rows[rows.length - 1];
    next =
      rows.length < BATCH || !tail
        ? null
        : fetch({ streamId: tail.stream_id, version: Number(tail.stream_version) });
    for (const row of rows) {
      const e = toRecordedEvent(row);
      eventsChecked += 1;
      const sameStream: boolean = previous !== null && previous.streamId === e.streamId;
      const expectedVersion: number = sameStream ? previous!.version + 1 : 0;
      const link = (reason: BrokenLinkReason, detail: string) =>
        broken.push({
          reason,
          streamId: e.streamId,
          position: e.position,
          streamVersion: e.streamVersion,
          eventId: e.id,
          detail,
        });
      if (e.streamVersion !== expectedVersion) {
        link('version-gap', `expected version ${expectedVersion}, found ${e.streamVersion}`);
      }
      const recomputed = contentHash(e);
      if (recomputed !== e.contentHash) {
        link(
          'content-hash-mismatch',
          `stored ${e.contentHash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…`,
        );
      }
      const prevHash = sameStream ? previous!.hash : GENESIS_HASH;
      const expectedChain = chainHash(prevHash, recomputed, e.recordedAt);
      if (expectedChain !== e.chainHash) {
        link(
          'chain-hash-mismatch',
          `stored ${e.chainHash.slice(0, 12)}…, recomputed ${expectedChain.slice(0, 12)}…`,
        );
      }
      previous = { streamId: e.streamId, version: e.streamVersion, hash: expectedChain };
      heads.set(e.streamId, { version: e.streamVersion, hash: expectedChain });
    }
  }

  const streams = await sql.query<{ stream_id: string; version: string; chain_hash: string }>(
    'SELECT stream_id, version::text, chain_hash FROM streams WHERE version >= 0',
  );
  for (const s of streams) {
    const seen = heads.get(s.stream_id);
    if (!seen || seen.version !== Number(s.version) || seen.hash !== s.chain_hash) {
      broken.push({
        reason: 'stream-head-mismatch',
        streamId: s.stream_id,
        position: null,
        streamVersion: Number(s.version),
        eventId: null,
        detail: seen
          ? `head says version ${s.version}, events end at version ${seen.version}${seen.hash !== s.chain_hash ? ' with another hash' : ''}`
          : `head says version ${s.version}, the stream has no events`,
      });
    }
    heads.delete(s.stream_id);
  }
  for (const [streamId, seen] of heads) {
    broken.push({
      reason: 'stream-head-mismatch',
      streamId,
      position: null,
      streamVersion: seen.version,
      eventId: null,
      detail: 'events exist for a stream with no head',
    });
  }

  const seals = await verifySeals(sql);
  broken.push(...seals.broken);
  const ordered = [...broken].sort((a, b) =>
    a.position === null ? 1 : b.position === null ? -1 : a.position < b.position ? -1 : 1,
  );
  return {
    ok: broken.length === 0,
    eventsChecked,
    streamsChecked: streams.length,
    sealsChecked: seals.count,
    firstBroken: ordered[0] ?? null,
    broken: ordered,
  };
}

interface SealRow {
  [key: string]: unknown;
  seal_no: number;
  from_position: string;
  to_position: string;
  event_count: string;
  merkle_root: string;
  previous_seal_hash: string;
  seal_hash: string;
}

export function sealHash(seal: {
  sealNo: number;
  fromPosition: bigint;
  toPosition: bigint;
  eventCount: number;
  merkleRoot: string;
  previousSealHash: string;
}): string {
  return sha256Hex(
    canonicalJson({
      sealNo: seal.sealNo,
      fromPosition: seal.fromPosition.toString(),
      toPosition: seal.toPosition.toString(),
      eventCount: seal.eventCount,
      merkleRoot: seal.merkleRoot,
      previousSealHash: seal.previousSealHash,
    }),
  );
}

/** Streams the chain hashes of a position range into a Merkle accumulator. */
export async function merkleOfRange(
  sql: SqlClient,
  from: bigint,
  to: bigint,
): Promise<{ root: string; count: number }> {
  const acc = new MerkleAccumulator();
  let after = from - 1n;
  for (;;) {
    const rows = await sql.query<{ position: string; chain_hash: string }>(
      `SELECT position::text, chain_hash FROM events WHERE position > $1 AND position <= $2 ORDER BY events.position LIMIT ${BATCH * 5}`,
      [after.toString(), to.toString()],
    );
    for (const r of rows) acc.push(r.chain_hash);
    if (rows.length < BATCH * 5) break;
    after = BigInt(rows[rows.length - 1]!.position);
  }
  return { root: acc.root(), count: acc.size };
}

async function verifySeals(sql: SqlClient): Promise<{ count: number; broken: BrokenLink[] }> {
  const seals = await sql.query<SealRow>(
    'SELECT seal_no, from_position::text, to_position::text, event_count::text, merkle_root, previous_seal_hash, seal_hash FROM seals ORDER BY seal_no',
  );
  const broken: BrokenLink[] = [];
  let previousHash = '';
  for (const s of seals) {
    const from = BigInt(s.from_position);
    const to = BigInt(s.to_position);
    const { root, count } = await merkleOfRange(sql, from, to);
    const fail = (detail: string) =>
      broken.push({
        reason: 'seal-mismatch',
        streamId: null,
        position: from,
        streamVersion: null,
        eventId: null,
        detail: `seal ${s.seal_no} (positions ${from}–${to}): ${detail}`,
      });
    if (count !== Number(s.event_count)) fail(`sealed ${s.event_count} events, found ${count}`);
    else if (root !== s.merkle_root) fail('Merkle root differs: an event in the range was altered');
    if (s.previous_seal_hash !== previousHash) fail('does not link to the previous seal');
    const recomputed = sealHash({
      sealNo: s.seal_no,
      fromPosition: from,
      toPosition: to,
      eventCount: Number(s.event_count),
      merkleRoot: s.merkle_root,
      previousSealHash: s.previous_seal_hash,
    });
    if (recomputed !== s.seal_hash) fail('seal hash differs: the seal row itself was edited');
    previousHash = s.seal_hash;
  }
  return { count: seals.length, broken };
}
