import { testBackendKinds } from '@ledger/event-store/testing';

import { startTestApp, type PrincipalName, type TestApp } from '../support/test-app';

interface Page {
  postings: { position: string; type: string; unitId: string; data: Record<string, unknown> }[];
  nextBefore: string | null;
}

describe.each(testBackendKinds())('recent postings and the postings behind a count (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const post = (as: PrincipalName, command: string, body: object) =>
      t.http.post(`/api/v1/commands/${command}`).set(t.auth(as)).send(body).expect(201);
    const tally = (squadId: string, businessDate: string, count: number, unitId = 'changning') => ({
      unitId,
      squadId,
      businessDate,
      category: 'VIOLATION_DRUNK_DRIVING',
      count,
    });
    await post('clerk', 'RecordTally', tally('chengqu', '2020-03-01', 4));
    await post('otherClerk', 'RecordTally', tally('songbai', '2020-03-02', 5));
    await post('stranger', 'RecordTally', tally('xx', '2020-03-02', 9, 'leiyang'));
    await post('clerk', 'RecordTally', tally('chengqu', '2020-04-01', 6));
    await post('otherClerk', 'RecordTally', tally('songbai', '2019-04-01', 8));
    await t.engine.catchUp();
  });
  afterAll(async () => t?.close());

  const recent = (as: PrincipalName, query: Record<string, string | number>) =>
    t.http.get('/api/v1/postings').set(t.auth(as)).query(query);

  it('lists a unit’s postings newest first, and only that unit’s', async () => {
    const res = await recent('office', { unit: 'changning' }).expect(200);
    const page = res.body as Page;
    expect(page.postings.map((p) => p.data.count)).toEqual([8, 6, 5, 4]);
    expect(page.postings.every((p) => p.unitId === 'changning')).toBe(true);
    expect(page.nextBefore).toBeNull();
  });

  it('pages with nextBefore, without gaps or repeats', async () => {
    const first = (await recent('office', { unit: 'changning', limit: 3 }).expect(200)).body as Page;
    expect(first.postings.map((p) => p.data.count)).toEqual([8, 6, 5]);
    expect(first.nextBefore).toBe(first.postings[2]!.position);
    const second = (
      await recent('office', { unit: 'changning', limit: 3, before: first.nextBefore! }).expect(200)
    ).body as Page;
    expect(second.postings.map((p) => p.data.count)).toEqual([4]);
    expect(second.nextBefore).toBeNull();
  });

  it('shows a squad clerk its own squad only, whatever it asks for', async () => {
    const page = (await recent('clerk', { unit: 'changning', squad: 'songbai' }).expect(200)).body as Page;
    expect(page.postings.map((p) => p.data.count)).toEqual([6, 4]);
  });

  it('refuses another unit’s reader with 403 and a bad limit with 400 naming it', async () => {
    await recent('stranger', { unit: 'changning' }).expect(403);
    const bad = await recent('office', { unit: 'changning', limit: 0 }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['limit']);
  });

  it('traces a count to its events: they add up to the count view’s figure', async () => {
    const query = { unit: 'changning', from: '2020-01-01', to: '2020-12-31' };
    const counts = await t.http
      .get('/api/v1/views/counts')
      .set(t.auth('office'))
      .query({ ...query, measures: 'tally.violation_drunk_driving' })
      .expect(200);
    expect(counts.body.rows[0].value).toBe('15');
    const trace = await t.http
      .get('/api/v1/postings/measure')
      .set(t.auth('office'))
      .query({ ...query, measure: 'tally.violation_drunk_driving' })
      .expect(200);
    expect(trace.body.value).toBe('15');
    expect(trace.body.contributions.map((c: { delta: string }) => c.delta)).toEqual(['4', '5', '6']);
    expect(trace.body.truncated).toBe(false);
    await t.http
      .get('/api/v1/postings/measure')
      .set(t.auth('clerk'))
      .query({ ...query, measure: 'x' })
      .expect(403);
    await t.http
      .get('/api/v1/postings/measure')
      .set(t.auth('office'))
      .query({ ...query, from: '2020-12-31', to: '2020-01-01', measure: 'x' })
      .expect(400);
  });
});
