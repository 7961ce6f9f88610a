import { testBackendKinds } from '@ledger/event-store/testing';

import { startTestApp, type TestApp } from '../support/test-app';

const accident = (over: Record<string, unknown> = {}) => ({
  accidentId: 'A-2020-0001',
  unitId: 'changning',
  squadId: 'chengqu',
  occurredOn: '2020-05-12',
  procedure: 'GENERAL',
  deaths: 1,
  injuries: 2,
  directLossFen: 1_500_00,
  ...over,
});

describe.each(testBackendKinds())('posting accidents over HTTP (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const head = async () => (await t.backend.store.headPosition()).toString();

  it('refuses a request without a token', async () => {
    await t.http.post('/api/v1/commands/RecordAccident').send(accident()).expect(401);
  });

  it('answers 400 naming every bad field, and appends nothing', async () => {
    const before = await head();
    const res = await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('clerk'))
      .send(accident({ deaths: -1, occurredOn: '2020-02-30', extra: 'x' }))
      .expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'deaths',
      'extra',
      'occurredOn',
    ]);
    expect(await head()).toBe(before);
  });

  it('refuses a prototype-polluting body with 400', async () => {
    const res = await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('clerk'))
      .set('Content-Type', 'application/json')
      .send('{"accidentId":"x","__proto__":{"admin":true}}')
      .expect(400);
    expect(res.body.fields[0].field).toBe('__proto__');
  });

  it('refuses another squad, another unit and a read-only role with 403', async () => {
    await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('otherClerk'))
      .send(accident())
      .expect(403);
    await t.http.post('/api/v1/commands/RecordAccident').set(t.auth('stranger')).send(accident()).expect(403);
    await t.http.post('/api/v1/commands/RecordAccident').set(t.auth('auditor')).send(accident()).expect(403);
  });

  it('records an accident once, even when the client retries with the same idempotency key', async () => {
    const first = await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('clerk'))
      .set('Idempotency-Key', 'k-1')
      .send(accident())
      .expect(201);
    const retry = await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('clerk'))
      .set('Idempotency-Key', 'k-1')
      .send(accident())
      .expect(200);
    expect(retry.body.events).toEqual(first.body.events);
    expect(retry.body.idempotentReplay).toBe(true);
    await t.http.post('/api/v1/commands/RecordAccident').set(t.auth('clerk')).send(accident()).expect(409);
  });

  it('answers 409 with the current version when If-Match is stale', async () => {
    const res = await t.http
      .post('/api/v1/commands/ReviseAccidentCasualties')
      .set(t.auth('clerk'))
      .set('If-Match', '5')
      .send({
        accidentId: 'A-2020-0001',
        unitId: 'changning',
        deaths: 2,
        injuries: 2,
        directLossFen: 150000,
        reason: '七日内死亡',
      })
      .expect(409);
    expect(res.body.currentVersion).toBe(0);
  });

  it('counts the accidents by day, with revisions applied to the day they happened', async () => {
    await t.http
      .post('/api/v1/commands/ReviseAccidentCasualties')
      .set(t.auth('clerk'))
      .set('If-Match', '0')
      .send({
        accidentId: 'A-2020-0001',
        unitId: 'changning',
        deaths: 2,
        injuries: 2,
        directLossFen: 150000,
        reason: '七日内死亡',
      })
      .expect(201);
    await t.http
      .post('/api/v1/commands/RecordAccident')
      .set(t.auth('office'))
      .send(
        accident({
          accidentId: 'A-2019-0001',
          occurredOn: '2019-06-01',
          deaths: 1,
          procedure: 'FAST_SETTLEMENT',
        }),
      )
      .expect(201);
    await t.engine.catchUp();
    const res = await t.http
      .get('/api/v1/views/counts')
      .query({
        unit: 'changning',
        from: '2020-01-01',
        to: '2020-10-31',
        compareWith: 'previous-year-same-period',
      })
      .set(t.auth('office'))
      .expect(200);
    const value = (m: string) => res.body.rows.find((r: { measure: string }) => r.measure === m)?.value;
    expect(value('accidents.total')).toBe('1');
    expect(value('accidents.deaths')).toBe('2');
    expect(value('accidents.direct_loss_fen')).toBe('150000');
    const deaths = res.body.changes.find((c: { measure: string }) => c.measure === 'accidents.deaths');
    expect(deaths).toMatchObject({ current: '2', previous: '1', changePct: '100.0' });
  });

  it('refuses a period that ends before it starts, and a unit the reader does not belong to', async () => {
    await t.http
      .get('/api/v1/views/counts')
      .query({ unit: 'changning', from: '2020-02-01', to: '2020-01-01' })
      .set(t.auth('office'))
      .expect(400);
    await t.http
      .get('/api/v1/views/counts')
      .query({ unit: 'changning', from: '2020-01-01', to: '2020-02-01' })
      .set(t.auth('stranger'))
      .expect(403);
  });
});
