import { Workbook, type Worksheet } from 'exceljs';
import type { QueryBus } from '@nestjs/cqrs';

import {
  fenToWanYuan,
  GetCountsQuery,
  MEASURE_LABELS,
  type CountsGroupBy,
  type CountsParams,
  type CountsResult,
} from '@ledger/views';

import { addTableSheet, type Figure, type SheetColumn, type SheetRowValues } from './table-sheet';

/** Money measures end in `_fen` and are printed in 万元 with two decimals, as the report prints them. */
const isMoney = (measure: string) => measure.endsWith('_fen');

function figure(measure: string, value: string): Figure {
  return isMoney(measure)
    ? { value: fenToWanYuan(BigInt(value)), format: 'wan' }
    : { value, format: 'integer' };
}

const unitOf = (measure: string) => (isMoney(measure) ? '万元' : (MEASURE_LABELS[measure]?.unitZh ?? ''));
const labelOf = (measure: string) => MEASURE_LABELS[measure]?.zh ?? measure;

const GROUP: Record<Exclude<CountsGroupBy, 'measure'>, { header: string; sheet: string }> = {
  squad: { header: '中队', sheet: '按中队' },
  month: { header: '月份', sheet: '按月' },
  day: { header: '日期', sheet: '按日' },
};

const MEASURE_COLUMNS: readonly SheetColumn[] = [
  { key: 'measure', header: '指标代码', format: 'text', width: 30 },
  { key: 'label', header: '指标', format: 'text', width: 22 },
  { key: 'unit', header: '计量单位', format: 'text', width: 10 },
];

export function countsSubtitle(result: CountsResult): string {
  const units =
    result.units.length > 1 ? `（含 ${result.units.filter((u) => u !== result.unitId).join('、')}）` : '';
  const previous = result.previous
    ? `；上年同期 ${result.previous.period.from} 至 ${result.previous.period.to}`
    : '';
  return `单位 ${result.unitId}${units}\u3000${result.period.from} 至 ${result.period.to}${previous}\u3000金额单位: 万元`;
}

/** One counts result as one sheet: the rows as the API returns them, or with 本期/上年同期/同比 when it compared. */
export function addCountsSheet(wb: Workbook, result: CountsResult, name?: string): Worksheet {
  const group = result.groupBy === 'measure' ? null : GROUP[result.groupBy];
  const groupColumn: SheetColumn[] = group
    ? [{ key: 'group', header: group.header, format: 'text', width: 14 }]
    : [];
  const lowerBound = new Map(result.rows.map((r) => [`${r.measure}\u0000${r.group}`, r.lowerBound]));
  const title = `业务统计${group ? `（${group.sheet}）` : ''}`;
  const sheet = name ?? group?.sheet ?? '按指标';
  if (result.changes) {
    const columns: SheetColumn[] = [
      ...groupColumn,
      ...MEASURE_COLUMNS,
      { key: 'current', header: '本期', format: 'integer' },
      { key: 'previous', header: '上年同期', format: 'integer' },
      { key: 'delta', header: '增减', format: 'integer' },
      { key: 'changePct', header: '同比(%)', format: 'percent' },
      { key: 'qualifier', header: '限定', format: 'text', width: 8 },
    ];
    const rows: SheetRowValues[] = result.changes.map((c) => ({
      group: c.group,
      measure: c.measure,
      label: labelOf(c.measure),
      unit: unitOf(c.measure),
      current: figure(c.measure, c.current),
      previous: figure(c.measure, c.previous),
      delta: figure(c.measure, (BigInt(c.current) - BigInt(c.previous)).toString()),
      changePct: c.changePct,
      qualifier: lowerBound.get(`${c.measure}\u0000${c.group}`) ? '余' : null,
    }));
    return addTableSheet(wb, sheet, title, countsSubtitle(result), columns, rows);
  }
  const columns: SheetColumn[] = [
    ...groupColumn,
    ...MEASURE_COLUMNS,
    { key: 'value', header: '数值', format: 'integer' },
    { key: 'qualifier', header: '限定', format: 'text', width: 8 },
  ];
  const rows: SheetRowValues[] = result.rows.map((r) => ({
    group: r.group,
    measure: r.measure,
    label: labelOf(r.measure),
    unit: unitOf(r.measure),
    value: figure(r.measure, r.value),
    qualifier: r.lowerBound ? '余' : null,
  }));
  return addTableSheet(wb, sheet, title, countsSubtitle(result), columns, rows);
}

/** GET /api/v1/views/counts?format=xlsx: the response of that request, as a sheet. */
export function countsWorkbook(result: CountsResult): Workbook {
  const wb = new Workbook();
  addCountsSheet(wb, result);
  return wb;
}

export interface CountsExportParams {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly squadId?: string;
}

/**
 * `ledger export-sheet --view counts`: one sheet per breakdown — by measure against the same period last year, by
 * squad, by month — and a 明细 sheet by day and squad that imports back as tallies. Every figure is a GetCountsQuery
 * answer, the same the API gives.
 */
export async function exportCounts(queries: QueryBus, params: CountsExportParams): Promise<Workbook> {
  const ask = (p: Partial<CountsParams>) =>
    queries.execute<GetCountsQuery, CountsResult>(
      new GetCountsQuery({
        unitId: params.unitId,
        from: params.from,
        to: params.to,
        squadId: params.squadId,
        ...p,
      }),
    );
  const wb = new Workbook();
  addCountsSheet(wb, await ask({ groupBy: 'measure', compareWith: 'previous-year-same-period' }));
  const bySquad = await ask({ groupBy: 'squad' });
  addCountsSheet(wb, bySquad);
  addCountsSheet(wb, await ask({ groupBy: 'month' }));

  const squads = [...new Set(bySquad.rows.map((r) => r.group))].sort();
  const detail: SheetRowValues[] = [];
  for (const squad of squads) {
    const days = await ask({ groupBy: 'day', squadId: squad });
    for (const r of days.rows)
      detail.push({
        day: r.group,
        squad,
        measure: r.measure,
        label: labelOf(r.measure),
        unit: unitOf(r.measure),
        value: figure(r.measure, r.value),
        qualifier: r.lowerBound ? '余' : null,
      });
  }
  detail.sort(
    (a, b) => String(a.day).localeCompare(String(b.day)) || String(a.squad).localeCompare(String(b.squad)),
  );
  addTableSheet(
    wb,
    '明细',
    '业务统计明细（按日、按中队）',
    countsSubtitle({ ...bySquad, previous: undefined }),
    [
      { key: 'day', header: '日期', format: 'text', width: 12 },
      { key: 'squad', header: '中队', format: 'text', width: 14 },
      ...MEASURE_COLUMNS,
      { key: 'value', header: '数值', format: 'integer' },
      { key: 'qualifier', header: '限定', format: 'text', width: 8 },
    ],
    detail,
  );
  return wb;
}
