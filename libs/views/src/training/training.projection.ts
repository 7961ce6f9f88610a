import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type TrainingEvent, type TrainingKind } from '@ledger/ledger/events';

import { activityCounts, addCount } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowRef, type RowStore } from '../engine/projection';
import { addBoundedCount, countBounds } from './count-bounds.table';
import { TRAINING_KIND_COUNTS, TRAINING_MEASURES as T } from './training.measures';
import { trainingSessions, type TrainingSessionRow } from './training-sessions.table';

const HANDLES: TrainingEvent['type'][] = ['TrainingSessionHeld', 'TrainingSessionVoided'];

async function addSession(rows: RowStore, s: TrainingSessionRow, sign: 1 | -1): Promise<void> {
  const at = { unitId: s.unit_id, squadId: s.squad_id, day: s.held_on };
  await addCount(rows, { ...at, measure: TRAINING_KIND_COUNTS[s.kind as TrainingKind] }, BigInt(sign));
  await addBoundedCount(
    rows,
    { ...at, measure: T.trainingParticipants },
    BigInt(s.participants),
    s.participants_at_least,
    sign,
  );
}

/** 培训: sessions by kind and participants (a lower bound when any session gave "200余"), on the day begun. */
export const trainingProjection: Projection = {
  name: 'training',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [trainingSessions, countBounds, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const d = e.data as { unitId: string; sessionId: string; squadId?: string | null; heldOn?: string };
    const refs: RowRef[] = [rowRef(trainingSessions, { unit_id: d.unitId, session_id: d.sessionId })];
    if (e.type === 'TrainingSessionHeld' && d.heldOn) {
      const at = { unit_id: d.unitId, squad_id: d.squadId ?? '', day: d.heldOn };
      for (const measure of Object.values(T)) refs.push(rowRef(activityCounts, { ...at, measure }));
      refs.push(rowRef(countBounds, { ...at, measure: T.trainingParticipants }));
    }
    return refs;
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = { type: recorded.type, data: recorded.data } as TrainingEvent;
    const key = { unit_id: event.data.unitId, session_id: event.data.sessionId };
    switch (event.type) {
      case 'TrainingSessionHeld': {
        if (await rows.get(trainingSessions, key)) return;
        const d = event.data;
        const row: TrainingSessionRow = {
          ...key,
          squad_id: d.squadId ?? '',
          held_on: d.heldOn,
          kind: d.kind,
          participants: d.participants,
          participants_at_least: d.participantsQualifier === 'AT_LEAST',
          instructors: d.instructors,
          days: d.days,
          units_covered: d.unitsCovered,
          title: d.title,
          status: 'held',
        };
        rows.put(trainingSessions, row);
        await addSession(rows, row, 1);
        return;
      }
      case 'TrainingSessionVoided': {
        const before = await rows.get(trainingSessions, key);
        if (!before || before.status === 'voided') return;
        await addSession(rows, before, -1);
        rows.put(trainingSessions, { ...before, status: 'voided' });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
