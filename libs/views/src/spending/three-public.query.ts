import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import { THREE_PUBLIC_CATEGORIES, type ThreePublicKey } from '@ledger/ledger/events';

import { percent, percentChange } from '../shared/decimal';
import { unitAndDescendants } from '../shared/units';
import { fiscalYearsOf, spendingByEconCode } from './spending.read';
import { money, type Money } from './year-end.math';

export class GetThreePublicQuery {
  constructor(readonly params: { readonly unitId: string; readonly year: number }) {}
}

/** Percentages here carry 2 decimals (the 决算 prints 三公 control rates to 0.01%), half away from zero. */
export interface ThreePublicLine {
  readonly key: ThreePublicKey | 'vehicle' | 'total';
  readonly labelZh: string;
  readonly econCodes: readonly string[];
  readonly actual: Money;
  /** The year's 三公 budget for this category as it now stands; null when none was set. */
  readonly budget: Money | null;
  /** Last year's actual from the ledger; null when the ledger does not hold last year. */
  readonly priorYearActual: Money | null;
  /** (actual − prior) ÷ prior. */
  readonly changePct: string | null;
  /** 三公经费控制率 = actual ÷ budget. */
  readonly controlRatePct: string | null;
  /** (budget − actual) ÷ budget: how far below budget the year stayed. */
  readonly belowBudgetPct: string | null;
}

export interface ThreePublicResult {
  readonly unitId: string;
  readonly units: readonly string[];
  readonly year: number;
  readonly budgetSet: boolean;
  readonly budgetAdjusted: boolean;
  /** The budget total as first set, before adjustments (for 三公变动率 on budgets). */
  readonly initialBudgetTotal: Money | null;
  readonly priorYearInLedger: boolean;
  readonly categories: readonly ThreePublicLine[];
  /** 公务用车购置及运行维护费 = purchase + operation. */
  readonly vehicle: ThreePublicLine;
  readonly total: ThreePublicLine;
  readonly notes: readonly string[];
}

const BUDGET_COLUMN: Record<ThreePublicKey, string> = {
  overseas: 'overseas_fen',
  vehiclePurchase: 'vehicle_purchase_fen',
  vehicleOperation: 'vehicle_operation_fen',
  reception: 'reception_fen',
};

const ALL_CODES = THREE_PUBLIC_CATEGORIES.flatMap((c) => c.econCodes);

function line(
  key: ThreePublicLine['key'],
  labelZh: string,
  econCodes: readonly string[],
  actual: bigint,
  budget: bigint | null,
  prior: bigint | null,
): ThreePublicLine {
  return {
    key,
    labelZh,
    econCodes,
    actual: money(actual),
    budget: budget === null ? null : money(budget),
    priorYearActual: prior === null ? null : money(prior),
    changePct: prior === null ? null : percentChange(actual, prior, 2),
    controlRatePct: budget === null ? null : percent(actual, budget, 2),
    belowBudgetPct: budget === null ? null : percent(budget - actual, budget, 2),
  };
}

/**
 * 三公经费 of a fiscal year, derived from economic codes across basic and project spending alike, against the
 * year's 三公 budget and last year's actual.
 */
@QueryHandler(GetThreePublicQuery)
export class GetThreePublicHandler implements IQueryHandler<GetThreePublicQuery, ThreePublicResult> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetThreePublicQuery): Promise<ThreePublicResult> {
    const { year } = params;
    const units = await unitAndDescendants(this.db, params.unitId);
    const years = await fiscalYearsOf(this.db, units);
    const priorInLedger = years.some((y) => y.year === year - 1);
    const [actual, prior, budgetRows] = await Promise.all([
      spendingByEconCode(this.db, units, ALL_CODES, `${year}-01-01`, `${year}-12-31`),
      priorInLedger
        ? spendingByEconCode(this.db, units, ALL_CODES, `${year - 1}-01-01`, `${year - 1}-12-31`)
        : Promise.resolve(null),
      this.db.query(
        `SELECT SUM(overseas_fen)::text AS overseas_fen, SUM(vehicle_purchase_fen)::text AS vehicle_purchase_fen,
                SUM(vehicle_operation_fen)::text AS vehicle_operation_fen, SUM(reception_fen)::text AS reception_fen,
                SUM(initial_total_fen)::text AS initial_total_fen, count(*)::int AS n,
                bool_or(adjusted_on IS NOT NULL) AS adjusted
           FROM spending_three_public_budgets
          WHERE unit_id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND year = $2`,
        [JSON.stringify(units), year],
      ) as Promise<Record<string, string | number | boolean | null>[]>,
    ]);
    const budgetRow = budgetRows[0];
    const budgetSet = Number(budgetRow?.n ?? 0) > 0;
    const of = (codes: readonly string[], m: ReadonlyMap<string, bigint>) =>
      codes.reduce((s, c) => s + (m.get(c) ?? 0n), 0n);

    const categories = THREE_PUBLIC_CATEGORIES.map((c) =>
      line(
        c.key,
        c.labelZh,
        c.econCodes,
        of(c.econCodes, actual),
        budgetSet ? BigInt(String(budgetRow![BUDGET_COLUMN[c.key]])) : null,
        prior ? of(c.econCodes, prior) : null,
      ),
    );
    const combine = (
      key: 'vehicle' | 'total',
      labelZh: string,
      parts: readonly ThreePublicLine[],
    ): ThreePublicLine => {
      const add = (pick: (l: ThreePublicLine) => Money | null) =>
        parts.some((p) => pick(p) === null) ? null : parts.reduce((s, p) => s + BigInt(pick(p)!.fen), 0n);
      return line(
        key,
        labelZh,
        parts.flatMap((p) => p.econCodes),
        add((p) => p.actual)!,
        add((p) => p.budget),
        add((p) => p.priorYearActual),
      );
    };
    const vehicle = combine(
      'vehicle',
      '公务用车购置及运行维护费',
      categories.filter((c) => c.key === 'vehiclePurchase' || c.key === 'vehicleOperation'),
    );
    const total = combine('total', '"三公"经费合计', categories);

    const notes: string[] = [];
    if (!budgetSet)
      notes.push(`${year}年度未设定"三公"经费预算，控制率无从计算 (no 三公 budget set for ${year})`);
    if (!priorInLedger)
      notes.push(`账内没有${year - 1}年度，上年数与变动率未知 (the ledger does not hold ${year - 1})`);
    return {
      unitId: params.unitId,
      units,
      year,
      budgetSet,
      budgetAdjusted: budgetRow?.adjusted === true,
      initialBudgetTotal: budgetSet ? money(BigInt(String(budgetRow!.initial_total_fen))) : null,
      priorYearInLedger: priorInLedger,
      categories,
      vehicle,
      total,
      notes,
    };
  }
}
