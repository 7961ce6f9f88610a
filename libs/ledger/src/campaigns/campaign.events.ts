import type { DomainEvent } from '../shared/event';

export const CAMPAIGN_KINDS = [
  'ONE_HELMET_ONE_BELT',
  'NIGHT_CHECK',
  'HUNDRED_TON',
  'SPRING_BREEZE',
  'FIVE_TEN',
  'CIVILISED_CITY',
  'OTHER',
] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_KIND_LABELS: Readonly<Record<CampaignKind, string>> = {
  ONE_HELMET_ONE_BELT: '一盔一带',
  NIGHT_CHECK: '夜查',
  HUNDRED_TON: '百吨王',
  SPRING_BREEZE: '春风行动',
  FIVE_TEN: '逢五逢十',
  CIVILISED_CITY: '创文',
  OTHER: '其他专项行动',
};

export type CampaignLaunched = DomainEvent<
  'CampaignLaunched',
  { campaignId: string; unitId: string; name: string; kind: CampaignKind; launchedOn: string }
>;

/** One squad's day in a campaign: officers deployed, vehicles checked, violations found. */
export type CampaignOperationConducted = DomainEvent<
  'CampaignOperationConducted',
  {
    campaignId: string;
    unitId: string;
    squadId: string;
    conductedOn: string;
    officers: number;
    vehiclesChecked: number;
    violationsFound: number;
  }
>;

export type CampaignClosed = DomainEvent<
  'CampaignClosed',
  { campaignId: string; unitId: string; closedOn: string }
>;

export type CampaignEvent = CampaignLaunched | CampaignOperationConducted | CampaignClosed;

export const CHECKPOINT_PURPOSES = ['QUARANTINE', 'ENFORCEMENT'] as const;
export type CheckpointPurpose = (typeof CHECKPOINT_PURPOSES)[number];

export const CHECKPOINT_PURPOSE_LABELS: Readonly<Record<CheckpointPurpose, string>> = {
  QUARANTINE: '检疫点',
  ENFORCEMENT: '执勤点',
};

/** A checkpoint manned from `from` to `to` (inclusive dates), `hoursPerDay` hours a day (24 = round the clock). */
export type CheckpointOperated = DomainEvent<
  'CheckpointOperated',
  {
    checkpointId: string;
    unitId: string;
    squadId: string;
    purpose: CheckpointPurpose;
    location: string;
    hoursPerDay: number;
    from: string;
    to: string;
  }
>;

export type CheckpointEvent = CheckpointOperated;

export const campaignStream = (unitId: string, campaignId: string) => `campaign-${unitId}-${campaignId}`;
export const checkpointStream = (unitId: string, checkpointId: string) =>
  `checkpoint-${unitId}-${checkpointId}`;
