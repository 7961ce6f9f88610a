import type { DomainEvent } from '../shared/event';
import type { BasicSubKind, BudgetKind, IncomeType } from './finance.codes';

/** Where a fen of spending belongs: basic or project, which project, which money, and both classifications. */
export interface Classification {
  readonly budgetKind: BudgetKind;
  /** 人员经费 / 公用经费 for basic spending; null for project spending. */
  readonly basicSubKind: BasicSubKind | null;
  /** The registered project of project spending; null for basic spending. */
  readonly projectId: string | null;
  readonly fundSource: string;
  /** 部门预算支出经济分类 item, 5 digits. */
  readonly econCode: string;
  /** 支出功能分类 项, 7 digits. */
  readonly funcCode: string;
}

export interface BudgetLine extends Classification {
  readonly lineId: string;
  readonly amountFen: number;
}

export interface ThreePublicAmounts {
  readonly overseasFen: number;
  readonly vehiclePurchaseFen: number;
  readonly vehicleOperationFen: number;
  readonly receptionFen: number;
}

interface YearRef {
  readonly unitId: string;
  readonly year: number;
}

/** The books of a unit's fiscal year (a calendar year in China) are open for postings. */
export type FiscalYearOpened = DomainEvent<'FiscalYearOpened', YearRef>;

/** A project (项目) spending may be booked to; lives in the unit's project register, not in a year. */
export type ProjectRegistered = DomainEvent<
  'ProjectRegistered',
  { unitId: string; projectId: string; name: string; category: string }
>;

/** The year's approved budget (年初预算), line by line. Approved once; changes are BudgetAdjusted. */
export type BudgetApproved = DomainEvent<
  'BudgetApproved',
  YearRef & { approvedOn: string; lines: BudgetLine[] }
>;

/** Lines as they stand after an adjustment (预算调整): a known lineId is replaced, a new one added, 0 cancels. */
export type BudgetAdjusted = DomainEvent<
  'BudgetAdjusted',
  YearRef & { approvedOn: string; lines: BudgetLine[]; reason: string }
>;

/** The year's 三公 budget, set once. */
export type ThreePublicBudgetSet = DomainEvent<
  'ThreePublicBudgetSet',
  YearRef & ThreePublicAmounts & { setOn: string }
>;

/** The 三公 budget as it stands after an adjustment. */
export type ThreePublicBudgetAdjusted = DomainEvent<
  'ThreePublicBudgetAdjusted',
  YearRef & ThreePublicAmounts & { setOn: string; reason: string }
>;

/** Money received (收入), by 决算 income type and fund source, under a voucher number unique in the year. */
export type IncomeReceived = DomainEvent<
  'IncomeReceived',
  YearRef & {
    receivedOn: string;
    incomeType: IncomeType;
    fundSource: string;
    amountFen: number;
    voucherNo: string;
  }
>;

/** Money paid (支出) on a day, under a voucher number unique in the year, with its full classification. */
export type ExpenditureRecorded = DomainEvent<
  'ExpenditureRecorded',
  YearRef &
    Classification & {
      paidOn: string;
      voucherNo: string;
      amountFen: number;
      payee: string;
      summary: string;
    }
>;

/** Takes back part or all of what a voucher spent; views remove it from the voucher's classification and day. */
export type ExpenditureReversed = DomainEvent<
  'ExpenditureReversed',
  YearRef & { originalVoucherNo: string; amountFen: number; reason: string; reversedOn: string }
>;

/** Moves what remains of a voucher to another classification; views move it on the voucher's own day. */
export type ExpenditureReclassified = DomainEvent<
  'ExpenditureReclassified',
  YearRef & {
    voucherNo: string;
    from: Classification;
    to: Classification;
    reason: string;
    reclassifiedOn: string;
  }
>;

/** 年初结转和结余: a balance brought into this year from the year before. */
export type BalanceCarriedForward = DomainEvent<
  'BalanceCarriedForward',
  YearRef & { amountFen: number; fundSource: string }
>;

/** The books are closed. The totals are those the close was decided on, so the year can be replayed alone. */
export type FiscalYearClosed = DomainEvent<
  'FiscalYearClosed',
  YearRef & {
    closedOn: string;
    incomeFen: number;
    expenditureFen: number;
    basicFen: number;
    projectFen: number;
  }
>;

export type PostCloseChange =
  | {
      readonly kind: 'INCOME';
      readonly voucherNo: string;
      readonly receivedOn: string;
      readonly incomeType: IncomeType;
      readonly fundSource: string;
      readonly amountFen: number;
    }
  | ({
      readonly kind: 'EXPENDITURE';
      readonly voucherNo: string;
      readonly paidOn: string;
      readonly amountFen: number;
      readonly payee: string;
      readonly summary: string;
    } & Classification)
  | { readonly kind: 'REVERSAL'; readonly originalVoucherNo: string; readonly amountFen: number }
  | {
      readonly kind: 'RECLASSIFICATION';
      readonly voucherNo: string;
      readonly from: Classification;
      readonly to: Classification;
    };

/** The only posting a closed year accepts: approved by someone other than the poster, under an audit reference. */
export type PostCloseAdjustmentRecorded = DomainEvent<
  'PostCloseAdjustmentRecorded',
  YearRef & {
    adjustedOn: string;
    approvedBy: string;
    auditRef: string;
    reason: string;
    change: PostCloseChange;
  }
>;

export type FiscalYearEvent =
  | FiscalYearOpened
  | BudgetApproved
  | BudgetAdjusted
  | ThreePublicBudgetSet
  | ThreePublicBudgetAdjusted
  | IncomeReceived
  | ExpenditureRecorded
  | ExpenditureReversed
  | ExpenditureReclassified
  | BalanceCarriedForward
  | FiscalYearClosed
  | PostCloseAdjustmentRecorded;

export type ProjectEvent = ProjectRegistered;

export type FinanceEvent = FiscalYearEvent | ProjectEvent;

export const FINANCE_EVENT_TYPES: readonly FinanceEvent['type'][] = [
  'FiscalYearOpened',
  'ProjectRegistered',
  'BudgetApproved',
  'BudgetAdjusted',
  'ThreePublicBudgetSet',
  'ThreePublicBudgetAdjusted',
  'IncomeReceived',
  'ExpenditureRecorded',
  'ExpenditureReversed',
  'ExpenditureReclassified',
  'BalanceCarriedForward',
  'FiscalYearClosed',
  'PostCloseAdjustmentRecorded',
];

export const fiscalYearStream = (unitId: string, year: number) => `finance-${unitId}-${year}`;
export const projectsStream = (unitId: string) => `projects-${unitId}`;
