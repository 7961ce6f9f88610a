import { testBackendKinds } from '@ledger/event-store/testing';

import { startTestApp, type PrincipalName, type TestApp } from '../support/test-app';

describe.each(testBackendKinds())('organisation, tallies, hazards and campaigns over HTTP (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const post = (who: PrincipalName, command: string, body: object, status = 201) =>
    t.http.post(`/api/v1/commands/${command}`).set(t.auth(who)).send(body).expect(status);

  it('builds the unit tree and headcounts from the office', async () => {
    await post('office', 'EstablishUnit', {
      unitId: 'changning',
      name: '常宁市公安局交通警察大队',
      kind: 'BRIGADE',
      establishedOn: '2000-01-01',
    });
    await post('office', 'EstablishUnit', {
      unitId: 'chengqu',
      parentId: 'changning',
      name: '城区中队',
      kind: 'SQUAD',
      establishedOn: '2000-01-01',
    });
    await post('office', 'EstablishUnit', {
      unitId: 'zhihui122',
      parentId: 'changning',
      name: '122情报指挥中心',
      kind: 'CENTER',
      establishedOn: '2020-05-15',
    });
    const headcount = { unitId: 'changning', cadres: 1, workers: 14, auxiliary: 100 };
    await post('office', 'RecordHeadcount', { ...headcount, asOf: '2019-12-31', police: 49 });
    await post('office', 'RecordHeadcount', { ...headcount, asOf: '2020-10-31', police: 51 });
  });

  it('refuses organisation changes from a clerk and for a unit that is not a sub-unit', async () => {
    await post(
      'clerk',
      'RenameUnit',
      { unitId: 'chengqu', parentId: 'changning', name: 'x', renamedOn: '2020-06-01' },
      403,
    );
    await post(
      'admin',
      'RenameUnit',
      { unitId: 'chengqu', parentId: 'leiyang', name: 'x', renamedOn: '2020-06-01' },
      403,
    );
  });

  it('posts a hazard found and rectified, with the rectification refused before the finding', async () => {
    const hazard = { hazardId: 'H-2020-001', unitId: 'changning' };
    await post('clerk', 'IdentifyHazard', {
      ...hazard,
      squadId: 'chengqu',
      identifiedOn: '2020-04-10',
      kind: 'ROAD',
      description: 'G356 弯道视距不良',
    });
    await post('clerk', 'IdentifyHazard', {
      hazardId: 'H-2020-002',
      unitId: 'changning',
      squadId: 'chengqu',
      identifiedOn: '2020-04-11',
      kind: 'ROAD',
      description: '平交路口无警示标志',
    });
    const early = await post('clerk', 'RectifyHazard', { ...hazard, rectifiedOn: '2020-04-01' }, 400);
    expect(early.body).toMatchObject({ code: 'HAZARD.DATE', field: 'rectifiedOn' });
    await post('otherClerk', 'RectifyHazard', { ...hazard, rectifiedOn: '2020-06-01' }, 403);
    await post('clerk', 'RectifyHazard', { ...hazard, rectifiedOn: '2020-06-01' });
    await post(
      'clerk',
      'RectifyHazard',
      { hazardId: 'H-404', unitId: 'changning', rectifiedOn: '2020-06-01' },
      404,
    );
  });

  it('posts a tally once despite a retry, and corrects it by event id', async () => {
    const tally = {
      unitId: 'changning',
      squadId: 'chengqu',
      businessDate: '2020-02-10',
      category: 'VEHICLES_SCREENED',
      count: 2100,
      qualifier: 'AT_LEAST',
    };
    const first = await t.http
      .post('/api/v1/commands/RecordTally')
      .set(t.auth('clerk'))
      .set('Idempotency-Key', 'tally-1')
      .send(tally)
      .expect(201);
    await t.http
      .post('/api/v1/commands/RecordTally')
      .set(t.auth('clerk'))
      .set('Idempotency-Key', 'tally-1')
      .send(tally)
      .expect(200);
    expect(first.body.streamId).toBe('tally-changning-2020');
    const targetEventId: string = first.body.events[0].id;
    const correction = {
      unitId: 'changning',
      squadId: 'chengqu',
      businessDate: '2020-02-10',
      targetEventId,
      count: 2134,
      qualifier: 'EXACT',
      reason: '核对台账后更正',
    };
    await post('otherClerk', 'CorrectTally', correction, 403);
    // Naming its own squad, another clerk gets a record that matches nothing: it changes no count, blocks nothing.
    const { count: _count, qualifier: _qualifier, ...target } = correction;
    await post('otherClerk', 'VoidTally', { ...target, squadId: 'songbai', reason: '误报' });
    await post('clerk', 'CorrectTally', correction);
    await post('clerk', 'RecordTally', { ...tally, category: 'NOT_A_CATEGORY' }, 400);
  });

  it("posts a campaign and a squad's day in it", async () => {
    await post('office', 'LaunchCampaign', {
      campaignId: 'C-2020-helmet',
      unitId: 'changning',
      name: '一盔一带专项整治',
      kind: 'ONE_HELMET_ONE_BELT',
      launchedOn: '2020-05-01',
    });
    await post(
      'clerk',
      'LaunchCampaign',
      { campaignId: 'C-x', unitId: 'changning', name: '夜查', kind: 'NIGHT_CHECK', launchedOn: '2020-05-01' },
      403,
    );
    await post('clerk', 'RecordCampaignOperation', {
      campaignId: 'C-2020-helmet',
      unitId: 'changning',
      squadId: 'chengqu',
      conductedOn: '2020-06-16',
      officers: 12,
      vehiclesChecked: 120,
      violationsFound: 37,
    });
  });

  it('reads the counts of the period, corrections applied to the original day', async () => {
    await t.engine.catchUp();
    const res = await t.http
      .get('/api/v1/views/counts')
      .query({ unit: 'changning', from: '2020-01-01', to: '2020-10-31' })
      .set(t.auth('office'))
      .expect(200);
    const row = (m: string) => res.body.rows.find((r: { measure: string }) => r.measure === m);
    expect(row('hazards.found')).toMatchObject({ value: '2', labelZh: '排查隐患' });
    expect(row('hazards.rectified')?.value).toBe('1');
    expect(row('tally.vehicles_screened')).toMatchObject({
      value: '2134',
      lowerBound: false,
      labelZh: '核查车辆',
    });
    expect(row('campaigns.launched')?.value).toBe('1');
    expect(row('campaigns.operations')?.value).toBe('1');
    expect(row('campaigns.vehicles_checked')?.value).toBe('120');
    expect(row('campaigns.violations')?.value).toBe('37');
    expect(res.body.units).toEqual(['changning', 'chengqu', 'zhihui122']);

    const beforeRectified = await t.http
      .get('/api/v1/views/counts')
      .query({
        unit: 'changning',
        from: '2020-01-01',
        to: '2020-05-31',
        measures: 'hazards.found,hazards.rectified',
      })
      .set(t.auth('office'))
      .expect(200);
    expect(
      beforeRectified.body.rows.map((r: { measure: string; value: string }) => [r.measure, r.value]),
    ).toEqual([['hazards.found', '2']]);
  });

  it('reads the unit profile as of a date', async () => {
    const res = await t.http
      .get('/api/v1/views/unit-profile')
      .query({ unit: 'changning', asOf: '2020-10-31' })
      .set(t.auth('office'))
      .expect(200);
    expect(res.body).toMatchObject({
      unitId: 'changning',
      name: '常宁市公安局交通警察大队',
      kind: 'BRIGADE',
      kindZh: '大队',
      parentId: null,
      headcount: { asOf: '2020-10-31', police: 51, cadres: 1, workers: 14, staffTotal: 66, auxiliary: 100 },
    });
    expect(res.body.subUnits).toEqual([
      { unitId: 'chengqu', name: '城区中队', kind: 'SQUAD', kindZh: '中队' },
      { unitId: 'zhihui122', name: '122情报指挥中心', kind: 'CENTER', kindZh: '中心' },
    ]);

    const earlier = await t.http
      .get('/api/v1/views/unit-profile')
      .query({ unit: 'changning', asOf: '2020-03-01' })
      .set(t.auth('office'))
      .expect(200);
    expect(earlier.body.subUnits.map((s: { unitId: string }) => s.unitId)).toEqual(['chengqu']);
    expect(earlier.body.headcount).toMatchObject({ asOf: '2019-12-31', police: 49, staffTotal: 64 });
  });

  it('refuses a bad date, an unknown unit and a reader of another unit', async () => {
    const bad = await t.http
      .get('/api/v1/views/unit-profile')
      .query({ unit: 'changning', asOf: '2020-02-30' })
      .set(t.auth('office'))
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['asOf']);
    await t.http
      .get('/api/v1/views/unit-profile')
      .query({ unit: 'changning', asOf: '1999-12-31' })
      .set(t.auth('office'))
      .expect(404);
    await t.http
      .get('/api/v1/views/unit-profile')
      .query({ unit: 'changning', asOf: '2020-10-31' })
      .set(t.auth('stranger'))
      .expect(403);
  });
});
