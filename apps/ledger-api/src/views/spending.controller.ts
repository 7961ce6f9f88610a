import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Matches } from 'class-validator';

import { ID_PATTERN, InputInvalidError, IsCalendarDate, parseDto, type Principal } from '@ledger/ledger';
import {
  GetSpendingQuery,
  GetThreePublicQuery,
  GetYearEndProjectionQuery,
  type SpendingResult,
  type ThreePublicResult,
  type YearEndResult,
} from '@ledger/views';

import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { assertMayRead } from './read-scope';
import { parsePeriodQuery, PeriodQueryDto } from './views.controller';

/** Query strings carry the year as text. */
const YEAR = /^(20\d{2}|2100)$/;

export class SpendingQueryDto extends PeriodQueryDto {}

export class ThreePublicQueryDto {
  @Matches(ID_PATTERN) unit!: string;
  @Matches(YEAR, { message: 'year 须为 2000–2100 的年份 (must be a year 2000–2100)' }) year!: string;
}

export class YearEndQueryDto extends ThreePublicQueryDto {
  @IsCalendarDate() asOf!: string;
}

/** Finance, the brigade office and auditors read the books; squad clerks do not. */
@Controller('api/v1/views')
@Roles('finance', 'brigade_office', 'auditor')
export class SpendingController {
  constructor(private readonly queries: QueryBus) {}

  /** Income and spending of any date range by every classification, with shares and budget execution. */
  @Get('spending')
  async spending(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<SpendingResult> {
    const q = await parsePeriodQuery(SpendingQueryDto, query);
    assertMayRead(principal, q.unit);
    return this.queries.execute(
      new GetSpendingQuery({ unitId: q.unit, from: q.from, to: q.to, compareWith: q.compareWith }),
    );
  }

  /** 三公经费 of a year by category, against its budget and last year. */
  @Get('three-public')
  async threePublic(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ThreePublicResult> {
    const q = await parseDto(ThreePublicQueryDto, query);
    assertMayRead(principal, q.unit);
    return this.queries.execute(new GetThreePublicQuery({ unitId: q.unit, year: Number(q.year) }));
  }

  /** Year-end projections of spending and income from year-to-date, each method with its backtest error. */
  @Get('year-end')
  async yearEnd(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<YearEndResult> {
    const q = await parseDto(YearEndQueryDto, query);
    if (q.asOf.slice(0, 4) !== q.year) {
      throw new InputInvalidError([
        { field: 'asOf', messages: ['截止日期须在所预测的年度内 (asOf must lie in the projected year)'] },
      ]);
    }
    assertMayRead(principal, q.unit);
    return this.queries.execute(
      new GetYearEndProjectionQuery({ unitId: q.unit, year: Number(q.year), asOf: q.asOf }),
    );
  }
}
