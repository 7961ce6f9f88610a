import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { QUALIFIERS, type Qualifier } from '../tallies/qualifier';
import { organisationDecider } from './organisation.decider';
import { UNIT_KINDS, unitStream, type UnitKind } from './organisation.events';

class UnitRef {
  @Matches(ID_PATTERN) unitId!: string;
  /** Named when a parent unit's office acts on its sub-unit; the decider checks it is the recorded parent. */
  @IsOptional() @Matches(ID_PATTERN) parentId?: string | null;
}

export class EstablishUnitDto extends UnitRef {
  @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @IsIn(UNIT_KINDS) kind!: UnitKind;
  @IsCalendarDate() establishedOn!: string;
}

export class RenameUnitDto extends UnitRef {
  @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @IsCalendarDate() renamedOn!: string;
}

export class DissolveUnitDto extends UnitRef {
  @IsCalendarDate() dissolvedOn!: string;
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

const STAFF = 100_000;

export class RecordHeadcountDto extends UnitRef {
  @IsCalendarDate() asOf!: string;
  @IsInt() @Min(0) @Max(STAFF) police!: number;
  @IsInt() @Min(0) @Max(STAFF) cadres!: number;
  @IsInt() @Min(0) @Max(STAFF) workers!: number;
  @IsInt() @Min(0) @Max(STAFF) auxiliary!: number;
  @IsOptional() @IsInt() @Min(0) @Max(STAFF) authorisedEstablishment?: number | null;
}

export class RecruitAuxiliaryPoliceDto extends UnitRef {
  @IsCalendarDate() recruitedOn!: string;
  @IsInt() @Min(1) @Max(STAFF) count!: number;
  @IsOptional() @IsIn(QUALIFIERS) qualifier?: Qualifier;
}

const shared = {
  decider: organisationDecider,
  roles: ['brigade_office'] as const,
  streamOf: (d: UnitRef) => unitStream(d.unitId),
  /** A brigade's office acts for its sub-units: the record belongs to the parent it names. */
  unitOf: (d: UnitRef) => d.parentId ?? d.unitId,
};
const followUp = (d: UnitRef) => ({ unitId: d.unitId, actingParentId: d.parentId ?? null });

export const organisationCommands = [
  defineCommand({
    ...shared,
    name: 'EstablishUnit',
    summaryZh: '设立单位（大队、中队、中心等）',
    dto: EstablishUnitDto,
    toCommand: (d) => ({
      kind: 'EstablishUnit' as const,
      unitId: d.unitId,
      name: d.name,
      unitKind: d.kind,
      parentId: d.parentId ?? null,
      establishedOn: d.establishedOn,
    }),
  }),
  defineCommand({
    ...shared,
    name: 'RenameUnit',
    summaryZh: '单位更名',
    dto: RenameUnitDto,
    toCommand: (d) => ({ kind: 'RenameUnit' as const, ...followUp(d), name: d.name, renamedOn: d.renamedOn }),
  }),
  defineCommand({
    ...shared,
    name: 'DissolveUnit',
    summaryZh: '撤销单位',
    dto: DissolveUnitDto,
    toCommand: (d) => ({
      kind: 'DissolveUnit' as const,
      ...followUp(d),
      dissolvedOn: d.dissolvedOn,
      reason: d.reason,
    }),
  }),
  defineCommand({
    ...shared,
    name: 'RecordHeadcount',
    summaryZh: '登记人员编制与在岗人数',
    dto: RecordHeadcountDto,
    toCommand: (d) => ({
      kind: 'RecordHeadcount' as const,
      ...followUp(d),
      asOf: d.asOf,
      police: d.police,
      cadres: d.cadres,
      workers: d.workers,
      auxiliary: d.auxiliary,
      authorisedEstablishment: d.authorisedEstablishment ?? null,
    }),
  }),
  defineCommand({
    ...shared,
    name: 'RecruitAuxiliaryPolice',
    summaryZh: '登记招聘辅警',
    dto: RecruitAuxiliaryPoliceDto,
    toCommand: (d) => ({
      kind: 'RecruitAuxiliaryPolice' as const,
      ...followUp(d),
      recruitedOn: d.recruitedOn,
      count: d.count,
      qualifier: d.qualifier ?? 'EXACT',
    }),
  }),
];
