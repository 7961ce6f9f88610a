import type { ViewTable } from '../engine/projection';

/** Each campaign with its running totals over all its days (the period sums are in activity_counts). */
export interface CampaignTotalsRow {
  unit_id: string;
  campaign_id: string;
  name: string;
  kind: string;
  launched_on: string;
  closed_on: string | null;
  operations: number;
  officers: bigint;
  vehicles_checked: bigint;
  violations_found: bigint;
}

export const campaignTotals: ViewTable<CampaignTotalsRow> = {
  name: 'campaign_totals',
  key: ['unit_id', 'campaign_id'],
  columns: {
    unit_id: 'text',
    campaign_id: 'text',
    name: 'text',
    kind: 'text',
    launched_on: 'date',
    closed_on: 'date',
    operations: 'integer',
    officers: 'bigint',
    vehicles_checked: 'bigint',
    violations_found: 'bigint',
  },
};

/** Each period a checkpoint was manned. */
export interface CheckpointPeriodRow {
  unit_id: string;
  checkpoint_id: string;
  from_date: string;
  to_date: string;
  squad_id: string;
  purpose: string;
  location: string;
  hours_per_day: number;
}

export const checkpointPeriods: ViewTable<CheckpointPeriodRow> = {
  name: 'checkpoint_periods',
  key: ['unit_id', 'checkpoint_id', 'from_date'],
  columns: {
    unit_id: 'text',
    checkpoint_id: 'text',
    from_date: 'date',
    to_date: 'date',
    squad_id: 'text',
    purpose: 'text',
    location: 'text',
    hours_per_day: 'integer',
  },
};
