import type { DomainEvent } from '../shared/event';

/** 业务技能培训 / 体能训练 / 所队合一培训 / 手势操训练 / other. */
export const TRAINING_KINDS = ['SKILL', 'PHYSICAL', 'JOINT', 'DRILL', 'OTHER'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** EXACT, or AT_LEAST for a count the report states as "200余". */
export const PARTICIPANT_QUALIFIERS = ['EXACT', 'AT_LEAST'] as const;
export type ParticipantQualifier = (typeof PARTICIPANT_QUALIFIERS)[number];

/**
 * One training session, counted on the day it began. `squadId` is null for a brigade-wide session;
 * `unitsCovered` is how many squads or police stations sent people (所队合一: 20 中队).
 */
export type TrainingSessionHeld = DomainEvent<
  'TrainingSessionHeld',
  {
    sessionId: string;
    unitId: string;
    squadId: string | null;
    heldOn: string;
    kind: TrainingKind;
    participants: number;
    participantsQualifier: ParticipantQualifier;
    instructors: number | null;
    days: number;
    unitsCovered: number | null;
    title: string;
  }
>;

/** A record made in error: it stops counting on the day it was held, and stays in the log. */
export type TrainingSessionVoided = DomainEvent<
  'TrainingSessionVoided',
  { sessionId: string; unitId: string; reason: string }
>;

export type TrainingEvent = TrainingSessionHeld | TrainingSessionVoided;

export const trainingStream = (unitId: string, sessionId: string) => `training-${unitId}-${sessionId}`;
