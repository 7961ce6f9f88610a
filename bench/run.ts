import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { apiBench } from './api.bench';
import { appendBench } from './append.bench';
import { auditBench } from './audit.bench';
import { projectionsBench } from './projections.bench';
import { readBench } from './read.bench';
import { replayBench } from './replay.bench';
import { reportBench } from './report.bench';
import { scaleBench } from './scale.bench';
import { serveChild } from './lib/child';
import { probeServer } from './lib/databases';
import type { Bench, BenchContext } from './lib/registry';

/**
 * `npm run bench` runs every bench; `npm run bench -- NAME… [--runs N] [--option N] [--flag]` runs the named ones.
 * Each measurement runs in a child process (lib/child.ts); this parent orchestrates, prints and records.
 */
const BENCHES: readonly Bench[] = [
  appendBench,
  readBench,
  projectionsBench,
  scaleBench,
  apiBench,
  reportBench,
  auditBench,
  replayBench,
];

const ROOT = process.cwd();
const RESULTS = path.join(ROOT, 'bench', 'results', 'latest.json');

function parseArgs(argv: readonly string[]): { names: string[]; options: Map<string, string | true> } {
  const names: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) options.set(name, inline);
      else if (next !== undefined && /^\d[\d_]*$/.test(next)) {
        options.set(name, next);
        i += 1;
      } else options.set(name, true);
    } else names.push(arg);
  }
  return { names, options };
}

function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    try {
      const file = path.join(ROOT, 'node_modules', name, 'package.json');
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  }
}

function machine(postgres: Record<string, string> | null) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    /** The machine is shared: its 1/5/15-minute load when the results were written. */
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    postgres,
    packages: Object.fromEntries(
      [
        'pg',
        '@electric-sql/pglite',
        '@event-driven-io/emmett',
        '@event-driven-io/emmett-postgresql',
        'typeorm',
      ].map((n) => [n, packageVersion(n)]),
    ),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    serveChild(argv[1]!);
    return;
  }
  const { names, options } = parseArgs(argv);
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  }
  const selected = names.length === 0 ? BENCHES : BENCHES.filter((b) => names.includes(b.name));
  const postgres = await probeServer();
  process.stderr.write(
    postgres
      ? `bench: PostgreSQL ${postgres.server_version} (fsync=${postgres.fsync}, synchronous_commit=${postgres.synchronous_commit}, shared_buffers=${postgres.shared_buffers})\n`
      : 'bench: no PostgreSQL server answered (BENCH_DATABASE_URL / DATABASE_URL / 127.0.0.1:5432) — PGlite only\n',
  );
  let previous: { benches?: Record<string, unknown> } = {};
  try {
    previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as typeof previous;
  } catch {
    previous = {};
  }
  const benches: Record<string, unknown> = { ...(previous.benches ?? {}) };
  for (const bench of selected) {
    const runsOption = options.get('runs');
    const ctx: BenchContext = {
      runs: typeof runsOption === 'string' ? Number(runsOption) : bench.defaultRuns,
      postgres,
      option: (name, fallback) => {
        const v = options.get(name);
        return typeof v === 'string' ? Number(v.replace(/_/g, '')) : fallback;
      },
      flag: (name) => options.has(name),
      list: (name) => {
        const v = options.get(name);
        return typeof v === 'string' ? v.split(',').filter(Boolean) : null;
      },
      log: (message) => process.stderr.write(`[${bench.name}] ${message}\n`),
    };
    process.stderr.write(
      `\n== ${bench.name}: ${bench.description} (${ctx.runs} run${ctx.runs === 1 ? '' : 's'})\n`,
    );
    const started = Date.now();
    const output = await bench.run(ctx);
    process.stdout.write(`\n== ${bench.name}\n${output.text}\n`);
    benches[bench.name] = {
      at: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      runs: ctx.runs,
      options: Object.fromEntries(options),
      ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
      ...(output.json as object),
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify({ machine: machine(postgres), benches }, null, 2)}\n`);
  }
  process.stderr.write(`\nbench: results in ${path.relative(process.cwd(), RESULTS)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
