/** What a bench gets from the runner: its options, whether a PostgreSQL server answered, and a progress log. */
export interface BenchContext {
  readonly runs: number;
  /** PostgreSQL settings of the server when one answered, null when the bench runs on PGlite alone. */
  readonly postgres: Record<string, string> | null;
  /** A numeric `--name N` option, or the default. */
  option(name: string, fallback: number): number;
  /** A boolean `--name` flag. */
  flag(name: string): boolean;
  /** A comma-separated `--name=a,b` option, or null when absent. */
  list(name: string): string[] | null;
  log(message: string): void;
}

export interface BenchOutput {
  /** The table and summary lines printed to stdout. */
  readonly text: string;
  /** What goes into bench/results/latest.json under the bench's name. */
  readonly json: unknown;
}

export interface Bench {
  readonly name: string;
  readonly description: string;
  /** Runs used when `--runs` is not given. */
  readonly defaultRuns: number;
  run(ctx: BenchContext): Promise<BenchOutput>;
}
