import { asDate, asFen, asText } from '../read/converters';
import {
  asBasicSubKind,
  asBudgetKind,
  asEconCode,
  asFuncCode,
  asFundSource,
  asYear,
} from './finance-converters';
import type { KindSpec, PlannedCommand } from './kind-spec';

const LINE_FIELDS = [
  'budgetKind',
  'basicSubKind',
  'projectId',
  'fundSource',
  'econCode',
  'funcCode',
  'amountFen',
] as const;

/**
 * 预算批复表: every row a budget line; the rows of one year and approval date → one ApproveBudget, the same body
 * POST /api/v1/commands/ApproveBudget takes. Lines without their own id are named by their sheet row (`L12`).
 */
export const budgetKind: KindSpec = {
  kind: 'budget',
  labelZh: '预算',
  commandNames: ['ApproveBudget'],
  defaultRole: 'finance',
  fields: [
    {
      field: 'lineId',
      labelZh: '预算行号',
      headers: ['预算行号', '行号', '指标编号', '预算编号', '指标文号'],
      convert: asText(64),
    },
    {
      field: 'approvedOn',
      labelZh: '批复日期',
      headers: ['批复日期', '下达日期', '日期'],
      convert: asDate,
      required: true,
    },
    { field: 'year', labelZh: '年度', headers: ['年度', '预算年度'], convert: asYear },
    {
      field: 'budgetKind',
      labelZh: '支出类型',
      headers: ['支出类型', '支出性质', '预算类型', '基本/项目'],
      convert: asBudgetKind,
      required: true,
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
      required: true,
    },
    {
      field: 'econCode',
      labelZh: '经济分类',
      headers: ['经济分类', '经济科目', '部门经济分类', '经济分类科目'],
      convert: asEconCode,
      required: true,
    },
    {
      field: 'funcCode',
      labelZh: '功能分类',
      headers: ['功能分类', '功能科目', '支出功能分类', '功能分类科目'],
      convert: asFuncCode,
      required: true,
    },
    {
      field: 'amountFen',
      labelZh: '金额',
      headers: ['金额', '预算数', '批复数', '年初预算数', '预算金额', '预算'],
      convert: asFen({ positive: true }),
      required: true,
    },
  ],
  plan: (rows, ctx) => {
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const approvedOn = r.values.approvedOn as string | undefined;
      const year = r.values.year ?? (approvedOn ? Number(approvedOn.slice(0, 4)) : undefined);
      const key = `${String(year)}|${approvedOn ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const commands = [...groups.values()].map((group): PlannedCommand => {
      const first = group[0]!.values;
      const approvedOn = first.approvedOn as string | undefined;
      const input: Record<string, unknown> = {
        unitId: ctx.unitId,
        year: first.year ?? (approvedOn ? Number(approvedOn.slice(0, 4)) : undefined),
        approvedOn,
        lines: group.map(({ row, values }) => ({
          lineId: values.lineId ?? `L${row}`,
          ...Object.fromEntries(
            LINE_FIELDS.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]),
          ),
        })),
      };
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      return {
        commandName: 'ApproveBudget',
        input,
        rows: group.map((r) => r.row),
        locate: (path) => {
          const [head, index, field] = path.split('.');
          if (head === 'lines' && index !== undefined && /^\d+$/.test(index)) {
            return { row: group[Number(index)]?.row ?? group[0]!.row, field: field ?? 'lineId' };
          }
          return {
            row: group[0]!.row,
            field: head === 'year' && first.year === undefined ? 'approvedOn' : head!,
          };
        },
      };
    });
    return { commands, problems: [] };
  },
};
