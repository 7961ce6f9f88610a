import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type TallyCategory, type TallyEvent } from '@ledger/ledger/events';

import { activityCountRow, activityCounts } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowStore } from '../engine/projection';
import { tallyMeasure } from './tally.measures';
import { tallyDays, tallyRecords, type TallyRecordRow } from './tally.tables';

const HANDLES: TallyEvent['type'][] = ['TallyRecorded', 'TallyCorrected', 'TallyVoided'];

type DayKey = Pick<TallyRecordRow, 'unit_id' | 'squad_id' | 'day' | 'category'>;
const dayKey = (r: DayKey): DayKey => ({
  unit_id: r.unit_id,
  squad_id: r.squad_id,
  day: r.day,
  category: r.category,
});
const lowerBounds = (qualifier: string) => (qualifier === 'AT_LEAST' ? 1 : 0);

/** Moves a day's sum and lower-bound count, and writes the day's count row from them (deleted at zero). */
async function adjustDay(rows: RowStore, at: DayKey, delta: bigint, atLeastDelta: number): Promise<void> {
  const key = dayKey(at);
  const current = await rows.get(tallyDays, key);
  const value = (current?.value ?? 0n) + delta;
  const atLeast = (current?.at_least ?? 0) + atLeastDelta;
  const countKey = {
    unit_id: key.unit_id,
    squad_id: key.squad_id,
    day: key.day,
    measure: tallyMeasure(key.category as TallyCategory),
  };
  if (value === 0n && atLeast === 0) {
    rows.delete(tallyDays, key);
    rows.delete(activityCounts, countKey);
    return;
  }
  // Literals, not spreads with extra members: those take a slow path in V8 (see activityCountRow).
  rows.put(tallyDays, {
    unit_id: key.unit_id,
    squad_id: key.squad_id,
    day: key.day,
    category: key.category,
    value,
    at_least: atLeast,
  });
  rows.put(activityCounts, activityCountRow(countKey, value, atLeast > 0));
}

/** The original a correction names, if it exists, is live, and was posted for the unit, squad and day named. */
async function target(
  rows: RowStore,
  d: { targetEventId: string; unitId: string; squadId: string; businessDate: string },
): Promise<TallyRecordRow | null> {
  const original = await rows.get(tallyRecords, { event_id: d.targetEventId });
  if (
    !original ||
    original.status === 'voided' ||
    original.unit_id !== d.unitId ||
    original.squad_id !== d.squadId ||
    original.day !== d.businessDate
  ) {
    return null;
  }
  return original;
}

export const talliesProjection: Projection = {
  name: 'tallies',
  version: 1,
  // Its rows carry the event's data.unitId; a correction reads its original by event id, but one naming another
  // unit changes nothing (see target), so what it makes of an event depends on its own unit's rows alone.
  unitLocal: true,
  tables: [tallyRecords, tallyDays, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    if (e.type === 'TallyRecorded') {
      const d = e.data as { unitId: string; squadId: string; businessDate: string; category: string };
      return [
        rowRef(tallyDays, {
          unit_id: d.unitId,
          squad_id: d.squadId,
          day: d.businessDate,
          category: d.category,
        }),
      ];
    }
    const d = e.data as { unitId: string; squadId: string; businessDate: string; targetEventId: string };
    return [rowRef(tallyRecords, { event_id: d.targetEventId })];
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = {
      type: recorded.type,
      data: recorded.data,
      businessDate: recorded.businessDate,
    } as TallyEvent;
    switch (event.type) {
      case 'TallyRecorded': {
        const d = event.data;
        const row: TallyRecordRow = {
          event_id: recorded.id,
          unit_id: d.unitId,
          squad_id: d.squadId,
          day: d.businessDate,
          category: d.category,
          count: BigInt(d.count),
          qualifier: d.qualifier,
          status: 'recorded',
        };
        rows.put(tallyRecords, row);
        await adjustDay(rows, row, row.count, lowerBounds(row.qualifier));
        return;
      }
      case 'TallyCorrected': {
        const original = await target(rows, event.data);
        if (!original) return;
        const after = {
          ...original,
          count: BigInt(event.data.count),
          qualifier: event.data.qualifier ?? original.qualifier,
        };
        await adjustDay(
          rows,
          original,
          after.count - original.count,
          lowerBounds(after.qualifier) - lowerBounds(original.qualifier),
        );
        rows.put(tallyRecords, after);
        return;
      }
      case 'TallyVoided': {
        const original = await target(rows, event.data);
        if (!original) return;
        await adjustDay(rows, original, -original.count, -lowerBounds(original.qualifier));
        rows.put(tallyRecords, { ...original, status: 'voided' });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
