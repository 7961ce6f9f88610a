import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import {
  NARRATIVE_SECTION_CODES,
  NARRATIVE_SECTIONS,
  PRIOR_BASELINE_METRICS,
  type NarrativeSection,
  type PriorBaselineMetric,
} from '@ledger/ledger/events';

/** "As of position P": only what had been recorded at or before P; absent, everything recorded so far. */
interface AsOf {
  readonly asOfPosition?: bigint;
}

const asOfParam = (p: AsOf) => (p.asOfPosition === undefined ? null : p.asOfPosition.toString());
const iso = (v: Date | string) => new Date(v).toISOString();

export interface NarrativeSectionView {
  readonly section: NarrativeSection;
  readonly titleZh: string;
  readonly paragraphs: readonly string[];
  readonly draftedOn: string;
  readonly draftedBy: string;
  /** The position of the draft in force: cite it to reprint the same text. */
  readonly position: string;
  readonly recordedAt: string;
}

export interface ReportNarrative {
  readonly unitId: string;
  readonly year: number;
  readonly asOfPosition: string | null;
  /** In report order; a section never drafted, or withdrawn by an empty draft, is absent. */
  readonly sections: readonly NarrativeSectionView[];
}

export class GetReportNarrativeQuery {
  constructor(readonly params: { readonly unitId: string; readonly year: number } & AsOf) {}
}

@QueryHandler(GetReportNarrativeQuery)
export class GetReportNarrativeHandler implements IQueryHandler<GetReportNarrativeQuery, ReportNarrative> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetReportNarrativeQuery): Promise<ReportNarrative> {
    const rows: {
      section: NarrativeSection;
      paragraphs: string[];
      drafted_on: string;
      drafted_by: string;
      position: string;
      recorded_at: Date | string;
    }[] = await this.db.query(
      `SELECT DISTINCT ON (section) section, paragraphs, drafted_on::text AS drafted_on, drafted_by,
              position::text AS position, recorded_at
         FROM report_sections
        WHERE unit_id = $1 AND year = $2 AND ($3::bigint IS NULL OR position <= $3::bigint)
        ORDER BY section, report_sections.position DESC`,
      [params.unitId, params.year, asOfParam(params)],
    );
    const order = (s: NarrativeSection) => NARRATIVE_SECTION_CODES.indexOf(s);
    return {
      unitId: params.unitId,
      year: params.year,
      asOfPosition: asOfParam(params),
      sections: rows
        .filter((r) => r.paragraphs.length > 0)
        .sort((a, b) => order(a.section) - order(b.section))
        .map((r) => ({
          section: r.section,
          titleZh: NARRATIVE_SECTIONS[r.section] ?? r.section,
          paragraphs: r.paragraphs,
          draftedOn: r.drafted_on,
          draftedBy: r.drafted_by,
          position: r.position,
          recordedAt: iso(r.recorded_at),
        })),
    };
  }
}

export interface PerformanceTargetView {
  readonly indicatorCode: string;
  readonly target: string;
  readonly unit: string;
  readonly weight: number;
  readonly position: string;
  readonly recordedAt: string;
}

export interface PerformanceTargets {
  readonly unitId: string;
  readonly year: number;
  readonly asOfPosition: string | null;
  readonly targets: readonly PerformanceTargetView[];
  readonly totalWeight: number;
}

export class GetPerformanceTargetsQuery {
  constructor(readonly params: { readonly unitId: string; readonly year: number } & AsOf) {}
}

@QueryHandler(GetPerformanceTargetsQuery)
export class GetPerformanceTargetsHandler implements IQueryHandler<
  GetPerformanceTargetsQuery,
  PerformanceTargets
> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetPerformanceTargetsQuery): Promise<PerformanceTargets> {
    const rows: {
      indicator_code: string;
      target: string;
      unit: string;
      weight: number;
      position: string;
      recorded_at: Date | string;
    }[] = await this.db.query(
      `SELECT DISTINCT ON (indicator_code) indicator_code, target, unit, weight, position::text AS position, recorded_at
         FROM performance_targets
        WHERE unit_id = $1 AND year = $2 AND ($3::bigint IS NULL OR position <= $3::bigint)
        ORDER BY indicator_code, performance_targets.position DESC`,
      [params.unitId, params.year, asOfParam(params)],
    );
    const targets = rows.map((r) => ({
      indicatorCode: r.indicator_code,
      target: r.target,
      unit: r.unit,
      weight: Number(r.weight),
      position: r.position,
      recordedAt: iso(r.recorded_at),
    }));
    return {
      unitId: params.unitId,
      year: params.year,
      asOfPosition: asOfParam(params),
      targets,
      totalWeight: targets.reduce((sum, t) => sum + t.weight, 0),
    };
  }
}

export interface PriorBaselineView {
  readonly metric: PriorBaselineMetric;
  readonly labelZh: string;
  readonly valueKind: 'count' | 'fen';
  readonly period: { readonly from: string; readonly to: string };
  readonly value: string;
  readonly qualifier: string;
  readonly source: string;
  readonly recordedBy: string;
  readonly position: string;
  readonly recordedAt: string;
}

export interface PriorBaselines {
  readonly unitId: string;
  readonly asOfPosition: string | null;
  readonly baselines: readonly PriorBaselineView[];
}

export class GetPriorBaselinesQuery {
  constructor(
    readonly params: {
      readonly unitId: string;
      readonly metrics?: readonly PriorBaselineMetric[];
      /** Only baselines whose period ends within this calendar year. */
      readonly periodEndYear?: number;
    } & AsOf,
  ) {}
}

@QueryHandler(GetPriorBaselinesQuery)
export class GetPriorBaselinesHandler implements IQueryHandler<GetPriorBaselinesQuery, PriorBaselines> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetPriorBaselinesQuery): Promise<PriorBaselines> {
    const rows: {
      metric: PriorBaselineMetric;
      period_from: string;
      period_to: string;
      value: string;
      qualifier: string;
      source: string;
      recorded_by: string;
      position: string;
      recorded_at: Date | string;
    }[] = await this.db.query(
      `SELECT DISTINCT ON (metric, period_from, period_to)
              metric, period_from::text AS period_from, period_to::text AS period_to, value, qualifier, source,
              recorded_by, position::text AS position, recorded_at
         FROM prior_baselines
        WHERE unit_id = $1
          AND ($2::bigint IS NULL OR position <= $2::bigint)
          AND ($3::text IS NULL OR metric = ANY(string_to_array($3::text, ',')))
          AND ($4::integer IS NULL OR extract(year FROM period_to) = $4::integer)
        ORDER BY metric, period_from, period_to, prior_baselines.position DESC`,
      [
        params.unitId,
        asOfParam(params),
        params.metrics && params.metrics.length > 0 ? params.metrics.join(',') : null,
        params.periodEndYear ?? null,
      ],
    );
    return {
      unitId: params.unitId,
      asOfPosition: asOfParam(params),
      baselines: rows.map((r) => ({
        metric: r.metric,
        labelZh: PRIOR_BASELINE_METRICS[r.metric]?.zh ?? r.metric,
        valueKind: PRIOR_BASELINE_METRICS[r.metric]?.valueKind ?? 'count',
        period: { from: r.period_from, to: r.period_to },
        value: r.value,
        qualifier: r.qualifier,
        source: r.source,
        recordedBy: r.recorded_by,
        position: r.position,
        recordedAt: iso(r.recorded_at),
      })),
    };
  }
}
