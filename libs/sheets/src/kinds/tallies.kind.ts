import { TALLY_CATEGORIES, TALLY_CATEGORY_NAMES, type TallyCategory } from '@ledger/ledger/events';

import { asChoice, asDate, asId, asQualifiedCount, asText, type QualifiedCount } from '../read/converters';
import type { FieldSpec, KindSpec, PlannedCommand, RowProblem } from './kind-spec';

/** A tally category by its code, its Chinese label, or the measure the count views list it under (`tally.ebike_plate`). */
const SHORT_NAMES: Partial<Record<TallyCategory, readonly string[]>> = {
  VIOLATION_DRUNK_DRIVING: ['醉驾'],
  VIOLATION_DRINK_DRIVING: ['酒驾', '酒后驾驶'],
  VIOLATION_NO_HELMET: ['头盔', '未戴头盔'],
  VIOLATION_NO_SEATBELT: ['安全带', '未系安全带'],
  VIOLATION_UNLICENSED: ['无证'],
  VIOLATION_UNREGISTERED: ['无牌'],
  VIOLATION_PLATE_FRAUD: ['涉牌涉证', '假牌套牌'],
  VEHICLE_REGISTRATION: ['注册登记', '机动车注册'],
  VEHICLE_INSPECTION: ['年检', '机动车年检'],
};
const CATEGORY_LABELS: Record<string, string[]> = Object.fromEntries(
  TALLY_CATEGORY_NAMES.map((c) => [
    c,
    [TALLY_CATEGORIES[c].zh, `tally.${c.toLowerCase()}`, ...(SHORT_NAMES[c] ?? [])],
  ]),
);

/** In a wide sheet (one column per category: 日期 | 中队 | 机动车注册登记 | 驾驶证核发 …) each category is a field. */
const WIDE_PREFIX = 'count:';
const wideField = (c: TallyCategory): FieldSpec => ({
  field: `${WIDE_PREFIX}${c}`,
  labelZh: TALLY_CATEGORIES[c].zh,
  headers: [TALLY_CATEGORIES[c].zh, c, `tally.${c.toLowerCase()}`],
  convert: asQualifiedCount(),
});

const QUALIFIER = asChoice({
  EXACT: ['精确', '准确', '确数'],
  AT_LEAST: ['余', '多', '以上', '至少', '下限', '≥'],
});

/**
 * 统计台账: long (日期 | 中队 | 类别 | 数量, one row per count) or wide (one column per category), each count →
 * RecordTally. A count written `2100余` is recorded as a lower bound.
 */
export const talliesKind: KindSpec = {
  kind: 'tallies',
  labelZh: '业务统计',
  commandNames: ['RecordTally'],
  defaultRole: 'brigade_office',
  fields: [
    {
      field: 'businessDate',
      labelZh: '日期',
      headers: ['日期', '统计日期', '业务日期', '时间'],
      convert: asDate,
      required: true,
    },
    {
      field: 'squadId',
      labelZh: '中队',
      headers: ['中队', '单位', '所属中队', '部门'],
      convert: asId('中队'),
      required: true,
    },
    {
      field: 'category',
      labelZh: '类别',
      headers: ['类别', '项目', '统计项目', '统计类别', '指标', '指标代码', '业务类别'],
      convert: asChoice(CATEGORY_LABELS),
    },
    {
      field: 'count',
      labelZh: '数量',
      headers: ['数量', '数值', '件数', '次数', '计数', '本期'],
      convert: asQualifiedCount(),
    },
    { field: 'qualifier', labelZh: '限定', headers: ['限定', '精确度', '说明'], convert: QUALIFIER },
    {
      field: 'sourceRef',
      labelZh: '凭证号',
      headers: ['凭证号', '台账号', '来源', '单据号', '编号'],
      convert: asText(100),
    },
    ...TALLY_CATEGORY_NAMES.map(wideField),
  ],
  plan: (rows, ctx) => {
    const commands: PlannedCommand[] = [];
    const problems: RowProblem[] = [];
    for (const { row, values } of rows) {
      const base: Record<string, unknown> = { unitId: ctx.unitId };
      for (const f of ['squadId', 'businessDate', 'sourceRef'] as const)
        if (values[f] !== undefined) base[f] = values[f];
      const make = (category: unknown, count: QualifiedCount | undefined, countField: string) => {
        const input: Record<string, unknown> = { ...base, category };
        if (count !== undefined) input.count = count.value;
        const qualifier = count?.atLeast ? 'AT_LEAST' : values.qualifier;
        if (qualifier !== undefined) input.qualifier = qualifier;
        commands.push({
          commandName: 'RecordTally',
          input,
          rows: [row],
          locate: (path) => {
            const field = path.split('.')[0]!;
            return { row, field: field === 'count' ? countField : field };
          },
        });
      };
      const wide = TALLY_CATEGORY_NAMES.filter((c) => values[`${WIDE_PREFIX}${c}`] !== undefined);
      if (values.category !== undefined || values.count !== undefined) {
        make(values.category, values.count as QualifiedCount | undefined, 'count');
      }
      for (const c of wide) {
        const count = values[`${WIDE_PREFIX}${c}`] as QualifiedCount;
        // In a wide sheet a 0 is an empty day for that category, not a record.
        if (count.value > 0 || count.atLeast) make(c, count, `${WIDE_PREFIX}${c}`);
      }
      if (values.category === undefined && values.count === undefined && wide.length === 0) {
        problems.push({
          row,
          column: null,
          message: '没有可登记的数量（需要 类别+数量 两列，或每个类别一列）',
        });
      }
    }
    return { commands, problems };
  },
};
