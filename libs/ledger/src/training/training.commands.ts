import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { trainingDecider } from './training.decider';
import {
  PARTICIPANT_QUALIFIERS,
  TRAINING_KINDS,
  trainingStream,
  type ParticipantQualifier,
  type TrainingKind,
} from './training.events';

class SessionRef {
  @Matches(ID_PATTERN) sessionId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class RecordTrainingSessionDto extends SessionRef {
  /** Omitted or null for a brigade-wide session. */
  @IsOptional() @Matches(ID_PATTERN) squadId?: string | null;
  @IsCalendarDate() heldOn!: string;
  @IsIn(TRAINING_KINDS) kind!: TrainingKind;
  @IsInt() @Min(1) @Max(100_000) participants!: number;
  @IsOptional() @IsIn(PARTICIPANT_QUALIFIERS) participantsQualifier?: ParticipantQualifier;
  @IsOptional() @IsInt() @Min(0) @Max(10_000) instructors?: number | null;
  @IsInt() @Min(1) @Max(366) days!: number;
  @IsOptional() @IsInt() @Min(1) @Max(10_000) unitsCovered?: number | null;
  @IsString() @MinLength(2) @MaxLength(200) title!: string;
}

export class VoidTrainingSessionDto extends SessionRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

const shared = {
  decider: trainingDecider,
  roles: ['squad_clerk', 'brigade_office'] as const,
  streamOf: (d: SessionRef) => trainingStream(d.unitId, d.sessionId),
  unitOf: (d: SessionRef) => d.unitId,
};

export const trainingCommands = [
  defineCommand({
    ...shared,
    name: 'RecordTrainingSession',
    createsStream: true,
    summaryZh: '登记培训训练',
    dto: RecordTrainingSessionDto,
    squadOf: (d) => d.squadId ?? null,
    toCommand: (d) => ({
      kind: 'RecordTrainingSession' as const,
      session: {
        sessionId: d.sessionId,
        unitId: d.unitId,
        squadId: d.squadId ?? null,
        heldOn: d.heldOn,
        kind: d.kind,
        participants: d.participants,
        participantsQualifier: d.participantsQualifier ?? 'EXACT',
        instructors: d.instructors ?? null,
        days: d.days,
        unitsCovered: d.unitsCovered ?? null,
        title: d.title,
      },
    }),
  }),
  defineCommand({
    ...shared,
    name: 'VoidTrainingSession',
    summaryZh: '作废培训记录',
    dto: VoidTrainingSessionDto,
    toCommand: (d) => ({
      kind: 'VoidTrainingSession' as const,
      sessionId: d.sessionId,
      unitId: d.unitId,
      reason: d.reason,
    }),
  }),
];
