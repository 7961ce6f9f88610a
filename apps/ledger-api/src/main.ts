import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { BACKEND, backendFromEnv, describeBackend, type Backend } from '@ledger/event-store';

import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = backendFromEnv();
  const app = configureApp(await NestFactory.create(AppModule.register(config), { bufferLogs: false }));
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  const backend = app.get<Backend>(BACKEND);
  const head = await backend.store.headPosition();
  const logger = new Logger('ledger-api');
  logger.log(`listening on http://localhost:${port} — ${describeBackend(config)}`);
  logger.log(head === 0n ? 'no events yet' : `${head} events in the log`);
}

void bootstrap();
