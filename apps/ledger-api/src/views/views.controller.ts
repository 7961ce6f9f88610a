import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsIn, IsOptional, Matches } from 'class-validator';

import { ID_PATTERN, InputInvalidError, IsCalendarDate, parseDto } from '@ledger/ledger';
import { GetCountsQuery, type CountsGroupBy, type CountsResult } from '@ledger/views';
import { countsWorkbook } from '@ledger/sheets';

import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '@ledger/ledger';
import { assertMayRead } from './read-scope';
import { XlsxExport } from './xlsx-export';

export class PeriodQueryDto {
  @Matches(ID_PATTERN) unit!: string;
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
  @IsOptional() @IsIn(['previous-year-same-period']) compareWith?: 'previous-year-same-period';
}

export class CountsQueryDto extends PeriodQueryDto {
  @IsOptional() @Matches(ID_PATTERN) squad?: string;
  @IsOptional() @IsIn(['measure', 'squad', 'month', 'day']) groupBy?: CountsGroupBy;
  @IsOptional() @Matches(/^[a-z0-9_.]+(,[a-z0-9_.]+){0,49}$/) measures?: string;
}

export async function parsePeriodQuery<T extends PeriodQueryDto>(
  dto: new () => T,
  query: unknown,
): Promise<T> {
  const parsed = await parseDto(dto, query);
  if (parsed.from > parsed.to)
    throw new InputInvalidError([
      { field: 'to', messages: ['结束日期不能早于开始日期 (to must not precede from)'] },
    ]);
  return parsed;
}

@Controller('api/v1/views')
export class ViewsController {
  constructor(private readonly queries: QueryBus) {}

  /** Activity counts for any date range, by measure, squad, month or day, optionally against the same period last year. */
  @Get('counts')
  @XlsxExport('counts', countsWorkbook)
  async counts(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<CountsResult> {
    const q = await parsePeriodQuery(CountsQueryDto, query);
    assertMayRead(principal, q.unit);
    return this.queries.execute(
      new GetCountsQuery({
        unitId: q.unit,
        from: q.from,
        to: q.to,
        squadId: principal.role === 'squad_clerk' ? (principal.squadId ?? undefined) : q.squad,
        groupBy: q.groupBy,
        measures: q.measures?.split(','),
        compareWith: q.compareWith,
      }),
    );
  }
}
