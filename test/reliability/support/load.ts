import http from 'node:http';

import { deterministicUuid } from '@ledger/ledger';
import { TALLY_CATEGORY_NAMES } from '@ledger/ledger/events';

import { httpRequest, sleep } from './processes';

/** The principal the load posts as (a squad clerk of changning/chengqu), and the tokens issued for it. */
export const LOAD_PRINCIPAL = {
  id: 'clerk-reliability',
  role: 'squad_clerk',
  unitId: 'changning',
  squadId: 'chengqu',
} as const;

export interface PlannedRecord {
  readonly index: number;
  readonly command: 'RecordAccident' | 'RecordTally';
  readonly key: string;
  /** What identifies the record inside the stored event, independent of event ids: accidentId or sourceRef. */
  readonly ref: string;
  readonly body: string;
  /** The id the store must give the record's event: the runner derives it from principal and idempotency key. */
  readonly eventId: string;
  /** For tallies, the count (views must sum to the acknowledged counts). */
  readonly count: number;
}

/** A small deterministic PRNG (mulberry32) so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Half accidents (one stream each), half tallies (shared day streams, appended with `any`). */
export function planRecords(runId: string, count: number, seed: number): PlannedRecord[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const day = () => `2020-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const records: PlannedRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const key = `${runId}-${index}`;
    const eventId = deterministicUuid(`${LOAD_PRINCIPAL.id}\u0000${key}\u00000`);
    if (index % 2 === 0) {
      const accidentId = `${runId}-A${index}`;
      const body = {
        accidentId,
        unitId: LOAD_PRINCIPAL.unitId,
        squadId: LOAD_PRINCIPAL.squadId,
        occurredOn: day(),
        procedure: pick(['SIMPLE', 'GENERAL', 'FAST_SETTLEMENT']),
        deaths: Math.floor(random() * 2),
        injuries: Math.floor(random() * 4),
        directLossFen: Math.floor(random() * 5_000_000),
        hitAndRun: random() < 0.1,
      };
      records.push({
        index,
        command: 'RecordAccident',
        key,
        ref: accidentId,
        body: JSON.stringify(body),
        eventId,
        count: 1,
      });
    } else {
      const n = 1 + Math.floor(random() * 40);
      const body = {
        unitId: LOAD_PRINCIPAL.unitId,
        squadId: LOAD_PRINCIPAL.squadId,
        businessDate: day(),
        category: pick(TALLY_CATEGORY_NAMES),
        count: n,
        sourceRef: key,
      };
      records.push({
        index,
        command: 'RecordTally',
        key,
        ref: key,
        body: JSON.stringify(body),
        eventId,
        count: n,
      });
    }
  }
  return records;
}

export interface Ack {
  readonly status: number;
  readonly eventIds: readonly string[];
  readonly positions: readonly string[];
  readonly attempts: number;
}

export interface LoadFigures {
  posted: number;
  requests: number;
  acknowledged: number;
  /** 200 answers: a retry of something that had been stored before the crash or fault cut the answer. */
  replays: number;
  retries: number;
  networkErrors: number;
  unavailable503: number;
  statuses: Record<string, number>;
}

/**
 * Posts every planned record with its idempotency key, `concurrency` at a time, and retries what was not
 * acknowledged (a refused or cut connection, a time-out, a 503) until it is. Anything else is a failure, kept with
 * its body. `port()` is asked before each request, so the target may be restarted underneath.
 */
export class LoadGenerator {
  readonly acks = new Map<number, Ack>();
  readonly failures: { index: number; status: number; body: string }[] = [];
  /** Bodies of 5xx answers (there must be no 500; 503s are expected while a database is down). */
  readonly serverErrors: { status: number; body: string }[] = [];
  readonly figures: LoadFigures = {
    posted: 0,
    requests: 0,
    acknowledged: 0,
    replays: 0,
    retries: 0,
    networkErrors: 0,
    unavailable503: 0,
    statuses: {},
  };
  /** Time stamps of answers, to measure how long the API answered nothing but errors. */
  lastSuccessAt = 0;
  /** …and of failed attempts (refused or cut connections, time-outs, 503s). */
  lastFailureAt = 0;
  /** Requests sent and not yet answered or failed. */
  inFlight = 0;
  private next = 0;
  private readonly retryQueue: number[] = [];
  private readonly agent: http.Agent;
  private readonly attempts = new Map<number, number>();
  stopped = false;

  constructor(
    private readonly records: readonly PlannedRecord[],
    private readonly options: { port: () => number; token: string; concurrency: number; timeoutMs?: number },
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
    this.figures.posted = records.length;
  }

  get acknowledged(): number {
    return this.acks.size;
  }

  async run(): Promise<LoadFigures> {
    await Promise.all(Array.from({ length: this.options.concurrency }, () => this.worker()));
    this.agent.destroy();
    return this.figures;
  }

  /** Abandon the rest (a test that failed elsewhere). */
  stop(): void {
    this.stopped = true;
  }

  private take(): number | null {
    if (this.retryQueue.length > 0) return this.retryQueue.shift()!;
    if (this.next < this.records.length) return this.next++;
    return null;
  }

  private pending(): boolean {
    return this.acks.size + this.failures.length < this.records.length;
  }

  private async worker(): Promise<void> {
    while (!this.stopped) {
      const index = this.take();
      if (index === null) {
        if (!this.pending()) return;
        await sleep(20); // others' requests in flight may still fail and come back
        continue;
      }
      const record = this.records[index]!;
      const attempt = (this.attempts.get(index) ?? 0) + 1;
      this.attempts.set(index, attempt);
      if (attempt > 1) this.figures.retries += 1;
      this.figures.requests += 1;
      let status: number;
      let body = '';
      this.inFlight += 1;
      try {
        const res = await httpRequest({
          port: this.options.port(),
          method: 'POST',
          path: `/api/v1/commands/${record.command}`,
          body: record.body,
          headers: { authorization: `Bearer ${this.options.token}`, 'idempotency-key': record.key },
          agent: this.agent,
          timeoutMs: this.options.timeoutMs ?? 30_000,
        });
        status = res.status;
        body = res.body;
      } catch {
        this.inFlight -= 1;
        this.lastFailureAt = Date.now();
        this.figures.networkErrors += 1;
        this.figures.statuses.network = (this.figures.statuses.network ?? 0) + 1;
        this.retryQueue.push(index);
        await sleep(100);
        continue;
      }
      this.inFlight -= 1;
      this.figures.statuses[status] = (this.figures.statuses[status] ?? 0) + 1;
      if (status >= 500) this.serverErrors.push({ status, body });
      if (status === 201 || status === 200) {
        const outcome = JSON.parse(body) as { events: { id: string; position: string }[] };
        this.acks.set(index, {
          status,
          eventIds: outcome.events.map((e) => e.id),
          positions: outcome.events.map((e) => e.position),
          attempts: attempt,
        });
        this.figures.acknowledged = this.acks.size;
        if (status === 200) this.figures.replays += 1;
        this.lastSuccessAt = Date.now();
      } else if (status === 503) {
        this.lastFailureAt = Date.now();
        this.figures.unavailable503 += 1;
        this.retryQueue.push(index);
        await sleep(200);
      } else {
        this.failures.push({ index, status, body: body.slice(0, 500) });
      }
    }
  }
}
