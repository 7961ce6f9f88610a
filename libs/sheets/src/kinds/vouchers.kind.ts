import { asDate, asFen, asText } from '../read/converters';
import {
  asBasicSubKind,
  asBudgetKind,
  asDirection,
  asEconCode,
  asFuncCode,
  asFundSource,
  asIncomeType,
  asYear,
} from './finance-converters';
import type { KindSpec, PlannedCommand } from './kind-spec';

const CLASSIFICATION = [
  'budgetKind',
  'basicSubKind',
  'projectId',
  'fundSource',
  'econCode',
  'funcCode',
] as const;

/**
 * Vouchers exported from the accounting software: one row per voucher line → RecordExpenditure, or RecordIncome
 * where the row says so (a 收支 column reading 收入, or an amount under 收入金额/贷方 only).
 */
export const vouchersKind: KindSpec = {
  kind: 'vouchers',
  labelZh: '凭证',
  commandNames: ['RecordExpenditure', 'RecordIncome'],
  defaultRole: 'finance',
  fields: [
    {
      field: 'date',
      labelZh: '日期',
      headers: ['日期', '凭证日期', '记账日期', '支付日期', '业务日期', '收款日期'],
      convert: asDate,
      required: true,
    },
    {
      field: 'voucherNo',
      labelZh: '凭证号',
      headers: ['凭证号', '凭证编号', '记账凭证号', '凭证字号', '凭证'],
      convert: asText(40),
      required: true,
    },
    { field: 'summary', labelZh: '摘要', headers: ['摘要', '内容', '事由'], convert: asText(500) },
    {
      field: 'payee',
      labelZh: '收款人',
      headers: ['收款人', '收款单位', '往来单位', '对方单位', '供应商', '收款方'],
      convert: asText(100),
    },
    {
      field: 'direction',
      labelZh: '收支',
      headers: ['收支', '收支类型', '方向', '借贷方向'],
      convert: asDirection,
    },
    {
      field: 'amountFen',
      labelZh: '金额',
      headers: ['金额', '发生额', '支出金额', '借方金额', '借方', '支出'],
      convert: asFen({ positive: true }),
    },
    {
      field: 'incomeFen',
      labelZh: '收入金额',
      headers: ['收入金额', '贷方金额', '贷方', '收入'],
      convert: asFen({ positive: true }),
    },
    {
      field: 'econCode',
      labelZh: '经济分类',
      headers: ['经济分类', '经济科目', '部门经济分类', '经济分类科目', '支出经济分类'],
      convert: asEconCode,
    },
    {
      field: 'funcCode',
      labelZh: '功能分类',
      headers: ['功能分类', '功能科目', '支出功能分类', '功能分类科目'],
      convert: asFuncCode,
    },
    {
      field: 'budgetKind',
      labelZh: '支出类型',
      headers: ['支出类型', '支出性质', '预算类型', '基本/项目'],
      convert: asBudgetKind,
    },
    {
      field: 'basicSubKind',
      labelZh: '经费类型',
      headers: ['经费类型', '基本支出类型', '人员/公用'],
      convert: asBasicSubKind,
    },
    { field: 'projectId', labelZh: '项目', headers: ['项目', '项目编号', '项目代码'], convert: asText(64) },
    {
      field: 'fundSource',
      labelZh: '资金来源',
      headers: ['资金来源', '资金性质', '经费来源'],
      convert: asFundSource,
    },
    {
      field: 'incomeType',
      labelZh: '收入类型',
      headers: ['收入类型', '收入项目', '收入来源'],
      convert: asIncomeType,
    },
    { field: 'year', labelZh: '年度', headers: ['年度', '预算年度', '会计年度'], convert: asYear },
  ],
  plan: (rows, ctx) => ({
    commands: rows.map(({ row, values: v }): PlannedCommand => {
      const date = v.date as string | undefined;
      const year = v.year ?? (date ? Number(date.slice(0, 4)) : undefined);
      const income =
        v.direction === 'INCOME' ||
        (v.direction === undefined && v.incomeFen !== undefined && v.amountFen === undefined);
      const amountField = income && v.incomeFen !== undefined ? 'incomeFen' : 'amountFen';
      const input: Record<string, unknown> = income
        ? {
            unitId: ctx.unitId,
            year,
            receivedOn: date,
            incomeType: v.incomeType,
            fundSource: v.fundSource,
            amountFen: v[amountField],
            voucherNo: v.voucherNo,
          }
        : {
            unitId: ctx.unitId,
            year,
            paidOn: date,
            voucherNo: v.voucherNo,
            amountFen: v.amountFen,
            payee: v.payee,
            summary: v.summary,
            ...Object.fromEntries(CLASSIFICATION.filter((f) => v[f] !== undefined).map((f) => [f, v[f]])),
          };
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      return {
        commandName: income ? 'RecordIncome' : 'RecordExpenditure',
        input,
        rows: [row],
        locate: (path) => {
          const field = path.split('.')[0]!;
          const sheetField =
            field === 'paidOn' || field === 'receivedOn'
              ? 'date'
              : field === 'amountFen'
                ? amountField
                : field === 'year' && v.year === undefined
                  ? 'date'
                  : field;
          return { row, field: sheetField };
        },
      };
    }),
    problems: [],
  }),
};
