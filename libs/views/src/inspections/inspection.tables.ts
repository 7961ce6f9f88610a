import type { ViewTable } from '../engine/projection';

export interface Resolution {
  readonly day: string;
  readonly count: number;
}

/** Each inspection as now known, with the days its issues were resolved on, so a void can take them all back. */
export interface InspectionCaseRow {
  unit_id: string;
  inspection_id: string;
  squad_id: string;
  target_kind: string;
  target: string;
  conducted_on: string;
  issues_found: number;
  resolutions: Resolution[];
  status: 'recorded' | 'voided';
}

export const inspectionCases: ViewTable<InspectionCaseRow> = {
  name: 'inspection_cases',
  key: ['unit_id', 'inspection_id'],
  columns: {
    unit_id: 'text',
    inspection_id: 'text',
    squad_id: 'text',
    target_kind: 'text',
    target: 'text',
    conducted_on: 'date',
    issues_found: 'integer',
    resolutions: 'jsonb',
    status: 'text',
  },
};

export interface RectificationNoticeRow {
  unit_id: string;
  notice_id: string;
  squad_id: string;
  issued_on: string;
  target_org: string;
  reason: string;
  status: 'issued' | 'voided';
}

export const rectificationNotices: ViewTable<RectificationNoticeRow> = {
  name: 'rectification_notices',
  key: ['unit_id', 'notice_id'],
  columns: {
    unit_id: 'text',
    notice_id: 'text',
    squad_id: 'text',
    issued_on: 'date',
    target_org: 'text',
    reason: 'text',
    status: 'text',
  },
};
