import type { DomainEvent } from '../shared/event';

/** 道路隐患, 马路市场, 隐患车辆, 隐患企业, 考场: what was found unsafe. */
export const HAZARD_KINDS = ['ROAD', 'ROADSIDE_MARKET', 'VEHICLE', 'ENTERPRISE', 'EXAM_SITE'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

export const HAZARD_KIND_LABELS: Readonly<Record<HazardKind, string>> = {
  ROAD: '道路隐患',
  ROADSIDE_MARKET: '马路市场',
  VEHICLE: '隐患车辆',
  ENTERPRISE: '隐患企业',
  EXAM_SITE: '考场隐患',
};

export type HazardIdentified = DomainEvent<
  'HazardIdentified',
  {
    hazardId: string;
    unitId: string;
    squadId: string;
    identifiedOn: string;
    kind: HazardKind;
    description: string;
    /** 省挂牌督办: listed by the province for supervised rectification. */
    provinciallyListed: boolean;
  }
>;

/** The brigade asked the road owner or operator to fix it (督促整改), optionally with a notice number. */
export type RectificationRequested = DomainEvent<
  'RectificationRequested',
  { hazardId: string; unitId: string; requestedOn: string; notice: string | null }
>;

export type HazardRectified = DomainEvent<
  'HazardRectified',
  { hazardId: string; unitId: string; rectifiedOn: string }
>;

/** A record made in error: it stops counting, and stays in the log. */
export type HazardVoided = DomainEvent<'HazardVoided', { hazardId: string; unitId: string; reason: string }>;

export type HazardEvent = HazardIdentified | RectificationRequested | HazardRectified | HazardVoided;

export const hazardStream = (unitId: string, hazardId: string) => `hazard-${unitId}-${hazardId}`;
