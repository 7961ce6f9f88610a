import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { hazardDecider } from './hazard.decider';
import { HAZARD_KINDS, hazardStream, type HazardKind } from './hazard.events';

class HazardRef {
  @Matches(ID_PATTERN) hazardId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class IdentifyHazardDto extends HazardRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() identifiedOn!: string;
  @IsIn(HAZARD_KINDS) kind!: HazardKind;
  @IsString() @MinLength(2) @MaxLength(500) description!: string;
  @IsOptional() @IsBoolean() provinciallyListed?: boolean;
}

export class RequestRectificationDto extends HazardRef {
  @IsCalendarDate() requestedOn!: string;
  @IsOptional() @IsString() @MaxLength(100) notice?: string;
}

export class RectifyHazardDto extends HazardRef {
  @IsCalendarDate() rectifiedOn!: string;
}

export class VoidHazardDto extends HazardRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

const shared = {
  decider: hazardDecider,
  roles: ['squad_clerk', 'brigade_office'] as const,
  streamOf: (d: HazardRef) => hazardStream(d.unitId, d.hazardId),
  unitOf: (d: HazardRef) => d.unitId,
};

export const hazardCommands = [
  defineCommand({
    ...shared,
    name: 'IdentifyHazard',
    createsStream: true,
    summaryZh: '登记排查发现的隐患',
    dto: IdentifyHazardDto,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({
      kind: 'IdentifyHazard' as const,
      hazardId: d.hazardId,
      unitId: d.unitId,
      squadId: d.squadId,
      identifiedOn: d.identifiedOn,
      hazardKind: d.kind,
      description: d.description,
      provinciallyListed: d.provinciallyListed ?? false,
    }),
  }),
  defineCommand({
    ...shared,
    name: 'RequestRectification',
    summaryZh: '督促隐患整改',
    dto: RequestRectificationDto,
    toCommand: (d) => ({
      kind: 'RequestRectification' as const,
      hazardId: d.hazardId,
      unitId: d.unitId,
      requestedOn: d.requestedOn,
      notice: d.notice ?? null,
    }),
  }),
  defineCommand({
    ...shared,
    name: 'RectifyHazard',
    summaryZh: '隐患整改完成',
    dto: RectifyHazardDto,
    toCommand: (d) => ({ kind: 'RectifyHazard' as const, ...d }),
  }),
  defineCommand({
    ...shared,
    name: 'VoidHazard',
    summaryZh: '作废隐患记录',
    dto: VoidHazardDto,
    toCommand: (d) => ({ kind: 'VoidHazard' as const, ...d }),
  }),
];
