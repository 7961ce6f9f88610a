import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ViewTable } from '../engine/projection';

/**
 * Each voucher as now known: what it booked, on which day, under which classification, and how much of it has
 * been reversed. Reversals and reclassifications find their voucher here and move its amount on the voucher's day.
 */
export interface FinanceVoucherRow {
  unit_id: string;
  year: number;
  voucher_no: string;
  kind: 'INCOME' | 'EXPENDITURE';
  day: string;
  amount_fen: bigint;
  reversed_fen: bigint;
  income_type: string | null;
  budget_kind: string | null;
  basic_sub_kind: string | null;
  project_id: string | null;
  fund_source: string;
  econ_code: string | null;
  func_code: string | null;
  payee: string | null;
  summary: string | null;
  /** Booked by an audited adjustment after the year was closed. */
  post_close: boolean;
  /** The last event applied to this voucher: a redelivered event at or below it changes nothing. */
  last_position: bigint;
}

export const financeVouchers: ViewTable<FinanceVoucherRow> = {
  name: 'finance_vouchers',
  key: ['unit_id', 'year', 'voucher_no'],
  columns: {
    unit_id: 'text',
    year: 'integer',
    voucher_no: 'text',
    kind: 'text',
    day: 'date',
    amount_fen: 'bigint',
    reversed_fen: 'bigint',
    income_type: 'text',
    budget_kind: 'text',
    basic_sub_kind: 'text',
    project_id: 'text',
    fund_source: 'text',
    econ_code: 'text',
    func_code: 'text',
    payee: 'text',
    summary: 'text',
    post_close: 'boolean',
    last_position: 'bigint',
  },
};

/** Net spending of one day under one full classification. Any period is a SUM over days. '' stands for "none". */
export interface ExpenditureDayRow {
  unit_id: string;
  day: string;
  budget_kind: string;
  basic_sub_kind: string;
  project_id: string;
  fund_source: string;
  econ_code: string;
  func_code: string;
  amount_fen: bigint;
}

export const expenditureDays: ViewTable<ExpenditureDayRow> = {
  name: 'spending_expenditure_days',
  key: [
    'unit_id',
    'day',
    'budget_kind',
    'basic_sub_kind',
    'project_id',
    'fund_source',
    'econ_code',
    'func_code',
  ],
  columns: {
    unit_id: 'text',
    day: 'date',
    budget_kind: 'text',
    basic_sub_kind: 'text',
    project_id: 'text',
    fund_source: 'text',
    econ_code: 'text',
    func_code: 'text',
    amount_fen: 'bigint',
  },
};

export interface IncomeDayRow {
  unit_id: string;
  day: string;
  income_type: string;
  fund_source: string;
  amount_fen: bigint;
}

export const incomeDays: ViewTable<IncomeDayRow> = {
  name: 'spending_income_days',
  key: ['unit_id', 'day', 'income_type', 'fund_source'],
  columns: {
    unit_id: 'text',
    day: 'date',
    income_type: 'text',
    fund_source: 'text',
    amount_fen: 'bigint',
  },
};

/** A budget line as approved and as it stands now (预算调整率 compares the two). */
export interface BudgetLineRow {
  unit_id: string;
  year: number;
  line_id: string;
  budget_kind: string;
  basic_sub_kind: string | null;
  project_id: string | null;
  fund_source: string;
  econ_code: string;
  func_code: string;
  approved_fen: bigint;
  current_fen: bigint;
  approved_on: string;
  adjusted_on: string | null;
}

export const budgetLines: ViewTable<BudgetLineRow> = {
  name: 'spending_budget_lines',
  key: ['unit_id', 'year', 'line_id'],
  columns: {
    unit_id: 'text',
    year: 'integer',
    line_id: 'text',
    budget_kind: 'text',
    basic_sub_kind: 'text',
    project_id: 'text',
    fund_source: 'text',
    econ_code: 'text',
    func_code: 'text',
    approved_fen: 'bigint',
    current_fen: 'bigint',
    approved_on: 'date',
    adjusted_on: 'date',
  },
};

export interface ThreePublicBudgetRow {
  unit_id: string;
  year: number;
  overseas_fen: bigint;
  vehicle_purchase_fen: bigint;
  vehicle_operation_fen: bigint;
  reception_fen: bigint;
  /** The total first set, before any adjustment. */
  initial_total_fen: bigint;
  set_on: string;
  adjusted_on: string | null;
}

export const threePublicBudgets: ViewTable<ThreePublicBudgetRow> = {
  name: 'spending_three_public_budgets',
  key: ['unit_id', 'year'],
  columns: {
    unit_id: 'text',
    year: 'integer',
    overseas_fen: 'bigint',
    vehicle_purchase_fen: 'bigint',
    vehicle_operation_fen: 'bigint',
    reception_fen: 'bigint',
    initial_total_fen: 'bigint',
    set_on: 'date',
    adjusted_on: 'date',
  },
};

/** A unit's fiscal year: open or closed, the totals it closed on, and how many audited adjustments followed. */
export interface FiscalYearRow {
  unit_id: string;
  year: number;
  status: 'open' | 'closed';
  closed_on: string | null;
  closed_income_fen: bigint | null;
  closed_expenditure_fen: bigint | null;
  closed_basic_fen: bigint | null;
  closed_project_fen: bigint | null;
  post_close_adjustments: number;
  last_position: bigint;
}

export const fiscalYears: ViewTable<FiscalYearRow> = {
  name: 'spending_fiscal_years',
  key: ['unit_id', 'year'],
  columns: {
    unit_id: 'text',
    year: 'integer',
    status: 'text',
    closed_on: 'date',
    closed_income_fen: 'bigint',
    closed_expenditure_fen: 'bigint',
    closed_basic_fen: 'bigint',
    closed_project_fen: 'bigint',
    post_close_adjustments: 'integer',
    last_position: 'bigint',
  },
};

/** 年初结转和结余 brought into a year, by fund source. */
export interface CarryForwardRow {
  unit_id: string;
  year: number;
  fund_source: string;
  amount_fen: bigint;
  last_position: bigint;
}

export const carryForwards: ViewTable<CarryForwardRow> = {
  name: 'spending_carry_forwards',
  key: ['unit_id', 'year', 'fund_source'],
  columns: {
    unit_id: 'text',
    year: 'integer',
    fund_source: 'text',
    amount_fen: 'bigint',
    last_position: 'bigint',
  },
};

export interface ProjectRow {
  unit_id: string;
  project_id: string;
  name: string;
  category: string;
}

export const projects: ViewTable<ProjectRow> = {
  name: 'spending_projects',
  key: ['unit_id', 'project_id'],
  columns: { unit_id: 'text', project_id: 'text', name: 'text', category: 'text' },
};

export const SPENDING_TABLES = [
  financeVouchers,
  expenditureDays,
  incomeDays,
  budgetLines,
  threePublicBudgets,
  fiscalYears,
  carryForwards,
  projects,
];

@Entity('finance_vouchers')
export class FinanceVoucherEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('integer') year!: number;
  @PrimaryColumn('text') voucher_no!: string;
  @Column('text') kind!: string;
  @Column('date') day!: string;
  @Column('bigint') amount_fen!: string;
  @Column('bigint') reversed_fen!: string;
  @Column('text', { nullable: true }) income_type!: string | null;
  @Column('text', { nullable: true }) budget_kind!: string | null;
  @Column('text', { nullable: true }) basic_sub_kind!: string | null;
  @Column('text', { nullable: true }) project_id!: string | null;
  @Column('text') fund_source!: string;
  @Column('text', { nullable: true }) econ_code!: string | null;
  @Column('text', { nullable: true }) func_code!: string | null;
  @Column('text', { nullable: true }) payee!: string | null;
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('boolean') post_close!: boolean;
  @Column('bigint') last_position!: string;
}

@Entity('spending_expenditure_days')
export class ExpenditureDayEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text') budget_kind!: string;
  @PrimaryColumn('text') basic_sub_kind!: string;
  @PrimaryColumn('text') project_id!: string;
  @PrimaryColumn('text') fund_source!: string;
  @PrimaryColumn('text') econ_code!: string;
  @PrimaryColumn('text') func_code!: string;
  @Column('bigint') amount_fen!: string;
}

@Entity('spending_income_days')
export class IncomeDayEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text') income_type!: string;
  @PrimaryColumn('text') fund_source!: string;
  @Column('bigint') amount_fen!: string;
}

@Entity('spending_budget_lines')
export class BudgetLineEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('integer') year!: number;
  @PrimaryColumn('text') line_id!: string;
  @Column('text') budget_kind!: string;
  @Column('text', { nullable: true }) basic_sub_kind!: string | null;
  @Column('text', { nullable: true }) project_id!: string | null;
  @Column('text') fund_source!: string;
  @Column('text') econ_code!: string;
  @Column('text') func_code!: string;
  @Column('bigint') approved_fen!: string;
  @Column('bigint') current_fen!: string;
  @Column('date') approved_on!: string;
  @Column('date', { nullable: true }) adjusted_on!: string | null;
}

@Entity('spending_three_public_budgets')
export class ThreePublicBudgetEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('integer') year!: number;
  @Column('bigint') overseas_fen!: string;
  @Column('bigint') vehicle_purchase_fen!: string;
  @Column('bigint') vehicle_operation_fen!: string;
  @Column('bigint') reception_fen!: string;
  @Column('bigint') initial_total_fen!: string;
  @Column('date') set_on!: string;
  @Column('date', { nullable: true }) adjusted_on!: string | null;
}

@Entity('spending_fiscal_years')
export class FiscalYearEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('integer') year!: number;
  @Column('text') status!: string;
  @Column('date', { nullable: true }) closed_on!: string | null;
  @Column('bigint', { nullable: true }) closed_income_fen!: string | null;
  @Column('bigint', { nullable: true }) closed_expenditure_fen!: string | null;
  @Column('bigint', { nullable: true }) closed_basic_fen!: string | null;
  @Column('bigint', { nullable: true }) closed_project_fen!: string | null;
  @Column('integer') post_close_adjustments!: number;
  @Column('bigint') last_position!: string;
}

@Entity('spending_carry_forwards')
export class CarryForwardEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('integer') year!: number;
  @PrimaryColumn('text') fund_source!: string;
  @Column('bigint') amount_fen!: string;
  @Column('bigint') last_position!: string;
}

@Entity('spending_projects')
export class ProjectEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') project_id!: string;
  @Column('text') name!: string;
  @Column('text') category!: string;
}

export const SPENDING_ENTITIES = [
  FinanceVoucherEntity,
  ExpenditureDayEntity,
  IncomeDayEntity,
  BudgetLineEntity,
  ThreePublicBudgetEntity,
  FiscalYearEntity,
  CarryForwardEntity,
  ProjectEntity,
];
