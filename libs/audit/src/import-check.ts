import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

import {
  chainHash,
  contentHash,
  GENESIS_HASH,
  MerkleAccumulator,
  type JsonObject,
} from '@ledger/event-store';

import type { EventEnvelopeJson } from './envelope';
import type { ExportedSeal, ExportManifest } from './export';

export type ImportProblemReason =
  | 'unparseable-line'
  | 'content-hash-mismatch'
  | 'chain-hash-mismatch'
  | 'version-gap'
  | 'position-order'
  | 'line-after-manifest'
  | 'manifest-missing'
  | 'manifest-count'
  | 'manifest-positions'
  | 'manifest-sha256'
  | 'manifest-seal-root'
  | 'seal-mismatch';

export interface ImportProblem {
  readonly reason: ImportProblemReason;
  /** 1-based line of the file, null for problems of the whole file. */
  readonly line: number | null;
  readonly position: string | null;
  readonly streamId: string | null;
  readonly streamVersion: number | null;
  readonly eventId: string | null;
  readonly detail: string;
}

export interface ImportCheckReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  /** Streams whose first event in the file is version 0: their whole chain was recomputed from genesis. */
  readonly streamsFromGenesis: number;
  /** Streams that begin mid-chain (the window starts after their first event): chained from their first line on. */
  readonly midChainStreams: readonly { readonly streamId: string; readonly fromVersion: number }[];
  readonly midChainCount: number;
  readonly sealsChecked: number;
  readonly manifest: ExportManifest | null;
  readonly problems: readonly ImportProblem[];
  readonly problemCount: number;
}

const MAX_LISTED = 100;

interface SealCheck {
  readonly seal: ExportedSeal;
  readonly from: bigint;
  readonly to: bigint;
  readonly acc: MerkleAccumulator;
}

/**
 * Verifies an export with no database: content hashes, per-stream chains, positions in order, then the manifest's
 * count, positions, sha256 and Merkle root, and each seal it lists. Fed line by line; holds one head per stream.
 * Seals can only be recomputed while streaming if their ranges are known beforehand (`expectSeals`).
 */
export class ExportChecker {
  private readonly sha: Hash = createHash('sha256');
  private readonly merkle = new MerkleAccumulator();
  private readonly heads = new Map<string, { version: number; chain: string }>();
  private readonly midChain: { streamId: string; fromVersion: number }[] = [];
  private readonly problems: ImportProblem[] = [];
  private readonly sealChecks: SealCheck[];
  private problemCount = 0;
  private midChainCount = 0;
  private fromGenesis = 0;
  private lineNo = 0;
  private events = 0;
  private firstPosition: bigint | null = null;
  private lastPosition: bigint | null = null;
  private manifest: ExportManifest | null = null;

  constructor(expectSeals: readonly ExportedSeal[] = []) {
    this.sealChecks = expectSeals.map((seal) => ({
      seal,
      from: BigInt(seal.fromPosition),
      to: BigInt(seal.toPosition),
      acc: new MerkleAccumulator(),
    }));
  }

  private problem(p: Omit<ImportProblem, 'line'> & { line?: number | null }): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_LISTED)
      this.problems.push({ ...p, line: p.line === undefined ? this.lineNo : p.line });
  }

  line(text: string): void {
    this.lineNo += 1;
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (this.manifest) {
      this.problem({
        reason: 'line-after-manifest',
        position: null,
        streamId: null,
        streamVersion: null,
        eventId: null,
        detail: 'the manifest must be the last line',
      });
      return;
    }
    if (isManifestLine(parsed)) {
      this.manifest = parsed.manifest;
      return;
    }
    this.sha.update(`${text}\n`, 'utf8');
    if (!isEnvelope(parsed)) {
      this.problem({
        reason: 'unparseable-line',
        position: null,
        streamId: null,
        streamVersion: null,
        eventId: null,
        detail: 'not an event envelope',
      });
      return;
    }
    this.event(parsed);
  }

  private event(e: EventEnvelopeJson): void {
    this.events += 1;
    const at = { position: e.position, streamId: e.streamId, streamVersion: e.streamVersion, eventId: e.id };
    const position = BigInt(e.position);
    if (this.lastPosition !== null && position <= this.lastPosition)
      this.problem({ ...at, reason: 'position-order', detail: `position after ${this.lastPosition}` });
    this.firstPosition ??= position;
    this.lastPosition = position;
    this.merkle.push(e.chainHash);
    for (const s of this.sealChecks) if (position >= s.from && position <= s.to) s.acc.push(e.chainHash);

    const recomputed = contentHash({ ...e, data: e.data as JsonObject });
    if (recomputed !== e.contentHash)
      this.problem({
        ...at,
        reason: 'content-hash-mismatch',
        detail: `stored ${e.contentHash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…`,
      });
    const head = this.heads.get(e.streamId);
    let previous: string | null;
    if (head) {
      if (e.streamVersion !== head.version + 1)
        this.problem({
          ...at,
          reason: 'version-gap',
          detail: `expected version ${head.version + 1}, found ${e.streamVersion}`,
        });
      previous = e.streamVersion === head.version + 1 ? head.chain : null;
    } else if (e.streamVersion === 0) {
      this.fromGenesis += 1;
      previous = GENESIS_HASH;
    } else {
      this.midChainCount += 1;
      if (this.midChain.length < MAX_LISTED)
        this.midChain.push({ streamId: e.streamId, fromVersion: e.streamVersion });
      previous = null;
    }
    if (previous !== null) {
      const chain = chainHash(previous, recomputed, new Date(e.recordedAt));
      if (chain !== e.chainHash)
        this.problem({
          ...at,
          reason: 'chain-hash-mismatch',
          detail: `stored ${e.chainHash.slice(0, 12)}…, recomputed ${chain.slice(0, 12)}…`,
        });
    }
    // The next link is checked against the stored hash, so one altered line is reported once, not down its stream;
    // without a predecessor (a mid-chain start or a gap) the stored hash is the only anchor there is anyway.
    this.heads.set(e.streamId, { version: e.streamVersion, chain: e.chainHash });
  }

  finish(): ImportCheckReport {
    const whole = { line: null, position: null, streamId: null, streamVersion: null, eventId: null };
    const m = this.manifest;
    if (!m) {
      this.problem({
        ...whole,
        reason: 'manifest-missing',
        detail: 'no manifest line at the end of the file',
      });
    } else {
      if (m.count !== this.events)
        this.problem({
          ...whole,
          reason: 'manifest-count',
          detail: `manifest says ${m.count} events, file has ${this.events}`,
        });
      const first = this.firstPosition?.toString() ?? null;
      const last = this.lastPosition?.toString() ?? null;
      if (m.firstPosition !== first || m.lastPosition !== last)
        this.problem({
          ...whole,
          reason: 'manifest-positions',
          detail: `manifest says ${m.firstPosition}–${m.lastPosition}, file has ${first}–${last}`,
        });
      const sha = this.sha.digest('hex');
      if (m.sha256 !== sha)
        this.problem({
          ...whole,
          reason: 'manifest-sha256',
          detail: `manifest ${String(m.sha256).slice(0, 12)}…, file ${sha.slice(0, 12)}…`,
        });
      const root = this.merkle.root();
      if (m.sealRoot !== root)
        this.problem({
          ...whole,
          reason: 'manifest-seal-root',
          detail: `manifest ${String(m.sealRoot).slice(0, 12)}…, recomputed ${root.slice(0, 12)}…`,
        });
      for (const s of this.sealChecks) {
        const listed = (m.seals ?? []).some(
          (x) => x.sealNo === s.seal.sealNo && x.merkleRoot === s.seal.merkleRoot,
        );
        const fail = (detail: string) =>
          this.problem({
            ...whole,
            position: s.seal.fromPosition,
            reason: 'seal-mismatch',
            detail: `seal ${s.seal.sealNo} (positions ${s.seal.fromPosition}–${s.seal.toPosition}): ${detail}`,
          });
        if (!listed) fail('not the seal the manifest lists');
        else if (s.acc.size !== s.seal.eventCount)
          fail(`sealed ${s.seal.eventCount} events, file has ${s.acc.size}`);
        else if (s.acc.root() !== s.seal.merkleRoot) fail('Merkle root differs');
      }
    }
    return {
      ok: this.problemCount === 0,
      events: this.events,
      streams: this.heads.size,
      streamsFromGenesis: this.fromGenesis,
      midChainStreams: this.midChain,
      midChainCount: this.midChainCount,
      sealsChecked: this.sealChecks.length,
      manifest: m,
      problems: this.problems,
      problemCount: this.problemCount,
    };
  }
}

function isManifestLine(v: unknown): v is { manifest: ExportManifest } {
  return typeof v === 'object' && v !== null && 'manifest' in v && typeof v.manifest === 'object';
}

function isEnvelope(v: unknown): v is EventEnvelopeJson {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.position === 'string' &&
    /^\d+$/.test(e.position) &&
    typeof e.streamId === 'string' &&
    typeof e.streamVersion === 'number' &&
    typeof e.id === 'string' &&
    typeof e.type === 'string' &&
    typeof e.data === 'object' &&
    e.data !== null &&
    typeof e.schemaVersion === 'number' &&
    typeof e.principal === 'string' &&
    typeof e.role === 'string' &&
    typeof e.correlationId === 'string' &&
    typeof e.contentHash === 'string' &&
    typeof e.chainHash === 'string'
  );
}

/** The last non-empty line of a file, read backwards from its end (the manifest), so the seals are known up front. */
async function lastLine(path: string): Promise<string | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    let end = size;
    let tail = Buffer.alloc(0);
    while (end > 0) {
      const start = Math.max(0, end - 64 * 1024);
      const chunk = Buffer.alloc(end - start);
      await file.read(chunk, 0, chunk.length, start);
      tail = Buffer.concat([chunk, tail]);
      end = start;
      const text = tail.toString('utf8').replace(/\s+$/, '');
      const nl = text.lastIndexOf('\n');
      if (nl >= 0) return text.slice(nl + 1);
      if (end === 0) return text || null;
    }
    return null;
  } finally {
    await file.close();
  }
}

/** Checks an export file offline, streaming it line by line. */
export async function checkExportFile(
  path: string,
  onProgress?: (lines: number, bytes: number, totalBytes: number) => void,
): Promise<ImportCheckReport> {
  let seals: readonly ExportedSeal[] = [];
  try {
    const tail = await lastLine(path);
    const parsed: unknown = tail ? JSON.parse(tail) : null;
    if (isManifestLine(parsed) && Array.isArray(parsed.manifest.seals)) seals = parsed.manifest.seals;
  } catch {
    // A broken last line is reported by the streaming pass as a missing manifest.
  }
  const checker = new ExportChecker(seals);
  const stream = createReadStream(path, { encoding: 'utf8' });
  const { size } = await stat(path);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    checker.line(text);
    n += 1;
    if (onProgress && n % 10_000 === 0) onProgress(n, stream.bytesRead, size);
  }
  onProgress?.(n, stream.bytesRead, size);
  return checker.finish();
}

/** The report as the CLI prints it. */
export function formatImportCheck(r: ImportCheckReport): string {
  const out: string[] = [];
  out.push(
    `${r.ok ? 'verified' : 'FAILED'}: ${r.events} events in ${r.streams} streams; ` +
      `${r.streamsFromGenesis} chained from genesis, ${r.midChainCount} start mid-chain; ${r.sealsChecked} seals recomputed`,
  );
  if (r.manifest)
    out.push(
      `manifest: ${r.manifest.count} events, positions ${r.manifest.firstPosition}–${r.manifest.lastPosition}, ` +
        `recorded ${r.manifest.from}..${r.manifest.to}${r.manifest.unitId ? ` unit ${r.manifest.unitId}` : ''}, ` +
        `exported ${r.manifest.exportedAt} by ${r.manifest.exportedBy}, sealRoot ${r.manifest.sealRoot}`,
    );
  if (r.midChainCount > 0)
    out.push(
      `streams starting mid-chain (first link taken on trust): ${r.midChainStreams
        .map((s) => `${s.streamId}@${s.fromVersion}`)
        .join(', ')}${r.midChainCount > r.midChainStreams.length ? ', …' : ''}`,
    );
  for (const p of r.problems)
    out.push(
      `  ${p.reason}${p.line !== null ? ` at line ${p.line}` : ''}${p.position ? ` position ${p.position}` : ''}` +
        `${p.streamId ? ` stream ${p.streamId}` : ''}${p.streamVersion !== null ? ` version ${p.streamVersion}` : ''}` +
        `${p.eventId ? ` event ${p.eventId}` : ''}: ${p.detail}`,
    );
  if (r.problemCount > r.problems.length) out.push(`  … ${r.problemCount - r.problems.length} more problems`);
  if (r.ok)
    out.push(
      'the file is consistent with itself; compare sealRoot (and the listed seals) with the ledger’s seals to anchor it',
    );
  return `${out.join('\n')}\n`;
}
