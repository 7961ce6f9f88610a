import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import { HAZARD_KIND_LABELS, HAZARD_KINDS, type HazardKind } from '@ledger/ledger/events';

import { percent } from '../shared/decimal';
import { unitAndDescendants } from '../shared/units';

export interface OpenHazardsParams {
  readonly unitId: string;
  readonly asOf: string;
  /** Only hazards found on or after this date (e.g. the year's first day); all when absent. */
  readonly foundFrom?: string;
}

export interface HazardStanding {
  readonly kind: string;
  readonly kindZh: string;
  readonly found: number;
  readonly rectified: number;
  readonly open: number;
}

export interface OpenHazardsResult {
  readonly unitId: string;
  readonly asOf: string;
  readonly foundFrom: string | null;
  readonly byKind: readonly HazardStanding[];
  readonly total: HazardStanding;
  /** rectified / found in percent (道路隐患整改率); null when nothing was found. */
  readonly rectifiedPct: string | null;
}

export class GetOpenHazardsQuery {
  constructor(readonly params: OpenHazardsParams) {}
}

const kindZh = (kind: string) =>
  (HAZARD_KINDS as readonly string[]).includes(kind) ? HAZARD_KIND_LABELS[kind as HazardKind] : kind;

/** Hazards standing on a date: found on or before it, and whether they had been rectified by then. */
@QueryHandler(GetOpenHazardsQuery)
export class GetOpenHazardsHandler implements IQueryHandler<GetOpenHazardsQuery, OpenHazardsResult> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetOpenHazardsQuery): Promise<OpenHazardsResult> {
    const units = await unitAndDescendants(this.db, params.unitId);
    const args: unknown[] = [params.asOf, params.foundFrom ?? null, ...units];
    const placeholders = units.map((_, i) => `$${i + 3}`).join(', ');
    const raw: { kind: string; found: string; rectified: string }[] = await this.db.query(
      `SELECT kind,
              count(*)::text AS found,
              count(*) FILTER (WHERE rectified_on <= $1::date)::text AS rectified
         FROM hazard_cases
        WHERE unit_id IN (${placeholders})
          AND status <> 'voided'
          AND identified_on <= $1::date
          AND ($2::date IS NULL OR identified_on >= $2::date)
        GROUP BY kind
        ORDER BY kind`,
      args,
    );
    const byKind = raw.map((r) => standing(r.kind, Number(r.found), Number(r.rectified)));
    const total = standing(
      '',
      byKind.reduce((s, k) => s + k.found, 0),
      byKind.reduce((s, k) => s + k.rectified, 0),
    );
    return {
      unitId: params.unitId,
      asOf: params.asOf,
      foundFrom: params.foundFrom ?? null,
      byKind,
      total,
      rectifiedPct: percent(BigInt(total.rectified), BigInt(total.found)),
    };
  }
}

function standing(kind: string, found: number, rectified: number): HazardStanding {
  return { kind, kindZh: kind ? kindZh(kind) : '合计', found, rectified, open: found - rectified };
}
