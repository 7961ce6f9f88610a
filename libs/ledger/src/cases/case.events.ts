import type { DomainEvent } from '../shared/event';

/** 危险驾驶罪 / 交通肇事罪 / any other offence a traffic brigade files. */
export const CRIMINAL_OFFENCES = ['DANGEROUS_DRIVING', 'TRAFFIC_CAUSING_CASUALTY', 'OTHER'] as const;
export type CriminalOffence = (typeof CRIMINAL_OFFENCES)[number];

/** 刑事拘留 / 逮捕 / 直诉 (prosecuted without detention, common for 危险驾驶). */
export const COERCIVE_MEASURES = ['CRIMINAL_DETENTION', 'ARREST', 'DIRECT_PROSECUTION'] as const;
export type CoerciveMeasure = (typeof COERCIVE_MEASURES)[number];

/** 立刑事案件: counted on the filing date. */
export type CriminalCaseFiled = DomainEvent<
  'CriminalCaseFiled',
  { caseNo: string; unitId: string; squadId: string; filedOn: string; offence: CriminalOffence }
>;

/**
 * A measure taken against one person in a case, counted in persons on the day it was applied. `personRef` is a
 * pseudonym the squad keeps (never a name or an ID-card number), so the log can say "the same person" without
 * saying who.
 */
export type CoerciveMeasureApplied = DomainEvent<
  'CoerciveMeasureApplied',
  { caseNo: string; unitId: string; personRef: string; measure: CoerciveMeasure; appliedOn: string }
>;

/** A case filed in error: it and every measure in it stop counting, and stay in the log. */
export type CriminalCaseVoided = DomainEvent<
  'CriminalCaseVoided',
  { caseNo: string; unitId: string; reason: string }
>;

export type CriminalCaseEvent = CriminalCaseFiled | CoerciveMeasureApplied | CriminalCaseVoided;

export const criminalCaseStream = (unitId: string, caseNo: string) => `criminal-case-${unitId}-${caseNo}`;

/** 行政拘留: an administrative decision, not a criminal case; counted in persons on the day imposed. */
export type AdministrativeDetentionImposed = DomainEvent<
  'AdministrativeDetentionImposed',
  { recordId: string; unitId: string; squadId: string; imposedOn: string; persons: number; reason: string }
>;

export type AdministrativeDetentionVoided = DomainEvent<
  'AdministrativeDetentionVoided',
  { recordId: string; unitId: string; reason: string }
>;

export type AdministrativeDetentionEvent = AdministrativeDetentionImposed | AdministrativeDetentionVoided;

export const administrativeDetentionStream = (unitId: string, recordId: string) =>
  `admin-detention-${unitId}-${recordId}`;
