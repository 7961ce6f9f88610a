import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ViewTable } from '../engine/projection';

/** One coercive measure as the case row remembers it: enough to take it back out of the counts, no person. */
export interface AppliedMeasure {
  readonly eventId: string;
  readonly measure: string;
  readonly appliedOn: string;
}

/** Each criminal case as now known. A void takes the filing and every measure out of the days they were counted on. */
export interface CriminalCaseRow {
  unit_id: string;
  case_no: string;
  squad_id: string;
  filed_on: string;
  offence: string;
  status: 'open' | 'voided';
  applied_measures: AppliedMeasure[];
}

export const criminalCases: ViewTable<CriminalCaseRow> = {
  name: 'criminal_cases',
  key: ['unit_id', 'case_no'],
  columns: {
    unit_id: 'text',
    case_no: 'text',
    squad_id: 'text',
    filed_on: 'date',
    offence: 'text',
    status: 'text',
    applied_measures: 'jsonb',
  },
};

@Entity('criminal_cases')
export class CriminalCaseEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') case_no!: string;
  @Column('text') squad_id!: string;
  @Column('date') filed_on!: string;
  @Column('text') offence!: string;
  @Column('text') status!: string;
  @Column('jsonb') applied_measures!: AppliedMeasure[];
}

export interface AdministrativeDetentionRow {
  unit_id: string;
  record_id: string;
  squad_id: string;
  imposed_on: string;
  persons: number;
  status: 'imposed' | 'voided';
}

export const administrativeDetentions: ViewTable<AdministrativeDetentionRow> = {
  name: 'administrative_detentions',
  key: ['unit_id', 'record_id'],
  columns: {
    unit_id: 'text',
    record_id: 'text',
    squad_id: 'text',
    imposed_on: 'date',
    persons: 'integer',
    status: 'text',
  },
};

@Entity('administrative_detentions')
export class AdministrativeDetentionEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') record_id!: string;
  @Column('text') squad_id!: string;
  @Column('date') imposed_on!: string;
  @Column('integer') persons!: number;
  @Column('text') status!: string;
}
