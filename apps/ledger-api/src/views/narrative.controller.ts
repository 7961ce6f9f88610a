import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsOptional, Matches } from 'class-validator';

import { ID_PATTERN, InputInvalidError, parseDto, type Principal } from '@ledger/ledger';
import {
  GetPerformanceTargetsQuery,
  GetPriorBaselinesQuery,
  GetReportNarrativeQuery,
  type PerformanceTargets,
  type PriorBaselines,
  type ReportNarrative,
} from '@ledger/views';
import { PRIOR_BASELINE_METRIC_CODES, type PriorBaselineMetric } from '@ledger/ledger/events';

import { CurrentPrincipal } from '../auth/auth.decorators';
import { assertMayRead } from './read-scope';

const YEAR = /^(20\d\d|2100)$/;
/** A global position, as the command outcome and the views print it. */
const POSITION = /^\d{1,18}$/;

class AsOfQueryDto {
  @Matches(ID_PATTERN) unit!: string;
  @IsOptional() @Matches(POSITION) asOfPosition?: string;
}

export class NarrativeQueryDto extends AsOfQueryDto {
  @Matches(YEAR) year!: string;
}

export class PriorBaselinesQueryDto extends AsOfQueryDto {
  @IsOptional() @Matches(/^[A-Z_]+(,[A-Z_]+){0,49}$/) metrics?: string;
  @IsOptional() @Matches(YEAR) periodEndYear?: string;
}

const asOf = (q: AsOfQueryDto) => (q.asOfPosition === undefined ? undefined : BigInt(q.asOfPosition));

/** The office's text of the report, its performance targets and the prior-period baselines, as of any position. */
@Controller('api/v1/views')
export class NarrativeController {
  constructor(private readonly queries: QueryBus) {}

  /** The latest draft of each section of a year's report (or the draft in force at `asOfPosition`). */
  @Get('narrative')
  async narrative(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReportNarrative> {
    const q = await parseDto(NarrativeQueryDto, query);
    assertMayRead(principal, q.unit);
    return this.queries.execute(
      new GetReportNarrativeQuery({ unitId: q.unit, year: Number(q.year), asOfPosition: asOf(q) }),
    );
  }

  @Get('performance-targets')
  async targets(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PerformanceTargets> {
    const q = await parseDto(NarrativeQueryDto, query);
    assertMayRead(principal, q.unit);
    return this.queries.execute(
      new GetPerformanceTargetsQuery({ unitId: q.unit, year: Number(q.year), asOfPosition: asOf(q) }),
    );
  }

  @Get('prior-baselines')
  async baselines(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PriorBaselines> {
    const q = await parseDto(PriorBaselinesQueryDto, query);
    const metrics = q.metrics?.split(',');
    const unknown = metrics?.filter((m) => !(PRIOR_BASELINE_METRIC_CODES as string[]).includes(m)) ?? [];
    if (unknown.length > 0)
      throw new InputInvalidError([
        { field: 'metrics', messages: [`未知的基数指标 ${unknown.join(', ')} (unknown metrics)`] },
      ]);
    assertMayRead(principal, q.unit);
    return this.queries.execute(
      new GetPriorBaselinesQuery({
        unitId: q.unit,
        metrics: metrics as PriorBaselineMetric[] | undefined,
        periodEndYear: q.periodEndYear === undefined ? undefined : Number(q.periodEndYear),
        asOfPosition: asOf(q),
      }),
    );
  }
}
