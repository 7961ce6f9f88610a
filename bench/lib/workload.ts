import { createHash } from 'node:crypto';

import type { AppendMetadata, EventToAppend, JsonObject } from '@ledger/event-store';

/**
 * Deterministic bench events: AccidentRecorded payloads padded to a target JSON size, so every system under test
 * receives byte-identical rows in the same order, run after run.
 */

/** A UUID derived from a label, so the same event has the same id in every system and every run of one seed. */
export function benchUuid(label: string): string {
  const h = createHash('sha1').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A small fast PRNG (mulberry32): reproducible workloads without the cost of crypto randomness. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchEventSpec {
  /** Units of the generated accidents: `u01`…; squads per unit: `u01-sq1`…; days spread over `years` years ending 2025. */
  readonly units: number;
  readonly squadsPerUnit: number;
  readonly years: number;
  /** Target size of the JSON payload in bytes. */
  readonly payloadBytes: number;
}

export const DEFAULT_SPEC: BenchEventSpec = { units: 20, squadsPerUnit: 5, years: 2, payloadBytes: 300 };

const PROCEDURES = ['SIMPLE', 'GENERAL', 'FAST_SETTLEMENT'] as const;

function isoDay(dayIndex: number): string {
  return new Date(Date.UTC(2026, 0, 1) - (dayIndex + 1) * 86_400_000).toISOString().slice(0, 10);
}

/** The i-th AccidentRecorded payload of a seed, padded to `payloadBytes` of JSON. */
export function accidentPayload(seed: string, i: number, spec: BenchEventSpec = DEFAULT_SPEC): JsonObject {
  const r = rng(hashSeed(`${seed}:${i}`));
  const unit = Math.floor(r() * spec.units);
  const unitId = `u${String(unit + 1).padStart(2, '0')}`;
  const squadId = `${unitId}-sq${1 + Math.floor(r() * spec.squadsPerUnit)}`;
  const occurredOn = isoDay(Math.floor(r() * 365 * spec.years));
  const data: JsonObject = {
    accidentId: `${seed}-${i}`,
    unitId,
    squadId,
    occurredOn,
    procedure: PROCEDURES[Math.floor(r() * PROCEDURES.length)]!,
    deaths: r() < 0.02 ? 1 : 0,
    injuries: Math.floor(r() * 3),
    directLossFen: Math.floor(r() * 5_000_000),
    hitAndRun: r() < 0.05,
    roadCode: `G${100 + Math.floor(r() * 900)}`,
    note: '',
  };
  const base = Buffer.byteLength(JSON.stringify(data));
  data.note = 'x'.repeat(Math.max(0, spec.payloadBytes - base));
  return data;
}

function hashSeed(text: string): number {
  return createHash('md5').update(text).digest().readUInt32LE(0);
}

export function accidentEvent(seed: string, i: number, spec: BenchEventSpec = DEFAULT_SPEC): EventToAppend {
  const data = accidentPayload(seed, i, spec);
  return {
    id: benchUuid(`${seed}:${i}`),
    type: 'AccidentRecorded',
    data,
    schemaVersion: 1,
    businessDate: data.occurredOn as string,
  };
}

export function benchMetadata(unitId: string | null, correlationId: string): AppendMetadata {
  return { principal: 'bench-clerk', role: 'squad_clerk', unitId, correlationId, causationId: null };
}

/**
 * Zipf(s) over ranks 1..n by inverse CDF on a precomputed table: P(rank k) ∝ 1/k^s. With YCSB's s = 0.99 and 2,000
 * streams the hottest stream takes ~12 % of the appends and the top ten ~35 %.
 */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k += 1) {
    total += 1 / k ** s;
    cdf[k - 1] = total;
  }
  return () => {
    const u = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
