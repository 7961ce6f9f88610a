import type { INestApplication } from '@nestjs/common';

/** Everything main.ts and the e2e tests must set up identically. */
export function configureApp(app: INestApplication): INestApplication {
  app.enableShutdownHooks();
  return app;
}
