import type { DomainEvent } from '../shared/event';

/** 两客 (passenger), 校车, 一危 (hazardous goods), 考场, 企业: who was inspected. */
export const INSPECTION_TARGET_KINDS = [
  'PASSENGER',
  'SCHOOL_BUS',
  'HAZMAT',
  'EXAM_SITE',
  'ENTERPRISE',
] as const;
export type InspectionTargetKind = (typeof INSPECTION_TARGET_KINDS)[number];

export const INSPECTION_TARGET_LABELS: Readonly<Record<InspectionTargetKind, string>> = {
  PASSENGER: '客运车辆/企业',
  SCHOOL_BUS: '校车',
  HAZMAT: '危险品运输',
  EXAM_SITE: '驾驶人考场',
  ENTERPRISE: '运输企业',
};

export type InspectionConducted = DomainEvent<
  'InspectionConducted',
  {
    inspectionId: string;
    unitId: string;
    squadId: string;
    conductedOn: string;
    targetKind: InspectionTargetKind;
    target: string;
    issuesFound: number;
  }
>;

/** Some of the issues found were fixed (春风行动: 摸查和整改问题 7 个): counted on the day they were resolved. */
export type InspectionIssuesResolved = DomainEvent<
  'InspectionIssuesResolved',
  { inspectionId: string; unitId: string; resolvedOn: string; count: number }
>;

export type InspectionVoided = DomainEvent<
  'InspectionVoided',
  { inspectionId: string; unitId: string; reason: string }
>;

/** 整改通知书 served on an organisation (e.g. an enterprise whose trucks run overloaded). */
export type RectificationNoticeIssued = DomainEvent<
  'RectificationNoticeIssued',
  {
    noticeId: string;
    unitId: string;
    squadId: string;
    issuedOn: string;
    targetOrg: string;
    reason: string;
  }
>;

export type RectificationNoticeVoided = DomainEvent<
  'RectificationNoticeVoided',
  { noticeId: string; unitId: string; reason: string }
>;

export type InspectionEvent = InspectionConducted | InspectionIssuesResolved | InspectionVoided;
export type NoticeEvent = RectificationNoticeIssued | RectificationNoticeVoided;

export const inspectionStream = (unitId: string, inspectionId: string) =>
  `inspection-${unitId}-${inspectionId}`;
export const noticeStream = (unitId: string, noticeId: string) => `notice-${unitId}-${noticeId}`;
