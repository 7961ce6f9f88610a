import { yearOf } from '../shared/dates';
import type { Decider, DecisionContext } from '../shared/decider';
import { conflict, FiscalYearClosedError, forbidden, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import { FUNC_CODE_PATTERN, isEconItemCode, type IncomeType } from './finance.codes';
import type {
  BudgetLine,
  Classification,
  FinanceEvent,
  FiscalYearEvent,
  PostCloseChange,
  ThreePublicAmounts,
} from './finance.events';

interface YearRef {
  unitId: string;
  year: number;
}

export type PostCloseRequest =
  | Exclude<PostCloseChange, { kind: 'RECLASSIFICATION' }>
  | { kind: 'RECLASSIFICATION'; voucherNo: string; to: Classification };

export type FiscalYearCommand =
  | ({ kind: 'OpenFiscalYear' } & YearRef)
  | ({ kind: 'ApproveBudget'; approvedOn: string; lines: BudgetLine[] } & YearRef)
  | ({ kind: 'AdjustBudget'; approvedOn: string; lines: BudgetLine[]; reason: string } & YearRef)
  | ({ kind: 'SetThreePublicBudget'; setOn: string } & ThreePublicAmounts & YearRef)
  | ({ kind: 'AdjustThreePublicBudget'; setOn: string; reason: string } & ThreePublicAmounts & YearRef)
  | ({
      kind: 'RecordIncome';
      receivedOn: string;
      incomeType: IncomeType;
      fundSource: string;
      amountFen: number;
      voucherNo: string;
    } & YearRef)
  | ({
      kind: 'RecordExpenditure';
      paidOn: string;
      voucherNo: string;
      amountFen: number;
      payee: string;
      summary: string;
    } & Classification &
      YearRef)
  | ({
      kind: 'ReverseExpenditure';
      originalVoucherNo: string;
      amountFen: number;
      reason: string;
      reversedOn: string;
    } & YearRef)
  | ({
      kind: 'ReclassifyExpenditure';
      voucherNo: string;
      to: Classification;
      reason: string;
      reclassifiedOn: string;
    } & YearRef)
  | ({ kind: 'CarryForwardBalance'; amountFen: number; fundSource: string } & YearRef)
  | ({ kind: 'CloseFiscalYear'; closedOn: string } & YearRef)
  | ({
      kind: 'RecordPostCloseAdjustment';
      adjustedOn: string;
      approvedBy: string;
      auditRef: string;
      reason: string;
      change: PostCloseRequest;
    } & YearRef);

interface Voucher {
  readonly kind: 'INCOME' | 'EXPENDITURE';
  readonly day: string;
  readonly amountFen: number;
  /** What a reversal may still take back (expenditure only). */
  remainingFen: number;
  classification: Classification | null;
}

export interface FiscalYearState {
  readonly opened: boolean;
  readonly closedOn: string | null;
  readonly budgetApproved: boolean;
  readonly budgetLines: Map<string, BudgetLine>;
  readonly threePublicBudget: ThreePublicAmounts | null;
  /** The unit's registered projects, folded from its project register before this stream. */
  readonly projects: Set<string>;
  readonly vouchers: Map<string, Voucher>;
  readonly incomeFen: bigint;
  readonly expenditureFen: bigint;
  readonly basicFen: bigint;
  readonly projectFen: bigint;
}

/**
 * `evolve` takes ownership of the state it is handed and updates its maps in place: the runner and the spec
 * helper always fold from a fresh initialState(), and copying the voucher map on each of a year's ~10⁴–10⁵
 * postings would make every decision quadratic in the size of the year.
 */
function withIncome(state: FiscalYearState, voucherNo: string, day: string, amountFen: number) {
  state.vouchers.set(voucherNo, {
    kind: 'INCOME',
    day,
    amountFen,
    remainingFen: amountFen,
    classification: null,
  });
  return { ...state, incomeFen: state.incomeFen + BigInt(amountFen) };
}

function byKind(state: FiscalYearState, c: Classification, delta: bigint) {
  return c.budgetKind === 'BASIC'
    ? { basicFen: state.basicFen + delta }
    : { projectFen: state.projectFen + delta };
}

function withExpenditure(
  state: FiscalYearState,
  voucherNo: string,
  day: string,
  amountFen: number,
  c: Classification,
): FiscalYearState {
  state.vouchers.set(voucherNo, {
    kind: 'EXPENDITURE',
    day,
    amountFen,
    remainingFen: amountFen,
    classification: pickClassification(c),
  });
  const delta = BigInt(amountFen);
  return { ...state, expenditureFen: state.expenditureFen + delta, ...byKind(state, c, delta) };
}

function withReversal(state: FiscalYearState, voucherNo: string, amountFen: number): FiscalYearState {
  const v = state.vouchers.get(voucherNo);
  if (!v || !v.classification) return state;
  v.remainingFen -= amountFen;
  const delta = -BigInt(amountFen);
  return {
    ...state,
    expenditureFen: state.expenditureFen + delta,
    ...byKind(state, v.classification, delta),
  };
}

function withReclassification(
  state: FiscalYearState,
  voucherNo: string,
  to: Classification,
): FiscalYearState {
  const v = state.vouchers.get(voucherNo);
  if (!v || !v.classification) return state;
  const from = v.classification;
  v.classification = pickClassification(to);
  if (from.budgetKind === to.budgetKind) return state;
  const moved = BigInt(v.remainingFen);
  const out = { ...state, ...byKind(state, from, -moved) };
  return { ...out, ...byKind(out, to, moved) };
}

export const pickClassification = (c: Classification): Classification => ({
  budgetKind: c.budgetKind,
  basicSubKind: c.basicSubKind,
  projectId: c.projectId,
  fundSource: c.fundSource,
  econCode: c.econCode,
  funcCode: c.funcCode,
});

const sameClassification = (a: Classification, b: Classification) =>
  a.budgetKind === b.budgetKind &&
  a.basicSubKind === b.basicSubKind &&
  a.projectId === b.projectId &&
  a.fundSource === b.fundSource &&
  a.econCode === b.econCode &&
  a.funcCode === b.funcCode;

const sameLine = (a: BudgetLine, b: BudgetLine) => sameClassification(a, b) && a.amountFen === b.amountFen;

export const fiscalYearDecider: Decider<FiscalYearState, FiscalYearCommand, FinanceEvent> = {
  initialState: () => ({
    opened: false,
    closedOn: null,
    budgetApproved: false,
    budgetLines: new Map(),
    threePublicBudget: null,
    projects: new Set(),
    vouchers: new Map(),
    incomeFen: 0n,
    expenditureFen: 0n,
    basicFen: 0n,
    projectFen: 0n,
  }),

  evolve(state, event) {
    switch (event.type) {
      case 'ProjectRegistered':
        state.projects.add(event.data.projectId);
        return state;
      case 'FiscalYearOpened':
        return { ...state, opened: true };
      case 'BudgetApproved':
      case 'BudgetAdjusted':
        for (const line of event.data.lines) {
          if (line.amountFen === 0) state.budgetLines.delete(line.lineId);
          else state.budgetLines.set(line.lineId, line);
        }
        return { ...state, budgetApproved: true };
      case 'ThreePublicBudgetSet':
      case 'ThreePublicBudgetAdjusted':
        return { ...state, threePublicBudget: threePublicOf(event.data) };
      case 'IncomeReceived':
        return withIncome(state, event.data.voucherNo, event.data.receivedOn, event.data.amountFen);
      case 'ExpenditureRecorded':
        return withExpenditure(
          state,
          event.data.voucherNo,
          event.data.paidOn,
          event.data.amountFen,
          event.data,
        );
      case 'ExpenditureReversed':
        return withReversal(state, event.data.originalVoucherNo, event.data.amountFen);
      case 'ExpenditureReclassified':
        return withReclassification(state, event.data.voucherNo, event.data.to);
      case 'BalanceCarriedForward':
        return state;
      case 'FiscalYearClosed':
        return { ...state, closedOn: event.data.closedOn };
      case 'PostCloseAdjustmentRecorded': {
        const c = event.data.change;
        switch (c.kind) {
          case 'INCOME':
            return withIncome(state, c.voucherNo, c.receivedOn, c.amountFen);
          case 'EXPENDITURE':
            return withExpenditure(state, c.voucherNo, c.paidOn, c.amountFen, c);
          case 'REVERSAL':
            return withReversal(state, c.originalVoucherNo, c.amountFen);
          case 'RECLASSIFICATION':
            return withReclassification(state, c.voucherNo, c.to);
          default:
            return assertNever(c);
        }
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state, context) {
    const { unitId, year } = command;
    const ref = { unitId, year };
    switch (command.kind) {
      case 'OpenFiscalYear': {
        if (state.closedOn !== null) throw new FiscalYearClosedError(year);
        if (state.opened) return [];
        if (year > yearOf(context.today) + 1) {
          throw invalid(
            'FINANCE.YEAR_TOO_FAR',
            'year',
            `只能开立至明年的年度 (${year})`,
            `fiscal year ${year} is more than a year ahead`,
          );
        }
        return [{ type: 'FiscalYearOpened', data: ref, businessDate: `${year}-01-01` }];
      }
      case 'ApproveBudget': {
        assertPostable(state, year);
        if (state.budgetApproved) {
          throw conflict(
            'FINANCE.BUDGET_EXISTS',
            `${year}年度预算已批复，请登记预算调整`,
            `the ${year} budget is approved already; adjust it instead`,
          );
        }
        assertApprovalDate(command.approvedOn, year, context);
        assertLines(command.lines, state, false);
        return [
          {
            type: 'BudgetApproved',
            data: { ...ref, approvedOn: command.approvedOn, lines: command.lines.map(pickLine) },
            businessDate: command.approvedOn,
          },
        ];
      }
      case 'AdjustBudget': {
        assertPostable(state, year);
        if (!state.budgetApproved) {
          throw conflict(
            'FINANCE.NO_BUDGET',
            `${year}年度预算尚未批复，无从调整`,
            `the ${year} budget is not approved yet`,
          );
        }
        assertApprovalDate(command.approvedOn, year, context);
        assertLines(command.lines, state, true);
        const changed = command.lines.filter((line, i) => {
          const before = state.budgetLines.get(line.lineId);
          if (!before && line.amountFen === 0) {
            throw invalid(
              'FINANCE.UNKNOWN_LINE',
              `lines[${i}].lineId`,
              `预算行 ${line.lineId} 不存在，不能调减为零`,
              `budget line ${line.lineId} does not exist`,
            );
          }
          return !before || !sameLine(before, line);
        });
        if (changed.length === 0) return [];
        return [
          {
            type: 'BudgetAdjusted',
            data: {
              ...ref,
              approvedOn: command.approvedOn,
              lines: changed.map(pickLine),
              reason: command.reason,
            },
            businessDate: command.approvedOn,
          },
        ];
      }
      case 'SetThreePublicBudget': {
        assertPostable(state, year);
        if (state.threePublicBudget) {
          throw conflict(
            'FINANCE.THREE_PUBLIC_BUDGET_EXISTS',
            `${year}年度"三公"经费预算已设定，请登记调整`,
            `the ${year} 三公 budget is set already; adjust it instead`,
          );
        }
        assertApprovalDate(command.setOn, year, context, 'setOn');
        const amounts = threePublicOf(command);
        assertThreePublic(amounts);
        return [
          {
            type: 'ThreePublicBudgetSet',
            data: { ...ref, setOn: command.setOn, ...amounts },
            businessDate: command.setOn,
          },
        ];
      }
      case 'AdjustThreePublicBudget': {
        assertPostable(state, year);
        const before = state.threePublicBudget;
        if (!before) {
          throw conflict(
            'FINANCE.NO_THREE_PUBLIC_BUDGET',
            `${year}年度"三公"经费预算尚未设定`,
            `the ${year} 三公 budget is not set yet`,
          );
        }
        assertApprovalDate(command.setOn, year, context, 'setOn');
        const amounts = threePublicOf(command);
        assertThreePublic(amounts);
        if ((Object.keys(amounts) as (keyof ThreePublicAmounts)[]).every((k) => amounts[k] === before[k]))
          return [];
        return [
          {
            type: 'ThreePublicBudgetAdjusted',
            data: { ...ref, setOn: command.setOn, ...amounts, reason: command.reason },
            businessDate: command.setOn,
          },
        ];
      }
      case 'RecordIncome': {
        assertPostable(state, year);
        assertNewVoucher(state, command.voucherNo, 'voucherNo');
        assertBookingDate(command.receivedOn, year, context, 'receivedOn');
        assertAmount(command.amountFen);
        return [
          {
            type: 'IncomeReceived',
            data: {
              ...ref,
              receivedOn: command.receivedOn,
              incomeType: command.incomeType,
              fundSource: command.fundSource,
              amountFen: command.amountFen,
              voucherNo: command.voucherNo,
            },
            businessDate: command.receivedOn,
          },
        ];
      }
      case 'RecordExpenditure': {
        assertPostable(state, year);
        assertNewVoucher(state, command.voucherNo, 'voucherNo');
        assertBookingDate(command.paidOn, year, context, 'paidOn');
        assertAmount(command.amountFen);
        assertClassification(command, state, '');
        return [
          {
            type: 'ExpenditureRecorded',
            data: {
              ...ref,
              paidOn: command.paidOn,
              voucherNo: command.voucherNo,
              amountFen: command.amountFen,
              ...pickClassification(command),
              payee: command.payee,
              summary: command.summary,
            },
            businessDate: command.paidOn,
          },
        ];
      }
      case 'ReverseExpenditure': {
        assertPostable(state, year);
        const voucher = spendingVoucher(state, command.originalVoucherNo, 'originalVoucherNo');
        assertAmount(command.amountFen);
        assertWithinRemaining(voucher, command.originalVoucherNo, command.amountFen);
        assertCorrectionDate(command.reversedOn, voucher.day, context, 'reversedOn');
        return [
          {
            type: 'ExpenditureReversed',
            data: {
              ...ref,
              originalVoucherNo: command.originalVoucherNo,
              amountFen: command.amountFen,
              reason: command.reason,
              reversedOn: command.reversedOn,
            },
            businessDate: command.reversedOn,
          },
        ];
      }
      case 'ReclassifyExpenditure': {
        assertPostable(state, year);
        const voucher = spendingVoucher(state, command.voucherNo, 'voucherNo');
        assertCorrectionDate(command.reclassifiedOn, voucher.day, context, 'reclassifiedOn');
        const from = reclassifiable(voucher, command.voucherNo);
        assertClassification(command.to, state, 'to.');
        if (sameClassification(from, command.to)) return [];
        return [
          {
            type: 'ExpenditureReclassified',
            data: {
              ...ref,
              voucherNo: command.voucherNo,
              from,
              to: pickClassification(command.to),
              reason: command.reason,
              reclassifiedOn: command.reclassifiedOn,
            },
            businessDate: command.reclassifiedOn,
          },
        ];
      }
      case 'CarryForwardBalance': {
        assertPostable(state, year);
        assertAmount(command.amountFen);
        return [
          {
            type: 'BalanceCarriedForward',
            data: { ...ref, amountFen: command.amountFen, fundSource: command.fundSource },
            businessDate: `${year}-01-01`,
          },
        ];
      }
      case 'CloseFiscalYear': {
        assertPostable(state, year);
        if (command.closedOn < `${year}-12-31` || command.closedOn > context.today) {
          throw invalid(
            'FINANCE.CLOSE_DATE',
            'closedOn',
            `结账日期须在 ${year}-12-31 与今天之间`,
            `closedOn must lie between ${year}-12-31 and today`,
          );
        }
        const totals = {
          incomeFen: safeFen(state.incomeFen),
          expenditureFen: safeFen(state.expenditureFen),
          basicFen: safeFen(state.basicFen),
          projectFen: safeFen(state.projectFen),
        };
        return [
          {
            type: 'FiscalYearClosed',
            data: { ...ref, closedOn: command.closedOn, ...totals },
            businessDate: command.closedOn,
          },
        ];
      }
      case 'RecordPostCloseAdjustment':
        return decideAdjustment(command, state, context);
      default:
        return assertNever(command);
    }
  },
};

function decideAdjustment(
  command: Extract<FiscalYearCommand, { kind: 'RecordPostCloseAdjustment' }>,
  state: FiscalYearState,
  context: DecisionContext,
): FiscalYearEvent[] {
  const { year } = command;
  if (state.closedOn === null) {
    throw conflict(
      'FINANCE.YEAR_OPEN',
      `${year}年度尚未结账，请直接登记`,
      `fiscal year ${year} is open; post normally`,
    );
  }
  if (command.approvedBy === context.principal.id) {
    throw forbidden(
      'FINANCE.SELF_APPROVAL',
      '结账后调整须由登记人以外的人批准',
      'a post-close adjustment must be approved by someone other than its poster',
    );
  }
  if (command.adjustedOn < state.closedOn || command.adjustedOn > context.today) {
    throw invalid(
      'FINANCE.ADJUSTMENT_DATE',
      'adjustedOn',
      `调整日期须在结账日 ${state.closedOn} 与今天之间`,
      `adjustedOn must lie between the close (${state.closedOn}) and today`,
    );
  }
  const c = command.change;
  let change: PostCloseChange;
  switch (c.kind) {
    case 'INCOME':
      assertNewVoucher(state, c.voucherNo, 'voucherNo');
      assertBookingDate(c.receivedOn, year, context, 'receivedOn');
      assertAmount(c.amountFen);
      change = {
        kind: 'INCOME',
        voucherNo: c.voucherNo,
        receivedOn: c.receivedOn,
        incomeType: c.incomeType,
        fundSource: c.fundSource,
        amountFen: c.amountFen,
      };
      break;
    case 'EXPENDITURE':
      assertNewVoucher(state, c.voucherNo, 'voucherNo');
      assertBookingDate(c.paidOn, year, context, 'paidOn');
      assertAmount(c.amountFen);
      assertClassification(c, state, '');
      change = {
        kind: 'EXPENDITURE',
        voucherNo: c.voucherNo,
        paidOn: c.paidOn,
        amountFen: c.amountFen,
        payee: c.payee,
        summary: c.summary,
        ...pickClassification(c),
      };
      break;
    case 'REVERSAL': {
      const voucher = spendingVoucher(state, c.originalVoucherNo, 'originalVoucherNo');
      assertAmount(c.amountFen);
      assertWithinRemaining(voucher, c.originalVoucherNo, c.amountFen);
      change = { kind: 'REVERSAL', originalVoucherNo: c.originalVoucherNo, amountFen: c.amountFen };
      break;
    }
    case 'RECLASSIFICATION': {
      const voucher = spendingVoucher(state, c.voucherNo, 'voucherNo');
      const from = reclassifiable(voucher, c.voucherNo);
      assertClassification(c.to, state, 'to.');
      if (sameClassification(from, c.to)) return [];
      change = { kind: 'RECLASSIFICATION', voucherNo: c.voucherNo, from, to: pickClassification(c.to) };
      break;
    }
    default:
      return assertNever(c);
  }
  return [
    {
      type: 'PostCloseAdjustmentRecorded',
      data: {
        unitId: command.unitId,
        year,
        adjustedOn: command.adjustedOn,
        approvedBy: command.approvedBy,
        auditRef: command.auditRef,
        reason: command.reason,
        change,
      },
      businessDate: command.adjustedOn,
    },
  ];
}

const pickLine = (l: BudgetLine): BudgetLine => ({
  lineId: l.lineId,
  ...pickClassification(l),
  amountFen: l.amountFen,
});

const threePublicOf = (a: ThreePublicAmounts): ThreePublicAmounts => ({
  overseasFen: a.overseasFen,
  vehiclePurchaseFen: a.vehiclePurchaseFen,
  vehicleOperationFen: a.vehicleOperationFen,
  receptionFen: a.receptionFen,
});

/** A closed year refuses everything but an audited adjustment; an unopened one refuses postings. */
function assertPostable(state: FiscalYearState, year: number): void {
  if (state.closedOn !== null) throw new FiscalYearClosedError(year);
  if (!state.opened) {
    throw conflict('FINANCE.YEAR_NOT_OPEN', `${year}年度尚未开账`, `fiscal year ${year} is not open`);
  }
}

function assertAmount(amountFen: number, field = 'amountFen', allowZero = false): void {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0 || (!allowZero && amountFen === 0)) {
    throw invalid(
      'FINANCE.AMOUNT',
      field,
      `${field} 须为以分为单位的${allowZero ? '非负' : '正'}整数`,
      `${field} must be ${allowZero ? 'non-negative' : 'positive'} integer fen`,
    );
  }
}

function safeFen(total: bigint): number {
  const n = Number(total);
  if (!Number.isSafeInteger(n)) {
    throw invalid('FINANCE.AMOUNT', 'amountFen', '合计超出可精确表示的范围', 'total exceeds exact range');
  }
  return n;
}

/** Income and spending happen inside their fiscal year and never after today. */
function assertBookingDate(date: string, year: number, context: DecisionContext, field: string): void {
  if (yearOf(date) !== year) {
    throw invalid(
      'FINANCE.DATE_OUTSIDE_YEAR',
      field,
      `${field} 须在 ${year} 年度内`,
      `${field} must lie in fiscal year ${year}`,
    );
  }
  if (date > context.today) {
    throw invalid('FINANCE.FUTURE_DATE', field, `${field} 不能晚于今天`, `${field} is in the future`);
  }
}

/** Budgets are approved in the year before or during the year, never after it nor after today. */
function assertApprovalDate(
  date: string,
  year: number,
  context: DecisionContext,
  field = 'approvedOn',
): void {
  const y = yearOf(date);
  if (y < year - 1 || y > year) {
    throw invalid(
      'FINANCE.DATE_OUTSIDE_YEAR',
      field,
      `${field} 须在 ${year - 1} 或 ${year} 年内`,
      `${field} must lie in ${year - 1} or ${year}`,
    );
  }
  if (date > context.today) {
    throw invalid('FINANCE.FUTURE_DATE', field, `${field} 不能晚于今天`, `${field} is in the future`);
  }
}

function assertCorrectionDate(date: string, voucherDay: string, context: DecisionContext, field: string) {
  if (date < voucherDay || date > context.today) {
    throw invalid(
      'FINANCE.CORRECTION_DATE',
      field,
      `${field} 须在原凭证日期 ${voucherDay} 与今天之间`,
      `${field} must lie between the voucher's date (${voucherDay}) and today`,
    );
  }
}

function assertNewVoucher(state: FiscalYearState, voucherNo: string, field: string): void {
  if (state.vouchers.has(voucherNo)) {
    throw conflict(
      'FINANCE.DUPLICATE_VOUCHER',
      `凭证号 ${voucherNo} 本年度已使用 (${field})`,
      `voucher ${voucherNo} is already booked this year`,
    );
  }
}

function spendingVoucher(state: FiscalYearState, voucherNo: string, field: string): Voucher {
  const voucher = state.vouchers.get(voucherNo);
  if (!voucher) {
    throw notFound(
      'FINANCE.VOUCHER_NOT_FOUND',
      `本年度没有凭证 ${voucherNo} (${field})`,
      `no voucher ${voucherNo} this year`,
    );
  }
  if (voucher.kind !== 'EXPENDITURE') {
    throw conflict(
      'FINANCE.NOT_EXPENDITURE',
      `凭证 ${voucherNo} 不是支出凭证`,
      `voucher ${voucherNo} is not an expenditure`,
    );
  }
  return voucher;
}

function assertWithinRemaining(voucher: Voucher, voucherNo: string, amountFen: number): void {
  if (amountFen > voucher.remainingFen) {
    throw conflict(
      'FINANCE.OVER_REVERSAL',
      `冲销金额 ${amountFen} 分超过凭证 ${voucherNo} 未冲销余额 ${voucher.remainingFen} 分`,
      `reversal of ${amountFen} fen exceeds the ${voucher.remainingFen} fen left on voucher ${voucherNo}`,
    );
  }
}

function reclassifiable(voucher: Voucher, voucherNo: string): Classification {
  if (voucher.remainingFen === 0 || !voucher.classification) {
    throw conflict(
      'FINANCE.VOUCHER_REVERSED',
      `凭证 ${voucherNo} 已全额冲销，无可调整的金额`,
      `voucher ${voucherNo} is fully reversed`,
    );
  }
  return voucher.classification;
}

/** Basic spending names its half (人员/公用) and no project; project spending names a registered project. */
function assertClassification(c: Classification, state: FiscalYearState, prefix: string): void {
  if (c.budgetKind === 'BASIC') {
    if (c.basicSubKind === null) {
      throw invalid(
        'FINANCE.CLASSIFICATION',
        `${prefix}basicSubKind`,
        '基本支出须注明人员经费或公用经费',
        'basic spending must name PERSONNEL or PUBLIC',
      );
    }
    if (c.projectId !== null) {
      throw invalid(
        'FINANCE.CLASSIFICATION',
        `${prefix}projectId`,
        '基本支出不能挂项目',
        'basic spending names no project',
      );
    }
  } else {
    if (c.basicSubKind !== null) {
      throw invalid(
        'FINANCE.CLASSIFICATION',
        `${prefix}basicSubKind`,
        '项目支出不分人员/公用经费',
        'project spending has no basicSubKind',
      );
    }
    if (c.projectId === null || !state.projects.has(c.projectId)) {
      throw invalid(
        'FINANCE.PROJECT_UNKNOWN',
        `${prefix}projectId`,
        `项目支出须挂已登记的项目${c.projectId ? `（${c.projectId} 未登记）` : ''}`,
        `project spending must name a registered project${c.projectId ? ` (${c.projectId} is not)` : ''}`,
      );
    }
  }
  if (!isEconItemCode(c.econCode)) {
    throw invalid(
      'FINANCE.ECON_CODE',
      `${prefix}econCode`,
      `${c.econCode} 不是部门预算支出经济分类的款级科目`,
      `${c.econCode} is not an item of the economic classification`,
    );
  }
  if (!FUNC_CODE_PATTERN.test(c.funcCode)) {
    throw invalid(
      'FINANCE.FUNC_CODE',
      `${prefix}funcCode`,
      `${c.funcCode} 不是7位支出功能分类项级科目`,
      `${c.funcCode} is not a 7-digit function classification item`,
    );
  }
}

function assertLines(lines: readonly BudgetLine[], state: FiscalYearState, adjusting: boolean): void {
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.lineId)) {
      throw invalid(
        'FINANCE.DUPLICATE_LINE',
        `lines[${i}].lineId`,
        `预算行 ${line.lineId} 重复`,
        `budget line ${line.lineId} appears twice`,
      );
    }
    seen.add(line.lineId);
    assertAmount(line.amountFen, `lines[${i}].amountFen`, adjusting);
    if (line.amountFen > 0) assertClassification(line, state, `lines[${i}].`);
  });
}

function assertThreePublic(a: ThreePublicAmounts): void {
  for (const k of Object.keys(a) as (keyof ThreePublicAmounts)[]) assertAmount(a[k], k, true);
}
