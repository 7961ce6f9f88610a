import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import { percentChange } from '../shared/decimal';
import { previousYearSamePeriod, type Period } from '../shared/periods';
import { unitAndDescendants } from '../shared/units';
import { ActivityCountEntity } from './activity-counts.table';
import { MEASURE_LABELS } from './measures';

export type CountsGroupBy = 'measure' | 'squad' | 'month' | 'day';

export interface CountsParams extends Period {
  readonly unitId: string;
  readonly squadId?: string;
  readonly measures?: readonly string[];
  readonly groupBy?: CountsGroupBy;
  readonly compareWith?: 'previous-year-same-period';
}

export interface CountRow {
  readonly measure: string;
  readonly labelZh: string;
  /** The squad, month (YYYY-MM) or day the row is for; '' when grouped by measure only. */
  readonly group: string;
  readonly value: string;
  readonly lowerBound: boolean;
}

export interface CountComparison {
  readonly measure: string;
  readonly group: string;
  readonly current: string;
  readonly previous: string;
  readonly changePct: string | null;
}

export interface CountsResult {
  readonly unitId: string;
  readonly units: readonly string[];
  readonly period: Period;
  readonly groupBy: CountsGroupBy;
  readonly rows: readonly CountRow[];
  readonly previous?: { readonly period: Period; readonly rows: readonly CountRow[] };
  readonly changes?: readonly CountComparison[];
}

export class GetCountsQuery {
  constructor(readonly params: CountsParams) {}
}

const GROUP_EXPR: Record<CountsGroupBy, string> = {
  measure: "''",
  squad: 'c.squad_id',
  month: "to_char(c.day, 'YYYY-MM')",
  day: "to_char(c.day, 'YYYY-MM-DD')",
};

export async function countRows(
  db: DataSource,
  units: readonly string[],
  period: Period,
  params: CountsParams,
): Promise<CountRow[]> {
  const groupBy = params.groupBy ?? 'measure';
  const qb = db
    .getRepository(ActivityCountEntity)
    .createQueryBuilder('c')
    .select('c.measure', 'measure')
    .addSelect(GROUP_EXPR[groupBy], 'grp')
    .addSelect('SUM(c.value)::text', 'value')
    .addSelect('bool_or(c.lower_bound)', 'lower_bound')
    .where('c.unit_id IN (:...units)', { units })
    .andWhere('c.day BETWEEN :from AND :to', { from: period.from, to: period.to })
    .groupBy('c.measure')
    .addGroupBy('grp')
    .orderBy('c.measure')
    .addOrderBy('grp');
  if (params.squadId) qb.andWhere('c.squad_id = :squad', { squad: params.squadId });
  if (params.measures && params.measures.length > 0)
    qb.andWhere('c.measure IN (:...measures)', { measures: params.measures });
  const raw = await qb.getRawMany<{ measure: string; grp: string; value: string; lower_bound: boolean }>();
  return raw.map((r) => ({
    measure: r.measure,
    labelZh: MEASURE_LABELS[r.measure]?.zh ?? r.measure,
    group: r.grp,
    value: r.value,
    lowerBound: r.lower_bound,
  }));
}

@QueryHandler(GetCountsQuery)
export class GetCountsHandler implements IQueryHandler<GetCountsQuery, CountsResult> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetCountsQuery): Promise<CountsResult> {
    const units = await unitAndDescendants(this.db, params.unitId);
    const period = { from: params.from, to: params.to };
    const rows = await countRows(this.db, units, period, params);
    const result: CountsResult = {
      unitId: params.unitId,
      units,
      period,
      groupBy: params.groupBy ?? 'measure',
      rows,
    };
    if (params.compareWith !== 'previous-year-same-period') return result;
    const prevPeriod = previousYearSamePeriod(period);
    const previous = await countRows(this.db, units, prevPeriod, params);
    const key = (r: CountRow) => `${r.measure}\u0000${r.group}`;
    const prevByKey = new Map(previous.map((r) => [key(r), r]));
    const keys = new Set([...rows.map(key), ...previous.map(key)]);
    const curByKey = new Map(rows.map((r) => [key(r), r]));
    const changes = [...keys].sort().map((k) => {
      const [measure, group] = k.split('\u0000') as [string, string];
      const current = curByKey.get(k)?.value ?? '0';
      const prev = prevByKey.get(k)?.value ?? '0';
      return {
        measure,
        group,
        current,
        previous: prev,
        changePct: percentChange(BigInt(current), BigInt(prev)),
      };
    });
    return { ...result, previous: { period: prevPeriod, rows: previous }, changes };
  }
}
