/** Latency samples in milliseconds, growing without reallocating per sample. */
export class Latencies {
  private data = new Float64Array(1024);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n] = ms;
    this.n += 1;
  }

  get count(): number {
    return this.n;
  }

  /** Nearest-rank percentile, p in [0, 100]. */
  percentile(p: number): number {
    if (this.n === 0) return Number.NaN;
    const sorted = this.data.slice(0, this.n).sort();
    const rank = Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1));
    return sorted[rank]!;
  }
}

export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const now = (): number => performance.now();

/** One measured workload: what was done, how fast, and how long each call took. */
export interface Measurement {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly calls: number;
  readonly retries?: number;
  /** Our store only: appends per transaction that group commit achieved (1 = every append alone). */
  readonly appendsPerGroup?: number | null;
}

export function measurement(events: number, seconds: number, lat: Latencies, retries?: number): Measurement {
  return {
    events,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
    p50Ms: round(lat.percentile(50), 2),
    p99Ms: round(lat.percentile(99), 2),
    calls: lat.count,
    ...(retries === undefined ? {} : { retries }),
  };
}

/** The run whose rate is the median of the runs (so its latencies belong to the same run). */
export function medianRun(runs: readonly Measurement[]): Measurement & { runs: number[] } {
  const rates = runs.map((r) => r.eventsPerSecond);
  const m = median(rates);
  const done = runs.filter((r) => Number.isFinite(r.eventsPerSecond));
  const closest = [...done].sort(
    (a, b) => Math.abs(a.eventsPerSecond - m) - Math.abs(b.eventsPerSecond - m),
  )[0];
  const nan = Number.NaN;
  const base = closest ?? { events: runs[0]?.events ?? 0, seconds: nan, p50Ms: nan, p99Ms: nan, calls: 0 };
  return { ...base, eventsPerSecond: Math.round(m), runs: rates };
}

/**
 * Runs `work(i)` for i in [0, total) on `concurrency` workers, worker w taking i = w, w + concurrency, … in order,
 * timing each call. With a stream count divisible by the concurrency, stream i mod streams always belongs to one
 * worker, so exact expected versions never collide. Returns the wall time in seconds.
 */
export async function drive(
  total: number,
  concurrency: number,
  work: (i: number, worker: number) => Promise<void>,
  lat: Latencies,
): Promise<number> {
  const started = now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; i < total; i += concurrency) {
        const t0 = now();
        await work(i, worker);
        lat.add(now() - t0);
      }
    }),
  );
  return (now() - started) / 1000;
}
