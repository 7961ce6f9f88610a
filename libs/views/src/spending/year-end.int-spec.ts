import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Backend } from '@ledger/event-store';
import { commandNamed, parseCommandInput, runCommand, type Principal } from '@ledger/ledger';

import { ProjectionEngine } from '../engine/projection-engine';
import { ViewMigrations } from '../schema';
import { spendingProjection } from './spending.projection';
import { GetYearEndProjectionHandler, GetYearEndProjectionQuery, type YearEndResult } from './year-end.query';

const financeOfficer: Principal = { id: 'finance-1', role: 'finance', unitId: 'changning', squadId: null };
const now = new Date('2021-03-01T04:00:00Z');

async function post(backend: Backend, name: string, input: object, principal = financeOfficer) {
  const definition = commandNamed(name);
  if (!definition) throw new Error(`no command ${name}`);
  const dto = await parseCommandInput(definition, input);
  return runCommand(backend.store, definition, dto, { principal, now });
}

const basic = {
  budgetKind: 'BASIC',
  basicSubKind: 'PUBLIC',
  fundSource: 'LOCAL_FISCAL',
  econCode: '30201',
  funcCode: '2040201',
};

async function spend(backend: Backend, unitId: string, paidOn: string, amountFen: number, voucherNo: string) {
  await post(backend, 'RecordExpenditure', {
    unitId,
    year: Number(paidOn.slice(0, 4)),
    paidOn,
    voucherNo,
    amountFen,
    payee: '供应商',
    summary: '日常支出',
    ...basic,
  });
}

/** Eleven equal months and a December that spends as much as the other months together — a year-end rush. */
async function postYear(backend: Backend, year: number, perMonth: number, months = 12) {
  const unitId = 'changning';
  await post(backend, 'OpenFiscalYear', { unitId, year });
  await post(backend, 'RecordIncome', {
    unitId,
    year,
    receivedOn: `${year}-01-05`,
    incomeType: 'FISCAL_GENERAL',
    fundSource: 'LOCAL_FISCAL',
    amountFen: perMonth * 20,
    voucherNo: `收-${year}-01`,
  });
  for (let m = 1; m <= months; m += 1) {
    const mm = String(m).padStart(2, '0');
    await spend(backend, unitId, `${year}-${mm}-10`, m === 12 ? perMonth * 9 : perMonth, `付-${year}-${mm}`);
  }
}

describe.each(testBackendKinds())('year-end projection over the views (%s)', (kind) => {
  let backend: Backend;
  let result: YearEndResult;

  beforeAll(async () => {
    backend = await openTestBackend(kind, { migrations: ViewMigrations });
    await postYear(backend, 2018, 100_000);
    await post(backend, 'CloseFiscalYear', { unitId: 'changning', year: 2018, closedOn: '2019-01-15' });
    await postYear(backend, 2019, 110_000);
    // A March voucher reversed in September: it must leave March, or the 30 June cut of 2019 would be wrong.
    await spend(backend, 'changning', '2019-03-20', 50_000, '付-2019-X');
    await post(backend, 'ReverseExpenditure', {
      unitId: 'changning',
      year: 2019,
      originalVoucherNo: '付-2019-X',
      amountFen: 50_000,
      reason: '重复支付退回',
      reversedOn: '2019-09-01',
    });
    await post(backend, 'CloseFiscalYear', { unitId: 'changning', year: 2019, closedOn: '2020-01-15' });
    await postYear(backend, 2020, 120_000, 6);
    // A unit with no earlier year at all.
    const leiyang: Principal = { ...financeOfficer, id: 'finance-2', unitId: 'leiyang' };
    await post(backend, 'OpenFiscalYear', { unitId: 'leiyang', year: 2020 }, leiyang);
    await post(
      backend,
      'RecordExpenditure',
      {
        unitId: 'leiyang',
        year: 2020,
        paidOn: '2020-03-01',
        voucherNo: '付-1',
        amountFen: 30_500,
        payee: '供应商',
        summary: '日常支出',
        ...basic,
      },
      leiyang,
    );

    const engine = new ProjectionEngine(backend.store, backend.sql, [spendingProjection], { batchSize: 7 });
    await engine.register();
    await engine.catchUp();
    result = await new GetYearEndProjectionHandler(backend.dataSource).execute(
      new GetYearEndProjectionQuery({ unitId: 'changning', year: 2020, asOf: '2020-06-30' }),
    );
  });
  afterAll(async () => backend?.close());

  const method = (name: string) => result.expenditure.methods.find((m) => m.method === name)!;

  it('reads year-to-date and both earlier years from the ledger', () => {
    expect(result.expenditure.yearToDate.fen).toBe('720000');
    expect(result.earlierYears).toEqual([
      { year: 2018, closed: true },
      { year: 2019, closed: true },
    ]);
    expect(result.note).toBeNull();
  });

  it('run rate: extrapolates days elapsed and misses the December rush by about 40% in both backtests', () => {
    const m = method('run-rate');
    expect(m.projected?.fen).toBe('1447912');
    expect(m.backtest.points.map((p) => [p.year, p.yearToDate.fen, p.actual.fen, p.absPctError])).toEqual([
      [2018, '600000', '2000000', '39.5'],
      [2019, '660000', '2200000', '39.5'],
    ]);
    expect(m.backtest.mapePct).toBe('39.5');
    // The range uses the larger of the two errors (2019: 869 061 / 2 200 000), rounded half up.
    const high = (1_447_912n * (2_200_000n + 869_061n) * 2n + 2_200_000n) / (2n * 2_200_000n);
    expect(m.range?.high.fen).toBe(high.toString());
  });

  it('seasonal: uses the earlier years’ monthly shares and backtests 2019 on the 2018 profile', () => {
    const m = method('seasonal-monthly');
    expect(m.projected?.fen).toBe('2400000');
    expect(m.backtest.points[0]).toMatchObject({ year: 2018, projected: null });
    expect(m.backtest.points[1]).toMatchObject({
      year: 2019,
      projected: { fen: '2200000' },
      absPctError: '0.0',
    });
    expect(m.backtest).toMatchObject({ n: 1, mapePct: '0.0' });
    expect(result.expenditure.preferred).toBe('seasonal-monthly');
  });

  it('prior-year remainder: adds what 2019 spent after 30 June', () => {
    const m = method('prior-year-remainder');
    expect(m.projected?.fen).toBe('2260000');
    expect(m.backtest.points[1]).toMatchObject({
      year: 2019,
      projected: { fen: '2060000' },
      absPctError: '6.4',
    });
  });

  it('projects income the same way', () => {
    const seasonal = result.income.methods.find((m) => m.method === 'seasonal-monthly')!;
    expect(result.income.yearToDate.fen).toBe('2400000');
    expect(seasonal.projected?.fen).toBe('2400000');
  });

  it('says plainly when the ledger holds no earlier year', async () => {
    const alone = await new GetYearEndProjectionHandler(backend.dataSource).execute(
      new GetYearEndProjectionQuery({ unitId: 'leiyang', year: 2020, asOf: '2020-03-01' }),
    );
    expect(alone.earlierYears).toEqual([]);
    expect(alone.note).toContain('nothing can be backtested');
    const runRate = alone.expenditure.methods.find((m) => m.method === 'run-rate')!;
    // 30 500 × 366 / 61
    expect(runRate.projected?.fen).toBe('183000');
    expect(runRate.range).toBeNull();
    expect(alone.expenditure.preferred).toBeNull();
  });

  it('rebuilds to the very rows the live run built', async () => {
    const snapshot = () =>
      backend.sql.query(
        `SELECT unit_id, day::text, econ_code, amount_fen::text FROM spending_expenditure_days ORDER BY 1, 2, 3`,
      );
    const live = await snapshot();
    const engine = new ProjectionEngine(backend.store, backend.sql, [spendingProjection]);
    await engine.rebuild('spending');
    expect(await snapshot()).toEqual(live);
  });
});
