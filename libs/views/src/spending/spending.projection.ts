import type { RecordedEvent } from '@ledger/event-store';
import {
  assertNever,
  FINANCE_EVENT_TYPES,
  type Classification,
  type FinanceEvent,
  type ThreePublicAmounts,
} from '@ledger/ledger/events';

import { rowRef, type Projection, type RowRef, type RowStore } from '../engine/projection';
import {
  budgetLines,
  carryForwards,
  expenditureDays,
  financeVouchers,
  fiscalYears,
  incomeDays,
  projects,
  SPENDING_TABLES,
  threePublicBudgets,
  type ExpenditureDayRow,
  type FinanceVoucherRow,
  type FiscalYearRow,
} from './spending.tables';

type DayClassification = Omit<ExpenditureDayRow, 'unit_id' | 'day' | 'amount_fen'>;

const dayClassification = (c: Classification): DayClassification => ({
  budget_kind: c.budgetKind,
  basic_sub_kind: c.basicSubKind ?? '',
  project_id: c.projectId ?? '',
  fund_source: c.fundSource,
  econ_code: c.econCode,
  func_code: c.funcCode,
});

const voucherClassification = (v: FinanceVoucherRow): DayClassification => ({
  budget_kind: v.budget_kind ?? '',
  basic_sub_kind: v.basic_sub_kind ?? '',
  project_id: v.project_id ?? '',
  fund_source: v.fund_source,
  econ_code: v.econ_code ?? '',
  func_code: v.func_code ?? '',
});

/** Adds to one day's spending under one classification; a row back at zero is deleted, so rebuilds equal live runs. */
async function addSpending(
  rows: RowStore,
  unitId: string,
  day: string,
  c: DayClassification,
  delta: bigint,
): Promise<void> {
  if (delta === 0n) return;
  // Literals, not spreads with extra members: those take a slow path in V8 (see activityCountRow).
  const row = {
    unit_id: unitId,
    day,
    budget_kind: c.budget_kind,
    basic_sub_kind: c.basic_sub_kind,
    project_id: c.project_id,
    fund_source: c.fund_source,
    econ_code: c.econ_code,
    func_code: c.func_code,
    amount_fen: 0n,
  };
  const amount = ((await rows.get(expenditureDays, row))?.amount_fen ?? 0n) + delta;
  row.amount_fen = amount;
  if (amount === 0n) rows.delete(expenditureDays, row);
  else rows.put(expenditureDays, row);
}

async function addIncome(
  rows: RowStore,
  unitId: string,
  day: string,
  incomeType: string,
  fundSource: string,
  delta: bigint,
): Promise<void> {
  const row = { unit_id: unitId, day, income_type: incomeType, fund_source: fundSource, amount_fen: 0n };
  const amount = ((await rows.get(incomeDays, row))?.amount_fen ?? 0n) + delta;
  row.amount_fen = amount;
  if (amount === 0n) rows.delete(incomeDays, row);
  else rows.put(incomeDays, row);
}

interface At {
  readonly unitId: string;
  readonly year: number;
  readonly position: bigint;
  readonly postClose: boolean;
}

const voucherKey = (at: At, voucherNo: string) => ({
  unit_id: at.unitId,
  year: at.year,
  voucher_no: voucherNo,
});

async function bookIncome(
  rows: RowStore,
  at: At,
  d: { voucherNo: string; receivedOn: string; incomeType: string; fundSource: string; amountFen: number },
): Promise<void> {
  const key = voucherKey(at, d.voucherNo);
  if (await rows.get(financeVouchers, key)) return;
  rows.put(financeVouchers, {
    ...key,
    kind: 'INCOME',
    day: d.receivedOn,
    amount_fen: BigInt(d.amountFen),
    reversed_fen: 0n,
    income_type: d.incomeType,
    budget_kind: null,
    basic_sub_kind: null,
    project_id: null,
    fund_source: d.fundSource,
    econ_code: null,
    func_code: null,
    payee: null,
    summary: null,
    post_close: at.postClose,
    last_position: at.position,
  });
  await addIncome(rows, at.unitId, d.receivedOn, d.incomeType, d.fundSource, BigInt(d.amountFen));
}

async function bookExpenditure(
  rows: RowStore,
  at: At,
  d: Classification & {
    voucherNo: string;
    paidOn: string;
    amountFen: number;
    payee: string;
    summary: string;
  },
): Promise<void> {
  const key = voucherKey(at, d.voucherNo);
  if (await rows.get(financeVouchers, key)) return;
  rows.put(financeVouchers, {
    ...key,
    kind: 'EXPENDITURE',
    day: d.paidOn,
    amount_fen: BigInt(d.amountFen),
    reversed_fen: 0n,
    income_type: null,
    budget_kind: d.budgetKind,
    basic_sub_kind: d.basicSubKind,
    project_id: d.projectId,
    fund_source: d.fundSource,
    econ_code: d.econCode,
    func_code: d.funcCode,
    payee: d.payee,
    summary: d.summary,
    post_close: at.postClose,
    last_position: at.position,
  });
  await addSpending(rows, at.unitId, d.paidOn, dayClassification(d), BigInt(d.amountFen));
}

/** The voucher a correction names, unless this event was applied to it already (a redelivery). */
async function voucherToCorrect(
  rows: RowStore,
  at: At,
  voucherNo: string,
): Promise<FinanceVoucherRow | null> {
  const v = await rows.get(financeVouchers, voucherKey(at, voucherNo));
  if (!v || v.kind !== 'EXPENDITURE' || v.last_position >= at.position) return null;
  return v;
}

/** A reversal takes its amount out of the voucher's own day and classification, not the day it was posted. */
async function reverse(rows: RowStore, at: At, voucherNo: string, amountFen: number): Promise<void> {
  const v = await voucherToCorrect(rows, at, voucherNo);
  if (!v) return;
  await addSpending(rows, at.unitId, v.day, voucherClassification(v), -BigInt(amountFen));
  rows.put(financeVouchers, {
    ...v,
    reversed_fen: v.reversed_fen + BigInt(amountFen),
    last_position: at.position,
  });
}

/** What remains of the voucher leaves its old classification and joins the new one, on the voucher's day. */
async function reclassify(rows: RowStore, at: At, voucherNo: string, to: Classification): Promise<void> {
  const v = await voucherToCorrect(rows, at, voucherNo);
  if (!v) return;
  const remaining = v.amount_fen - v.reversed_fen;
  await addSpending(rows, at.unitId, v.day, voucherClassification(v), -remaining);
  await addSpending(rows, at.unitId, v.day, dayClassification(to), remaining);
  rows.put(financeVouchers, {
    ...v,
    budget_kind: to.budgetKind,
    basic_sub_kind: to.basicSubKind,
    project_id: to.projectId,
    fund_source: to.fundSource,
    econ_code: to.econCode,
    func_code: to.funcCode,
    last_position: at.position,
  });
}

/** Updates the year's row once per event (a redelivery at or below its last position changes nothing). */
async function touchYear(
  rows: RowStore,
  at: At,
  change: (row: FiscalYearRow) => Partial<FiscalYearRow>,
): Promise<void> {
  const key = { unit_id: at.unitId, year: at.year };
  const row: FiscalYearRow = (await rows.get(fiscalYears, key)) ?? {
    ...key,
    status: 'open',
    closed_on: null,
    closed_income_fen: null,
    closed_expenditure_fen: null,
    closed_basic_fen: null,
    closed_project_fen: null,
    post_close_adjustments: 0,
    last_position: 0n,
  };
  if (row.last_position >= at.position) return;
  rows.put(fiscalYears, { ...row, ...change(row), last_position: at.position });
}

const totalOf = (a: ThreePublicAmounts) =>
  BigInt(a.overseasFen) +
  BigInt(a.vehiclePurchaseFen) +
  BigInt(a.vehicleOperationFen) +
  BigInt(a.receptionFen);

function refsFor(e: RecordedEvent): RowRef[] {
  const d = e.data as { unitId?: string; year?: number; voucherNo?: string; originalVoucherNo?: string };
  if (!d.unitId || d.year === undefined) return [];
  const at = { unitId: d.unitId, year: d.year };
  const refs: RowRef[] = [rowRef(fiscalYears, { unit_id: at.unitId, year: at.year })];
  const voucherNo = d.voucherNo ?? d.originalVoucherNo;
  if (voucherNo)
    refs.push(rowRef(financeVouchers, { unit_id: at.unitId, year: at.year, voucher_no: voucherNo }));
  if (e.type === 'ExpenditureRecorded') {
    const x = e.data as unknown as Classification & { paidOn: string };
    refs.push(rowRef(expenditureDays, { unit_id: at.unitId, day: x.paidOn, ...dayClassification(x) }));
  }
  if (e.type === 'IncomeReceived') {
    const x = e.data as unknown as { receivedOn: string; incomeType: string; fundSource: string };
    refs.push(
      rowRef(incomeDays, {
        unit_id: at.unitId,
        day: x.receivedOn,
        income_type: x.incomeType,
        fund_source: x.fundSource,
      }),
    );
  }
  return refs;
}

export const spendingProjection: Projection = {
  name: 'spending',
  version: 1,
  tables: SPENDING_TABLES,
  handles: FINANCE_EVENT_TYPES,
  prefetch: refsFor,

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = {
      type: recorded.type,
      data: recorded.data,
      businessDate: recorded.businessDate,
    } as FinanceEvent;
    if (event.type === 'ProjectRegistered') {
      const d = event.data;
      rows.put(projects, { unit_id: d.unitId, project_id: d.projectId, name: d.name, category: d.category });
      return;
    }
    const at: At = {
      unitId: event.data.unitId,
      year: event.data.year,
      position: recorded.position,
      postClose: false,
    };
    switch (event.type) {
      case 'FiscalYearOpened':
        return touchYear(rows, at, () => ({}));
      case 'BudgetApproved':
        for (const l of event.data.lines) {
          rows.put(budgetLines, {
            unit_id: at.unitId,
            year: at.year,
            line_id: l.lineId,
            budget_kind: l.budgetKind,
            basic_sub_kind: l.basicSubKind,
            project_id: l.projectId,
            fund_source: l.fundSource,
            econ_code: l.econCode,
            func_code: l.funcCode,
            approved_fen: BigInt(l.amountFen),
            current_fen: BigInt(l.amountFen),
            approved_on: event.data.approvedOn,
            adjusted_on: null,
          });
        }
        return;
      case 'BudgetAdjusted':
        for (const l of event.data.lines) {
          const key = { unit_id: at.unitId, year: at.year, line_id: l.lineId };
          const before = await rows.get(budgetLines, key);
          rows.put(budgetLines, {
            ...key,
            budget_kind: l.budgetKind,
            basic_sub_kind: l.basicSubKind,
            project_id: l.projectId,
            fund_source: l.fundSource,
            econ_code: l.econCode,
            func_code: l.funcCode,
            approved_fen: before?.approved_fen ?? 0n,
            current_fen: BigInt(l.amountFen),
            approved_on: before?.approved_on ?? event.data.approvedOn,
            adjusted_on: event.data.approvedOn,
          });
        }
        return;
      case 'ThreePublicBudgetSet':
      case 'ThreePublicBudgetAdjusted': {
        const d = event.data;
        const key = { unit_id: at.unitId, year: at.year };
        const before = await rows.get(threePublicBudgets, key);
        const adjusting = event.type === 'ThreePublicBudgetAdjusted';
        rows.put(threePublicBudgets, {
          ...key,
          overseas_fen: BigInt(d.overseasFen),
          vehicle_purchase_fen: BigInt(d.vehiclePurchaseFen),
          vehicle_operation_fen: BigInt(d.vehicleOperationFen),
          reception_fen: BigInt(d.receptionFen),
          initial_total_fen: before?.initial_total_fen ?? totalOf(d),
          set_on: adjusting ? (before?.set_on ?? d.setOn) : d.setOn,
          adjusted_on: adjusting ? d.setOn : null,
        });
        return;
      }
      case 'IncomeReceived':
        return bookIncome(rows, at, event.data);
      case 'ExpenditureRecorded':
        return bookExpenditure(rows, at, event.data);
      case 'ExpenditureReversed':
        return reverse(rows, at, event.data.originalVoucherNo, event.data.amountFen);
      case 'ExpenditureReclassified':
        return reclassify(rows, at, event.data.voucherNo, event.data.to);
      case 'BalanceCarriedForward': {
        const key = { unit_id: at.unitId, year: at.year, fund_source: event.data.fundSource };
        const before = await rows.get(carryForwards, key);
        if (before && before.last_position >= at.position) return;
        rows.put(carryForwards, {
          ...key,
          amount_fen: (before?.amount_fen ?? 0n) + BigInt(event.data.amountFen),
          last_position: at.position,
        });
        return;
      }
      case 'FiscalYearClosed': {
        const d = event.data;
        return touchYear(rows, at, () => ({
          status: 'closed',
          closed_on: d.closedOn,
          closed_income_fen: BigInt(d.incomeFen),
          closed_expenditure_fen: BigInt(d.expenditureFen),
          closed_basic_fen: BigInt(d.basicFen),
          closed_project_fen: BigInt(d.projectFen),
        }));
      }
      case 'PostCloseAdjustmentRecorded': {
        const c = event.data.change;
        const adjusted = { ...at, postClose: true };
        switch (c.kind) {
          case 'INCOME':
            await bookIncome(rows, adjusted, c);
            break;
          case 'EXPENDITURE':
            await bookExpenditure(rows, adjusted, c);
            break;
          case 'REVERSAL':
            await reverse(rows, adjusted, c.originalVoucherNo, c.amountFen);
            break;
          case 'RECLASSIFICATION':
            await reclassify(rows, adjusted, c.voucherNo, c.to);
            break;
          default:
            assertNever(c);
        }
        return touchYear(rows, at, (row) => ({ post_close_adjustments: row.post_close_adjustments + 1 }));
      }
      default:
        return assertNever(event);
    }
  },
};
