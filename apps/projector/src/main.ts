import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { backendFromEnv, describeBackend } from '@ledger/event-store';
import { LedgerRuntimeModule } from '@ledger/runtime';

/**
 * The projector as its own process, for a server deployment where the API runs with LEDGER_INPROCESS_PROJECTOR=0.
 * Several may run at once: the checkpoint row lock lets one apply each batch and the others discard theirs.
 */
async function bootstrap(): Promise<void> {
  const config = backendFromEnv();
  const app = await NestFactory.createApplicationContext(
    LedgerRuntimeModule.register(config, { runProjector: true }),
  );
  app.enableShutdownHooks();
  new Logger('projector').log(`following the log — ${describeBackend(config)}`);
}

void bootstrap();
