import type { Backend, RecordedEvent } from '@ledger/event-store';
import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import { commandNamed, runCommand, type Principal } from '@ledger/ledger';

import { loadWorkbook } from '../read/load';
import { putRows, utcDate, xlsxOf } from '../testing/workbooks';
import { importSheet } from './importer';
import { formatProblem } from './messages';

const office = (unitId: string): Principal => ({
  id: `office-${unitId}`,
  role: 'brigade_office',
  unitId,
  squadId: null,
});
const finance = (unitId: string): Principal => ({
  id: `finance-${unitId}`,
  role: 'finance',
  unitId,
  squadId: null,
});
const clerk = (unitId: string): Principal => ({
  id: `clerk-${unitId}`,
  role: 'squad_clerk',
  unitId,
  squadId: 'chengqu',
});

async function all(backend: Backend, unitId: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const batch of backend.store.readAll()) out.push(...batch.filter((e) => e.unitId === unitId));
  return out;
}

async function openYear(backend: Backend, unitId: string, year: number): Promise<void> {
  await runCommand(
    backend.store,
    commandNamed('OpenFiscalYear')!,
    { unitId, year },
    { principal: finance(unitId), now: new Date() },
  );
}

/** Vouchers as accounting software exports them: codes with labels, amounts in every shape, one income line. */
const vouchers = (amount12: string) =>
  xlsxOf((ws) => {
    ws.mergeCells('A1:J1');
    ws.getCell('A1').value = '2020年支出明细账';
    putRows(ws, 2, [
      [
        '凭证日期',
        '凭证号',
        '摘要',
        '收款单位',
        '经济分类',
        '功能分类',
        '支出类型',
        '经费类型',
        '资金来源',
        '金额',
        '收支',
        '收入类型',
      ],
    ]);
    const rows: unknown[][] = [];
    for (let i = 0; i < 9; i += 1) {
      const amount = [1234.56, '1,234.56', '¥1,234.56', '0.3万'][i % 4];
      rows.push([
        utcDate(`2020-03-${String(i + 1).padStart(2, '0')}`),
        `记-${i + 3}`,
        '办公用品',
        '文具店',
        '30201 办公费',
        '2040201 行政运行',
        '基本支出',
        '公用',
        '本级财政拨款',
        amount,
      ]);
    }
    rows.push([
      '2020/3/20',
      '记-12',
      '购油',
      '加油站',
      '30231',
      '2040220',
      '基本',
      '公用经费',
      'LOCAL_FISCAL',
      amount12,
    ]);
    rows.push([
      '2020年3月21日',
      '收-1',
      '拨款',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      '本级财政拨款',
      '25.5万',
      '收入',
      '财政拨款',
    ]);
    putRows(ws, 3, rows as never[][]);
    putRows(ws, 14, [
      ['合计', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 123],
    ]);
  });

describe.each(testBackendKinds())('importing tallies, vouchers and budgets (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openTestBackend(kind);
  });
  afterAll(async () => backend?.close());
  const head = () => backend.store.headPosition();

  it('reads a wide tally sheet (one column per category) and a long one, with 2100余 as a lower bound', async () => {
    const wide = await xlsxOf((ws) =>
      putRows(ws, 1, [
        ['日期', '中队', '机动车注册登记', '驾驶证核发', '核查车辆', '备注'],
        [utcDate('2020-05-12'), 'chengqu', 31, 0, '2100余'],
        ['2020-05-13', 'chengqu', '1,024', 7],
        ['合计', undefined, 1055, 7],
      ]),
    );
    const report = await importSheet(backend.store, await loadWorkbook(wide), {
      kind: 'tallies',
      unitId: 't1',
      principal: office('t1'),
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ commands: 4, posted: 4, skipped: { totals: [4] } });
    expect(
      (await all(backend, 't1')).map((e) => [
        e.data.businessDate,
        e.data.category,
        e.data.count,
        e.data.qualifier,
      ]),
    ).toEqual([
      ['2020-05-12', 'VEHICLE_REGISTRATION', 31, 'EXACT'],
      ['2020-05-12', 'VEHICLES_SCREENED', 2100, 'AT_LEAST'],
      ['2020-05-13', 'VEHICLE_REGISTRATION', 1024, 'EXACT'],
      ['2020-05-13', 'LICENCE_ISSUED', 7, 'EXACT'],
    ]);

    const long = await xlsxOf((ws) =>
      putRows(ws, 1, [
        ['统计日期', '类别', '数量'],
        ['2020-06-16', '不戴头盔', 120],
        ['2020-06-16', '不戴头盔', 120],
        ['2020-06-16', 'tally.vehicle_registration', 37],
      ]),
    );
    // A clerk's own sheet has no squad column: the squad comes as a default.
    const first = await importSheet(backend.store, await loadWorkbook(long), {
      kind: 'tallies',
      unitId: 't2',
      principal: clerk('t2'),
      defaults: { squadId: 'chengqu' },
    });
    // Two equal rows are two records; importing the sheet again adds neither.
    expect(first).toMatchObject({ problems: [], posted: 3 });
    const before = await head();
    const again = await importSheet(backend.store, await loadWorkbook(long), {
      kind: 'tallies',
      unitId: 't2',
      principal: clerk('t2'),
      defaults: { squadId: 'chengqu' },
    });
    expect(again).toMatchObject({ posted: 0, alreadyImported: 3 });
    expect(await head()).toBe(before);
  });

  it('refuses a voucher sheet with a bad amount on row 12, naming row and column, and appends nothing', async () => {
    await openYear(backend, 'v1', 2020);
    const before = await head();
    const report = await importSheet(backend.store, await loadWorkbook(await vouchers('-100')), {
      kind: 'vouchers',
      unitId: 'v1',
      principal: finance('v1'),
    });
    expect(report.problems.map(formatProblem)).toEqual(['第12行 金额: 必须为正数']);
    expect(report.committed).toBe(false);
    expect(await head()).toBe(before);
  });

  it('posts expenditures and income from a voucher sheet, amounts exact in every shape; a re-import appends nothing', async () => {
    await openYear(backend, 'v2', 2020);
    const file = await vouchers('¥88.80');
    const report = await importSheet(backend.store, await loadWorkbook(file), {
      kind: 'vouchers',
      unitId: 'v2',
      principal: finance('v2'),
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ commands: 11, posted: 11, skipped: { totals: [14] } });
    const events = (await all(backend, 'v2')).filter((e) => e.type !== 'FiscalYearOpened');
    expect(events.map((e) => e.data.amountFen)).toEqual([
      123456, 123456, 123456, 300000, 123456, 123456, 123456, 300000, 123456, 8880, 25_500_000,
    ]);
    expect(events[0]!.data).toMatchObject({
      econCode: '30201',
      funcCode: '2040201',
      budgetKind: 'BASIC',
      basicSubKind: 'PUBLIC',
      fundSource: 'LOCAL_FISCAL',
      paidOn: '2020-03-01',
    });
    expect(events[10]).toMatchObject({
      type: 'IncomeReceived',
      data: { incomeType: 'FISCAL_GENERAL', receivedOn: '2020-03-21' },
    });
    const before = await head();
    const again = await importSheet(backend.store, await loadWorkbook(file), {
      kind: 'vouchers',
      unitId: 'v2',
      principal: finance('v2'),
    });
    expect(again).toMatchObject({ posted: 0, alreadyImported: 11, problems: [] });
    expect(await head()).toBe(before);
  });

  it("reports the decider's refusals on their rows: a voucher number used twice, a year not opened", async () => {
    await openYear(backend, 'v3', 2020);
    const file = await xlsxOf((ws) =>
      putRows(ws, 1, [
        [
          '日期',
          '凭证号',
          '摘要',
          '收款人',
          '经济分类',
          '功能分类',
          '支出类型',
          '经费类型',
          '资金来源',
          '金额',
        ],
        ['2020-04-01', '记-1', '办公', '店', '办公费', '2040201', '基本', '公用', 'LOCAL_FISCAL', 10],
        ['2020-04-02', '记-1', '办公', '店', '办公费', '2040201', '基本', '公用', 'LOCAL_FISCAL', 20],
        ['2021-01-05', '记-1', '办公', '店', '办公费', '2040201', '基本', '公用', 'LOCAL_FISCAL', 30],
        ['2020-04-03', '记-2', '办公', undefined, '办公费', '2040201', '基本', '公用', 'LOCAL_FISCAL', 30],
      ]),
    );
    const report = await importSheet(backend.store, await loadWorkbook(file), {
      kind: 'vouchers',
      unitId: 'v3',
      principal: finance('v3'),
    });
    expect(report.invalidRows).toEqual([3, 4, 5]);
    expect(report.problems.map(formatProblem)).toEqual([
      '第3行: 凭证号 记-1 本年度已使用',
      '第4行: 2021年度尚未开账',
      '第5行 收款人: 不能为空',
    ]);
  });

  it('posts correctly when someone else appends to the same year between the check and the post', async () => {
    await openYear(backend, 'v4', 2020);
    const expenditure = (voucherNo: string) => ({
      unitId: 'v4',
      year: 2020,
      paidOn: '2020-05-01',
      voucherNo,
      amountFen: 100,
      payee: '店',
      summary: '办公',
      budgetKind: 'BASIC',
      basicSubKind: 'PUBLIC',
      fundSource: 'LOCAL_FISCAL',
      econCode: '30201',
      funcCode: '2040201',
    });
    let interloped = false;
    const report = await importSheet(backend.store, await loadWorkbook(await vouchers('5')), {
      kind: 'vouchers',
      unitId: 'v4',
      principal: finance('v4'),
      onProgress: async (phase, done, total) => {
        if (phase !== 'check' || done !== total || interloped) return;
        interloped = true;
        await runCommand(backend.store, commandNamed('RecordExpenditure')!, expenditure('付-99'), {
          principal: finance('v4'),
          now: new Date(),
        });
      },
    });
    expect(interloped).toBe(true);
    expect(report).toMatchObject({ problems: [], posted: 11, committed: true });
    const vouchersPosted = (await all(backend, 'v4'))
      .filter((e) => e.type === 'ExpenditureRecorded' || e.type === 'IncomeReceived')
      .map((e) => e.data.voucherNo);
    expect(vouchersPosted).toHaveLength(12);
    expect(vouchersPosted).toContain('付-99');
  });

  it('turns a budget sheet into one ApproveBudget with a line per row', async () => {
    await openYear(backend, 'b1', 2020);
    const file = await xlsxOf((ws) =>
      putRows(ws, 1, [
        [
          '预算行号',
          '批复日期',
          '支出类型',
          '经费类型',
          '资金来源',
          '经济分类',
          '功能分类',
          '预算数（万元）',
        ],
        ['P-1', '2020-01-15', '基本支出', '人员经费', '本级财政拨款', '30101 基本工资', '2040201', 500],
        [
          'P-2',
          '2020-01-15',
          '基本支出',
          '公用经费',
          '本级财政拨款',
          '30231 公务用车运行维护费',
          '2040201',
          '39.45',
        ],
        ['小计', undefined, undefined, undefined, undefined, undefined, undefined, 539.45],
      ]),
    );
    const report = await importSheet(backend.store, await loadWorkbook(file), {
      kind: 'budget',
      unitId: 'b1',
      principal: finance('b1'),
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ commands: 1, posted: 1, skipped: { totals: [4] } });
    const [approved] = (await all(backend, 'b1')).filter((e) => e.type === 'BudgetApproved');
    expect(approved!.data).toMatchObject({
      year: 2020,
      approvedOn: '2020-01-15',
      lines: [
        expect.objectContaining({ lineId: 'P-1', econCode: '30101', amountFen: 500_000_000 }),
        expect.objectContaining({ lineId: 'P-2', econCode: '30231', amountFen: 39_450_000 }),
      ],
    });
  });
});
