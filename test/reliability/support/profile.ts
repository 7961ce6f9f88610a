/**
 * How hard the suite pushes. `full` (the default of `npm run test:reliability`) is the acceptance run: ≥ 20 kills over
 * ≥ 100,000 posted records. `ci` (LEDGER_RELIABILITY_PROFILE=ci, used by .ci/run) is the same scenarios, smaller,
 * to stay within a few minutes. Every number can be overridden by its environment variable.
 */
export const PROFILE: 'full' | 'ci' = process.env.LEDGER_RELIABILITY_PROFILE === 'ci' ? 'ci' : 'full';

function setting(name: string, full: number, ci: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return PROFILE === 'ci' ? ci : full;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

export const SETTINGS = {
  /** Records posted through the API on PostgreSQL while it is killed, and how many kills. */
  pgRecords: setting('LEDGER_RELIABILITY_RECORDS', 100_000, 2_000),
  pgKills: setting('LEDGER_RELIABILITY_KILLS', 20, 4),
  /** The same on PGlite (one process, in-process projector): slower, so fewer records. */
  pgliteRecords: setting('LEDGER_RELIABILITY_PGLITE_RECORDS', 2_000, 150),
  pgliteKills: setting('LEDGER_RELIABILITY_PGLITE_KILLS', 5, 2),
  /** kill -9 of a separate projector process while it catches up. */
  projectorKills: setting('LEDGER_RELIABILITY_PROJECTOR_KILLS', 6, 3),
  /** Requests in flight at once from the load generator. */
  loadConcurrency: setting('LEDGER_RELIABILITY_CONCURRENCY', 16, 12),
  /** pg_terminate_backend rounds and cluster restarts under load, and the records posted meanwhile. */
  terminations: setting('LEDGER_RELIABILITY_TERMINATIONS', 6, 2),
  restarts: setting('LEDGER_RELIABILITY_PG_RESTARTS', 3, 1),
  faultRecords: setting('LEDGER_RELIABILITY_FAULT_RECORDS', 8_000, 1_500),
  /** Writers racing on one stream with If-Match, and successful revisions each must land. */
  racingWriters: setting('LEDGER_RELIABILITY_WRITERS', 32, 32),
  revisionsPerWriter: setting('LEDGER_RELIABILITY_REVISIONS', 5, 2),
  /** Events appended concurrently while a subscriber follows. */
  subscribedEvents: setting('LEDGER_RELIABILITY_SUBSCRIBED', 3_000, 600),
  /** fast-check runs per property (each property runs over every command). */
  propertyRuns: setting('LEDGER_RELIABILITY_PROPERTY_RUNS', 25, 5),
} as const;

/** Test timeouts scale with the profile: minutes for `full`, seconds-to-minutes for `ci`. */
export const minutes = (full: number, ci: number): number => (PROFILE === 'ci' ? ci : full) * 60_000;
