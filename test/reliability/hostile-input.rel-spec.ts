/**
 * Hostile input, by property: for every command of the catalog, payloads built from its own field schema and then
 * broken — wrong types, oversized, deeply nested, unicode-tricky, SQL-looking, prototype-polluting — and raw bodies
 * that are not JSON objects at all; and sheets for the import. Whatever arrives: a 4xx naming the field (or a domain
 * 4xx), never a 5xx, never a stack trace, nothing appended when the answer is 4xx, the process alive and
 * Object.prototype untouched. A payload that happens to be valid may be accepted (2xx) — then it appended.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import fc from 'fast-check';
import type { Response } from 'supertest';

import type { Backend } from '@ledger/event-store';
import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import { COMMANDS, describeDto, type FieldSchema, type Principal } from '@ledger/ledger';
import { importNdjson } from '@ledger/sheets';

import { startTestApp, type TestApp } from '../support/test-app';
import { recordFigures } from './support/figures';
import { minutes, SETTINGS } from './support/profile';

jest.setTimeout(minutes(20, 3));

const IMPORTS_PRESENT = existsSync(
  path.resolve(__dirname, '..', '..', 'apps', 'ledger-api', 'src', 'imports', 'imports.controller.ts'),
);

// ---------------------------------------------------------------------------------------------------------------
// Values

const SQL_LIKE = [
  "'; DROP TABLE events; --",
  "1' OR '1'='1",
  "x'); DELETE FROM access_tokens; --",
  "' UNION SELECT secret_sha256 FROM access_tokens --",
  '$1',
  "'; SELECT pg_sleep(5); --",
  '\\x00\\x27',
  '1; TRUNCATE streams',
];

const UNICODE_TRICKY = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\u200b',
  '\ufeff',
  'e\u0301',
  '𠮷野家',
  '👨‍👩‍👧‍👦',
  'İı',
  'ﬁ',
  '１２３',
  '\u3000',
  '\r\n\t',
  '长宁交警大队',
  '\u001b[31mred',
  '%00',
  '../../etc/passwd',
];

const DATE_LIKE = [
  '2020-02-30',
  '2020-13-01',
  '0000-00-00',
  '2020-1-1',
  '2020-01-01T00:00:00Z',
  '+020200-01-01',
  '9999-12-31',
  '2020-02-29 ',
  '٢٠٢٠-٠١-٠١',
];

const NUMBER_LIKE: unknown[] = [
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  '1',
  '0x10',
  '1e3',
  ' 7 ',
  true,
  [1],
  { valueOf: 1 },
];

/** A value of any JSON type at all, or one of the edge cases above, or something huge. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...SQL_LIKE, ...UNICODE_TRICKY, ...DATE_LIKE),
  fc.constantFrom(...NUMBER_LIKE),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 7, max: 60 }).map((d) => nest(d, 'deep')),
  fc.constant(null),
);

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A plausible value for a field, from its schema: what a careful client would send. */
function plausible(field: FieldSchema): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'date':
      return fc
        .date({
          min: new Date('2019-01-01T00:00:00Z'),
          max: new Date('2021-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'fen':
      return fc.integer({ min: 0, max: 1_000_000_000 });
    case 'integer':
      return fc.integer({ min: field.min ?? 0, max: field.max ?? 1000 });
    case 'number':
      return fc.integer({ min: field.min ?? 0, max: field.max ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(field.enum ?? ['x']));
    case 'array':
      return field.items
        ? fc.array(record(field.items), { minLength: 1, maxLength: 3 })
        : fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 3 });
    case 'object':
      return field.items ? record(field.items) : fc.object({ maxDepth: 1 });
    case 'string': {
      if (field.name === 'unitId') return fc.constant('changning');
      if (field.name === 'squadId') return fc.constant('chengqu');
      if (field.pattern) {
        try {
          return fc.stringMatching(new RegExp(field.pattern, 'u'));
        } catch {
          return fc.constantFrom('A1', 'x-2', 'id.3');
        }
      }
      return fc.string({
        minLength: field.minLength ?? 0,
        maxLength: Math.min(field.maxLength ?? 40, 40),
        unit: 'grapheme',
      });
    }
  }
}

function record(fields: readonly FieldSchema[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) model[f.name] = plausible(f);
  return fc.record(model, { requiredKeys: fields.filter((f) => f.required).map((f) => f.name) });
}

type Mutation =
  | { kind: 'set'; field: string; value: unknown }
  | { kind: 'delete'; field: string }
  | { kind: 'extra'; field: string; value: unknown };

function payloadFor(
  fields: readonly FieldSchema[],
): fc.Arbitrary<{ body: Record<string, unknown>; mutation: Mutation }> {
  const names = fields.map((f) => f.name);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        field: fc.constantFrom(...names),
        value: hostileValue,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('delete' as const), field: fc.constantFrom(...names) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        field: fc.oneof(
          fc.string({ minLength: 1, maxLength: 20 }),
          fc.constantFrom('id', 'position', 'admin', 'role', '$where'),
        ),
        value: hostileValue,
      }),
    },
  );
  return fc.tuple(record(fields), mutation).map(([base, m]) => {
    const body = { ...base };
    if (m.kind === 'delete') delete body[m.field];
    else
      Object.defineProperty(body, m.field, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return { body, mutation: m };
  });
}

/** Raw JSON text with `__proto__` / `constructor` / `prototype` keys at some depth (JSON.parse keeps them as keys). */
const pollutingBody: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.integer({ min: 0, max: 4 }),
    fc.constantFrom(
      '{"polluted":true}',
      '{"prototype":{"polluted":true}}',
      '{"isAdmin":true,"role":"admin"}',
      'null',
      '1',
    ),
    fc.constantFrom('RecordAccident', 'RecordTally'),
  )
  .map(([key, depth, value]) => {
    let inner = `{"${key}":${value}}`;
    for (let i = 0; i < depth; i += 1) inner = `{"a${i}":${inner}}`;
    return `{"accidentId":"P-1","unitId":"changning",${inner.slice(1)}`;
  });

/** Bodies that are not a JSON object: other JSON values, broken JSON, deep nesting, huge. */
const rawBody: fc.Arbitrary<{ text: string; contentType: string }> = fc.oneof(
  fc
    .jsonValue({ maxDepth: 4 })
    .map((v) => ({ text: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text, contentType: 'application/json' })),
  fc
    .integer({ min: 7, max: 50_000 })
    .map((d) => ({ text: '['.repeat(d) + ']'.repeat(d), contentType: 'application/json' })),
  fc.integer({ min: 7, max: 40_000 }).map((d) => ({
    text: '{"accidentId":' + '{"a":'.repeat(d) + '1' + '}'.repeat(d + 1),
    contentType: 'application/json',
  })),
  fc.integer({ min: 262_145, max: 1_200_000 }).map((n) => ({
    text: JSON.stringify({ accidentId: 'x'.repeat(n) }),
    contentType: 'application/json',
  })),
  fc.constantFrom(
    { text: '{"accidentId":"x"}', contentType: 'application/json; charset=utf-16' },
    { text: '{"accidentId":"x"}', contentType: 'text/plain' },
    {
      text: 'accidentId=x&unitId=changning&__proto__[admin]=1',
      contentType: 'application/x-www-form-urlencoded',
    },
    { text: '{"a":1,"a":2}', contentType: 'application/json' },
    { text: '\ufeff{"accidentId":"x"}', contentType: 'application/json' },
    { text: '', contentType: 'application/json' },
  ),
  pollutingBody.map((text) => ({ text, contentType: 'application/json' })),
);

// ---------------------------------------------------------------------------------------------------------------
// What every answer must satisfy

const STACK_TRACE = /\n\s+at \S|node_modules|\.ts:\d+:\d+|\.js:\d+:\d+/;

interface Tally {
  statuses: Record<string, number>;
  accepted: number;
}

function checkAnswer(res: Response, before: bigint, after: bigint, tally: Tally, what: string): void {
  tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
  const text = res.text ?? '';
  const fail = (why: string) => {
    throw new Error(`${what}: ${why}; status ${res.status}, body ${text.slice(0, 400)}`);
  };
  if (res.status >= 500) fail('a server error');
  if (STACK_TRACE.test(text)) fail('a stack trace in the answer');
  if (res.status >= 200 && res.status < 300) {
    tally.accepted += 1;
    return;
  }
  if (res.status < 400) fail('an unexpected status');
  if (after !== before) fail(`appended (head ${before} → ${after}) although the answer is ${res.status}`);
  let body: { code?: unknown; message?: unknown; fields?: unknown; problems?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return fail('a 4xx that is not JSON');
  }
  if (typeof body.message !== 'string' && !Array.isArray(body.problems)) fail('a 4xx without a message');
  if (body.code === 'INPUT.INVALID') {
    const fields = body.fields as { field?: unknown; messages?: unknown }[] | undefined;
    if (!Array.isArray(fields) || fields.length === 0) fail('INPUT.INVALID without fields');
    for (const f of fields!) {
      if (typeof f.field !== 'string' || !Array.isArray(f.messages) || f.messages.length === 0)
        fail('a field problem without field and messages');
      if (!(f.messages as unknown[]).every((m) => typeof m === 'string' && m.length > 0))
        fail('an empty message');
    }
  }
}

/** A path segment, percent-encoded; a lone surrogate (which encodeURIComponent refuses) is sent as its UTF-8 bytes would be by a careless client: U+FFFD. */
function encodePathPart(text: string): string {
  return encodeURIComponent(
    text.slice(0, 2000).replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => {
      const code = c.charCodeAt(0);
      const pairedHigh = code < 0xdc00 && /[\udc00-\udfff]/.test(all[i + 1] ?? '');
      const pairedLow = code >= 0xdc00 && /[\ud800-\udbff]/.test(all[i - 1] ?? '');
      return pairedHigh || pairedLow ? c : '\ufffd';
    }),
  );
}

/** Every GET path the Nest router serves (as in test/e2e/security.e2e-spec.ts). */
function getRoutes(t: TestApp): string[] {
  const out: string[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const type = controller.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method !== RequestMethod.GET) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        out.push(`/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'));
      }
    }
  }
  return [...new Set(out)].sort();
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe.each(testBackendKinds())('hostile input through HTTP (%s)', (kind) => {
  let t: TestApp;
  const tally: Tally = { statuses: {}, accepted: 0 };
  const cleanPrototype = prototypeKeys();
  let requests = 0;

  beforeAll(async () => {
    process.env.LEDGER_RATE_LIMIT_PER_MINUTE = '100000000';
    t = await startTestApp(kind);
    delete process.env.LEDGER_RATE_LIMIT_PER_MINUTE;
  });
  afterAll(async () => {
    recordFigures(`hostile-input-${kind}`, {
      commands: COMMANDS.length,
      requests,
      accepted2xx: tally.accepted,
      statuses: tally.statuses,
      importsFuzzed: IMPORTS_PRESENT,
    });
    await t?.close();
  });
  afterEach(async () => {
    // The process is alive and answering, and nothing leaked into Object.prototype.
    await t.http.get('/health').expect(200);
    expect(prototypeKeys()).toBe(cleanPrototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  const head = () => t.backend.store.headPosition();

  it(`every command of the catalog, its fields broken one at a time (${SETTINGS.propertyRuns} runs each)`, async () => {
    for (const command of COMMANDS) {
      const fields = describeDto(command.dto);
      await fc.assert(
        fc.asyncProperty(payloadFor(fields), fc.boolean(), async ({ body }, asAdmin) => {
          const before = await head();
          const res = await t.http
            .post(`/api/v1/commands/${command.name}`)
            .set(t.auth(asAdmin ? 'admin' : 'clerk'))
            .set('Idempotency-Key', `hostile-${requests}`)
            .send(body);
          requests += 1;
          checkAnswer(res, before, await head(), tally, command.name);
        }),
        { numRuns: SETTINGS.propertyRuns },
      );
    }
  });

  it('a missing, null or wrong-typed nested field (object or array) is a 400 naming it, for every command that has one', async () => {
    const cases = COMMANDS.flatMap((command) =>
      describeDto(command.dto)
        .filter((f) => f.type === 'object' || f.type === 'array')
        .flatMap((f) =>
          [undefined, null, 'x', 7, f.type === 'object' ? [] : {}].map((value) => ({
            command,
            fields: describeDto(command.dto),
            field: f,
            value,
          })),
        ),
    );
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const [body] = fc.sample(record(c.fields), { numRuns: 1, seed: 42 });
      const sent = { ...body! };
      if (c.value === undefined) delete sent[c.field.name];
      else sent[c.field.name] = c.value;
      const before = await head();
      const res = await t.http.post(`/api/v1/commands/${c.command.name}`).set(t.auth('admin')).send(sent);
      requests += 1;
      const what = `${c.command.name}.${c.field.name} = ${JSON.stringify(c.value)}`;
      checkAnswer(res, before, await head(), tally, what);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect(JSON.stringify(res.body.fields)).toContain(c.field.name);
    }
  });

  it('text jsonb cannot store (U+0000, an unpaired surrogate) in any free-text field or key is a 400 naming it', async () => {
    const cases = COMMANDS.flatMap((command) =>
      describeDto(command.dto)
        .filter((f) => f.type === 'string' && !f.pattern)
        .flatMap((f) =>
          ['a\u0000b', '\ud800', 'x\udfffy'].map((value) => ({ command, field: f.name, value })),
        ),
    );
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const [body] = fc.sample(record(describeDto(c.command.dto)), { numRuns: 1, seed: 7 });
      const before = await head();
      const res = await t.http
        .post(`/api/v1/commands/${c.command.name}`)
        .set(t.auth('admin'))
        .send({ ...body, [c.field]: c.value });
      requests += 1;
      const what = `${c.command.name}.${c.field} = ${JSON.stringify(c.value)}`;
      checkAnswer(res, before, await head(), tally, what);
      expect({
        what,
        status: res.status,
        fields: res.body.fields?.map((f: { field: string }) => f.field),
      }).toEqual({
        what,
        status: 400,
        fields: [c.field],
      });
    }
    const before = await head();
    const res = await t.http
      .post('/api/v1/commands/RecordTally')
      .set(t.auth('admin'))
      .set('Content-Type', 'application/json')
      .send('{"unitId":"changning","a\\u0000b":1}');
    checkAnswer(res, before, await head(), tally, 'a NUL in a key');
    expect(res.status).toBe(400);
  });

  it(`raw bodies that are no JSON object: other values, broken JSON, deep nesting, over the limit, __proto__ (${SETTINGS.propertyRuns * 10} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        fc.constantFrom(...COMMANDS.map((c) => c.name)),
        async ({ text, contentType }, name) => {
          const before = await head();
          const res = await t.http
            .post(`/api/v1/commands/${name}`)
            .set(t.auth('admin'))
            .set('Content-Type', contentType)
            .send(text);
          requests += 1;
          checkAnswer(res, before, await head(), tally, `${name} raw ${contentType}`);
          // Not one of these is a valid command.
          if (res.status < 400) throw new Error(`accepted a raw body: ${text.slice(0, 200)}`);
        },
      ),
      { numRuns: SETTINGS.propertyRuns * 10 },
    );
  });

  it('hostile headers: Idempotency-Key, If-Match and the command name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(...SQL_LIKE)),
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom('-1', '"5"', '1e3', '99999999999999', 'W/"1"', '*'),
        ),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 40 }),
          fc.constantFrom('__proto__', 'constructor', 'toString', '..%2f..'),
        ),
        async (key, ifMatch, name) => {
          const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '');
          const before = await head();
          const res = await t.http
            .post(`/api/v1/commands/${encodeURIComponent(name)}`)
            .set(t.auth('clerk'))
            .set('Idempotency-Key', headerSafe(key))
            .set('If-Match', headerSafe(ifMatch))
            .send({
              accidentId: 'H-1',
              unitId: 'changning',
              deaths: 0,
              injuries: 0,
              directLossFen: 0,
              reason: 'xx',
            });
          requests += 1;
          checkAnswer(res, before, await head(), tally, `headers ${name}`);
        },
      ),
      { numRuns: SETTINGS.propertyRuns * 4 },
    );
  });

  it(`every GET route of the Nest router with hostile path parameters and query strings (${SETTINGS.propertyRuns * 8} runs)`, async () => {
    const routes = getRoutes(t).filter((r) => r.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(5);
    const QUERY_KEYS = [
      'unit',
      'from',
      'to',
      'year',
      'measure',
      'asOf',
      'basis',
      'limit',
      'fromVersion',
      'compareWith',
      'format',
      'principal',
      'squad',
      'streamId',
      'days',
      '__proto__',
    ];
    const value = fc.oneof(
      hostileValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
      fc.constantFrom('changning', '2020-01-01', '2020', 'previous-year-same-period', 'md', 'json', 'docx'),
    );
    // First by hand: a NUL, a lone surrogate and SQL in every path parameter, as the auditor and as admin.
    for (const route of routes.filter((r) => r.includes('/:'))) {
      for (const param of ['a\u0000b', '\ud800', SQL_LIKE[0]!, '..', '%']) {
        for (const who of ['admin', 'auditor'] as const) {
          const url = route.replace(/:[A-Za-z]+/g, () => encodePathPart(param));
          const res = await t.http.get(url).set(t.auth(who));
          requests += 1;
          tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
          expect({ url, status: res.status < 500 ? 'not 5xx' : res.status }).toEqual({
            url,
            status: 'not 5xx',
          });
          expect(STACK_TRACE.test(res.text ?? '')).toBe(false);
        }
      }
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...QUERY_KEYS), fc.oneof(value, fc.array(value, { maxLength: 3 })), {
          maxKeys: 5,
        }),
        fc.constantFrom('admin', 'auditor', 'clerk', 'office') as fc.Arbitrary<
          'admin' | 'auditor' | 'clerk' | 'office'
        >,
        async (route, params, query, who) => {
          let i = 0;
          const url = route.replace(/:[A-Za-z]+/g, () => encodePathPart(params[i++ % params.length] ?? 'x'));
          const res = await t.http.get(url).query(query).set(t.auth(who));
          requests += 1;
          tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
          const text = res.text ?? '';
          if (res.status >= 500 || STACK_TRACE.test(text))
            throw new Error(
              `GET ${url} ${JSON.stringify(query)}: status ${res.status}, body ${text.slice(0, 400)}`,
            );
        },
      ),
      { numRuns: SETTINGS.propertyRuns * 8 },
    );
  });

  (IMPORTS_PRESENT ? it : it.skip)(
    `the sheet import: hostile CSV cells, random bytes, a broken xlsx, odd fields (${SETTINGS.propertyRuns * 4} runs)`,
    async () => {
      const HEADERS = [
        '事故编号',
        '中队',
        '日期',
        '处理程序',
        '死亡',
        '受伤',
        '直接经济损失',
        '逃逸',
        '道路',
      ];
      const cell = fc.oneof(
        fc.constantFrom(
          ...SQL_LIKE,
          ...UNICODE_TRICKY,
          ...DATE_LIKE,
          '=1+1',
          '@SUM(A1)',
          '-2',
          '1e400',
          '"',
          '""""',
          ',,,',
        ),
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'y'.repeat(n)),
      );
      const csvField = (v: string) => `"${v.replace(/"/g, '""')}"`;
      const file = fc.oneof(
        fc
          .array(fc.array(cell, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 15 })
          .map((rows) => ({
            name: 'hostile.csv',
            data: Buffer.from([HEADERS, ...rows].map((r) => r.map(csvField).join(',')).join('\n'), 'utf8'),
          })),
        fc
          .uint8Array({ minLength: 0, maxLength: 4000 })
          .map((bytes) => ({ name: 'random.xlsx', data: Buffer.from(bytes) })),
        fc.uint8Array({ minLength: 10, maxLength: 4000 }).map((bytes) => ({
          name: 'broken.xlsx',
          data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes)]),
        })),
        fc.uint8Array({ minLength: 10, maxLength: 400 }).map((bytes) => ({
          name: 'old.xls',
          data: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.from(bytes)]),
        })),
      );
      const textField = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...SQL_LIKE, '__proto__'));
      await fc.assert(
        fc.asyncProperty(
          file,
          fc.oneof(fc.constantFrom('accidents', 'tallies', 'vouchers', 'budget'), textField),
          fc.oneof(fc.constant('changning'), textField),
          fc.option(fc.oneof(fc.constantFrom('true', 'false'), textField), { nil: undefined }),
          fc.option(textField, { nil: undefined }),
          async (sheet, kindField, unit, skipInvalid, map) => {
            const before = await head();
            const req = t.http
              .post('/api/v1/imports')
              .set(t.auth('office'))
              .attach('file', sheet.data, sheet.name)
              .field('kind', kindField || ' ')
              .field('unit', unit || ' ');
            if (skipInvalid !== undefined) req.field('skipInvalid', skipInvalid || ' ');
            if (map !== undefined) req.field('map', map || ' ');
            const res = await req;
            requests += 1;
            checkAnswer(res, before, await head(), tally, `import ${sheet.name}`);
          },
        ),
        { numRuns: SETTINGS.propertyRuns * 4 },
      );
    },
  );
});

describe.each(testBackendKinds())('hostile NDJSON files for `ledger import` (%s)', (kind) => {
  let backend: Backend;
  const office: Principal = { id: 'importer', role: 'brigade_office', unitId: 'changning', squadId: null };
  const cleanPrototype = prototypeKeys();
  const figures = { files: 0, lines: 0, committed: 0, refused: 0, problems: 0 };
  beforeAll(async () => {
    backend = await openTestBackend(kind);
  });
  afterAll(async () => {
    recordFigures(`hostile-ndjson-${kind}`, figures);
    await backend?.close();
  });

  const commandLine = fc
    .constantFrom(...COMMANDS)
    .chain((c) =>
      payloadFor(describeDto(c.dto)).map(({ body }) => JSON.stringify({ command: c.name, input: body })),
    );
  const hostileLine = fc.oneof(
    commandLine,
    rawBody.map((b) => b.text.replace(/[\r\n]/g, ' ')),
    hostileValue.map((v) => JSON.stringify({ command: 'RecordAccident', input: v }) ?? 'null'),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc
      .tuple(fc.constantFrom(...COMMANDS.map((c) => c.name), '__proto__', 'constructor', ''), hostileValue)
      .map(([command, key]) => JSON.stringify({ command, input: {}, idempotencyKey: key }) ?? 'null'),
    pollutingBody.map((b) => `{"command":"RecordAccident","input":${b}}`),
  );

  it(`random files of command lines and hostile lines: a report with line-numbered problems, nothing appended unless committed (${SETTINGS.propertyRuns * 8} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileLine, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (lines, skipInvalid) => {
          const before = await backend.store.headPosition();
          const report = await importNdjson(backend.store, lines.join('\n'), {
            principal: office,
            skipInvalid,
          });
          const after = await backend.store.headPosition();
          figures.files += 1;
          figures.lines += report.lines;
          figures.problems += report.problems.length;
          if (report.committed) figures.committed += 1;
          else figures.refused += 1;
          if (!report.committed && after !== before)
            throw new Error(`refused file appended (${before} → ${after})`);
          if (!report.committed && report.problems.length === 0) throw new Error('refused without a problem');
          for (const p of report.problems) {
            if (!Number.isInteger(p.line) || p.line < 1 || p.line > lines.length)
              throw new Error(`bad line ${p.line}`);
            if (typeof p.message !== 'string' || p.message.length === 0)
              throw new Error('a problem without a message');
            if (STACK_TRACE.test(p.message)) throw new Error(`a stack trace in a problem: ${p.message}`);
          }
          expect(prototypeKeys()).toBe(cleanPrototype);
        },
      ),
      { numRuns: SETTINGS.propertyRuns * 8 },
    );
  });
});
