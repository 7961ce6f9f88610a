import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';

import { AppModule } from '../../apps/ledger-api/src/app.module';
import { configureApp } from '../../apps/ledger-api/src/configure-app';
import { BACKEND, type Backend, type BackendConfig } from '@ledger/event-store';
import { createTestDatabase, type BackendKind } from '@ledger/event-store/testing';
import { issueToken, type Principal } from '@ledger/ledger';
import { PROJECTION_ENGINE, type ProjectionEngine } from '@ledger/views';

export const PRINCIPALS = {
  clerk: { id: 'clerk-chengqu', role: 'squad_clerk', unitId: 'changning', squadId: 'chengqu' },
  otherClerk: { id: 'clerk-songbai', role: 'squad_clerk', unitId: 'changning', squadId: 'songbai' },
  office: { id: 'office-1', role: 'brigade_office', unitId: 'changning', squadId: null },
  finance: { id: 'finance-1', role: 'finance', unitId: 'changning', squadId: null },
  auditor: { id: 'auditor-1', role: 'auditor', unitId: 'changning', squadId: null },
  stranger: { id: 'office-2', role: 'brigade_office', unitId: 'leiyang', squadId: null },
  admin: { id: 'admin-1', role: 'admin', unitId: '*', squadId: null },
} as const satisfies Record<string, Principal>;

export type PrincipalName = keyof typeof PRINCIPALS;

export interface TestApp {
  readonly app: INestApplication;
  readonly http: TestAgent;
  readonly backend: Backend;
  readonly engine: ProjectionEngine;
  readonly tokens: Record<PrincipalName, string>;
  readonly kind: BackendKind;
  auth(name: PrincipalName): { Authorization: string };
  close(): Promise<void>;
}

/**
 * The real application over a real database (a fresh PostgreSQL database or an in-memory PGlite). The projector
 * does not run by itself here: tests call `engine.catchUp()` so every read is deterministic.
 */
export async function startTestApp(kind: BackendKind): Promise<TestApp> {
  const db = kind === 'postgres' ? await createTestDatabase() : null;
  const config: BackendConfig = db ? { kind: 'postgres', url: db.url } : { kind: 'pglite', dataDir: null };
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register(config, { runProjector: false })],
  }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
  await app.init();
  const backend = app.get<Backend>(BACKEND);
  const tokens = {} as Record<PrincipalName, string>;
  for (const [name, principal] of Object.entries(PRINCIPALS)) {
    tokens[name as PrincipalName] = (await issueToken(backend.sql, principal)).token;
  }
  return {
    app,
    http: request(app.getHttpServer()),
    backend,
    engine: app.get<ProjectionEngine>(PROJECTION_ENGINE),
    tokens,
    kind,
    auth: (name) => ({ Authorization: `Bearer ${tokens[name]}` }),
    close: async () => {
      await app.close();
      await db?.drop();
    },
  };
}
