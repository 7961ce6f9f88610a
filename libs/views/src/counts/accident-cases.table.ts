import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ViewTable } from '../engine/projection';

/** Each accident as now known: revisions and voids change the counts of the day it happened, not the day corrected. */
export interface AccidentCaseRow {
  unit_id: string;
  accident_id: string;
  squad_id: string;
  occurred_on: string;
  procedure: string;
  deaths: number;
  injuries: number;
  direct_loss_fen: bigint;
  hit_and_run: boolean;
  status: 'open' | 'closed' | 'voided';
  closed_on: string | null;
}

export const accidentCases: ViewTable<AccidentCaseRow> = {
  name: 'accident_cases',
  key: ['unit_id', 'accident_id'],
  columns: {
    unit_id: 'text',
    accident_id: 'text',
    squad_id: 'text',
    occurred_on: 'date',
    procedure: 'text',
    deaths: 'integer',
    injuries: 'integer',
    direct_loss_fen: 'bigint',
    hit_and_run: 'boolean',
    status: 'text',
    closed_on: 'date',
  },
};

@Entity('accident_cases')
export class AccidentCaseEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') accident_id!: string;
  @Column('text') squad_id!: string;
  @Column('date') occurred_on!: string;
  @Column('text') procedure!: string;
  @Column('integer') deaths!: number;
  @Column('integer') injuries!: number;
  @Column('bigint') direct_loss_fen!: string;
  @Column('boolean') hit_and_run!: boolean;
  @Column('text') status!: string;
  @Column('date', { nullable: true }) closed_on!: string | null;
}
