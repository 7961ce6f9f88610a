import { apportion, Prng } from '../prng';
import {
  SEED_FINANCE_2019,
  SEED_FINANCE_2020,
  SEED_PROJECTS,
  SEED_UNIT,
  type SpendingBucket,
} from '../seed-brigade';
import { DEMO_PRINCIPALS, type DemoRecord } from './demo-record';

type FinanceSeed = typeof SEED_FINANCE_2019 | typeof SEED_FINANCE_2020;

const unitId = SEED_UNIT.unitId;
const finance = DEMO_PRINCIPALS.finance;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A working day in the month: the 5th–25th, never a weekend, the same every run. */
function payday(year: number, month: number, rng: Prng): string {
  for (;;) {
    const day = rng.int(5, 25);
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) return `${year}-${pad(month)}-${pad(day)}`;
  }
}

interface Voucher {
  paidOn: string;
  bucket: SpendingBucket;
  econCode: string;
  amountFen: number;
}

function vouchersOf(seed: FinanceSeed, rng: Prng): Voucher[] {
  const out: Voucher[] = [];
  for (const bucket of seed.buckets) {
    for (const [econCode, total] of Object.entries(bucket.items)) {
      // December carries the year-end rush; personnel pays evenly.
      const weights = bucket.months.map((m) =>
        bucket.basicSubKind === 'PERSONNEL' ? 1 : m === 12 ? 2 : 0.8 + rng.next() * 0.4,
      );
      const amounts = apportion(total, weights);
      bucket.months.forEach((m, i) => {
        if (amounts[i]! > 0)
          out.push({ paidOn: payday(seed.year, m, rng), bucket, econCode, amountFen: amounts[i]! });
      });
    }
  }
  return out.sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
}

const linesOf = (seed: FinanceSeed, amounts: Readonly<Record<string, number>>) =>
  Object.entries(amounts).map(([lineId, amountFen]) => {
    const bucket =
      seed.buckets.find((b) => b.budgetLineId === lineId) ??
      SEED_FINANCE_2020.buckets.find((b) => b.budgetLineId === lineId)!;
    const econCode = Object.keys(bucket.items)[0]!;
    return {
      lineId,
      budgetKind: bucket.budgetKind,
      basicSubKind: bucket.basicSubKind,
      projectId: bucket.projectId,
      fundSource: SEED_PROJECTS.find((p) => p.projectId === bucket.projectId)?.fundSource ?? 'LOCAL_FISCAL',
      econCode,
      funcCode: bucket.funcCode,
      amountFen,
    };
  });

function yearRecords(seed: FinanceSeed, closeOn: string): DemoRecord[] {
  const year = seed.year;
  const rng = new Prng(year * 7);
  const records: DemoRecord[] = [
    { command: 'OpenFiscalYear', as: finance, input: { unitId, year }, key: `fy-open:${year}` },
    {
      command: 'ApproveBudget',
      as: finance,
      input: { unitId, year, approvedOn: `${year}-01-15`, lines: linesOf(seed, seed.budgetApproved) },
      key: `budget:${year}`,
    },
    {
      command: 'SetThreePublicBudget',
      as: finance,
      input: { unitId, year, setOn: `${year}-01-15`, ...seed.threePublicBudget },
      key: `three-public-budget:${year}`,
    },
  ];
  if (Object.keys(seed.budgetAdjusted).length > 0) {
    records.push({
      command: 'AdjustBudget',
      as: finance,
      input: {
        unitId,
        year,
        approvedOn: `${year}-09-28`,
        reason: '年中预算调整：新增疫情防控经费，追加办案经费',
        lines: linesOf(seed, seed.budgetAdjusted),
      },
      key: `budget-adjust:${year}`,
    });
  }
  if (seed.balanceBroughtForward > 0) {
    records.push({
      command: 'CarryForwardBalance',
      as: finance,
      input: { unitId, year, amountFen: seed.balanceBroughtForward, fundSource: 'LOCAL_FISCAL' },
      key: `carry-forward:${year}`,
    });
  }

  const dated: { on: string; record: Omit<DemoRecord, 'key'> & { keyBase: string } }[] = [];
  let n = 0;
  const voucherNo = () => `${year}-记-${pad(++n, 4)}`;
  for (const line of seed.income) {
    const months = Array.from({ length: line.receipts }, (_, i) =>
      Math.round(((i + 1) * 12) / line.receipts),
    );
    const amounts = apportion(
      line.fen,
      months.map(() => 1),
    );
    months.forEach((m, i) =>
      dated.push({
        on: payday(year, m, rng),
        record: {
          command: 'RecordIncome',
          as: finance,
          input: {
            unitId,
            year,
            incomeType: line.incomeType,
            fundSource: line.fundSource,
            amountFen: amounts[i]!,
          },
          keyBase: `income:${year}:${line.incomeType}:${i}`,
        },
      }),
    );
  }
  for (const [i, v] of vouchersOf(seed, rng).entries()) {
    const fundSource =
      SEED_PROJECTS.find((p) => p.projectId === v.bucket.projectId)?.fundSource ?? 'LOCAL_FISCAL';
    dated.push({
      on: v.paidOn,
      record: {
        command: 'RecordExpenditure',
        as: finance,
        input: {
          unitId,
          year,
          budgetKind: v.bucket.budgetKind,
          basicSubKind: v.bucket.basicSubKind,
          projectId: v.bucket.projectId,
          fundSource,
          econCode: v.econCode,
          funcCode: v.bucket.funcCode,
          amountFen: v.amountFen,
          payee: v.bucket.payee,
          summary: `${v.bucket.payee} ${v.paidOn.slice(5, 7)}月`,
        },
        keyBase: `expenditure:${year}:${i}`,
      },
    });
  }
  dated.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (const { on, record } of dated) {
    const { keyBase, ...rest } = record;
    const dateField = record.command === 'RecordIncome' ? 'receivedOn' : 'paidOn';
    records.push({
      ...rest,
      input: { ...rest.input, [dateField]: on, voucherNo: voucherNo() },
      key: keyBase,
    });
  }

  // Corrections as a finance office makes them: a voucher posted twice and reversed, one posted under the wrong item.
  const march = `${year}-03-18`;
  const duplicate = `${year}-记-D001`;
  records.push(
    {
      command: 'RecordExpenditure',
      as: finance,
      input: {
        unitId,
        year,
        paidOn: march,
        voucherNo: duplicate,
        amountFen: 1_250_000,
        budgetKind: 'BASIC',
        basicSubKind: 'PUBLIC',
        projectId: null,
        fundSource: 'LOCAL_FISCAL',
        econCode: '30201',
        funcCode: '2040201',
        payee: '供应商',
        summary: '办公用品（重复录入）',
      },
      key: `expenditure:${year}:duplicate`,
    },
    {
      command: 'ReverseExpenditure',
      as: finance,
      input: {
        unitId,
        year,
        originalVoucherNo: duplicate,
        amountFen: 1_250_000,
        reason: '凭证重复录入，全额冲销',
        reversedOn: `${year}-03-25`,
      },
      key: `reversal:${year}:duplicate`,
    },
  );
  const misfiled = records.find(
    (r) => r.command === 'RecordExpenditure' && (r.input as { econCode: string }).econCode === '30201',
  ) as DemoRecord & { input: { voucherNo: string; econCode: string } };
  if (misfiled) {
    misfiled.input.econCode = '30202'; // keyed in as 印刷费, then corrected:
    records.push({
      command: 'ReclassifyExpenditure',
      as: finance,
      input: {
        unitId,
        year,
        voucherNo: misfiled.input.voucherNo,
        reason: '科目录入错误，印刷费更正为办公费',
        reclassifiedOn: `${year}-04-10`,
        to: {
          budgetKind: 'BASIC',
          basicSubKind: 'PUBLIC',
          projectId: null,
          fundSource: 'LOCAL_FISCAL',
          econCode: '30201',
          funcCode: '2040201',
        },
      },
      key: `reclassify:${year}:misfiled`,
    });
  }
  records.push({
    command: 'CloseFiscalYear',
    as: finance,
    input: { unitId, year, closedOn: closeOn },
    key: `fy-close:${year}`,
  });
  return records;
}

export function financeRecords(): DemoRecord[] {
  return [
    ...SEED_PROJECTS.map((p) => ({
      command: 'RegisterProject',
      as: finance,
      input: { unitId, projectId: p.projectId, name: p.name, category: p.category },
      key: `project:${p.projectId}`,
    })),
    ...yearRecords(SEED_FINANCE_2019, '2020-01-20'),
    ...yearRecords(SEED_FINANCE_2020, '2021-01-25'),
  ];
}
