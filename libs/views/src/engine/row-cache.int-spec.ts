import type { Backend } from '@ledger/event-store';
import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';

import type { ViewTable } from './projection';
import { RowCache } from './row-cache';

interface ProbeRow {
  k: string;
  t: string | null;
  j: unknown;
  n: bigint;
  b: boolean;
  d: string;
  i: number;
}

const probe: ViewTable<ProbeRow> = {
  name: 'row_cache_probe',
  key: ['k'],
  columns: { k: 'text', t: 'text', j: 'jsonb', n: 'bigint', b: 'boolean', d: 'date', i: 'integer' },
};

/** Values that a bulk load must carry exactly: COPY's reserved characters, quotes, non-ASCII, NULL, big numbers. */
const ROWS: ProbeRow[] = [
  { k: 'plain', t: '常宁市交警大队', j: { a: 1 }, n: 0n, b: false, d: '2020-01-01', i: 0 },
  {
    k: 'tab\tnew\nline\rback\\slash',
    t: 'a\\Nb \\. "quoted" \t\n',
    j: { s: 'line\nbreak \\ "q" \t', list: ['x', null, 2.5], nested: { deep: true } },
    n: 9_007_199_254_740_993n,
    b: true,
    d: '2020-12-31',
    i: -42,
  },
  { k: 'nulls', t: null, j: null, n: -1n, b: false, d: '1999-02-28', i: 2_147_483_647 },
  { k: 'empty', t: '', j: [], n: 1n, b: true, d: '2000-02-29', i: 1 },
];

describe.each(testBackendKinds())('row cache: a complete cache (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openTestBackend(kind);
  });
  afterAll(async () => backend?.close());

  it('writes every value exactly by COPY', async () => {
    await backend.sql.query(`DROP TABLE IF EXISTS ${probe.name}`);
    await backend.sql.query(
      `CREATE TABLE ${probe.name} (k text PRIMARY KEY, t text, j jsonb, n bigint NOT NULL, b boolean NOT NULL,
                                   d date NOT NULL, i integer NOT NULL)`,
    );
    const sql = backend.sql;
    const cache = new RowCache(sql, (t) => t.name, { complete: true });
    for (const row of ROWS) cache.put(probe, row);
    cache.put(probe, { ...ROWS[0]!, k: 'deleted' });
    cache.delete(probe, { k: 'deleted' });
    expect(await sql.transaction((tx) => cache.flush(tx))).toBe(ROWS.length);
    const stored = await backend.sql.query<Record<string, unknown>>(
      `SELECT k, t, j, n::text AS n, b, d::text AS d, i FROM ${probe.name} ORDER BY k`,
    );
    const expected = [...ROWS]
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      .map((r) => ({ ...r, n: r.n.toString() }));
    expect(stored).toEqual(expected);
  });

  it('spills only rows untouched since the previous spill, and loads a spilled row back to update it', async () => {
    await backend.sql.query(`DROP TABLE IF EXISTS ${probe.name}`);
    // No key yet: the cache adds it through beforeKeyedAccess before its first lookup, upsert or delete.
    await backend.sql.query(
      `CREATE TABLE ${probe.name} (k text, t text, j jsonb, n bigint NOT NULL, b boolean NOT NULL,
                                   d date NOT NULL, i integer NOT NULL)`,
    );
    const keyed: string[] = [];
    const cache = new RowCache(backend.sql, (t) => t.name, {
      complete: true,
      beforeKeyedAccess: async (sql) => {
        keyed.push('keys');
        await sql.query(`ALTER TABLE ${probe.name} ADD PRIMARY KEY (k)`);
      },
    });
    const row = (k: string, n: bigint): ProbeRow => ({ ...ROWS[0]!, k, n });
    const stored = async () =>
      (
        await backend.sql.query<{ k: string; n: string }>(
          `SELECT k, n::text AS n FROM ${probe.name} ORDER BY k`,
        )
      ).map((r) => `${r.k}=${r.n}`);

    cache.put(probe, row('a', 1n));
    cache.put(probe, row('b', 1n));
    await cache.spill(backend.sql); // a and b age: nothing is written yet
    expect(await stored()).toEqual([]);
    cache.put(probe, row('b', 2n)); // b is touched again, a is not
    cache.put(probe, row('c', 1n));
    expect(await cache.spill(backend.sql)).toBe(1); // a goes out, by COPY (never written: no key needed)
    expect(await stored()).toEqual(['a=1']);
    expect(keyed).toEqual([]);
    expect(cache.size).toBe(2);

    expect(await cache.get(probe, { k: 'zzz' })).toBeNull(); // never written: no query, no key needed
    expect(keyed).toEqual([]);
    const a = await cache.get(probe, { k: 'a' }); // written out: loaded back by key
    expect(keyed).toEqual(['keys']);
    expect(a).toMatchObject({ k: 'a', n: 1n });
    cache.put(probe, { ...a!, n: 5n });
    cache.delete(probe, { k: 'c' }); // never written: deleting it needs no statement
    await backend.sql.transaction((tx) => cache.flush(tx));
    expect(await stored()).toEqual(['a=5', 'b=2']);
  });

  it('streams a large flush in pieces, every row once', async () => {
    await backend.sql.query(`DROP TABLE IF EXISTS ${probe.name}`);
    await backend.sql.query(
      `CREATE TABLE ${probe.name} (k text, t text, j jsonb, n bigint NOT NULL, b boolean NOT NULL,
                                   d date NOT NULL, i integer NOT NULL)`,
    );
    const cache = new RowCache(backend.sql, (t) => t.name, { complete: true });
    const n = 5_001; // more than two pieces of a COPY
    for (let i = 0; i < n; i += 1) cache.put(probe, { ...ROWS[1]!, k: `r${i}`, i });
    expect(await backend.sql.transaction((tx) => cache.flush(tx))).toBe(n);
    const [summary] = await backend.sql.query<{ rows: number; keys: number; sum: string; same: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT k)::int AS keys, sum(i)::text AS sum,
              count(*) FILTER (WHERE t = $1 AND j = $2::jsonb)::int AS same FROM ${probe.name}`,
      [ROWS[1]!.t, JSON.stringify(ROWS[1]!.j)],
    );
    expect(summary).toEqual({ rows: n, keys: n, sum: String((n * (n - 1)) / 2), same: n });
  });

  it('names each key by its values, even when the caller reuses one key object', async () => {
    const cache = new RowCache(backend.sql, (t) => t.name, { complete: true });
    const key: { k: string } = { k: 'first' };
    cache.put(probe, { ...ROWS[0]!, k: 'first', i: 1 });
    cache.put(probe, { ...ROWS[0]!, k: 'second', i: 2 });
    expect((await cache.get(probe, key))?.i).toBe(1);
    key.k = 'second';
    expect((await cache.get(probe, key))?.i).toBe(2);
    key.k = 'third';
    expect(await cache.get(probe, key)).toBeNull();
  });
});
