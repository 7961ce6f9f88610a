import { userInfo } from 'node:os';

import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { BACKEND, backendFromEnv, describeBackend, type Backend } from '@ledger/event-store';
import { LedgerRuntimeModule } from '@ledger/runtime';
import { PROJECTION_ENGINE, type ProjectionEngine } from '@ledger/views';

/** A CLI command's handle on the ledger: the same runtime the API runs, without HTTP and without a background projector. */
export interface Runtime {
  readonly app: INestApplicationContext;
  readonly backend: Backend;
  readonly engine: ProjectionEngine;
  close(): Promise<void>;
}

export async function openRuntime(): Promise<Runtime> {
  const config = backendFromEnv();
  const app = await NestFactory.createApplicationContext(
    LedgerRuntimeModule.register(config, { runProjector: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  app.enableShutdownHooks();
  const backend = app.get<Backend>(BACKEND);
  process.stderr.write(`ledger: ${describeBackend(config)}\n`);
  return { app, backend, engine: app.get<ProjectionEngine>(PROJECTION_ENGINE), close: () => app.close() };
}

/** Opens the runtime, runs `work`, always closes; exit code 1 with the message on failure. */
export async function withRuntime(work: (rt: Runtime) => Promise<void>): Promise<void> {
  const rt = await openRuntime();
  try {
    await work(rt);
  } finally {
    await rt.close();
  }
}

/** A one-line progress bar on stderr, redrawn in place when stderr is a terminal. */
export function progressBar(label: string, done: bigint | number, total: bigint | number): void {
  const d = Number(done);
  const t = Math.max(Number(total), 1);
  const pct = Math.min(100, Math.floor((d / t) * 100));
  const width = 30;
  const filled = Math.round((pct / 100) * width);
  const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${d}/${t}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else if (pct === 100 || d % 10 === 0) process.stderr.write(`${line}\n`);
}

/** The CLI acts as a named operator (`cli-<os user>`); retry keys of its imports belong to that principal. */
export function cliOperatorId(): string {
  const name =
    userInfo()
      .username.replace(/[^A-Za-z0-9_.-]/g, '_')
      .slice(0, 40) || 'operator';
  return `cli-${name}`;
}
