import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { inspectionDecider, noticeDecider } from './inspection.decider';
import {
  INSPECTION_TARGET_KINDS,
  inspectionStream,
  noticeStream,
  type InspectionTargetKind,
} from './inspection.events';

const MAX_ISSUES = 10_000;

class InspectionRef {
  @Matches(ID_PATTERN) inspectionId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class ConductInspectionDto extends InspectionRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() conductedOn!: string;
  @IsIn(INSPECTION_TARGET_KINDS) targetKind!: InspectionTargetKind;
  @IsString() @MinLength(1) @MaxLength(200) target!: string;
  @IsInt() @Min(0) @Max(MAX_ISSUES) issuesFound!: number;
}

export class ResolveInspectionIssuesDto extends InspectionRef {
  @IsCalendarDate() resolvedOn!: string;
  @IsInt() @Min(1) @Max(MAX_ISSUES) count!: number;
}

export class VoidInspectionDto extends InspectionRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

class NoticeRef {
  @Matches(ID_PATTERN) noticeId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class IssueRectificationNoticeDto extends NoticeRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() issuedOn!: string;
  @IsString() @MinLength(1) @MaxLength(200) targetOrg!: string;
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class VoidRectificationNoticeDto extends NoticeRef {
  @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

const clerks = ['squad_clerk', 'brigade_office'] as const;
const inspection = {
  decider: inspectionDecider,
  roles: clerks,
  streamOf: (d: InspectionRef) => inspectionStream(d.unitId, d.inspectionId),
  unitOf: (d: InspectionRef) => d.unitId,
};
const notice = {
  decider: noticeDecider,
  roles: clerks,
  streamOf: (d: NoticeRef) => noticeStream(d.unitId, d.noticeId),
  unitOf: (d: NoticeRef) => d.unitId,
};

export const inspectionCommands = [
  defineCommand({
    ...inspection,
    name: 'ConductInspection',
    createsStream: true,
    summaryZh: '登记安全检查（两客一危、校车、考场、企业）',
    dto: ConductInspectionDto,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({ kind: 'ConductInspection' as const, ...d }),
  }),
  defineCommand({
    ...inspection,
    name: 'ResolveInspectionIssues',
    summaryZh: '登记检查问题整改',
    dto: ResolveInspectionIssuesDto,
    toCommand: (d) => ({ kind: 'ResolveInspectionIssues' as const, ...d }),
  }),
  defineCommand({
    ...inspection,
    name: 'VoidInspection',
    summaryZh: '作废检查记录',
    dto: VoidInspectionDto,
    toCommand: (d) => ({ kind: 'VoidInspection' as const, ...d }),
  }),
  defineCommand({
    ...notice,
    name: 'IssueRectificationNotice',
    createsStream: true,
    summaryZh: '登记下发整改通知书',
    dto: IssueRectificationNoticeDto,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({ kind: 'IssueRectificationNotice' as const, ...d }),
  }),
  defineCommand({
    ...notice,
    name: 'VoidRectificationNotice',
    summaryZh: '作废整改通知书记录',
    dto: VoidRectificationNoticeDto,
    toCommand: (d) => ({ kind: 'VoidRectificationNotice' as const, ...d }),
  }),
];
