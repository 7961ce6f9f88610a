import type { ViewTable } from '../engine/projection';

/** Each hazard as now known: enough to answer "open on date D" and to take a void back out of every day it counted on. */
export interface HazardCaseRow {
  unit_id: string;
  hazard_id: string;
  squad_id: string;
  kind: string;
  identified_on: string;
  provincially_listed: boolean;
  status: 'open' | 'rectified' | 'voided';
  rectified_on: string | null;
  /** The days rectification was requested on, in order. */
  requested_on: string[];
}

export const hazardCases: ViewTable<HazardCaseRow> = {
  name: 'hazard_cases',
  key: ['unit_id', 'hazard_id'],
  columns: {
    unit_id: 'text',
    hazard_id: 'text',
    squad_id: 'text',
    kind: 'text',
    identified_on: 'date',
    provincially_listed: 'boolean',
    status: 'text',
    rectified_on: 'date',
    requested_on: 'jsonb',
  },
};
