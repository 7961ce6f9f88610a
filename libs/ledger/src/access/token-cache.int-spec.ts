import { openBackend, type Backend, type SqlClient, type SqlRow } from '@ledger/event-store';
import { testBackendKinds, openTestBackend } from '@ledger/event-store/testing';

import { AccessTokens1764000001000 } from './migrations/1764000001000-access-tokens';
import { TokenCache } from './token-cache';
import { issueToken, revokeTokensOf } from './tokens';

const CLERK = { id: 'clerk-1', role: 'squad_clerk', unitId: 'changning', squadId: 'changning-a' } as const;

/** The backend's client, counting the queries that go through it (listening is passed on as is). */
function counting(sql: SqlClient): { client: SqlClient; queries: () => number } {
  let n = 0;
  const client: SqlClient = {
    dialect: sql.dialect,
    query: <R extends SqlRow>(text: string, params?: readonly unknown[]) => {
      n += 1;
      return sql.query<R>(text, params);
    },
    transaction: (work) => sql.transaction(work),
    listen: sql.listen?.bind(sql),
    copyIn: (table, columns, rows) => sql.copyIn(table, columns, rows),
    close: () => sql.close(),
  };
  return { client, queries: () => n };
}

async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(testBackendKinds())('token cache (%s)', (kind) => {
  let backend: Backend;
  /** Where revocations come from: on PostgreSQL another connection pool, as the CLI in another process. */
  let other: Backend;
  beforeAll(async () => {
    backend = await openTestBackend(kind, { migrations: [AccessTokens1764000001000] });
    other =
      backend.config.kind === 'postgres'
        ? await openBackend(backend.config, { migrations: [AccessTokens1764000001000] })
        : backend;
  });
  afterAll(async () => {
    if (other !== backend) await other?.close();
    await backend?.close();
  });

  it('remembers a principal: once it is cached, a lookup asks the database nothing', async () => {
    const { token } = await issueToken(backend.sql, CLERK);
    const { client, queries } = counting(backend.sql);
    const cache = new TokenCache(client);
    try {
      await cache.start();
      expect(cache.caching).toBe(true);
      expect(await cache.principalFor(token)).toEqual(CLERK);
      const before = queries();
      expect(await cache.principalFor(token)).toEqual(CLERK);
      expect(queries()).toBe(before);
      // Another last character (a random secret may itself end in 'x'): a different secret, refused.
      const forged = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
      expect(await cache.principalFor(forged)).toBeNull();
    } finally {
      await cache.close();
    }
  });

  it('forgets a token as soon as another connection revokes it, long before the TTL', async () => {
    const { token } = await issueToken(backend.sql, { ...CLERK, id: 'clerk-2' });
    const cache = new TokenCache(backend.sql, { ttlMs: 3_600_000 });
    try {
      await cache.start();
      expect(await cache.principalFor(token)).not.toBeNull();
      expect(await revokeTokensOf(other.sql, 'clerk-2')).toBe(1);
      await eventually(async () => (await cache.principalFor(token)) === null);
    } finally {
      await cache.close();
    }
  });

  it('entries expire after the TTL', async () => {
    const { token } = await issueToken(backend.sql, { ...CLERK, id: 'clerk-3' });
    let now = 1_000_000;
    const { client, queries } = counting(backend.sql);
    const cache = new TokenCache(client, { ttlMs: 1000, now: () => now });
    try {
      await cache.start();
      await cache.principalFor(token);
      const before = queries();
      now += 1001;
      expect(await cache.principalFor(token)).toEqual({ ...CLERK, id: 'clerk-3' });
      expect(queries()).toBe(before + 1);
    } finally {
      await cache.close();
    }
  });

  if (kind === 'postgres') {
    it('caches nothing while its subscription is down, and caches again once it is back', async () => {
      const { token } = await issueToken(backend.sql, { ...CLERK, id: 'clerk-4' });
      const { client, queries } = counting(backend.sql);
      const cache = new TokenCache(client, { resubscribeAfterMs: 50 });
      try {
        await cache.start();
        await cache.principalFor(token);
        // The listening connection is killed, as a server restart or an operator would.
        await other.sql.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
        );
        await eventually(async () => !cache.caching);
        const before = queries();
        await cache.principalFor(token);
        await cache.principalFor(token);
        expect(queries()).toBe(before + 2);
        await eventually(async () => {
          await cache.principalFor(token);
          return cache.caching;
        });
        await cache.principalFor(token); // cached now
        const settled = queries();
        await cache.principalFor(token);
        expect(queries()).toBe(settled);
      } finally {
        await cache.close();
      }
    });
  }
});
