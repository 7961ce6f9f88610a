import type { DomainEvent } from '../shared/event';

/** "五进" (进农村/进社区/进企业/进机关/进学校), media campaigns, anything else. */
export const PUBLICITY_VENUES = [
  'VILLAGE',
  'COMMUNITY',
  'ENTERPRISE',
  'AGENCY',
  'SCHOOL',
  'MEDIA',
  'OTHER',
] as const;
export type PublicityVenue = (typeof PUBLICITY_VENUES)[number];

/** One road-safety publicity activity; audience and helmets are null when the squad did not count them. */
export type PublicityActivityHeld = DomainEvent<
  'PublicityActivityHeld',
  {
    activityId: string;
    unitId: string;
    squadId: string;
    heldOn: string;
    venue: PublicityVenue;
    audience: number | null;
    helmetsDonated: number | null;
    title: string;
  }
>;

/** A record made in error: it stops counting on the day it was held, and stays in the log. */
export type PublicityActivityVoided = DomainEvent<
  'PublicityActivityVoided',
  { activityId: string; unitId: string; reason: string }
>;

export type PublicityEvent = PublicityActivityHeld | PublicityActivityVoided;

export const publicityStream = (unitId: string, activityId: string) => `publicity-${unitId}-${activityId}`;
