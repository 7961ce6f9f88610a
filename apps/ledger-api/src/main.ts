import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { BACKEND, backendFromEnv, describeBackend, type Backend } from '@ledger/event-store';

import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { loadDemoOnFirstStart } from './demo-on-start';

async function bootstrap(): Promise<void> {
  const config = backendFromEnv();
  const app = configureApp(await NestFactory.create(AppModule.register(config)));
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  const backend = app.get<Backend>(BACKEND);
  const logger = new Logger('ledger-api');
  logger.log(`listening on http://localhost:${port} — ${describeBackend(config)}`);
  // The demo goes into the embedded ledger by default; a server database only when asked (LEDGER_DEMO=1).
  const wantDemo =
    process.env.LEDGER_DEMO === '1' || (config.kind === 'pglite' && process.env.LEDGER_DEMO !== '0');
  if (wantDemo) await loadDemoOnFirstStart(app, backend);
  const head = await backend.store.headPosition();
  logger.log(head === 0n ? 'no events yet' : `${head} events in the log`);
}

void bootstrap();
