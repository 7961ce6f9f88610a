import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { QUALIFIERS, type Qualifier } from './qualifier';
import { tallyCorrectionDecider, tallyDecider } from './tally.decider';
import { TALLY_CATEGORY_NAMES, tallyCorrectionStream, tallyStream, type TallyCategory } from './tally.events';

const MAX_COUNT = 10_000_000;

export class RecordTallyDto {
  @Matches(ID_PATTERN) unitId!: string;
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() businessDate!: string;
  @IsIn(TALLY_CATEGORY_NAMES) category!: TallyCategory;
  @IsInt() @Min(0) @Max(MAX_COUNT) count!: number;
  @IsOptional() @IsIn(QUALIFIERS) qualifier?: Qualifier;
  @IsOptional() @IsString() @MaxLength(100) sourceRef?: string;
}

/** Names the record corrected by its event id, with the unit, squad and day it was posted for. */
class TallyTargetDto {
  @Matches(ID_PATTERN) unitId!: string;
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() businessDate!: string;
  @IsUUID() targetEventId!: string;
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class CorrectTallyDto extends TallyTargetDto {
  @IsInt() @Min(0) @Max(MAX_COUNT) count!: number;
  @IsOptional() @IsIn(QUALIFIERS) qualifier?: Qualifier;
}

export class VoidTallyDto extends TallyTargetDto {}

const clerks = ['squad_clerk', 'brigade_office'] as const;
const target = (d: TallyTargetDto) => ({
  unitId: d.unitId,
  squadId: d.squadId,
  businessDate: d.businessDate,
  targetEventId: d.targetEventId.toLowerCase(),
  reason: d.reason,
});
const correction = {
  decider: tallyCorrectionDecider,
  roles: clerks,
  streamOf: (d: TallyTargetDto) => tallyCorrectionStream(target(d)),
  unitOf: (d: TallyTargetDto) => d.unitId,
  squadOf: (d: TallyTargetDto) => d.squadId,
};

export const tallyCommands = [
  defineCommand({
    name: 'RecordTally',
    summaryZh: '登记业务统计数',
    dto: RecordTallyDto,
    decider: tallyDecider,
    roles: clerks,
    stateless: true,
    streamOf: (d) => tallyStream(d.unitId, d.businessDate),
    unitOf: (d) => d.unitId,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({
      kind: 'RecordTally' as const,
      unitId: d.unitId,
      squadId: d.squadId,
      businessDate: d.businessDate,
      category: d.category,
      count: d.count,
      qualifier: d.qualifier ?? 'EXACT',
      sourceRef: d.sourceRef ?? null,
    }),
  }),
  defineCommand({
    ...correction,
    name: 'CorrectTally',
    summaryZh: '更正业务统计数',
    dto: CorrectTallyDto,
    toCommand: (d) => ({
      kind: 'CorrectTally' as const,
      ...target(d),
      count: d.count,
      qualifier: d.qualifier ?? null,
    }),
  }),
  defineCommand({
    ...correction,
    name: 'VoidTally',
    summaryZh: '作废业务统计数',
    dto: VoidTallyDto,
    toCommand: (d) => ({ kind: 'VoidTally' as const, ...target(d) }),
  }),
];
