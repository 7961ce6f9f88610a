import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ViewTable } from '../engine/projection';

/** Each training session as held; a void takes its counts back out of the day it began. */
export interface TrainingSessionRow {
  unit_id: string;
  session_id: string;
  /** '' for a brigade-wide session, as in `activity_counts`. */
  squad_id: string;
  held_on: string;
  kind: string;
  participants: number;
  participants_at_least: boolean;
  instructors: number | null;
  days: number;
  units_covered: number | null;
  title: string;
  status: 'held' | 'voided';
}

export const trainingSessions: ViewTable<TrainingSessionRow> = {
  name: 'training_sessions',
  key: ['unit_id', 'session_id'],
  columns: {
    unit_id: 'text',
    session_id: 'text',
    squad_id: 'text',
    held_on: 'date',
    kind: 'text',
    participants: 'integer',
    participants_at_least: 'boolean',
    instructors: 'integer',
    days: 'integer',
    units_covered: 'integer',
    title: 'text',
    status: 'text',
  },
};

@Entity('training_sessions')
export class TrainingSessionEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') session_id!: string;
  @Column('text') squad_id!: string;
  @Column('date') held_on!: string;
  @Column('text') kind!: string;
  @Column('integer') participants!: number;
  @Column('boolean') participants_at_least!: boolean;
  @Column('integer', { nullable: true }) instructors!: number | null;
  @Column('integer') days!: number;
  @Column('integer', { nullable: true }) units_covered!: number | null;
  @Column('text') title!: string;
  @Column('text') status!: string;
}
