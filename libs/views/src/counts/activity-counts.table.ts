import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { RowStore, ViewTable } from '../engine/projection';

/** One measure of one squad on one day. Any period is a SUM over days; nothing is pre-aggregated by month or year. */
export interface ActivityCountRow {
  unit_id: string;
  squad_id: string;
  day: string;
  measure: string;
  value: bigint;
  /** Some contributing record was a lower bound ("2100余"): the sum is one too. */
  lower_bound: boolean;
}

export const activityCounts: ViewTable<ActivityCountRow> = {
  name: 'activity_counts',
  key: ['unit_id', 'day', 'measure', 'squad_id'],
  columns: {
    unit_id: 'text',
    squad_id: 'text',
    day: 'date',
    measure: 'text',
    value: 'bigint',
    lower_bound: 'boolean',
  },
};

@Entity('activity_counts')
export class ActivityCountEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') squad_id!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text') measure!: string;
  @Column('bigint') value!: string;
  @Column('boolean') lower_bound!: boolean;
}

type CountKey = Pick<ActivityCountRow, 'unit_id' | 'squad_id' | 'day' | 'measure'>;

/**
 * A count row from its key and value, written out member by member rather than `{ ...key, value, … }`: V8 builds a
 * spread with extra members on a slow path (~3 µs, 25× a literal), and a rebuild or replay builds several per event.
 */
export function activityCountRow(key: CountKey, value: bigint, lowerBound: boolean): ActivityCountRow {
  return {
    unit_id: key.unit_id,
    squad_id: key.squad_id,
    day: key.day,
    measure: key.measure,
    value,
    lower_bound: lowerBound,
  };
}

/** Adds `delta` to a day's measure; a row that returns to zero is deleted so rebuilds and live runs stay identical. */
export async function addCount(
  rows: RowStore,
  at: { unitId: string; squadId: string | null; day: string; measure: string },
  delta: bigint,
  lowerBound = false,
): Promise<void> {
  if (delta === 0n && !lowerBound) return;
  const key = { unit_id: at.unitId, squad_id: at.squadId ?? '', day: at.day, measure: at.measure };
  const current = await rows.get(activityCounts, key);
  const value = (current?.value ?? 0n) + delta;
  const lower = (current?.lower_bound ?? false) || lowerBound;
  if (value === 0n && !lower) rows.delete(activityCounts, key);
  else rows.put(activityCounts, activityCountRow(key, value, lower));
}
