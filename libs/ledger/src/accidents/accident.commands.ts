import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate, IsFen } from '../shared/validation';
import { accidentDecider } from './accident.decider';
import { ACCIDENT_PROCEDURES, accidentStream, type AccidentProcedure } from './accident.events';

class AccidentRef {
  @Matches(ID_PATTERN) accidentId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class RecordAccidentDto extends AccidentRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() occurredOn!: string;
  @IsIn(ACCIDENT_PROCEDURES) procedure!: AccidentProcedure;
  @IsInt() @Min(0) @Max(1000) deaths!: number;
  @IsInt() @Min(0) @Max(10000) injuries!: number;
  @IsFen() directLossFen!: number;
  @IsOptional() @IsBoolean() hitAndRun?: boolean;
  @IsOptional() @IsString() @MaxLength(40) roadCode?: string;
}

export class ReviseAccidentCasualtiesDto extends AccidentRef {
  @IsInt() @Min(0) @Max(1000) deaths!: number;
  @IsInt() @Min(0) @Max(10000) injuries!: number;
  @IsFen() directLossFen!: number;
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class CloseAccidentDto extends AccidentRef {
  @IsCalendarDate() closedOn!: string;
}

export class VoidAccidentDto extends AccidentRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

const clerks = ['squad_clerk', 'brigade_office'] as const;
const shared = {
  decider: accidentDecider,
  roles: clerks,
  streamOf: (d: AccidentRef) => accidentStream(d.unitId, d.accidentId),
  unitOf: (d: AccidentRef) => d.unitId,
};

export const accidentCommands = [
  defineCommand({
    ...shared,
    name: 'RecordAccident',
    createsStream: true,
    summaryZh: '登记交通事故',
    dto: RecordAccidentDto,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({
      kind: 'RecordAccident' as const,
      accidentId: d.accidentId,
      unitId: d.unitId,
      squadId: d.squadId,
      occurredOn: d.occurredOn,
      procedure: d.procedure,
      deaths: d.deaths,
      injuries: d.injuries,
      directLossFen: d.directLossFen,
      hitAndRun: d.hitAndRun ?? false,
      roadCode: d.roadCode ?? null,
    }),
  }),
  defineCommand({
    ...shared,
    name: 'ReviseAccidentCasualties',
    summaryZh: '修正事故伤亡与损失',
    dto: ReviseAccidentCasualtiesDto,
    toCommand: (d) => ({ kind: 'ReviseAccidentCasualties' as const, ...d }),
  }),
  defineCommand({
    ...shared,
    name: 'CloseAccident',
    summaryZh: '事故结案',
    dto: CloseAccidentDto,
    toCommand: (d) => ({ kind: 'CloseAccident' as const, ...d }),
  }),
  defineCommand({
    ...shared,
    name: 'VoidAccident',
    summaryZh: '作废事故记录',
    dto: VoidAccidentDto,
    toCommand: (d) => ({ kind: 'VoidAccident' as const, ...d }),
  }),
];
