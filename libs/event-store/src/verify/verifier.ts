import { canonicalJson, chainHashAt, GENESIS_HASH, MerkleAccumulator, sha256Hex } from '../hashing';
import type { SqlClient } from '../sql/sql-client';
import type { EventRow } from '../sql/sql-event-store';
import { ContentHasher, defaultHashThreads, type ContentFields } from './content-hasher';

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

const BATCH = 5000;

export interface VerifyOptions {
  /** Helper threads for the content hashes; 0 hashes on the calling thread. Default: {@link defaultHashThreads}. */
  readonly hashThreads?: number;
  /** Positions per read (default 5,000); tests make it small to cross batch and seal boundaries with few events. */
  readonly batchSize?: number;
  /** Called after each batch with the events checked and the events the log held when verification began. */
  readonly onProgress?: (checked: number, total: number) => void;
}

/**
 * The columns the verifier recomputes from. The recording stamp is read with the append function's own expression
 * (epoch milliseconds as text), so no Date is parsed per row and the chained text is exactly what was hashed.
 */
const VERIFY_COLUMNS = `position::text AS position, stream_id, stream_version, event_id, type, data::text AS data, schema_version,
  business_date::text AS business_date, (extract(epoch FROM recorded_at) * 1000)::bigint::text AS stamp,
  principal, role, unit_id, correlation_id, causation_id, content_hash, chain_hash`;

/** An events row as VERIFY_COLUMNS reads it: position, payload and recording stamp as text, the rest as stored. */
type VerifyRow = Pick<
  EventRow,
  | 'stream_id'
  | 'stream_version'
  | 'event_id'
  | 'type'
  | 'schema_version'
  | 'business_date'
  | 'principal'
  | 'role'
  | 'unit_id'
  | 'correlation_id'
  | 'causation_id'
  | 'content_hash'
  | 'chain_hash'
> & {
  [key: string]: unknown;
  position: string;
  /** As text: it crosses to a hashing thread as a string, and is parsed there. */
  data: string;
  stamp: string;
};

/**
 * Recomputes every content hash and every per-stream chain from the stored rows, compares the chains with the
 * stream heads, and recomputes every seal's Merkle root. It trusts nothing stored except what it recomputes.
 *
 * One pass over the log in position order does all of it: a stream's events rise in position as in version (appends
 * to a stream are serialised), so each stream's chain is followed through a map of its last recomputed link, and
 * every seal's Merkle root is accumulated on the way (seals cover consecutive position ranges), instead of reading
 * the log a second time for the seals.
 */
export async function verifyLog(sql: SqlClient, options: VerifyOptions = {}): Promise<VerifyReport> {
  const batch = options.batchSize ?? BATCH;
  const broken: BrokenLink[] = [];
  /** Each stream's last event seen: its version and recomputed chain hash (mutated in place, one object a stream). */
  const heads = new Map<string, { version: number; hash: string }>();
  const seals = await sql.query<SealRow>(
    'SELECT seal_no, from_position::text, to_position::text, event_count::text, merkle_root, previous_seal_hash, seal_hash FROM seals ORDER BY seal_no',
  );
  const inline = sealsInOrder(seals);
  // Seal bounds as numbers, compared with each row's position: sealsInOrder keeps them below 2^53.
  const sealFrom = seals.map((x) => Number(x.from_position));
  const sealTo = seals.map((x) => Number(x.to_position));
  const sealRoots: ({ root: string; count: number } | null)[] = seals.map(() => null);
  let sealIndex = 0;
  let accumulator = new MerkleAccumulator();
  const closeSeal = () => {
    sealRoots[sealIndex] = { root: accumulator.root(), count: accumulator.size };
    accumulator = new MerkleAccumulator();
    sealIndex += 1;
  };
  let eventsChecked = 0;

  // Rows by position ranges, not "the next N after the last one read": a range can be asked for before the previous
  // one arrives, so two reads are in flight on two connections while this thread hashes.
  const fetchRange = (after: bigint, upTo: bigint | null) =>
    sql.query<VerifyRow>(
      // `events.position`: the bare name would sort by the text column of the select list.
      `SELECT ${VERIFY_COLUMNS} FROM events WHERE events.position > $1 ${upTo === null ? '' : 'AND events.position <= $2'}
        ORDER BY events.position ${upTo === null ? `LIMIT ${batch}` : ''}`,
      upTo === null ? [after.toString()] : [after.toString(), upTo.toString()],
    );
  const check = (rows: readonly VerifyRow[], contentHashes: readonly string[]) => {
    for (const [i, row] of rows.entries()) {
      eventsChecked += 1;
      const streamVersion = Number(row.stream_version);
      const link = (reason: BrokenLinkReason, detail: string) =>
        broken.push({
          reason,
          streamId: row.stream_id,
          position: BigInt(row.position),
          streamVersion,
          eventId: row.event_id,
          detail,
        });
      const head = heads.get(row.stream_id);
      const expectedVersion = head ? head.version + 1 : 0;
      if (streamVersion !== expectedVersion) {
        link('version-gap', `expected version ${expectedVersion}, found ${streamVersion}`);
      }
      const recomputed = contentHashes[i]!;
      if (recomputed !== row.content_hash) {
        link(
          'content-hash-mismatch',
          `stored ${row.content_hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…`,
        );
      }
      const expectedChain = chainHashAt(head ? head.hash : GENESIS_HASH, recomputed, row.stamp);
      if (expectedChain !== row.chain_hash) {
        link(
          'chain-hash-mismatch',
          `stored ${row.chain_hash.slice(0, 12)}…, recomputed ${expectedChain.slice(0, 12)}…`,
        );
      }
      if (head) {
        head.version = streamVersion;
        head.hash = expectedChain;
      } else heads.set(row.stream_id, { version: streamVersion, hash: expectedChain });
      if (inline && sealIndex < seals.length) {
        const position = Number(row.position);
        while (sealIndex < seals.length && position > sealTo[sealIndex]!) closeSeal();
        // A seal covers the stored chain hashes of its range, as sealLog accumulated them.
        if (sealIndex < seals.length && position >= sealFrom[sealIndex]!) accumulator.push(row.chain_hash);
      }
    }
  };

  // A pipeline: the next ranges are read while earlier batches' content hashes are computed on a helper thread and
  // the batches before those have their chains followed here. The chains need the batches in order; the hashes do not.
  const hasher = ContentHasher.start(options.hashThreads ?? defaultHashThreads());
  try {
    const [top] = await sql.query<{ head: string | null; n: string }>(
      `SELECT max(position)::text AS head, ${options.onProgress ? 'count(*)' : '0'}::text AS n FROM events`,
    );
    const total = Number(top?.n ?? 0);
    const head = BigInt(top?.head ?? 0);
    const inFlight: { rows: VerifyRow[]; hashes: Promise<string[]> }[] = [];
    const take = async (rows: VerifyRow[]) => {
      inFlight.push({ rows, hashes: hasher.hash(contentFields(rows)) });
      if (inFlight.length > 2) {
        const done = inFlight.shift()!;
        check(done.rows, await done.hashes);
        options.onProgress?.(eventsChecked, Math.max(total, eventsChecked));
      }
    };
    const reads: Promise<VerifyRow[]>[] = [];
    let cursor = 0n;
    const readAhead = () => {
      while (reads.length < 2 && cursor < head) {
        const upTo = cursor + BigInt(batch) < head ? cursor + BigInt(batch) : head;
        reads.push(fetchRange(cursor, upTo));
        cursor = upTo;
      }
    };
    readAhead();
    while (reads.length > 0) {
      const rows = await reads.shift()!;
      readAhead();
      if (rows.length > 0) await take(rows);
    }
    // Events appended while the ranges were read: after the head, batch by batch until none is left.
    for (;;) {
      const rows = await fetchRange(cursor, null);
      if (rows.length === 0) break;
      cursor = BigInt(rows[rows.length - 1]!.position);
      await take(rows);
      if (rows.length < batch) break;
    }
    for (const done of inFlight) check(done.rows, await done.hashes);
    options.onProgress?.(eventsChecked, eventsChecked);
  } finally {
    await hasher.close();
  }
  if (inline) while (sealIndex < seals.length) closeSeal();

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

  broken.push(...(await checkSeals(sql, seals, inline ? sealRoots : null)));
  const ordered = [...broken].sort((a, b) =>
    a.position === null ? 1 : b.position === null ? -1 : a.position < b.position ? -1 : 1,
  );
  return {
    ok: broken.length === 0,
    eventsChecked,
    streamsChecked: streams.length,
    sealsChecked: seals.length,
    firstBroken: ordered[0] ?? null,
    broken: ordered,
  };
}

function contentFields(rows: readonly VerifyRow[]): ContentFields {
  const fields: ContentFields = [];
  for (const r of rows) {
    fields.push(
      r.event_id,
      r.stream_id,
      r.type,
      r.data,
      String(r.schema_version),
      r.business_date,
      r.principal,
      r.role,
      r.unit_id,
      r.correlation_id,
      r.causation_id,
    );
  }
  return fields;
}

/**
 * Whether the seals cover ascending, non-overlapping position ranges, as sealLog writes them (below 2^53, so the pass
 * compares positions as numbers): then one pass in position order accumulates every root. Edited seal rows may not; those are recomputed range by range.
 */
function sealsInOrder(seals: readonly SealRow[]): boolean {
  let previousTo = 0n;
  for (const s of seals) {
    const from = BigInt(s.from_position);
    if (from <= previousTo || BigInt(s.to_position) < from) return false;
    if (BigInt(s.to_position) > BigInt(Number.MAX_SAFE_INTEGER)) return false;
    previousTo = BigInt(s.to_position);
  }
  return true;
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

/** Checks every seal: its Merkle root and count (accumulated in the pass, or recomputed here), its link, its hash. */
async function checkSeals(
  sql: SqlClient,
  seals: readonly SealRow[],
  accumulated: readonly ({ root: string; count: number } | null)[] | null,
): Promise<BrokenLink[]> {
  const broken: BrokenLink[] = [];
  let previousHash = '';
  for (const [i, s] of seals.entries()) {
    const from = BigInt(s.from_position);
    const to = BigInt(s.to_position);
    const { root, count } = accumulated?.[i] ?? (await merkleOfRange(sql, from, to));
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
  return broken;
}
