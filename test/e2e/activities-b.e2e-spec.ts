import { testBackendKinds } from '@ledger/event-store/testing';

import { startTestApp, type PrincipalName, type TestApp } from '../support/test-app';

describe.each(testBackendKinds())('cases, publicity, training and the narrative over HTTP (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const post = (name: string, who: PrincipalName, body: object) =>
    t.http.post(`/api/v1/commands/${name}`).set(t.auth(who)).send(body);
  const caseRef = { caseNo: 'XS-2020-001', unitId: 'changning' };

  it('files a criminal case and applies measures, refusing the same measure twice for a person', async () => {
    await post('FileCriminalCase', 'clerk', {
      ...caseRef,
      squadId: 'chengqu',
      filedOn: '2020-05-12',
      offence: 'DANGEROUS_DRIVING',
    }).expect(201);
    const measure = (personRef: string, measure: string, appliedOn: string) =>
      post('ApplyCoerciveMeasure', 'clerk', { ...caseRef, personRef, measure, appliedOn });
    await measure('P-001', 'CRIMINAL_DETENTION', '2020-05-13').expect(201);
    await measure('P-001', 'ARREST', '2020-05-20').expect(201);
    await measure('P-002', 'DIRECT_PROSECUTION', '2020-06-01').expect(201);
    const again = await measure('P-001', 'ARREST', '2020-05-21').expect(409);
    expect(again.body.code).toBe('CASE.MEASURE_EXISTS');
  });

  it('refuses a measure on an unknown case, a clerk of another squad, and an identity in place of a pseudonym', async () => {
    const body = { ...caseRef, personRef: 'P-003', measure: 'ARREST', appliedOn: '2020-06-01' };
    expect(
      (await post('ApplyCoerciveMeasure', 'clerk', { ...body, caseNo: 'XS-NONE' }).expect(404)).body.code,
    ).toBe('CASE.NOT_FOUND');
    expect((await post('ApplyCoerciveMeasure', 'otherClerk', body).expect(403)).body.code).toBe('AUTH.SQUAD');
    const res = await post('ApplyCoerciveMeasure', 'clerk', {
      ...body,
      personRef: '43048119900101123X',
    }).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['personRef']);
  });

  it('records an administrative detention, a publicity activity and training sessions', async () => {
    await post('ImposeAdministrativeDetention', 'clerk', {
      recordId: 'XZ-1',
      unitId: 'changning',
      squadId: 'chengqu',
      imposedOn: '2020-06-02',
      persons: 2,
      reason: '醉酒驾驶',
    }).expect(201);
    await post('RecordPublicityActivity', 'clerk', {
      activityId: 'XC-1',
      unitId: 'changning',
      squadId: 'chengqu',
      heldOn: '2020-05-12',
      venue: 'COMMUNITY',
      helmetsDonated: 40,
      title: '免费赠送头盔活动',
    }).expect(201);
    const joint = {
      sessionId: 'PX-1',
      unitId: 'changning',
      heldOn: '2020-05-25',
      kind: 'JOINT',
      participants: 200,
      participantsQualifier: 'AT_LEAST',
      instructors: 10,
      days: 2,
      unitsCovered: 20,
      title: '所队合一交通管理业务培训',
    };
    expect((await post('RecordTrainingSession', 'clerk', joint).expect(403)).body.code).toBe('AUTH.SQUAD');
    await post('RecordTrainingSession', 'office', joint).expect(201);
    await post('RecordTrainingSession', 'clerk', {
      sessionId: 'PX-2',
      unitId: 'changning',
      squadId: 'chengqu',
      heldOn: '2020-06-03',
      kind: 'PHYSICAL',
      participants: 12,
      days: 1,
      title: '体能训练',
    }).expect(201);
    await post('RecordTrainingSession', 'clerk', {
      sessionId: 'PX-3',
      unitId: 'changning',
      squadId: 'chengqu',
      heldOn: '2020-06-04',
      kind: 'PHYSICAL',
      participants: 9,
      days: 1,
      title: '体能训练（重复）',
    }).expect(201);
    await post('VoidTrainingSession', 'clerk', {
      sessionId: 'PX-3',
      unitId: 'changning',
      reason: '重复登记',
    }).expect(201);
  });

  it('counts them by measure for any period', async () => {
    await t.engine.catchUp();
    const res = await t.http
      .get('/api/v1/views/counts')
      .query({ unit: 'changning', from: '2020-01-01', to: '2020-10-31' })
      .set(t.auth('office'))
      .expect(200);
    const counts = Object.fromEntries(
      res.body.rows
        .filter((r: { measure: string }) => /^(cases|publicity|training)\./.test(r.measure))
        .map((r: { measure: string; value: string; lowerBound: boolean }) => [
          r.measure,
          `${r.lowerBound ? '≥' : ''}${r.value}`,
        ]),
    );
    expect(counts).toEqual({
      'cases.criminal_filed': '1',
      'cases.criminal_detention': '1',
      'cases.arrest': '1',
      'cases.direct_prosecution': '1',
      'cases.administrative_detention': '2',
      'publicity.activities': '1',
      'publicity.venue.community': '1',
      'publicity.helmets_donated': '40',
      'training.sessions.joint': '1',
      'training.sessions.physical': '1',
      'training.participants': '≥212',
    });
    const labels = res.body.rows.find((r: { measure: string }) => r.measure === 'cases.criminal_detention');
    expect(labels.labelZh).toBe('刑事拘留');
  });

  it('takes a voided case out of every count it made', async () => {
    await post('VoidCriminalCase', 'office', { ...caseRef, reason: '立案信息录入错误' }).expect(201);
    await t.engine.catchUp();
    const res = await t.http
      .get('/api/v1/views/counts')
      .query({
        unit: 'changning',
        from: '2020-01-01',
        to: '2020-10-31',
        measures: 'cases.criminal_filed,cases.arrest',
      })
      .set(t.auth('office'))
      .expect(200);
    expect(res.body.rows).toEqual([]);
    await post('ApplyCoerciveMeasure', 'clerk', {
      ...caseRef,
      personRef: 'P-009',
      measure: 'ARREST',
      appliedOn: '2020-06-01',
    }).expect(409);
  });

  it('keeps every draft of the narrative, serving the latest and any earlier one by position', async () => {
    const draft = (paragraphs: string[], section = 'PROBLEMS') =>
      post('DraftReportSection', 'office', {
        unitId: 'changning',
        year: 2020,
        section,
        paragraphs,
        draftedOn: '2021-06-01',
      });
    expect((await draft(['初稿。']).set(t.auth('clerk')).expect(403)).body.code).toBe('AUTH.ROLE');
    const first = await draft(['初稿。']).expect(201);
    await draft(['第一条问题。', '第二条问题。']).expect(201);
    await draft(['加强固定资产管理。'], 'MEASURES').expect(201);
    const bad = await draft(['x'.repeat(4001)]).expect(400);
    expect(bad.body.fields[0].field).toBe('paragraphs');
    await t.engine.catchUp();

    const now = await t.http
      .get('/api/v1/views/narrative')
      .query({ unit: 'changning', year: '2020' })
      .set(t.auth('auditor'))
      .expect(200);
    expect(
      now.body.sections.map((s: { section: string; paragraphs: string[] }) => [s.section, s.paragraphs]),
    ).toEqual([
      ['PROBLEMS', ['第一条问题。', '第二条问题。']],
      ['MEASURES', ['加强固定资产管理。']],
    ]);
    const then = await t.http
      .get('/api/v1/views/narrative')
      .query({ unit: 'changning', year: '2020', asOfPosition: first.body.events[0].position })
      .set(t.auth('auditor'))
      .expect(200);
    expect(then.body.sections).toEqual([
      expect.objectContaining({ section: 'PROBLEMS', titleZh: '存在的问题', paragraphs: ['初稿。'] }),
    ]);
  });

  it('serves performance targets and prior baselines; finance records finance baselines only', async () => {
    await post('SetPerformanceTarget', 'office', {
      unitId: 'changning',
      year: 2020,
      indicatorCode: 'hazard_rectification_rate',
      target: '90.0',
      unit: '%',
      weight: 10,
    }).expect(201);
    const baseline = (who: PrincipalName, metric: string, value: string) =>
      post('RecordPriorPeriodBaseline', who, {
        unitId: 'changning',
        metric,
        period: { from: '2019-01-01', to: '2019-12-31' },
        value,
        qualifier: 'EXACT',
        source: '2019年度决算',
      });
    await baseline('finance', 'SAN_GONG_ACTUAL', '39580000').expect(201);
    expect((await baseline('finance', 'ACCIDENTS_SAME_PERIOD', '5687').expect(403)).body.code).toBe(
      'AUTH.ROLE',
    );
    await t.engine.catchUp();

    const targets = await t.http
      .get('/api/v1/views/performance-targets')
      .query({ unit: 'changning', year: '2020' })
      .set(t.auth('office'))
      .expect(200);
    expect(targets.body).toMatchObject({
      totalWeight: 10,
      targets: [{ indicatorCode: 'hazard_rectification_rate', target: '90.0', unit: '%', weight: 10 }],
    });
    const baselines = await t.http
      .get('/api/v1/views/prior-baselines')
      .query({ unit: 'changning', metrics: 'SAN_GONG_ACTUAL' })
      .set(t.auth('office'))
      .expect(200);
    expect(baselines.body.baselines).toEqual([
      expect.objectContaining({
        metric: 'SAN_GONG_ACTUAL',
        value: '39580000',
        valueKind: 'fen',
        period: { from: '2019-01-01', to: '2019-12-31' },
        recordedBy: 'finance-1',
      }),
    ]);
  });

  it('refuses a bad year or metric with 400 and another unit with 403', async () => {
    await t.http
      .get('/api/v1/views/narrative')
      .query({ unit: 'changning', year: '20x0' })
      .set(t.auth('office'))
      .expect(400);
    await t.http
      .get('/api/v1/views/prior-baselines')
      .query({ unit: 'changning', metrics: 'NOT_A_METRIC' })
      .set(t.auth('office'))
      .expect(400);
    await t.http
      .get('/api/v1/views/narrative')
      .query({ unit: 'changning', year: '2020' })
      .set(t.auth('stranger'))
      .expect(403);
  });
});
