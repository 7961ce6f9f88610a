import { testBackendKinds } from '@ledger/event-store/testing';

import { startTestApp, type PrincipalName, type TestApp } from '../support/test-app';

const unitId = 'changning';
const basicPublic = {
  budgetKind: 'BASIC',
  basicSubKind: 'PUBLIC',
  fundSource: 'LOCAL_FISCAL',
  funcCode: '2040201',
};

/** Seed figures: 2020 income 2466.87 + 77.42 万元; 三公 39.45 万元 (2019: 39.58), budget 95 万元. */
describe.each(testBackendKinds())('finance over HTTP (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const post = (name: string, body: object, as: PrincipalName = 'finance') =>
    t.http.post(`/api/v1/commands/${name}`).set(t.auth(as)).send(body);
  const spend = (year: number, voucherNo: string, paidOn: string, amountFen: number, over: object = {}) =>
    post('RecordExpenditure', {
      unitId,
      year,
      voucherNo,
      paidOn,
      amountFen,
      payee: '收款单位',
      summary: '支出',
      ...basicPublic,
      econCode: '30201',
      ...over,
    });

  it('lets finance post a year and refuses read-only roles', async () => {
    await post('OpenFiscalYear', { unitId, year: 2020 }, 'auditor').expect(403);
    await post('OpenFiscalYear', { unitId, year: 2020 }, 'office').expect(403);
    await post('RegisterProject', {
      unitId,
      projectId: 'xiejing',
      name: '交通协警经费',
      category: '协警',
    }).expect(201);
    for (const year of [2019, 2020]) await post('OpenFiscalYear', { unitId, year }).expect(201);
  });

  it('books a prior year with its 三公 spending and closes it', async () => {
    await spend(2019, '付-2019-001', '2019-05-05', 39_580_000, { econCode: '30231' }).expect(201);
    await post('CloseFiscalYear', { unitId, year: 2019, closedOn: '2020-01-10' }).expect(201);
  });

  it('posts a budget, a 三公 budget, income and spending, basic and project', async () => {
    await post('ApproveBudget', {
      unitId,
      year: 2020,
      approvedOn: '2019-12-20',
      lines: [
        {
          lineId: 'L1',
          ...basicPublic,
          basicSubKind: 'PERSONNEL',
          econCode: '30101',
          amountFen: 1_000_000_000,
        },
        {
          lineId: 'L2',
          budgetKind: 'PROJECT',
          projectId: 'xiejing',
          fundSource: 'LOCAL_FISCAL',
          econCode: '30226',
          funcCode: '2040220',
          amountFen: 400_000_000,
        },
        { lineId: 'L3', ...basicPublic, econCode: '30231', amountFen: 95_000_000 },
      ],
    }).expect(201);
    await post('SetThreePublicBudget', {
      unitId,
      year: 2020,
      setOn: '2020-01-10',
      overseasFen: 0,
      vehiclePurchaseFen: 0,
      vehicleOperationFen: 80_000_000,
      receptionFen: 15_000_000,
    }).expect(201);
    for (const [voucherNo, incomeType, fundSource, amountFen] of [
      ['收-001', 'FISCAL_GENERAL', 'LOCAL_FISCAL', 2_466_870_000],
      ['收-002', 'OTHER', 'OTHER', 77_420_000],
    ] as const) {
      await post('RecordIncome', {
        unitId,
        year: 2020,
        receivedOn: '2020-02-01',
        incomeType,
        fundSource,
        amountFen,
        voucherNo,
      }).expect(201);
    }
    await spend(2020, '付-001', '2020-03-15', 500_000_000, {
      basicSubKind: 'PERSONNEL',
      econCode: '30101',
    }).expect(201);
    await spend(2020, '付-002', '2020-04-10', 39_450_000, { econCode: '30231' }).expect(201);
    await spend(2020, '付-003', '2020-05-20', 300_000_000, {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'xiejing',
      econCode: '30226',
      funcCode: '2040220',
    }).expect(201);
    await spend(2020, '付-004', '2020-06-01', 10_000_000).expect(201);
  });

  it('refuses a duplicate voucher, an unregistered project and an over-reversal with 409/400, appending nothing', async () => {
    const head = (await t.backend.store.headPosition()).toString();
    const dup = await spend(2020, '付-004', '2020-06-02', 1).expect(409);
    expect(dup.body.code).toBe('FINANCE.DUPLICATE_VOUCHER');
    const unknown = await spend(2020, '付-005', '2020-06-02', 1, {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'nope',
    }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'FINANCE.PROJECT_UNKNOWN', field: 'projectId' });
    const over = await post('ReverseExpenditure', {
      unitId,
      year: 2020,
      originalVoucherNo: '付-004',
      amountFen: 10_000_001,
      reason: '退款',
      reversedOn: '2020-07-01',
    }).expect(409);
    expect(over.body.code).toBe('FINANCE.OVER_REVERSAL');
    expect((await t.backend.store.headPosition()).toString()).toBe(head);
  });

  it('reverses part of a voucher', async () => {
    await post('ReverseExpenditure', {
      unitId,
      year: 2020,
      originalVoucherNo: '付-004',
      amountFen: 4_000_000,
      reason: '部分退款',
      reversedOn: '2020-07-01',
    }).expect(201);
  });

  it('closes the year, then refuses an ordinary posting (409) and accepts an audited adjustment', async () => {
    await post('CloseFiscalYear', { unitId, year: 2020, closedOn: '2021-01-15' }).expect(201);
    const refused = await spend(2020, '付-006', '2020-12-30', 1_000_000).expect(409);
    expect(refused.body.code).toBe('LEDGER.YEAR_CLOSED');
    const adjustment = {
      unitId,
      year: 2020,
      adjustedOn: '2021-03-01',
      approvedBy: 'auditor-1',
      auditRef: '审计〔2021〕3号',
      reason: '审计发现漏记',
      voucherNo: '付-006',
      paidOn: '2020-12-30',
      amountFen: 1_000_000,
      payee: '收款单位',
      summary: '补记',
      ...basicPublic,
      econCode: '30201',
    };
    await post('AdjustClosedYearExpenditure', { ...adjustment, approvedBy: 'finance-1' }).expect(403);
    await post('AdjustClosedYearExpenditure', adjustment).expect(201);
  });

  it('reads spending by every classification with shares, 万元 and budget execution', async () => {
    await t.engine.catchUp();
    await t.http
      .get('/api/v1/views/spending')
      .query({ unit: unitId, from: '2020-01-01', to: '2020-12-31' })
      .set(t.auth('clerk'))
      .expect(403);
    const res = await t.http
      .get('/api/v1/views/spending')
      .query({ unit: unitId, from: '2020-01-01', to: '2020-12-31', compareWith: 'previous-year-same-period' })
      .set(t.auth('office'))
      .expect(200);
    const b = res.body;
    expect(b.income.total).toEqual({ fen: '2544290000', wanYuan: '2544.29' });
    expect(b.income.fiscalAppropriation).toMatchObject({ wanYuan: '2466.87', sharePct: '97.0' });
    expect(b.income.bySource.map((r: { key: string; sharePct: string }) => [r.key, r.sharePct])).toEqual([
      ['FISCAL_GENERAL', '97.0'],
      ['OTHER', '3.0'],
    ]);
    expect(b.expenditure.total).toEqual({ fen: '846450000', wanYuan: '846.45' });
    expect(b.expenditure.byBudgetKind).toEqual([
      expect.objectContaining({ key: 'BASIC', fen: '546450000', wanYuan: '546.45', sharePct: '64.6' }),
      expect.objectContaining({ key: 'PROJECT', fen: '300000000', wanYuan: '300.00', sharePct: '35.4' }),
    ]);
    expect(b.expenditure.basicBySubKind.map((r: { sharePct: string }) => r.sharePct)).toEqual([
      '91.5',
      '8.5',
    ]);
    const classes = b.expenditure.byEconClass;
    expect(classes.map((c: { key: string; sharePct: string }) => [c.key, c.sharePct])).toEqual([
      ['301', '59.1'],
      ['302', '40.9'],
    ]);
    expect(classes[1].items.find((i: { key: string }) => i.key === '30231')).toMatchObject({
      labelZh: '公务用车运行维护费',
      wanYuan: '39.45',
      sharePct: '4.7',
    });
    expect(b.expenditure.byProject).toEqual([
      expect.objectContaining({
        key: 'xiejing',
        labelZh: '交通协警经费',
        sharePct: '100.0',
        category: '协警',
      }),
    ]);
    expect(b.budget).toMatchObject({
      years: [2020],
      current: { fen: '1495000000', wanYuan: '1495.00' },
      executionRatePct: '56.6',
    });
    expect(b.previous.expenditure.total.fen).toBe('39580000');
    expect(b.changes.find((c: { key: string }) => c.key === 'expenditure.total').changePct).toBe('2038.6');
  });

  it('applies the reversal on the voucher’s own day, not the day it was posted', async () => {
    const day = async (d: string) =>
      (
        await t.http
          .get('/api/v1/views/spending')
          .query({ unit: unitId, from: d, to: d })
          .set(t.auth('finance'))
          .expect(200)
      ).body.expenditure.total.fen;
    expect(await day('2020-06-01')).toBe('6000000');
    expect(await day('2020-07-01')).toBe('0');
  });

  it('reads 三公 against the budget and the prior year', async () => {
    const res = await t.http
      .get('/api/v1/views/three-public')
      .query({ unit: unitId, year: '2020' })
      .set(t.auth('auditor'))
      .expect(200);
    expect(res.body.total).toMatchObject({
      actual: { wanYuan: '39.45' },
      budget: { wanYuan: '95.00' },
      priorYearActual: { wanYuan: '39.58' },
      changePct: '-0.33',
      controlRatePct: '41.53',
      belowBudgetPct: '58.47',
    });
    const reception = res.body.categories.find((c: { key: string }) => c.key === 'reception');
    expect(reception).toMatchObject({
      actual: { fen: '0' },
      budget: { wanYuan: '15.00' },
      controlRatePct: '0.00',
    });
    expect(res.body.priorYearInLedger).toBe(true);
    await t.http
      .get('/api/v1/views/three-public')
      .query({ unit: unitId, year: '20x0' })
      .set(t.auth('auditor'))
      .expect(400);
  });

  it('projects the year end from year-to-date with each method’s backtest', async () => {
    await t.http
      .get('/api/v1/views/year-end')
      .query({ unit: unitId, year: '2020', asOf: '2021-01-01' })
      .set(t.auth('finance'))
      .expect(400);
    const res = await t.http
      .get('/api/v1/views/year-end')
      .query({ unit: unitId, year: '2020', asOf: '2020-06-30' })
      .set(t.auth('finance'))
      .expect(200);
    const e = res.body.expenditure;
    expect(res.body.earlierYears).toEqual([{ year: 2019, closed: true }]);
    expect(e.yearToDate.fen).toBe('845450000');
    const runRate = e.methods.find((m: { method: string }) => m.method === 'run-rate');
    expect(runRate.projected.fen).toBe('1700190659');
    expect(runRate.backtest.points).toEqual([
      expect.objectContaining({ year: 2019, asOf: '2019-06-30', absPctError: '101.7' }),
    ]);
    const seasonal = e.methods.find((m: { method: string }) => m.method === 'seasonal-monthly');
    expect(seasonal.backtest.n).toBe(0);
    expect(seasonal.backtest.note).toContain('error unknown');
    expect(e.budget.fen).toBe('1495000000');
    await t.http
      .get('/api/v1/views/year-end')
      .query({ unit: unitId, year: '2020', asOf: '2020-06-30' })
      .set(t.auth('stranger'))
      .expect(403);
  });
});
