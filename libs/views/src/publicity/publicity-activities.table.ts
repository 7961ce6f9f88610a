import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ViewTable } from '../engine/projection';

/** Each publicity activity as held; a void takes its counts back out of the day it was held. */
export interface PublicityActivityRow {
  unit_id: string;
  activity_id: string;
  squad_id: string;
  held_on: string;
  venue: string;
  audience: number | null;
  helmets_donated: number | null;
  title: string;
  status: 'held' | 'voided';
}

export const publicityActivities: ViewTable<PublicityActivityRow> = {
  name: 'publicity_activities',
  key: ['unit_id', 'activity_id'],
  columns: {
    unit_id: 'text',
    activity_id: 'text',
    squad_id: 'text',
    held_on: 'date',
    venue: 'text',
    audience: 'integer',
    helmets_donated: 'integer',
    title: 'text',
    status: 'text',
  },
};

@Entity('publicity_activities')
export class PublicityActivityEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') activity_id!: string;
  @Column('text') squad_id!: string;
  @Column('date') held_on!: string;
  @Column('text') venue!: string;
  @Column('integer', { nullable: true }) audience!: number | null;
  @Column('integer', { nullable: true }) helmets_donated!: number | null;
  @Column('text') title!: string;
  @Column('text') status!: string;
}
