import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Matches } from 'class-validator';

import { ID_PATTERN, IsCalendarDate, notFound, parseDto, type Principal } from '@ledger/ledger';
import { GetUnitProfileQuery, type UnitProfile } from '@ledger/views';

import { CurrentPrincipal } from '../auth/auth.decorators';
import { assertMayRead } from './read-scope';

export class UnitProfileQueryDto {
  @Matches(ID_PATTERN) unit!: string;
  @IsCalendarDate() asOf!: string;
}

@Controller('api/v1/views')
export class UnitProfileController {
  constructor(private readonly queries: QueryBus) {}

  /** 单位基本情况 as of a date: name, kind, the sub-units that existed then, headcount by category. */
  @Get('unit-profile')
  async unitProfile(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<UnitProfile> {
    const q = await parseDto(UnitProfileQueryDto, query);
    assertMayRead(principal, q.unit);
    const profile = await this.queries.execute<GetUnitProfileQuery, UnitProfile | null>(
      new GetUnitProfileQuery({ unitId: q.unit, asOf: q.asOf }),
    );
    if (!profile) {
      throw notFound(
        'UNIT.NOT_FOUND',
        `单位 ${q.unit} 在 ${q.asOf} 不存在`,
        `unit ${q.unit} did not exist on ${q.asOf}`,
      );
    }
    return profile;
  }
}
