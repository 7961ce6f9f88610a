import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import { percent } from '../shared/decimal';
import { unitAndDescendants } from '../shared/units';
import {
  budgetGroups,
  fiscalYearsOf,
  monthlyHistory,
  totalBetween,
  type FiscalYearStatus,
} from './spending.read';
import {
  dayOfYear,
  daysInYear,
  money,
  projectYearEnd,
  type MethodName,
  type Money,
  type YearEndProjection,
  type YearHistory,
} from './year-end.math';

export class GetYearEndProjectionQuery {
  constructor(readonly params: { readonly unitId: string; readonly year: number; readonly asOf: string }) {}
}

export interface YearEndResult {
  readonly unitId: string;
  readonly units: readonly string[];
  readonly year: number;
  readonly asOf: string;
  readonly daysElapsed: number;
  readonly daysInYear: number;
  /** The earlier fiscal years the ledger holds: the backtests and the seasonal profile come from these. */
  readonly earlierYears: readonly { readonly year: number; readonly closed: boolean }[];
  /** A plain statement when there is nothing to backtest against. */
  readonly note: string | null;
  readonly expenditure: YearEndProjection & {
    readonly budget: Money | null;
    /** Projected spending ÷ the year's current budget, per method, 1 decimal. */
    readonly projectedExecution: readonly { readonly method: MethodName; readonly pct: string | null }[];
  };
  readonly income: YearEndProjection;
  readonly caveats: readonly string[];
}

type Table = 'spending_expenditure_days' | 'spending_income_days';

async function historyOf(
  db: DataSource,
  table: Table,
  units: readonly string[],
  earlier: readonly FiscalYearStatus[],
  year: number,
  asOf: string,
): Promise<YearHistory[]> {
  if (earlier.length === 0) return [];
  const rows = await monthlyHistory(
    db,
    table,
    units,
    `${earlier[0]!.year}-01-01`,
    `${year - 1}-12-31`,
    asOf.slice(5),
  );
  return earlier.map((y) => {
    const monthly = Array.from({ length: 12 }, () => 0n);
    let toSameDay = 0n;
    for (const r of rows.filter((x) => x.year === y.year)) {
      monthly[r.month - 1] = r.fen;
      toSameDay += r.toSameDayFen;
    }
    return { year: y.year, monthly, total: monthly.reduce((a, b) => a + b, 0n), toSameDay, closed: y.closed };
  });
}

/**
 * Year-end spending and income projected from year-to-date by several methods, each backtested on the earlier
 * years the ledger holds, from the same as-of day of each.
 */
@QueryHandler(GetYearEndProjectionQuery)
export class GetYearEndProjectionHandler implements IQueryHandler<GetYearEndProjectionQuery, YearEndResult> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetYearEndProjectionQuery): Promise<YearEndResult> {
    const { year, asOf } = params;
    const units = await unitAndDescendants(this.db, params.unitId);
    const earlier = (await fiscalYearsOf(this.db, units)).filter((y) => y.year < year);
    const start = `${year}-01-01`;
    const [spentToDate, incomeToDate, spentHistory, incomeHistory, budgets] = await Promise.all([
      totalBetween(this.db, 'spending_expenditure_days', units, start, asOf),
      totalBetween(this.db, 'spending_income_days', units, start, asOf),
      historyOf(this.db, 'spending_expenditure_days', units, earlier, year, asOf),
      historyOf(this.db, 'spending_income_days', units, earlier, year, asOf),
      budgetGroups(this.db, units, year, year),
    ]);
    const expenditure = projectYearEnd({ year, asOf, yearToDate: spentToDate, history: spentHistory });
    const income = projectYearEnd({ year, asOf, yearToDate: incomeToDate, history: incomeHistory });
    const budget = budgets.length === 0 ? null : budgets.reduce((s, b) => s + b.currentFen, 0n);

    return {
      unitId: params.unitId,
      units,
      year,
      asOf,
      daysElapsed: dayOfYear(asOf),
      daysInYear: daysInYear(year),
      earlierYears: earlier.map((y) => ({ year: y.year, closed: y.closed })),
      note:
        earlier.length === 0
          ? `账内没有早于${year}年的年度：只能按日均进度外推，任何方法都无法回测，误差未知 (the ledger holds no year before ${year}: only the run rate can project, nothing can be backtested, the error is unknown)`
          : null,
      expenditure: {
        ...expenditure,
        budget: budget === null ? null : money(budget),
        projectedExecution: expenditure.methods.map((m) => ({
          method: m.method,
          pct: budget === null || m.projected === null ? null : percent(BigInt(m.projected.fen), budget, 1),
        })),
      },
      income,
      caveats: [
        '按业务日期截取：在截止日之后登记、但日期在截止日及以前的凭证也计入 (cut by business date: vouchers posted later but dated on or before the as-of day count)',
        '回测只用当时已知的数据：各年同一截止日的累计数，月度分布只取更早的年度 (backtests use only what was known then)',
      ],
    };
  }
}
