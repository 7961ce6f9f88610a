import { Column, Entity, PrimaryColumn } from 'typeorm';

import { activityCountRow, activityCounts, addCount } from '../counts/activity-counts.table';
import type { RowStore, ViewTable } from '../engine/projection';

/**
 * How many live lower-bound records ("200余") feed one day's measure. `activity_counts.lower_bound` is a sticky
 * flag; this count is what lets a void of the last such record clear it, so a voided "≥" leaves no "≥" behind.
 */
export interface CountBoundRow {
  unit_id: string;
  squad_id: string;
  day: string;
  measure: string;
  records: number;
}

export const countBounds: ViewTable<CountBoundRow> = {
  name: 'activity_count_bounds',
  key: ['unit_id', 'day', 'measure', 'squad_id'],
  columns: { unit_id: 'text', squad_id: 'text', day: 'date', measure: 'text', records: 'integer' },
};

@Entity('activity_count_bounds')
export class CountBoundEntity {
  @PrimaryColumn('text') unit_id!: string;
  @PrimaryColumn('text') squad_id!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text') measure!: string;
  @Column('integer') records!: number;
}

type At = { unitId: string; squadId: string | null; day: string; measure: string };

/** Adds (sign 1) or takes back (sign −1) one record's `value`, keeping the lower-bound flag true to the live records. */
export async function addBoundedCount(
  rows: RowStore,
  at: At,
  value: bigint,
  lowerBound: boolean,
  sign: 1 | -1,
): Promise<void> {
  if (!lowerBound) return addCount(rows, at, BigInt(sign) * value);
  const key = { unit_id: at.unitId, squad_id: at.squadId ?? '', day: at.day, measure: at.measure };
  const records = ((await rows.get(countBounds, key))?.records ?? 0) + sign;
  // A literal, not a spread with an extra member: that takes a slow path in V8 (see activityCountRow).
  if (records > 0)
    rows.put(countBounds, {
      unit_id: key.unit_id,
      squad_id: key.squad_id,
      day: key.day,
      measure: key.measure,
      records,
    });
  else rows.delete(countBounds, key);
  if (sign === 1) return addCount(rows, at, value, true);
  const current = await rows.get(activityCounts, key);
  const remaining = (current?.value ?? 0n) - value;
  if (remaining === 0n && records <= 0) rows.delete(activityCounts, key);
  else rows.put(activityCounts, activityCountRow(key, remaining, records > 0));
}
