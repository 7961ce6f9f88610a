import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type PublicityEvent, type PublicityVenue } from '@ledger/ledger/events';

import { activityCounts, addCount } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowRef, type RowStore } from '../engine/projection';
import { PUBLICITY_MEASURES as P, PUBLICITY_VENUE_COUNTS } from './publicity.measures';
import { publicityActivities, type PublicityActivityRow } from './publicity-activities.table';

const HANDLES: PublicityEvent['type'][] = ['PublicityActivityHeld', 'PublicityActivityVoided'];

/** What one activity adds to the day it was held: one activity, one at its venue, its audience and helmets if counted. */
function contribution(a: Pick<PublicityActivityRow, 'venue' | 'audience' | 'helmets_donated'>) {
  return [
    [P.publicityActivities, 1n],
    [PUBLICITY_VENUE_COUNTS[a.venue as PublicityVenue], 1n],
    [P.publicityAudience, BigInt(a.audience ?? 0)],
    [P.publicityHelmetsDonated, BigInt(a.helmets_donated ?? 0)],
  ] as const;
}

async function addActivity(rows: RowStore, a: PublicityActivityRow, sign: 1n | -1n): Promise<void> {
  for (const [measure, value] of contribution(a)) {
    await addCount(rows, { unitId: a.unit_id, squadId: a.squad_id, day: a.held_on, measure }, sign * value);
  }
}

/** 宣传: activities by venue ("五进"), audience and helmets given away, on the day held. */
export const publicityProjection: Projection = {
  name: 'publicity',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [publicityActivities, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const d = e.data as { unitId: string; activityId: string; squadId?: string; heldOn?: string };
    const refs: RowRef[] = [rowRef(publicityActivities, { unit_id: d.unitId, activity_id: d.activityId })];
    if (e.type === 'PublicityActivityHeld' && d.squadId && d.heldOn) {
      for (const measure of Object.values(P))
        refs.push(rowRef(activityCounts, { unit_id: d.unitId, squad_id: d.squadId, day: d.heldOn, measure }));
    }
    return refs;
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = { type: recorded.type, data: recorded.data } as PublicityEvent;
    const key = { unit_id: event.data.unitId, activity_id: event.data.activityId };
    switch (event.type) {
      case 'PublicityActivityHeld': {
        if (await rows.get(publicityActivities, key)) return;
        const d = event.data;
        const row: PublicityActivityRow = {
          ...key,
          squad_id: d.squadId,
          held_on: d.heldOn,
          venue: d.venue,
          audience: d.audience,
          helmets_donated: d.helmetsDonated,
          title: d.title,
          status: 'held',
        };
        rows.put(publicityActivities, row);
        await addActivity(rows, row, 1n);
        return;
      }
      case 'PublicityActivityVoided': {
        const before = await rows.get(publicityActivities, key);
        if (!before || before.status === 'voided') return;
        await addActivity(rows, before, -1n);
        rows.put(publicityActivities, { ...before, status: 'voided' });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
