import type { QueryBus } from '@nestjs/cqrs';

import {
  GetCountsQuery,
  GetPerformanceTargetsQuery,
  GetPriorBaselinesQuery,
  GetReportNarrativeQuery,
  GetSpendingQuery,
  GetThreePublicQuery,
  GetUnitProfileQuery,
  type CountsResult,
  type PerformanceTargets,
  type PriorBaselines,
  type ReportNarrative,
  type SpendingResult,
  type ThreePublicResult,
  type UnitProfile,
} from '@ledger/views';

import { periodsIn } from '../compose/narrative-placeholders';

/** What a report is asked for: a unit, a fiscal year, the statistics cut-off, and the ledger position to read. */
export interface ReportRequest {
  readonly unitId: string;
  readonly year: number;
  /** 统计截止日: the outcome statistics run from 1 January to this date and compare with the same period a year earlier. */
  readonly cutoff: string;
  /** The date printed under the signature; defaults to the cut-off. */
  readonly issuedOn?: string;
  /** Narrative, targets and baselines as they stood at this log position (a past report, exactly). */
  readonly asOfPosition?: bigint;
}

/** Everything the report prints, as the views answer it. The composition below is pure over this. */
export interface ReportFacts {
  readonly request: ReportRequest & { readonly issuedOn: string };
  readonly profile: UnitProfile | null;
  readonly finance: SpendingResult;
  readonly threePublic: ThreePublicResult;
  /** 1 January to the cut-off, with the same period a year earlier. */
  readonly outcomes: CountsResult;
  /** The whole fiscal year: the work the year's money paid for. */
  readonly yearCounts: CountsResult;
  readonly narrative: ReportNarrative;
  readonly targets: PerformanceTargets;
  readonly baselines: PriorBaselines;
  /** Counts for the custom periods the narrative's placeholders name, keyed `from:to`. */
  readonly periodCounts: Readonly<Record<string, CountsResult>>;
}

/** Reads every view the report needs through the QueryBus — never the raw log. */
export async function gatherFacts(queries: QueryBus, request: ReportRequest): Promise<ReportFacts> {
  const { unitId, year, cutoff } = request;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const asOf = request.asOfPosition === undefined ? {} : { asOfPosition: request.asOfPosition };
  const [profile, finance, threePublic, outcomes, yearCounts, narrative, targets, baselines] =
    await Promise.all([
      queries.execute<GetUnitProfileQuery, UnitProfile | null>(
        new GetUnitProfileQuery({ unitId, asOf: yearEnd }),
      ),
      queries.execute<GetSpendingQuery, SpendingResult>(
        new GetSpendingQuery({
          unitId,
          from: yearStart,
          to: yearEnd,
          compareWith: 'previous-year-same-period',
        }),
      ),
      queries.execute<GetThreePublicQuery, ThreePublicResult>(new GetThreePublicQuery({ unitId, year })),
      queries.execute<GetCountsQuery, CountsResult>(
        new GetCountsQuery({ unitId, from: yearStart, to: cutoff, compareWith: 'previous-year-same-period' }),
      ),
      queries.execute<GetCountsQuery, CountsResult>(
        new GetCountsQuery({ unitId, from: yearStart, to: yearEnd }),
      ),
      queries.execute<GetReportNarrativeQuery, ReportNarrative>(
        new GetReportNarrativeQuery({ unitId, year, ...asOf }),
      ),
      queries.execute<GetPerformanceTargetsQuery, PerformanceTargets>(
        new GetPerformanceTargetsQuery({ unitId, year, ...asOf }),
      ),
      queries.execute<GetPriorBaselinesQuery, PriorBaselines>(
        new GetPriorBaselinesQuery({ unitId, periodEndYear: year - 1, ...asOf }),
      ),
    ]);
  const periodCounts: Record<string, CountsResult> = {};
  for (const period of periodsIn(
    narrative.sections.flatMap((s) => s.paragraphs),
    year,
  )) {
    periodCounts[`${period.from}:${period.to}`] = await queries.execute<GetCountsQuery, CountsResult>(
      new GetCountsQuery({ unitId, ...period }),
    );
  }
  return {
    request: { ...request, issuedOn: request.issuedOn ?? cutoff },
    periodCounts,
    profile,
    finance,
    threePublic,
    outcomes,
    yearCounts,
    narrative,
    targets,
    baselines,
  };
}
