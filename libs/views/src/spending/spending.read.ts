import type { DataSource } from 'typeorm';

/**
 * Reads of the spending views shared by the spending, 三公 and year-end queries. Lists go in as one jsonb
 * parameter (both PostgreSQL and PGlite take it the same way); sums come back as text and become bigint here;
 * dates are cut as text so no JS Date ever shifts a business date.
 */
const IN_UNITS = 'unit_id IN (SELECT jsonb_array_elements_text($1::jsonb))';

export interface ExpenditureGroup {
  readonly budgetKind: string;
  readonly basicSubKind: string | null;
  readonly projectId: string | null;
  readonly fundSource: string;
  readonly econCode: string;
  readonly funcCode: string;
  readonly fen: bigint;
}

export async function expenditureGroups(
  db: DataSource,
  units: readonly string[],
  from: string,
  to: string,
): Promise<ExpenditureGroup[]> {
  const rows: {
    budget_kind: string;
    basic_sub_kind: string;
    project_id: string;
    fund_source: string;
    econ_code: string;
    func_code: string;
    fen: string;
  }[] = await db.query(
    `SELECT budget_kind, basic_sub_kind, project_id, fund_source, econ_code, func_code,
            SUM(amount_fen)::text AS fen
       FROM spending_expenditure_days
      WHERE ${IN_UNITS} AND day BETWEEN $2::date AND $3::date
      GROUP BY budget_kind, basic_sub_kind, project_id, fund_source, econ_code, func_code`,
    [JSON.stringify(units), from, to],
  );
  return rows.map((r) => ({
    budgetKind: r.budget_kind,
    basicSubKind: r.basic_sub_kind || null,
    projectId: r.project_id || null,
    fundSource: r.fund_source,
    econCode: r.econ_code,
    funcCode: r.func_code,
    fen: BigInt(r.fen),
  }));
}

export interface IncomeGroup {
  readonly incomeType: string;
  readonly fundSource: string;
  readonly fen: bigint;
}

export async function incomeGroups(
  db: DataSource,
  units: readonly string[],
  from: string,
  to: string,
): Promise<IncomeGroup[]> {
  const rows: { income_type: string; fund_source: string; fen: string }[] = await db.query(
    `SELECT income_type, fund_source, SUM(amount_fen)::text AS fen
       FROM spending_income_days
      WHERE ${IN_UNITS} AND day BETWEEN $2::date AND $3::date
      GROUP BY income_type, fund_source`,
    [JSON.stringify(units), from, to],
  );
  return rows.map((r) => ({ incomeType: r.income_type, fundSource: r.fund_source, fen: BigInt(r.fen) }));
}

export interface BudgetGroup {
  readonly year: number;
  readonly budgetKind: string;
  readonly projectId: string | null;
  readonly approvedFen: bigint;
  readonly currentFen: bigint;
}

export async function budgetGroups(
  db: DataSource,
  units: readonly string[],
  fromYear: number,
  toYear: number,
): Promise<BudgetGroup[]> {
  const rows: {
    year: number;
    budget_kind: string;
    project_id: string | null;
    approved: string;
    current: string;
  }[] = await db.query(
    `SELECT year, budget_kind, project_id,
            SUM(approved_fen)::text AS approved, SUM(current_fen)::text AS current
       FROM spending_budget_lines
      WHERE ${IN_UNITS} AND year BETWEEN $2 AND $3
      GROUP BY year, budget_kind, project_id`,
    [JSON.stringify(units), fromYear, toYear],
  );
  return rows.map((r) => ({
    year: Number(r.year),
    budgetKind: r.budget_kind,
    projectId: r.project_id,
    approvedFen: BigInt(r.approved),
    currentFen: BigInt(r.current),
  }));
}

export async function projectLabels(
  db: DataSource,
  units: readonly string[],
): Promise<Map<string, { name: string; category: string }>> {
  const rows: { project_id: string; name: string; category: string }[] = await db.query(
    `SELECT DISTINCT ON (project_id) project_id, name, category
       FROM spending_projects WHERE ${IN_UNITS} ORDER BY project_id, unit_id`,
    [JSON.stringify(units)],
  );
  return new Map(rows.map((r) => [r.project_id, { name: r.name, category: r.category }]));
}

export async function carryForwardGroups(
  db: DataSource,
  units: readonly string[],
  fromYear: number,
  toYear: number,
): Promise<{ fundSource: string; fen: bigint }[]> {
  const rows: { fund_source: string; fen: string }[] = await db.query(
    `SELECT fund_source, SUM(amount_fen)::text AS fen
       FROM spending_carry_forwards
      WHERE ${IN_UNITS} AND year BETWEEN $2 AND $3
      GROUP BY fund_source`,
    [JSON.stringify(units), fromYear, toYear],
  );
  return rows.map((r) => ({ fundSource: r.fund_source, fen: BigInt(r.fen) }));
}

export interface FiscalYearStatus {
  readonly year: number;
  /** Every unit that has the year has closed it. */
  readonly closed: boolean;
  readonly postCloseAdjustments: number;
}

/** The fiscal years the ledger holds for these units, opened by any of them. */
export async function fiscalYearsOf(db: DataSource, units: readonly string[]): Promise<FiscalYearStatus[]> {
  const rows: { year: number; closed: boolean; adjustments: string }[] = await db.query(
    `SELECT year, bool_and(status = 'closed') AS closed, SUM(post_close_adjustments)::text AS adjustments
       FROM spending_fiscal_years WHERE ${IN_UNITS}
      GROUP BY year ORDER BY year`,
    [JSON.stringify(units)],
  );
  return rows.map((r) => ({
    year: Number(r.year),
    closed: r.closed === true,
    postCloseAdjustments: Number(r.adjustments),
  }));
}

export async function spendingByEconCode(
  db: DataSource,
  units: readonly string[],
  econCodes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, bigint>> {
  const rows: { econ_code: string; fen: string }[] = await db.query(
    `SELECT econ_code, SUM(amount_fen)::text AS fen
       FROM spending_expenditure_days
      WHERE ${IN_UNITS} AND econ_code IN (SELECT jsonb_array_elements_text($2::jsonb))
        AND day BETWEEN $3::date AND $4::date
      GROUP BY econ_code`,
    [JSON.stringify(units), JSON.stringify(econCodes), from, to],
  );
  return new Map(rows.map((r) => [r.econ_code, BigInt(r.fen)]));
}

export interface MonthlyHistoryRow {
  readonly year: number;
  readonly month: number;
  readonly fen: bigint;
  /** Of this month, what fell on or before the as-of month-day. */
  readonly toSameDayFen: bigint;
}

/** Monthly totals of earlier years, each split at the as-of month-day ('02-29' also cuts common years right). */
export async function monthlyHistory(
  db: DataSource,
  table: 'spending_expenditure_days' | 'spending_income_days',
  units: readonly string[],
  from: string,
  to: string,
  monthDay: string,
): Promise<MonthlyHistoryRow[]> {
  const rows: { year: number; month: number; fen: string; to_same_day: string }[] = await db.query(
    `SELECT extract(year FROM day)::int AS year, extract(month FROM day)::int AS month,
            SUM(amount_fen)::text AS fen,
            SUM(CASE WHEN to_char(day, 'MM-DD') <= $4 THEN amount_fen ELSE 0 END)::text AS to_same_day
       FROM ${table}
      WHERE ${IN_UNITS} AND day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2`,
    [JSON.stringify(units), from, to, monthDay],
  );
  return rows.map((r) => ({
    year: Number(r.year),
    month: Number(r.month),
    fen: BigInt(r.fen),
    toSameDayFen: BigInt(r.to_same_day),
  }));
}

export async function totalBetween(
  db: DataSource,
  table: 'spending_expenditure_days' | 'spending_income_days',
  units: readonly string[],
  from: string,
  to: string,
): Promise<bigint> {
  const [row]: { fen: string | null }[] = await db.query(
    `SELECT SUM(amount_fen)::text AS fen FROM ${table}
      WHERE ${IN_UNITS} AND day BETWEEN $2::date AND $3::date`,
    [JSON.stringify(units), from, to],
  );
  return BigInt(row?.fen ?? '0');
}
