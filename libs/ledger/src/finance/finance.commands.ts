import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate, IsFen } from '../shared/validation';
import {
  BASIC_SUB_KINDS,
  BUDGET_KINDS,
  INCOME_TYPES,
  type BasicSubKind,
  type BudgetKind,
  type IncomeType,
} from './finance.codes';
import { fiscalYearStream, projectsStream, type BudgetLine, type Classification } from './finance.events';
import { fiscalYearDecider, type FiscalYearCommand, type PostCloseRequest } from './fiscal-year.decider';
import { projectDecider } from './project.decider';

/** 记账凭证号: letters (incl. 记/收/付), digits and separators. */
const VOUCHER_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_./-]{0,39}$/u;

class UnitRef {
  @Matches(ID_PATTERN) unitId!: string;
}

class YearRef extends UnitRef {
  @IsInt() @Min(2000) @Max(2100) year!: number;
}

/** The shape of a classification; which combinations are allowed, and the code tables, are checked in decide. */
export class ClassificationDto {
  @IsIn(BUDGET_KINDS) budgetKind!: BudgetKind;
  @IsOptional() @IsIn(BASIC_SUB_KINDS) basicSubKind?: BasicSubKind | null;
  @IsOptional() @Matches(ID_PATTERN) projectId?: string | null;
  @Matches(ID_PATTERN) fundSource!: string;
  @Matches(/^\d{5}$/, { message: 'econCode 须为5位经济分类款级科目 (must be a 5-digit item code)' })
  econCode!: string;
  @Matches(/^\d{7}$/, { message: 'funcCode 须为7位功能分类项级科目 (must be a 7-digit item code)' })
  funcCode!: string;
}

export class BudgetLineDto extends ClassificationDto {
  @Matches(ID_PATTERN) lineId!: string;
  @IsFen() amountFen!: number;
}

const classification = (d: ClassificationDto): Classification => ({
  budgetKind: d.budgetKind,
  basicSubKind: d.basicSubKind ?? null,
  projectId: d.projectId ?? null,
  fundSource: d.fundSource,
  econCode: d.econCode,
  funcCode: d.funcCode,
});

const budgetLine = (d: BudgetLineDto): BudgetLine => ({
  lineId: d.lineId,
  ...classification(d),
  amountFen: d.amountFen,
});

export class OpenFiscalYearDto extends YearRef {}

export class RegisterProjectDto extends UnitRef {
  @Matches(ID_PATTERN) projectId!: string;
  @IsString() @MinLength(2) @MaxLength(100) name!: string;
  @IsString() @MinLength(1) @MaxLength(40) category!: string;
}

export class ApproveBudgetDto extends YearRef {
  @IsCalendarDate() approvedOn!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  lines!: BudgetLineDto[];
}

export class AdjustBudgetDto extends ApproveBudgetDto {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class SetThreePublicBudgetDto extends YearRef {
  @IsCalendarDate() setOn!: string;
  @IsFen() overseasFen!: number;
  @IsFen() vehiclePurchaseFen!: number;
  @IsFen() vehicleOperationFen!: number;
  @IsFen() receptionFen!: number;
}

export class AdjustThreePublicBudgetDto extends SetThreePublicBudgetDto {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class RecordIncomeDto extends YearRef {
  @IsCalendarDate() receivedOn!: string;
  @IsIn(INCOME_TYPES) incomeType!: IncomeType;
  @Matches(ID_PATTERN) fundSource!: string;
  @IsFen({ allowZero: false }) amountFen!: number;
  @Matches(VOUCHER_PATTERN) voucherNo!: string;
}

export class RecordExpenditureDto extends ClassificationDto {
  @Matches(ID_PATTERN) unitId!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsCalendarDate() paidOn!: string;
  @Matches(VOUCHER_PATTERN) voucherNo!: string;
  @IsFen({ allowZero: false }) amountFen!: number;
  @IsString() @MinLength(1) @MaxLength(100) payee!: string;
  @IsString() @MinLength(1) @MaxLength(500) summary!: string;
}

export class ReverseExpenditureDto extends YearRef {
  @Matches(VOUCHER_PATTERN) originalVoucherNo!: string;
  @IsFen({ allowZero: false }) amountFen!: number;
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
  @IsCalendarDate() reversedOn!: string;
}

export class ReclassifyExpenditureDto extends YearRef {
  @Matches(VOUCHER_PATTERN) voucherNo!: string;
  // ValidateNested alone lets a missing or null `to` through (then a 500 in the decider): IsObject requires it.
  @IsObject() @ValidateNested() @Type(() => ClassificationDto) to!: ClassificationDto;
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
  @IsCalendarDate() reclassifiedOn!: string;
}

export class CarryForwardBalanceDto extends YearRef {
  @IsFen({ allowZero: false }) amountFen!: number;
  @Matches(ID_PATTERN) fundSource!: string;
}

export class CloseFiscalYearDto extends YearRef {
  @IsCalendarDate() closedOn!: string;
}

/** Who approved a change to a closed year, under which audit reference, and why. */
class AuditedAdjustment extends YearRef {
  @IsCalendarDate() adjustedOn!: string;
  @Matches(ID_PATTERN) approvedBy!: string;
  @IsString() @MinLength(2) @MaxLength(100) auditRef!: string;
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class AdjustClosedYearIncomeDto extends AuditedAdjustment {
  @IsCalendarDate() receivedOn!: string;
  @IsIn(INCOME_TYPES) incomeType!: IncomeType;
  @Matches(ID_PATTERN) fundSource!: string;
  @IsFen({ allowZero: false }) amountFen!: number;
  @Matches(VOUCHER_PATTERN) voucherNo!: string;
}

export class AdjustClosedYearExpenditureDto extends AuditedAdjustment {
  @IsCalendarDate() paidOn!: string;
  @Matches(VOUCHER_PATTERN) voucherNo!: string;
  @IsFen({ allowZero: false }) amountFen!: number;
  @IsString() @MinLength(1) @MaxLength(100) payee!: string;
  @IsString() @MinLength(1) @MaxLength(500) summary!: string;
  @IsIn(BUDGET_KINDS) budgetKind!: BudgetKind;
  @IsOptional() @IsIn(BASIC_SUB_KINDS) basicSubKind?: BasicSubKind | null;
  @IsOptional() @Matches(ID_PATTERN) projectId?: string | null;
  @Matches(ID_PATTERN) fundSource!: string;
  @Matches(/^\d{5}$/) econCode!: string;
  @Matches(/^\d{7}$/) funcCode!: string;
}

export class ReverseClosedYearExpenditureDto extends AuditedAdjustment {
  @Matches(VOUCHER_PATTERN) originalVoucherNo!: string;
  @IsFen({ allowZero: false }) amountFen!: number;
}

export class ReclassifyClosedYearExpenditureDto extends AuditedAdjustment {
  @Matches(VOUCHER_PATTERN) voucherNo!: string;
  @IsObject() @ValidateNested() @Type(() => ClassificationDto) to!: ClassificationDto;
}

const financeOnly = ['finance'] as const;
const onYear = {
  decider: fiscalYearDecider,
  roles: financeOnly,
  streamOf: (d: YearRef) => fiscalYearStream(d.unitId, d.year),
  unitOf: (d: YearRef) => d.unitId,
  // Project spending must name a project of the unit's register, which lives in its own stream.
  alsoReads: (d: YearRef) => [projectsStream(d.unitId)],
};

const adjustment = (d: AuditedAdjustment, change: PostCloseRequest): FiscalYearCommand => ({
  kind: 'RecordPostCloseAdjustment',
  unitId: d.unitId,
  year: d.year,
  adjustedOn: d.adjustedOn,
  approvedBy: d.approvedBy,
  auditRef: d.auditRef,
  reason: d.reason,
  change,
});

export const financeCommands = [
  defineCommand({
    name: 'RegisterProject',
    summaryZh: '登记项目',
    dto: RegisterProjectDto,
    decider: projectDecider,
    roles: financeOnly,
    streamOf: (d) => projectsStream(d.unitId),
    unitOf: (d) => d.unitId,
    toCommand: (d) => ({
      kind: 'RegisterProject' as const,
      unitId: d.unitId,
      projectId: d.projectId,
      name: d.name,
      category: d.category,
    }),
  }),
  defineCommand({
    ...onYear,
    name: 'OpenFiscalYear',
    summaryZh: '年度开账',
    dto: OpenFiscalYearDto,
    toCommand: (d): FiscalYearCommand => ({ kind: 'OpenFiscalYear', unitId: d.unitId, year: d.year }),
  }),
  defineCommand({
    ...onYear,
    name: 'ApproveBudget',
    summaryZh: '登记批复预算',
    dto: ApproveBudgetDto,
    toCommand: (d): FiscalYearCommand => ({
      kind: 'ApproveBudget',
      unitId: d.unitId,
      year: d.year,
      approvedOn: d.approvedOn,
      lines: d.lines.map(budgetLine),
    }),
  }),
  defineCommand({
    ...onYear,
    name: 'AdjustBudget',
    summaryZh: '登记预算调整',
    dto: AdjustBudgetDto,
    toCommand: (d): FiscalYearCommand => ({
      kind: 'AdjustBudget',
      unitId: d.unitId,
      year: d.year,
      approvedOn: d.approvedOn,
      lines: d.lines.map(budgetLine),
      reason: d.reason,
    }),
  }),
  defineCommand({
    ...onYear,
    name: 'SetThreePublicBudget',
    summaryZh: '设定"三公"经费预算',
    dto: SetThreePublicBudgetDto,
    toCommand: (d): FiscalYearCommand => ({ kind: 'SetThreePublicBudget', ...d }),
  }),
  defineCommand({
    ...onYear,
    name: 'AdjustThreePublicBudget',
    summaryZh: '调整"三公"经费预算',
    dto: AdjustThreePublicBudgetDto,
    toCommand: (d): FiscalYearCommand => ({ kind: 'AdjustThreePublicBudget', ...d }),
  }),
  defineCommand({
    ...onYear,
    name: 'RecordIncome',
    summaryZh: '登记收入',
    dto: RecordIncomeDto,
    toCommand: (d): FiscalYearCommand => ({ kind: 'RecordIncome', ...d }),
  }),
  defineCommand({
    ...onYear,
    name: 'RecordExpenditure',
    summaryZh: '登记支出',
    dto: RecordExpenditureDto,
    toCommand: (d): FiscalYearCommand => ({
      kind: 'RecordExpenditure',
      unitId: d.unitId,
      year: d.year,
      paidOn: d.paidOn,
      voucherNo: d.voucherNo,
      amountFen: d.amountFen,
      payee: d.payee,
      summary: d.summary,
      ...classification(d),
    }),
  }),
  defineCommand({
    ...onYear,
    name: 'ReverseExpenditure',
    summaryZh: '冲销支出',
    dto: ReverseExpenditureDto,
    toCommand: (d): FiscalYearCommand => ({ kind: 'ReverseExpenditure', ...d }),
  }),
  defineCommand({
    ...onYear,
    name: 'ReclassifyExpenditure',
    summaryZh: '调整支出科目',
    dto: ReclassifyExpenditureDto,
    toCommand: (d): FiscalYearCommand => ({
      kind: 'ReclassifyExpenditure',
      unitId: d.unitId,
      year: d.year,
      voucherNo: d.voucherNo,
      to: classification(d.to),
      reason: d.reason,
      reclassifiedOn: d.reclassifiedOn,
    }),
  }),
  defineCommand({
    ...onYear,
    name: 'CarryForwardBalance',
    summaryZh: '登记年初结转和结余',
    dto: CarryForwardBalanceDto,
    toCommand: (d): FiscalYearCommand => ({ kind: 'CarryForwardBalance', ...d }),
  }),
  defineCommand({
    ...onYear,
    name: 'CloseFiscalYear',
    summaryZh: '年度结账',
    dto: CloseFiscalYearDto,
    toCommand: (d): FiscalYearCommand => ({ kind: 'CloseFiscalYear', ...d }),
  }),
  defineCommand({
    ...onYear,
    name: 'AdjustClosedYearIncome',
    summaryZh: '结账后调整：补记收入（经审计）',
    dto: AdjustClosedYearIncomeDto,
    toCommand: (d) =>
      adjustment(d, {
        kind: 'INCOME',
        voucherNo: d.voucherNo,
        receivedOn: d.receivedOn,
        incomeType: d.incomeType,
        fundSource: d.fundSource,
        amountFen: d.amountFen,
      }),
  }),
  defineCommand({
    ...onYear,
    name: 'AdjustClosedYearExpenditure',
    summaryZh: '结账后调整：补记支出（经审计）',
    dto: AdjustClosedYearExpenditureDto,
    toCommand: (d) =>
      adjustment(d, {
        kind: 'EXPENDITURE',
        voucherNo: d.voucherNo,
        paidOn: d.paidOn,
        amountFen: d.amountFen,
        payee: d.payee,
        summary: d.summary,
        ...classification(d),
      }),
  }),
  defineCommand({
    ...onYear,
    name: 'ReverseClosedYearExpenditure',
    summaryZh: '结账后调整：冲销支出（经审计）',
    dto: ReverseClosedYearExpenditureDto,
    toCommand: (d) =>
      adjustment(d, { kind: 'REVERSAL', originalVoucherNo: d.originalVoucherNo, amountFen: d.amountFen }),
  }),
  defineCommand({
    ...onYear,
    name: 'ReclassifyClosedYearExpenditure',
    summaryZh: '结账后调整：调整支出科目（经审计）',
    dto: ReclassifyClosedYearExpenditureDto,
    toCommand: (d) =>
      adjustment(d, { kind: 'RECLASSIFICATION', voucherNo: d.voucherNo, to: classification(d.to) }),
  }),
];
