import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Vouchers as now known, day-grain income and spending by every classification, budgets, 三公 budgets, years. */
export class SpendingViews1764000030000 implements MigrationInterface {
  name = 'SpendingViews1764000030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE finance_vouchers (
        unit_id        text NOT NULL,
        year           integer NOT NULL,
        voucher_no     text NOT NULL,
        kind           text NOT NULL,
        day            date NOT NULL,
        amount_fen     bigint NOT NULL,
        reversed_fen   bigint NOT NULL DEFAULT 0,
        income_type    text,
        budget_kind    text,
        basic_sub_kind text,
        project_id     text,
        fund_source    text NOT NULL,
        econ_code      text,
        func_code      text,
        payee          text,
        summary        text,
        post_close     boolean NOT NULL DEFAULT false,
        last_position  bigint NOT NULL,
        PRIMARY KEY (unit_id, year, voucher_no)
      )`);
    await q.query(`
      CREATE TABLE spending_expenditure_days (
        unit_id        text NOT NULL,
        day            date NOT NULL,
        budget_kind    text NOT NULL,
        basic_sub_kind text NOT NULL,
        project_id     text NOT NULL,
        fund_source    text NOT NULL,
        econ_code      text NOT NULL,
        func_code      text NOT NULL,
        amount_fen     bigint NOT NULL,
        PRIMARY KEY (unit_id, day, budget_kind, basic_sub_kind, project_id, fund_source, econ_code, func_code)
      )`);
    await q.query(
      'CREATE INDEX spending_expenditure_days_econ ON spending_expenditure_days (econ_code, day)',
    );
    await q.query(`
      CREATE TABLE spending_income_days (
        unit_id     text NOT NULL,
        day         date NOT NULL,
        income_type text NOT NULL,
        fund_source text NOT NULL,
        amount_fen  bigint NOT NULL,
        PRIMARY KEY (unit_id, day, income_type, fund_source)
      )`);
    await q.query(`
      CREATE TABLE spending_budget_lines (
        unit_id        text NOT NULL,
        year           integer NOT NULL,
        line_id        text NOT NULL,
        budget_kind    text NOT NULL,
        basic_sub_kind text,
        project_id     text,
        fund_source    text NOT NULL,
        econ_code      text NOT NULL,
        func_code      text NOT NULL,
        approved_fen   bigint NOT NULL,
        current_fen    bigint NOT NULL,
        approved_on    date NOT NULL,
        adjusted_on    date,
        PRIMARY KEY (unit_id, year, line_id)
      )`);
    await q.query(`
      CREATE TABLE spending_three_public_budgets (
        unit_id               text NOT NULL,
        year                  integer NOT NULL,
        overseas_fen          bigint NOT NULL,
        vehicle_purchase_fen  bigint NOT NULL,
        vehicle_operation_fen bigint NOT NULL,
        reception_fen         bigint NOT NULL,
        initial_total_fen     bigint NOT NULL,
        set_on                date NOT NULL,
        adjusted_on           date,
        PRIMARY KEY (unit_id, year)
      )`);
    await q.query(`
      CREATE TABLE spending_fiscal_years (
        unit_id                text NOT NULL,
        year                   integer NOT NULL,
        status                 text NOT NULL,
        closed_on              date,
        closed_income_fen      bigint,
        closed_expenditure_fen bigint,
        closed_basic_fen       bigint,
        closed_project_fen     bigint,
        post_close_adjustments integer NOT NULL DEFAULT 0,
        last_position          bigint NOT NULL,
        PRIMARY KEY (unit_id, year)
      )`);
    await q.query(`
      CREATE TABLE spending_carry_forwards (
        unit_id       text NOT NULL,
        year          integer NOT NULL,
        fund_source   text NOT NULL,
        amount_fen    bigint NOT NULL,
        last_position bigint NOT NULL,
        PRIMARY KEY (unit_id, year, fund_source)
      )`);
    await q.query(`
      CREATE TABLE spending_projects (
        unit_id    text NOT NULL,
        project_id text NOT NULL,
        name       text NOT NULL,
        category   text NOT NULL,
        PRIMARY KEY (unit_id, project_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'spending_projects',
      'spending_carry_forwards',
      'spending_fiscal_years',
      'spending_three_public_budgets',
      'spending_budget_lines',
      'spending_income_days',
      'spending_expenditure_days',
      'finance_vouchers',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
