import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type HazardEvent, type HazardKind } from '@ledger/ledger/events';

import { activityCounts, addCount } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowStore } from '../engine/projection';
import { HAZARD_MEASURES as H, hazardsFoundOf, hazardsRectifiedOf } from './hazard.measures';
import { hazardCases, type HazardCaseRow } from './hazard.tables';

const HANDLES: HazardEvent['type'][] = [
  'HazardIdentified',
  'RectificationRequested',
  'HazardRectified',
  'HazardVoided',
];

const found = (c: HazardCaseRow) => [
  H.hazardsFound,
  hazardsFoundOf(c.kind as HazardKind),
  ...(c.provincially_listed ? [H.hazardsListedFound] : []),
];
const rectified = (c: HazardCaseRow) => [
  H.hazardsRectified,
  hazardsRectifiedOf(c.kind as HazardKind),
  ...(c.provincially_listed ? [H.hazardsListedRectified] : []),
];

async function count(rows: RowStore, c: HazardCaseRow, day: string, measures: string[], delta: bigint) {
  for (const measure of measures) {
    await addCount(rows, { unitId: c.unit_id, squadId: c.squad_id, day, measure }, delta);
  }
}

/** Found counts on the day found, rectified on the day rectified; open on D = found ≤ D − rectified ≤ D. */
export const hazardsProjection: Projection = {
  name: 'hazards',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [hazardCases, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const data = e.data as { unitId: string; hazardId: string };
    return [rowRef(hazardCases, { unit_id: data.unitId, hazard_id: data.hazardId })];
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = {
      type: recorded.type,
      data: recorded.data,
      businessDate: recorded.businessDate,
    } as HazardEvent;
    const key = { unit_id: event.data.unitId, hazard_id: event.data.hazardId };
    switch (event.type) {
      case 'HazardIdentified': {
        const d = event.data;
        const row: HazardCaseRow = {
          ...key,
          squad_id: d.squadId,
          kind: d.kind,
          identified_on: d.identifiedOn,
          provincially_listed: d.provinciallyListed,
          status: 'open',
          rectified_on: null,
          requested_on: [],
        };
        rows.put(hazardCases, row);
        await count(rows, row, row.identified_on, found(row), 1n);
        return;
      }
      case 'RectificationRequested': {
        const before = await rows.get(hazardCases, key);
        if (!before || before.status === 'voided') return;
        rows.put(hazardCases, { ...before, requested_on: [...before.requested_on, event.data.requestedOn] });
        await count(rows, before, event.data.requestedOn, [H.hazardsRectificationRequested], 1n);
        return;
      }
      case 'HazardRectified': {
        const before = await rows.get(hazardCases, key);
        if (!before || before.status !== 'open') return;
        rows.put(hazardCases, { ...before, status: 'rectified', rectified_on: event.data.rectifiedOn });
        await count(rows, before, event.data.rectifiedOn, rectified(before), 1n);
        return;
      }
      case 'HazardVoided': {
        const before = await rows.get(hazardCases, key);
        if (!before || before.status === 'voided') return;
        await count(rows, before, before.identified_on, found(before), -1n);
        if (before.rectified_on) await count(rows, before, before.rectified_on, rectified(before), -1n);
        for (const day of before.requested_on) {
          await count(rows, before, day, [H.hazardsRectificationRequested], -1n);
        }
        rows.put(hazardCases, { ...before, status: 'voided' });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
