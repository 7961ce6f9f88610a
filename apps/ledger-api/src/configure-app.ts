import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

import { setupOpenApi } from './openapi';

/** Request bodies above this are refused with 413 before any parsing work. Imports use multipart, not JSON. */
export const JSON_BODY_LIMIT = '256kb';

/**
 * Everything main.ts and the tests must set up identically: security headers, the body limit, shutdown hooks.
 * CORS stays off (Nest's default): the dashboard is served from the same origin.
 */
export function configureApp<T extends INestApplication>(app: T): T {
  const express = app as unknown as NestExpressApplication;
  express.use(helmet());
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  express.disable('x-powered-by');
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
