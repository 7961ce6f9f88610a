import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { publicityDecider } from './publicity.decider';
import { PUBLICITY_VENUES, publicityStream, type PublicityVenue } from './publicity.events';

class ActivityRef {
  @Matches(ID_PATTERN) activityId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class RecordPublicityActivityDto extends ActivityRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() heldOn!: string;
  @IsIn(PUBLICITY_VENUES) venue!: PublicityVenue;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) audience?: number | null;
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) helmetsDonated?: number | null;
  @IsString() @MinLength(2) @MaxLength(200) title!: string;
}

export class VoidPublicityActivityDto extends ActivityRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

const shared = {
  decider: publicityDecider,
  roles: ['squad_clerk', 'brigade_office'] as const,
  streamOf: (d: ActivityRef) => publicityStream(d.unitId, d.activityId),
  unitOf: (d: ActivityRef) => d.unitId,
};

export const publicityCommands = [
  defineCommand({
    ...shared,
    name: 'RecordPublicityActivity',
    createsStream: true,
    summaryZh: '登记交通安全宣传活动',
    dto: RecordPublicityActivityDto,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({
      kind: 'RecordPublicityActivity' as const,
      activityId: d.activityId,
      unitId: d.unitId,
      squadId: d.squadId,
      heldOn: d.heldOn,
      venue: d.venue,
      audience: d.audience ?? null,
      helmetsDonated: d.helmetsDonated ?? null,
      title: d.title,
    }),
  }),
  defineCommand({
    ...shared,
    name: 'VoidPublicityActivity',
    summaryZh: '作废宣传活动记录',
    dto: VoidPublicityActivityDto,
    toCommand: (d) => ({
      kind: 'VoidPublicityActivity' as const,
      activityId: d.activityId,
      unitId: d.unitId,
      reason: d.reason,
    }),
  }),
];
