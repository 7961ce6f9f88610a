import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { checkExportFile } from '@ledger/audit';
import { rechainStream, testBackendKinds } from '@ledger/event-store/testing';

import { startTestApp, type PrincipalName, type TestApp } from '../support/test-app';

const accident = (accidentId: string, occurredOn: string) => ({
  accidentId,
  unitId: 'changning',
  squadId: 'chengqu',
  occurredOn,
  procedure: 'GENERAL',
  deaths: 0,
  injuries: 1,
  directLossFen: 80_000,
});

describe.each(testBackendKinds())('audit over HTTP (%s)', (kind) => {
  let t: TestApp;
  let dir: string;

  const post = async (id: string, occurredOn: string, recordedAt: string) => {
    const res = await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('clerk'))
      .send(accident(id, occurredOn))
      .expect(201);
    // Staging a late posting: the recording time is chained into the hash, so the stream is re-chained too.
    await t.backend.sql.query('UPDATE events SET recorded_at = $2 WHERE event_id = $1', [
      res.body.events[0].id,
      new Date(recordedAt),
    ]);
    await rechainStream(t.backend.sql, res.body.streamId);
  };

  const trail = async (stream: string) =>
    t.backend.sql.query<{ principal: string; role: string; action: string }>(
      `SELECT principal, role, data->>'action' AS action FROM events
        WHERE stream_id = $1 AND type = 'AuditActionPerformed' ORDER BY position`,
      [stream],
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-audit-e2e-'));
    await post('A-1', '2020-10-20', '2020-10-20T18:00:00+08:00');
    await post('A-2', '2020-10-28', '2020-11-06T09:00:00+08:00'); // posted late
    await t.engine.catchUp();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  const routes: [string, (name: PrincipalName) => Promise<unknown>][] = [
    [
      'POST replay',
      (n) => t.http.post('/api/v1/audit/replay').set(t.auth(n)).send({ asOf: '2020-10-31' }).expect(403),
    ],
    [
      'POST diff',
      (n) => t.http.post('/api/v1/audit/diff').set(t.auth(n)).send({ asOf: '2020-10-31' }).expect(403),
    ],
    [
      'GET history',
      (n) => t.http.get('/api/v1/audit/history/accident-changning-A-1').set(t.auth(n)).expect(403),
    ],
    [
      'GET who',
      (n) => t.http.get('/api/v1/audit/who?from=2020-10-01&to=2020-10-31').set(t.auth(n)).expect(403),
    ],
    ['GET verify', (n) => t.http.get('/api/v1/audit/verify').set(t.auth(n)).expect(403)],
    [
      'GET export',
      (n) => t.http.get('/api/v1/audit/export?from=2020-10-01&to=2020-12-31').set(t.auth(n)).expect(403),
    ],
  ];

  it.each(routes)('%s refuses a clerk and the office with 403, and records nothing', async (_, call) => {
    await call('clerk');
    await call('office');
    expect(await trail('audit-changning')).toEqual([]);
    expect(await trail('audit-all')).toEqual([]);
  });

  it('refuses a request without a token with 401', async () => {
    await t.http.get('/api/v1/audit/verify').expect(401);
  });

  it('an auditor may not post records, nor post its own audit trail', async () => {
    await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('auditor'))
      .send(accident('A-9', '2020-10-01'))
      .expect(403);
    await t.http.post('/api/v1/commands/RecordAuditAction').set(t.auth('auditor')).send({}).expect(404);
  });

  it('replay: as recorded on 31 October and by business date give different answers, and say which', async () => {
    const recorded = await t.http
      .post('/api/v1/audit/replay')
      .set(t.auth('auditor'))
      .send({ asOf: '2020-10-31', basis: 'recorded' })
      .expect(200);
    expect(recorded.body.replay).toMatchObject({ basis: 'recorded', unitId: 'changning', eventsFolded: 1 });
    expect(recorded.body.replay.description).toMatch(/^as recorded on 2020-10-31/);
    const business = await t.http
      .post('/api/v1/audit/replay')
      .set(t.auth('auditor'))
      .send({ asOf: '2020-10-31', basis: 'business' })
      .expect(200);
    expect(business.body.replay).toMatchObject({ basis: 'business', eventsFolded: 2 });
    expect(business.body.replay.description).toMatch(/^by business date up to 2020-10-31/);
  });

  it('diff: the late posting shows as added since 31 October; as of now the views are identical', async () => {
    const then = await t.http
      .post('/api/v1/audit/diff')
      .set(t.auth('auditor'))
      .send({ asOf: '2020-10-31' })
      .expect(200);
    expect(then.body.diff.identical).toBe(false);
    const cases = then.body.diff.tables.find((x: { table: string }) => x.table === 'accident_cases');
    expect(cases).toMatchObject({ added: 1, removed: 0, changed: 0 });
    expect(cases.rows[0]).toMatchObject({ kind: 'added', key: { unit_id: 'changning', accident_id: 'A-2' } });
    const now = await t.http
      .post('/api/v1/audit/diff')
      .set(t.auth('auditor'))
      .send({ asOf: new Date().toISOString() })
      .expect(200);
    expect(now.body.diff.identical).toBe(true);
    const [{ n }] = await t.backend.sql.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM pg_namespace WHERE nspname LIKE 'audit\\_%'",
    );
    expect(n).toBe('0');
  });

  it('answers 400 naming a bad as-of, and 403 for another unit', async () => {
    const bad = await t.http
      .post('/api/v1/audit/diff')
      .set(t.auth('auditor'))
      .send({ asOf: '31.10.2020', basis: 'whenever' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['basis']);
    const badDate = await t.http
      .post('/api/v1/audit/diff')
      .set(t.auth('auditor'))
      .send({ asOf: '31.10.2020' })
      .expect(400);
    expect(badDate.body.fields[0].field).toBe('asOf');
    await t.http
      .post('/api/v1/audit/replay')
      .set(t.auth('auditor'))
      .send({ asOf: '2020-10-31', unit: 'leiyang' })
      .expect(403);
  });

  it('history and who: every event with principal, role, times, correlation; counts per principal', async () => {
    const history = await t.http
      .get('/api/v1/audit/history/accident-changning-A-2')
      .set(t.auth('auditor'))
      .expect(200);
    expect(history.body.events).toEqual([
      expect.objectContaining({
        position: expect.any(String),
        streamVersion: 0,
        type: 'AccidentRecorded',
        principal: 'clerk-chengqu',
        role: 'squad_clerk',
        recordedAt: '2020-11-06T01:00:00.000Z',
        businessDate: '2020-10-28',
        correlationId: expect.any(String),
        causationId: null,
      }),
    ]);
    const who = await t.http
      .get('/api/v1/audit/who?from=2020-11-01&to=2020-11-30&verbose=true')
      .set(t.auth('auditor'))
      .expect(200);
    expect(who.body).toMatchObject({
      unitId: 'changning',
      total: 1,
      counts: [{ principal: 'clerk-chengqu', role: 'squad_clerk', type: 'AccidentRecorded', count: 1 }],
      events: [expect.objectContaining({ streamId: 'accident-changning-A-2' })],
    });
  });

  it('verify and export: an intact log, streamed as NDJSON that checks out offline', async () => {
    const verify = await t.http.get('/api/v1/audit/verify').set(t.auth('auditor')).expect(200);
    expect(verify.body).toMatchObject({ ok: true, firstBroken: null });
    expect(verify.body.eventsChecked).toBeGreaterThanOrEqual(2);
    const res = await t.http
      .get('/api/v1/audit/export?from=2020-10-01&to=2020-12-31')
      .set(t.auth('auditor'))
      .buffer(true)
      .expect(200)
      .expect('Content-Type', /application\/x-ndjson/);
    const body = res.text;
    const lines = body.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!).manifest).toMatchObject({
      count: 2,
      unitId: 'changning',
      exportedBy: 'auditor-1',
    });
    const file = path.join(dir, 'export.ndjson');
    writeFileSync(file, body);
    expect(await checkExportFile(file)).toMatchObject({ ok: true, events: 2 });
  });

  it('every audit action is itself recorded, by the principal who performed it; admin passes too', async () => {
    await t.http.get('/api/v1/audit/verify').set(t.auth('admin')).expect(200);
    const unit = await trail('audit-changning');
    expect(unit.map((e) => e.action)).toEqual([
      'replay',
      'replay',
      'diff',
      'diff',
      'history',
      'who',
      'export',
    ]);
    expect(unit.every((e) => e.principal === 'auditor-1' && e.role === 'auditor')).toBe(true);
    const [first] = await t.backend.sql.query<{ data: { parameters: object; outcome: object } }>(
      "SELECT data FROM events WHERE stream_id = 'audit-changning' ORDER BY position LIMIT 1",
    );
    expect(first!.data).toMatchObject({
      parameters: { asOf: '2020-10-31', basis: 'recorded' },
      outcome: { eventsFolded: 1 },
    });
    expect(await trail('audit-all')).toEqual([
      { principal: 'auditor-1', role: 'auditor', action: 'verify' },
      { principal: 'admin-1', role: 'admin', action: 'verify' },
    ]);
  });
});
