import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

import { PUBLIC_ROUTE } from '../../apps/ledger-api/src/auth/auth.decorators';
import { startTestApp, type TestApp } from '../support/test-app';

/** Public routes, on purpose (health, the dashboard's static files). Anything else must demand a token. */
const PUBLIC = ['GET /health', 'GET /', 'GET /*path'];

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
}

function routesOf(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const type = controller.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const classPublic = Reflect.getMetadata(PUBLIC_ROUTE, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push({
          method: RequestMethod[method],
          path,
          isPublic: classPublic || Reflect.getMetadata(PUBLIC_ROUTE, handler) === true,
        });
      }
    }
  }
  return routes;
}

describe('security of the HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('guards every route found in the Nest router: only the listed ones are public, all others answer 401 without a token', async () => {
    const routes = routesOf(t);
    expect(routes.length).toBeGreaterThanOrEqual(5);
    expect(
      routes
        .filter((r) => r.isPublic)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(PUBLIC.sort());
    for (const route of routes.filter((r) => !r.isPublic)) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'x');
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const res = await t.http[method](path).send({});
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('sends security headers and no CORS permission', async () => {
    const res = await t.http.get('/health').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 400 to malformed JSON and 413 to an oversized body, never 500', async () => {
    const bad = await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('clerk'))
      .set('Content-Type', 'application/json')
      .send('{"accidentId": ');
    expect(bad.status).toBe(400);
    const huge = await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('clerk'))
      .send({ accidentId: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
  });

  it('stores tokens only as hashes', async () => {
    const rows = await t.backend.sql.query<Record<string, unknown>>('SELECT * FROM access_tokens');
    const secret = t.tokens.clerk.split('_')[2]!;
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain(t.tokens.clerk);
  });

  it('writes no token to the logs, even on a failing request', async () => {
    const written: string[] = [];
    const out = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk) => (written.push(String(chunk)), true));
    const err = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      await t.http
        .get('/api/v1/views/counts')
        .set(t.auth('clerk'))
        .query({ unit: 'changning', from: 'bad', to: 'x' });
      await t.http.get('/api/v1/views/counts').set('Authorization', `Bearer ${t.tokens.clerk}x`);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(written.join('')).not.toContain(t.tokens.clerk);
  });
});

describe('rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.LEDGER_RATE_LIMIT_PER_MINUTE = '20';
    t = await startTestApp('pglite');
    delete process.env.LEDGER_RATE_LIMIT_PER_MINUTE;
  });
  afterAll(async () => t?.close());

  it('answers 429 once a client passes its per-minute budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) statuses.push((await t.http.get('/health')).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });
});

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('documents every command with the schema its validators enforce, at /api/docs', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/commands/RecordAccident'].post.requestBody).toBeDefined();
    expect(doc.components.schemas.RecordAccident.properties.procedure.enum).toEqual([
      'SIMPLE',
      'GENERAL',
      'FAST_SETTLEMENT',
    ]);
    expect(doc.paths['/api/v1/views/counts']).toBeDefined();
    await t.http.get('/api/docs/').expect(200);
  });
});
