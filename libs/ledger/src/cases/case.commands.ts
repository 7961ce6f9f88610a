import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { administrativeDetentionDecider, criminalCaseDecider } from './case.decider';
import {
  administrativeDetentionStream,
  COERCIVE_MEASURES,
  CRIMINAL_OFFENCES,
  criminalCaseStream,
  type CoerciveMeasure,
  type CriminalOffence,
} from './case.events';

/**
 * A pseudonym, never an identity: an id-shaped token that is not an 18-digit resident ID number and not an
 * 11-digit mobile number, so a clerk cannot paste either into the log by habit.
 */
export const PERSON_REF_PATTERN = /^(?!\d{17}[\dXx]$)(?!1\d{10}$)[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

class CaseRef {
  @Matches(ID_PATTERN) caseNo!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class FileCriminalCaseDto extends CaseRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() filedOn!: string;
  @IsIn(CRIMINAL_OFFENCES) offence!: CriminalOffence;
}

export class ApplyCoerciveMeasureDto extends CaseRef {
  @Matches(PERSON_REF_PATTERN, {
    message: 'personRef 须为化名编号，不得是身份证号或手机号 (must be a pseudonymous reference)',
  })
  personRef!: string;
  @IsIn(COERCIVE_MEASURES) measure!: CoerciveMeasure;
  @IsCalendarDate() appliedOn!: string;
}

export class VoidCriminalCaseDto extends CaseRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

class DetentionRef {
  @Matches(ID_PATTERN) recordId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class ImposeAdministrativeDetentionDto extends DetentionRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() imposedOn!: string;
  @IsInt() @Min(1) @Max(1000) persons!: number;
  @IsString() @MinLength(2) @MaxLength(200) reason!: string;
}

export class VoidAdministrativeDetentionDto extends DetentionRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

const clerks = ['squad_clerk', 'brigade_office'] as const;
const criminal = {
  decider: criminalCaseDecider,
  roles: clerks,
  streamOf: (d: CaseRef) => criminalCaseStream(d.unitId, d.caseNo),
  unitOf: (d: CaseRef) => d.unitId,
};
const detention = {
  decider: administrativeDetentionDecider,
  roles: clerks,
  streamOf: (d: DetentionRef) => administrativeDetentionStream(d.unitId, d.recordId),
  unitOf: (d: DetentionRef) => d.unitId,
};

export const caseCommands = [
  defineCommand({
    ...criminal,
    name: 'FileCriminalCase',
    createsStream: true,
    summaryZh: '刑事立案',
    dto: FileCriminalCaseDto,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({
      kind: 'FileCriminalCase' as const,
      caseNo: d.caseNo,
      unitId: d.unitId,
      squadId: d.squadId,
      filedOn: d.filedOn,
      offence: d.offence,
    }),
  }),
  defineCommand({
    ...criminal,
    name: 'ApplyCoerciveMeasure',
    summaryZh: '采取刑事强制措施',
    dto: ApplyCoerciveMeasureDto,
    toCommand: (d) => ({
      kind: 'ApplyCoerciveMeasure' as const,
      caseNo: d.caseNo,
      unitId: d.unitId,
      personRef: d.personRef,
      measure: d.measure,
      appliedOn: d.appliedOn,
    }),
  }),
  defineCommand({
    ...criminal,
    name: 'VoidCriminalCase',
    summaryZh: '作废刑事案件记录',
    dto: VoidCriminalCaseDto,
    toCommand: (d) => ({
      kind: 'VoidCriminalCase' as const,
      caseNo: d.caseNo,
      unitId: d.unitId,
      reason: d.reason,
    }),
  }),
  defineCommand({
    ...detention,
    name: 'ImposeAdministrativeDetention',
    createsStream: true,
    summaryZh: '登记行政拘留',
    dto: ImposeAdministrativeDetentionDto,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({
      kind: 'ImposeAdministrativeDetention' as const,
      recordId: d.recordId,
      unitId: d.unitId,
      squadId: d.squadId,
      imposedOn: d.imposedOn,
      persons: d.persons,
      reason: d.reason,
    }),
  }),
  defineCommand({
    ...detention,
    name: 'VoidAdministrativeDetention',
    summaryZh: '作废行政拘留记录',
    dto: VoidAdministrativeDetentionDto,
    toCommand: (d) => ({
      kind: 'VoidAdministrativeDetention' as const,
      recordId: d.recordId,
      unitId: d.unitId,
      reason: d.reason,
    }),
  }),
];
