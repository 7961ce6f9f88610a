import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ViewTable } from '../engine/projection';

/**
 * Every draft of every section, never overwritten: the text as it stood at position P is the latest row at or
 * before P. Keyed by the narrative stream's version (unique per unit and year) rather than the global position,
 * because view keys are compared as JSON and a bigint has no JSON form.
 */
export interface ReportSectionRow {
  unit_id: string;
  year: number;
  section: string;
  version: number;
  position: bigint;
  paragraphs: string[];
  drafted_on: string;
  drafted_by: string;
  recorded_at: Date;
}

export const reportSections: ViewTable<ReportSectionRow> = {
  name: 'report_sections',
  key: ['unit_id', 'year', 'version'],
  columns: {
    unit_id: 'text',
    year: 'integer',
    section: 'text',
    version: 'integer',
    position: 'bigint',
    paragraphs: 'jsonb',
    drafted_on: 'date',
    drafted_by: 'text',
    recorded_at: 'timestamptz',
  },
};

@Entity('report_sections')
export class ReportSectionEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('integer') year!: number;
  @PrimaryColumn('integer') version!: number;
  @Column('text') section!: string;
  @Column('bigint') position!: string;
  @Column('jsonb') paragraphs!: string[];
  @Column('date') drafted_on!: string;
  @Column('text') drafted_by!: string;
  @Column('timestamptz') recorded_at!: Date;
}

/** Every target ever set, by version of the unit's year of targets; the latest per indicator is in force. */
export interface PerformanceTargetRow {
  unit_id: string;
  year: number;
  version: number;
  indicator_code: string;
  position: bigint;
  target: string;
  unit: string;
  weight: number;
  recorded_by: string;
  recorded_at: Date;
}

export const performanceTargets: ViewTable<PerformanceTargetRow> = {
  name: 'performance_targets',
  key: ['unit_id', 'year', 'version'],
  columns: {
    unit_id: 'text',
    year: 'integer',
    version: 'integer',
    indicator_code: 'text',
    position: 'bigint',
    target: 'text',
    unit: 'text',
    weight: 'integer',
    recorded_by: 'text',
    recorded_at: 'timestamptz',
  },
};

@Entity('performance_targets')
export class PerformanceTargetEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('integer') year!: number;
  @PrimaryColumn('integer') version!: number;
  @Column('text') indicator_code!: string;
  @Column('bigint') position!: string;
  @Column('text') target!: string;
  @Column('text') unit!: string;
  @Column('integer') weight!: number;
  @Column('text') recorded_by!: string;
  @Column('timestamptz') recorded_at!: Date;
}

/** Every baseline ever recorded, by version of the unit's stream for that metric; the latest per period is in force. */
export interface PriorBaselineRow {
  unit_id: string;
  metric: string;
  version: number;
  position: bigint;
  period_from: string;
  period_to: string;
  value: string;
  qualifier: string;
  source: string;
  recorded_by: string;
  recorded_at: Date;
}

export const priorBaselines: ViewTable<PriorBaselineRow> = {
  name: 'prior_baselines',
  key: ['unit_id', 'metric', 'version'],
  columns: {
    unit_id: 'text',
    metric: 'text',
    version: 'integer',
    position: 'bigint',
    period_from: 'date',
    period_to: 'date',
    value: 'text',
    qualifier: 'text',
    source: 'text',
    recorded_by: 'text',
    recorded_at: 'timestamptz',
  },
};

@Entity('prior_baselines')
export class PriorBaselineEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') metric!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('bigint') position!: string;
  @Column('date') period_from!: string;
  @Column('date') period_to!: string;
  @Column('text') value!: string;
  @Column('text') qualifier!: string;
  @Column('text') source!: string;
  @Column('text') recorded_by!: string;
  @Column('timestamptz') recorded_at!: Date;
}
