import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { LedgerRuntimeModule } from '@ledger/runtime';

import { urlFor } from './databases';

/**
 * The ledger as the CLI builds it (CommandBus, QueryBus, store, views) on a bench database, without a projector
 * running: a bench catches projections up, or replays, when it chooses.
 */
export function openBenchRuntime(database: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    LedgerRuntimeModule.register({ kind: 'postgres', url: urlFor(database) }, { runProjector: false }),
    { logger: ['error', 'warn'] },
  );
}
