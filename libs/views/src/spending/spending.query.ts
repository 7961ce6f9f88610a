import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import {
  BASIC_SUB_KIND_LABELS,
  BASIC_SUB_KINDS,
  BUDGET_KIND_LABELS,
  BUDGET_KINDS,
  econClassLabel,
  econClassOf,
  econItemLabel,
  FISCAL_APPROPRIATION_TYPES,
  FUNC_CODE_LABELS,
  FUND_SOURCE_LABELS,
  INCOME_TYPE_LABELS,
  INCOME_TYPES,
  type BasicSubKind,
  type BudgetKind,
  type IncomeType,
} from '@ledger/ledger/events';

import { percent, percentChange } from '../shared/decimal';
import { previousYearSamePeriod, type Period } from '../shared/periods';
import { unitAndDescendants } from '../shared/units';
import {
  budgetGroups,
  carryForwardGroups,
  expenditureGroups,
  incomeGroups,
  projectLabels,
  type BudgetGroup,
  type ExpenditureGroup,
  type IncomeGroup,
} from './spending.read';
import { money, type Money } from './year-end.math';

export interface SpendingParams extends Period {
  readonly unitId: string;
  readonly compareWith?: 'previous-year-same-period';
}

export class GetSpendingQuery {
  constructor(readonly params: SpendingParams) {}
}

/** An amount with its share of the whole it belongs to: 1 decimal, half away from zero, null when the whole is 0. */
export interface ShareRow extends Money {
  readonly key: string;
  readonly labelZh: string;
  readonly sharePct: string | null;
}

export interface ExecutionRow {
  readonly key: string;
  readonly labelZh: string;
  readonly budget: Money;
  readonly spent: Money;
  /** spent ÷ current budget, 1 decimal; null without a budget. */
  readonly executionRatePct: string | null;
}

export interface SpendingFigures {
  readonly period: Period;
  readonly income: {
    readonly total: Money;
    /** 财政拨款收入: the three appropriation types together. */
    readonly fiscalAppropriation: ShareRow;
    readonly bySource: readonly ShareRow[];
    readonly byFundSource: readonly ShareRow[];
  };
  readonly expenditure: {
    readonly total: Money;
    readonly byBudgetKind: readonly ShareRow[];
    /** 人员经费 / 公用经费, as shares of basic spending. */
    readonly basicBySubKind: readonly ShareRow[];
    /** Classes and their items, both as shares of total spending. */
    readonly byEconClass: readonly (ShareRow & { readonly items: readonly ShareRow[] })[];
    readonly byFuncCode: readonly ShareRow[];
    readonly byFundSource: readonly ShareRow[];
    /** Projects as shares of project spending. */
    readonly byProject: readonly (ShareRow & { readonly category: string | null })[];
  };
  readonly incomeLessExpenditure: Money;
  /** 年初结转和结余 of the fiscal years that begin inside the period. */
  readonly balanceBroughtForward: { readonly total: Money; readonly byFundSource: readonly ShareRow[] };
  readonly budget: {
    /** Whole-year budgets of every fiscal year the period touches, against the spending of the period. */
    readonly years: readonly number[];
    readonly approved: Money;
    readonly current: Money;
    /** (current − approved) ÷ approved: 预算调整率. */
    readonly adjustmentPct: string | null;
    readonly spent: Money;
    readonly executionRatePct: string | null;
    readonly byBudgetKind: readonly ExecutionRow[];
    readonly byProject: readonly ExecutionRow[];
  };
}

export interface SpendingChange {
  readonly key: string;
  readonly labelZh: string;
  readonly current: Money;
  readonly previous: Money;
  readonly changePct: string | null;
}

export interface SpendingResult extends SpendingFigures {
  readonly unitId: string;
  readonly units: readonly string[];
  readonly previous?: SpendingFigures;
  readonly changes?: readonly SpendingChange[];
}

const sum = (xs: Iterable<bigint>) => {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
};

function totalsBy<T>(rows: readonly T[], key: (r: T) => string | null, fen: (r: T) => bigint) {
  const out = new Map<string, bigint>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    out.set(k, (out.get(k) ?? 0n) + fen(r));
  }
  return out;
}

/** Rows in the given order first (listed even at zero), then any other key in code order. */
function shareRows(
  totals: ReadonlyMap<string, bigint>,
  whole: bigint,
  label: (key: string) => string,
  order: readonly string[] = [],
): ShareRow[] {
  const keys = [...order, ...[...totals.keys()].filter((k) => !order.includes(k)).sort()];
  return keys.map((key) => {
    const fen = totals.get(key) ?? 0n;
    return { key, labelZh: label(key), ...money(fen), sharePct: percent(fen, whole, 1) };
  });
}

const fundLabel = (k: string) => FUND_SOURCE_LABELS[k] ?? k;

function execution(key: string, labelZh: string, budget: bigint, spent: bigint): ExecutionRow {
  return {
    key,
    labelZh,
    budget: money(budget),
    spent: money(spent),
    executionRatePct: percent(spent, budget, 1),
  };
}

/** The figures of one period, from the rows the views hold for it. Pure: the queries only fetch. */
export function spendingFigures(
  period: Period,
  income: readonly IncomeGroup[],
  spending: readonly ExpenditureGroup[],
  budgets: readonly BudgetGroup[],
  carried: readonly { fundSource: string; fen: bigint }[],
  projects: ReadonlyMap<string, { name: string; category: string }>,
  years: readonly number[],
): SpendingFigures {
  const incomeTotal = sum(income.map((r) => r.fen));
  const byType = totalsBy(
    income,
    (r) => r.incomeType,
    (r) => r.fen,
  );
  const fiscal = sum(FISCAL_APPROPRIATION_TYPES.map((t) => byType.get(t) ?? 0n));

  const spent = sum(spending.map((r) => r.fen));
  const byKind = totalsBy(
    spending,
    (r) => r.budgetKind,
    (r) => r.fen,
  );
  const basic = byKind.get('BASIC') ?? 0n;
  const project = byKind.get('PROJECT') ?? 0n;
  const byClass = totalsBy(
    spending,
    (r) => econClassOf(r.econCode),
    (r) => r.fen,
  );
  const byProject = totalsBy(
    spending,
    (r) => r.projectId,
    (r) => r.fen,
  );

  const budgetByKind = totalsBy(
    budgets,
    (b) => b.budgetKind,
    (b) => b.currentFen,
  );
  const budgetByProject = totalsBy(
    budgets,
    (b) => b.projectId,
    (b) => b.currentFen,
  );
  const approved = sum(budgets.map((b) => b.approvedFen));
  const current = sum(budgets.map((b) => b.currentFen));
  const carriedTotal = sum(carried.map((c) => c.fen));
  const projectName = (id: string) => projects.get(id)?.name ?? id;

  return {
    period,
    income: {
      total: money(incomeTotal),
      fiscalAppropriation: {
        key: 'FISCAL',
        labelZh: '财政拨款收入',
        ...money(fiscal),
        sharePct: percent(fiscal, incomeTotal, 1),
      },
      // In the 决算 table's order; types with no income in the period are left out.
      bySource: shareRows(
        byType,
        incomeTotal,
        (k) => INCOME_TYPE_LABELS[k as IncomeType] ?? k,
        INCOME_TYPES,
      ).filter((r) => r.fen !== '0'),
      byFundSource: shareRows(
        totalsBy(
          income,
          (r) => r.fundSource,
          (r) => r.fen,
        ),
        incomeTotal,
        fundLabel,
      ),
    },
    expenditure: {
      total: money(spent),
      byBudgetKind: shareRows(byKind, spent, (k) => BUDGET_KIND_LABELS[k as BudgetKind] ?? k, BUDGET_KINDS),
      basicBySubKind: shareRows(
        totalsBy(
          spending,
          (r) => (r.budgetKind === 'BASIC' ? r.basicSubKind : null),
          (r) => r.fen,
        ),
        basic,
        (k) => BASIC_SUB_KIND_LABELS[k as BasicSubKind] ?? k,
        BASIC_SUB_KINDS,
      ),
      byEconClass: shareRows(byClass, spent, econClassLabel).map((c) => ({
        ...c,
        items: shareRows(
          totalsBy(
            spending,
            (r) => (econClassOf(r.econCode) === c.key ? r.econCode : null),
            (r) => r.fen,
          ),
          spent,
          econItemLabel,
        ),
      })),
      byFuncCode: shareRows(
        totalsBy(
          spending,
          (r) => r.funcCode,
          (r) => r.fen,
        ),
        spent,
        (k) => FUNC_CODE_LABELS[k] ?? k,
      ),
      byFundSource: shareRows(
        totalsBy(
          spending,
          (r) => r.fundSource,
          (r) => r.fen,
        ),
        spent,
        fundLabel,
      ),
      byProject: shareRows(byProject, project, projectName).map((p) => ({
        ...p,
        category: projects.get(p.key)?.category ?? null,
      })),
    },
    incomeLessExpenditure: money(incomeTotal - spent),
    balanceBroughtForward: {
      total: money(carriedTotal),
      byFundSource: shareRows(
        totalsBy(
          carried,
          (c) => c.fundSource,
          (c) => c.fen,
        ),
        carriedTotal,
        fundLabel,
      ),
    },
    budget: {
      years,
      approved: money(approved),
      current: money(current),
      adjustmentPct: percentChange(current, approved, 1),
      spent: money(spent),
      executionRatePct: percent(spent, current, 1),
      byBudgetKind: BUDGET_KINDS.map((k) =>
        execution(k, BUDGET_KIND_LABELS[k], budgetByKind.get(k) ?? 0n, k === 'BASIC' ? basic : project),
      ),
      byProject: [...new Set([...budgetByProject.keys(), ...byProject.keys()])]
        .sort()
        .map((id) => execution(id, projectName(id), budgetByProject.get(id) ?? 0n, byProject.get(id) ?? 0n)),
    },
  };
}

/** Every figure of a period under a stable key, for comparing two periods. */
function flatten(f: SpendingFigures): Map<string, { labelZh: string; fen: bigint }> {
  const out = new Map<string, { labelZh: string; fen: bigint }>();
  const put = (key: string, labelZh: string, fen: string) => out.set(key, { labelZh, fen: BigInt(fen) });
  put('income.total', '总收入', f.income.total.fen);
  put('income.fiscal', f.income.fiscalAppropriation.labelZh, f.income.fiscalAppropriation.fen);
  for (const r of f.income.bySource) put(`income.source.${r.key}`, r.labelZh, r.fen);
  put('expenditure.total', '总支出', f.expenditure.total.fen);
  for (const r of f.expenditure.byBudgetKind) put(`expenditure.kind.${r.key}`, r.labelZh, r.fen);
  for (const r of f.expenditure.byEconClass) put(`expenditure.class.${r.key}`, r.labelZh, r.fen);
  for (const r of f.expenditure.byFundSource) put(`expenditure.fund.${r.key}`, r.labelZh, r.fen);
  for (const r of f.expenditure.byProject) put(`expenditure.project.${r.key}`, r.labelZh, r.fen);
  return out;
}

export function compareFigures(current: SpendingFigures, previous: SpendingFigures): SpendingChange[] {
  const cur = flatten(current);
  const prev = flatten(previous);
  const keys = [...cur.keys(), ...[...prev.keys()].filter((k) => !cur.has(k))];
  return keys.map((key) => {
    const c = cur.get(key)?.fen ?? 0n;
    const p = prev.get(key)?.fen ?? 0n;
    return {
      key,
      labelZh: cur.get(key)?.labelZh ?? prev.get(key)?.labelZh ?? key,
      current: money(c),
      previous: money(p),
      changePct: percentChange(c, p, 1),
    };
  });
}

const yearsOf = (p: Period) => {
  const out: number[] = [];
  for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y += 1) out.push(y);
  return out;
};

async function figuresFor(
  db: DataSource,
  units: readonly string[],
  period: Period,
): Promise<SpendingFigures> {
  const years = yearsOf(period);
  const first = years[0]!;
  const last = years[years.length - 1]!;
  // Carry-forwards belong to 1 January: only years that begin inside the period bring one in.
  const firstStarting = period.from.slice(5) === '01-01' ? first : first + 1;
  const [income, spending, budgets, carried, projects] = await Promise.all([
    incomeGroups(db, units, period.from, period.to),
    expenditureGroups(db, units, period.from, period.to),
    budgetGroups(db, units, first, last),
    firstStarting <= last ? carryForwardGroups(db, units, firstStarting, last) : Promise.resolve([]),
    projectLabels(db, units),
  ]);
  return spendingFigures(period, income, spending, budgets, carried, projects, years);
}

/**
 * Income and spending of any date range by every classification, with shares, budget execution and optionally
 * the same period a year earlier. Reversals and reclassifications are already on their vouchers' days.
 */
@QueryHandler(GetSpendingQuery)
export class GetSpendingHandler implements IQueryHandler<GetSpendingQuery, SpendingResult> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetSpendingQuery): Promise<SpendingResult> {
    const units = await unitAndDescendants(this.db, params.unitId);
    const period = { from: params.from, to: params.to };
    const figures = await figuresFor(this.db, units, period);
    const result: SpendingResult = { unitId: params.unitId, units, ...figures };
    if (params.compareWith !== 'previous-year-same-period') return result;
    const previous = await figuresFor(this.db, units, previousYearSamePeriod(period));
    return { ...result, previous, changes: compareFigures(figures, previous) };
  }
}
