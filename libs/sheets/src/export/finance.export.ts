import { Workbook } from 'exceljs';

import type { Money, SpendingResult, ThreePublicResult, YearEndResult } from '@ledger/views';

import { addTableSheet, type SheetColumn, type SheetRowValues } from './table-sheet';

type ShareRow = SpendingResult['income']['bySource'][number];
type ExecutionRow = SpendingResult['budget']['byBudgetKind'][number];
type Projection = YearEndResult['income'];

const wan = (m: Money | null | undefined) => m?.wanYuan ?? null;

const SHARE_COLUMNS: readonly SheetColumn[] = [
  { key: 'key', header: '代码', format: 'text', width: 16 },
  { key: 'label', header: '项目', format: 'text', width: 30 },
  { key: 'amount', header: '金额(万元)', format: 'wan' },
  { key: 'share', header: '占比(%)', format: 'percent' },
];

const shareRow = (r: ShareRow, label = r.labelZh): SheetRowValues => ({
  key: r.key,
  label,
  amount: r.wanYuan,
  share: r.sharePct,
});

const EXECUTION_COLUMNS: readonly SheetColumn[] = [
  { key: 'key', header: '代码', format: 'text', width: 16 },
  { key: 'label', header: '项目', format: 'text', width: 30 },
  { key: 'budget', header: '预算(万元)', format: 'wan' },
  { key: 'spent', header: '支出(万元)', format: 'wan' },
  { key: 'rate', header: '执行率(%)', format: 'percent' },
];

const executionRow = (r: ExecutionRow): SheetRowValues => ({
  key: r.key,
  label: r.labelZh,
  budget: wan(r.budget),
  spent: wan(r.spent),
  rate: r.executionRatePct,
});

/** GET …/views/spending?format=xlsx and `export-sheet --view spending`: one sheet per breakdown of the result. */
export function spendingWorkbook(result: SpendingResult): Workbook {
  const wb = new Workbook();
  const units =
    result.units.length > 1 ? `（含 ${result.units.filter((u) => u !== result.unitId).join('、')}）` : '';
  const sub = `单位 ${result.unitId}${units}\u3000${result.period.from} 至 ${result.period.to}\u3000金额单位: 万元`;
  const { income, expenditure, budget } = result;

  addTableSheet(wb, '概况', '收支概况', sub, SHARE_COLUMNS, [
    shareRow({ ...income.fiscalAppropriation }, '财政拨款收入'),
    { key: 'income.total', label: '总收入', amount: income.total.wanYuan, share: null },
    { key: 'expenditure.total', label: '总支出', amount: expenditure.total.wanYuan, share: null },
    { key: 'balance', label: '收支差额', amount: result.incomeLessExpenditure.wanYuan, share: null },
    {
      key: 'brought-forward',
      label: '年初结转和结余',
      amount: result.balanceBroughtForward.total.wanYuan,
      share: null,
    },
  ]);
  addTableSheet(wb, '收入按来源', '收入按来源', sub, SHARE_COLUMNS, [
    ...income.bySource.map((r) => shareRow(r)),
    { key: 'total', label: '合计', amount: income.total.wanYuan, share: null },
  ]);
  addTableSheet(
    wb,
    '收入按资金来源',
    '收入按资金来源',
    sub,
    SHARE_COLUMNS,
    income.byFundSource.map((r) => shareRow(r)),
  );
  addTableSheet(wb, '支出按性质', '支出按基本/项目', sub, SHARE_COLUMNS, [
    ...expenditure.byBudgetKind.map((r) => shareRow(r)),
    ...expenditure.basicBySubKind.map((r) => shareRow(r, `\u3000其中 基本支出: ${r.labelZh}（占基本支出）`)),
  ]);
  addTableSheet(
    wb,
    '支出按经济分类',
    '支出按部门预算支出经济分类（类、款）',
    sub,
    SHARE_COLUMNS,
    expenditure.byEconClass.flatMap((c) => [
      shareRow(c),
      ...c.items.map((i) => shareRow(i, `\u3000${i.labelZh}`)),
    ]),
  );
  addTableSheet(
    wb,
    '支出按功能分类',
    '支出按支出功能分类（项）',
    sub,
    SHARE_COLUMNS,
    expenditure.byFuncCode.map((r) => shareRow(r)),
  );
  addTableSheet(
    wb,
    '支出按资金来源',
    '支出按资金来源',
    sub,
    SHARE_COLUMNS,
    expenditure.byFundSource.map((r) => shareRow(r)),
  );
  addTableSheet(
    wb,
    '项目支出',
    '项目支出（占项目支出）',
    sub,
    [
      ...SHARE_COLUMNS.slice(0, 2),
      { key: 'category', header: '类别', format: 'text' },
      ...SHARE_COLUMNS.slice(2),
    ],
    expenditure.byProject.map((r) => ({ ...shareRow(r), category: r.category })),
  );
  addTableSheet(
    wb,
    '预算执行',
    `预算执行（${budget.years.join('、')}年度）`,
    `${sub}\u3000年初预算 ${budget.approved.wanYuan}，调整后预算 ${budget.current.wanYuan}，预算调整率 ${budget.adjustmentPct ?? '—'}%`,
    EXECUTION_COLUMNS,
    [
      ...budget.byBudgetKind.map(executionRow),
      ...budget.byProject.map(executionRow),
      {
        key: 'total',
        label: '合计',
        budget: budget.current.wanYuan,
        spent: budget.spent.wanYuan,
        rate: budget.executionRatePct,
      },
    ],
  );
  if (result.changes && result.previous) {
    addTableSheet(
      wb,
      '同比',
      '与上年同期比较',
      `${sub}；上年同期 ${result.previous.period.from} 至 ${result.previous.period.to}`,
      [
        { key: 'key', header: '代码', format: 'text', width: 30 },
        { key: 'label', header: '项目', format: 'text', width: 30 },
        { key: 'current', header: '本期(万元)', format: 'wan' },
        { key: 'previous', header: '上年同期(万元)', format: 'wan' },
        { key: 'change', header: '同比(%)', format: 'percent' },
      ],
      result.changes.map((c) => ({
        key: c.key,
        label: c.labelZh,
        current: c.current.wanYuan,
        previous: c.previous.wanYuan,
        change: c.changePct,
      })),
    );
  }
  return wb;
}

/** GET …/views/three-public?format=xlsx and `export-sheet --view three-public`. */
export function threePublicWorkbook(result: ThreePublicResult): Workbook {
  const wb = new Workbook();
  const sub = `单位 ${result.unitId}\u3000${result.year}年度\u3000金额单位: 万元${result.budgetAdjusted ? '\u3000预算已调整' : ''}`;
  const lines = [...result.categories, result.vehicle, result.total];
  addTableSheet(
    wb,
    '三公经费',
    `${result.year}年"三公"经费`,
    sub,
    [
      { key: 'label', header: '项目', format: 'text', width: 26 },
      { key: 'codes', header: '经济分类', format: 'text', width: 16 },
      { key: 'actual', header: '本年支出(万元)', format: 'wan' },
      { key: 'budget', header: '预算(万元)', format: 'wan' },
      { key: 'prior', header: '上年支出(万元)', format: 'wan' },
      { key: 'change', header: '同比(%)', format: 'percent' },
      { key: 'control', header: '控制率(%)', format: 'percent' },
      { key: 'below', header: '低于预算(%)', format: 'percent' },
    ],
    lines.map((l) => ({
      label: l.labelZh,
      codes: l.econCodes.join('、'),
      actual: wan(l.actual),
      budget: wan(l.budget),
      prior: wan(l.priorYearActual),
      change: l.changePct,
      control: l.controlRatePct,
      below: l.belowBudgetPct,
    })),
  );
  addNotes(wb, result.notes);
  return wb;
}

function addNotes(wb: Workbook, notes: readonly string[]): void {
  if (notes.length === 0) return;
  addTableSheet(
    wb,
    '说明',
    '说明',
    '',
    [{ key: 'note', header: '说明', format: 'text', width: 120 }],
    notes.map((note) => ({ note })),
  );
}

function projectionSheets(wb: Workbook, name: string, title: string, sub: string, p: Projection): void {
  addTableSheet(
    wb,
    name,
    title,
    `${sub}\u3000本年截至当日 ${p.yearToDate.wanYuan} 万元\u3000${p.preferred ? `回测误差最小: ${p.preferred}` : '无可回测的方法'}`,
    [
      { key: 'method', header: '方法', format: 'text', width: 22 },
      { key: 'label', header: '方法说明', format: 'text', width: 26 },
      { key: 'projected', header: '预测全年(万元)', format: 'wan' },
      { key: 'low', header: '区间下限(万元)', format: 'wan' },
      { key: 'high', header: '区间上限(万元)', format: 'wan' },
      { key: 'mape', header: '回测平均误差(%)', format: 'percent' },
      { key: 'max', header: '回测最大误差(%)', format: 'percent' },
      { key: 'n', header: '回测年数', format: 'integer' },
      { key: 'note', header: '备注', format: 'text', width: 40 },
    ],
    p.methods.map((m) => ({
      method: m.method,
      label: m.labelZh,
      projected: wan(m.projected),
      low: wan(m.range?.low),
      high: wan(m.range?.high),
      mape: m.backtest.mapePct,
      max: m.backtest.maxAbsPctError,
      n: String(m.backtest.n),
      note: [m.note, m.backtest.note].filter((x) => x).join('；') || null,
    })),
  );
}

/** GET …/views/year-end?format=xlsx and `export-sheet --view year-end`: each method, its range, its backtest. */
export function yearEndWorkbook(result: YearEndResult): Workbook {
  const wb = new Workbook();
  const sub = `单位 ${result.unitId}\u3000${result.year}年度，截至 ${result.asOf}（第 ${result.daysElapsed}/${result.daysInYear} 天）`;
  projectionSheets(
    wb,
    '支出预测',
    `${result.year}年全年支出预测`,
    `${sub}\u3000预算 ${result.expenditure.budget?.wanYuan ?? '—'} 万元`,
    result.expenditure,
  );
  projectionSheets(wb, '收入预测', `${result.year}年全年收入预测`, sub, result.income);
  const points = (side: string, p: Projection): SheetRowValues[] =>
    p.methods.flatMap((m) =>
      m.backtest.points.map((pt) => ({
        side,
        method: m.method,
        year: String(pt.year),
        asOf: pt.asOf,
        ytd: pt.yearToDate.wanYuan,
        projected: wan(pt.projected),
        actual: pt.actual.wanYuan,
        error: pt.absPctError,
        note: pt.note ?? (pt.closed ? null : '该年度未结账'),
      })),
    );
  addTableSheet(
    wb,
    '回测',
    '回测：用往年同一截止日的数据预测，与该年实际比较',
    sub,
    [
      { key: 'side', header: '收/支', format: 'text', width: 8 },
      { key: 'method', header: '方法', format: 'text', width: 22 },
      { key: 'year', header: '年度', format: 'text', width: 8 },
      { key: 'asOf', header: '截止日', format: 'text', width: 12 },
      { key: 'ytd', header: '截止日累计(万元)', format: 'wan' },
      { key: 'projected', header: '预测(万元)', format: 'wan' },
      { key: 'actual', header: '实际(万元)', format: 'wan' },
      { key: 'error', header: '误差(%)', format: 'percent' },
      { key: 'note', header: '备注', format: 'text', width: 30 },
    ],
    [...points('支出', result.expenditure), ...points('收入', result.income)],
  );
  addNotes(wb, [...(result.note ? [result.note] : []), ...result.caveats]);
  return wb;
}
