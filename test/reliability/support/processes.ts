import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';

import { OUTPUT_DIR } from './figures';

export type Database = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
export type LedgerApp = 'ledger-api' | 'projector' | 'cli';

const REGISTER = path.join(__dirname, 'register-build.js');
export const LOG_DIR = path.join(OUTPUT_DIR, 'logs');

function entry(app: LedgerApp): string {
  const dir = process.env.LEDGER_RELIABILITY_BUILD_DIR;
  if (!dir)
    throw new Error('LEDGER_RELIABILITY_BUILD_DIR is not set: run through `npm run test:reliability`');
  return path.join(dir, 'apps', app, 'src', 'main.js');
}

/** The environment the API, the projector and the CLI get: one database, no demo, no rate limit in the way. */
export function ledgerEnv(db: Database, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LEDGER_DEMO: '0' };
  delete env.DATABASE_URL;
  delete env.LEDGER_DB;
  delete env.LEDGER_DATA_DIR;
  delete env.PORT;
  env.LEDGER_RATE_LIMIT_PER_MINUTE = '100000000';
  if (db.kind === 'postgres') env.DATABASE_URL = db.url;
  else {
    env.LEDGER_DB = 'pglite';
    env.LEDGER_DATA_DIR = db.dataDir;
  }
  return { ...env, ...extra };
}

/** Children still running when the test process exits are killed with it, whatever failed. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** `ledger …` (the built CLI) against `db`; resolves with stdout, rejects with stderr on a non-zero exit. */
export function runCli(db: Database, args: readonly string[], timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-r', REGISTER, entry('cli'), ...args],
      { env: ledgerEnv(db), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        running.delete(child);
        if (error) reject(new Error(`ledger ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    running.add(child);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface HttpResult {
  readonly status: number;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** One HTTP request; rejects on a network failure (refused, reset, timed out) — the caller decides to retry. */
export function httpRequest(options: {
  port: number;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  agent?: http.Agent;
  timeoutMs?: number;
}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(options.headers ?? {}) };
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = Buffer.byteLength(options.body);
    }
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method,
        path: options.path,
        headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * The API or the projector as a child process, started from the build like `npm start` starts it, and killed with
 * SIGKILL (no shutdown hook runs) or stopped with SIGTERM. An exit nobody asked for is recorded as a crash.
 */
export class LedgerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private expectingExit = false;
  readonly crashes: string[] = [];
  private readonly crashListeners: (() => void)[] = [];
  starts = 0;
  readonly logFile: string;

  private constructor(
    readonly app: 'ledger-api' | 'projector',
    readonly db: Database,
    readonly port: number,
    name: string,
    private readonly extraEnv: Record<string, string>,
  ) {
    mkdirSync(LOG_DIR, { recursive: true });
    this.logFile = path.join(LOG_DIR, `${name}.log`);
  }

  static async api(
    db: Database,
    name: string,
    extraEnv: Record<string, string> = {},
  ): Promise<LedgerProcess> {
    return new LedgerProcess('ledger-api', db, await freePort(), name, extraEnv);
  }

  static projector(db: Database, name: string, extraEnv: Record<string, string> = {}): LedgerProcess {
    return new LedgerProcess('projector', db, 0, name, extraEnv);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child) throw new Error(`${this.app} is already running`);
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['-r', REGISTER, entry(this.app)], {
      env: ledgerEnv(this.db, { ...this.extraEnv, ...(this.port ? { PORT: String(this.port) } : {}) }),
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    running.add(child);
    this.child = child;
    this.expectingExit = false;
    this.starts += 1;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        if (this.child === child) this.child = null;
        if (!this.expectingExit) {
          this.crashes.push(
            `${this.app} exited by itself: ${signal ?? `code ${code}`} (see ${this.logFile})`,
          );
          for (const listener of this.crashListeners) listener();
        }
        resolve();
      });
    });
  }

  /**
   * The last lines of the process's log without Nest's start-up chatter: what a failed run prints, so that CI's
   * output alone says why (the log files stay in test-output/ only on the machine that ran them).
   */
  logTail(lines = 25): string {
    if (!existsSync(this.logFile)) return `(no log at ${this.logFile})`;
    const kept = readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(
        (line) => line.trim() !== '' && !/\[(InstanceLoader|RoutesResolver|RouterExplorer)\]/.test(line),
      );
    return kept.slice(-lines).join('\n');
  }

  /** Called when the process exits without being asked to (a test stops its load instead of retrying forever). */
  onCrash(listener: () => void): void {
    this.crashListeners.push(listener);
  }

  /** Resolves once GET /health answers 200; rejects if the process dies first or the time runs out. */
  async waitHealthy(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.child) throw new Error(`${this.app} exited while starting (see ${this.logFile})`);
      try {
        const res = await httpRequest({ port: this.port, method: 'GET', path: '/health', timeoutMs: 5000 });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${this.app} not healthy after ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, whatever was in flight is cut. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectingExit = true;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait (SIGKILL after 20 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectingExit = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }
}
