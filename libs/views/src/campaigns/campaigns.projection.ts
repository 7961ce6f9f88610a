import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type CampaignEvent, type CheckpointEvent } from '@ledger/ledger/events';

import { activityCounts, addCount } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowStore } from '../engine/projection';
import { CAMPAIGN_MEASURES as C, checkpointsOpenedFor } from './campaign.measures';
import { campaignTotals, checkpointPeriods } from './campaign.tables';

const HANDLES: (CampaignEvent | CheckpointEvent)['type'][] = [
  'CampaignLaunched',
  'CampaignOperationConducted',
  'CampaignClosed',
  'CheckpointOperated',
];

/** Campaign days count on the day conducted; checkpoints count once, on the first day they were manned. */
export const campaignsProjection: Projection = {
  name: 'campaigns',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [campaignTotals, checkpointPeriods, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const data = e.data as { unitId: string; campaignId?: string };
    return data.campaignId
      ? [rowRef(campaignTotals, { unit_id: data.unitId, campaign_id: data.campaignId })]
      : [];
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = {
      type: recorded.type,
      data: recorded.data,
      businessDate: recorded.businessDate,
    } as CampaignEvent | CheckpointEvent;
    switch (event.type) {
      case 'CampaignLaunched': {
        const d = event.data;
        rows.put(campaignTotals, {
          unit_id: d.unitId,
          campaign_id: d.campaignId,
          name: d.name,
          kind: d.kind,
          launched_on: d.launchedOn,
          closed_on: null,
          operations: 0,
          officers: 0n,
          vehicles_checked: 0n,
          violations_found: 0n,
        });
        await addCount(
          rows,
          { unitId: d.unitId, squadId: null, day: d.launchedOn, measure: C.campaignsLaunched },
          1n,
        );
        return;
      }
      case 'CampaignOperationConducted': {
        const d = event.data;
        const at = { unitId: d.unitId, squadId: d.squadId, day: d.conductedOn };
        await addCount(rows, { ...at, measure: C.campaignOperations }, 1n);
        await addCount(rows, { ...at, measure: C.campaignOfficers }, BigInt(d.officers));
        await addCount(rows, { ...at, measure: C.campaignVehiclesChecked }, BigInt(d.vehiclesChecked));
        await addCount(rows, { ...at, measure: C.campaignViolations }, BigInt(d.violationsFound));
        const before = await rows.get(campaignTotals, { unit_id: d.unitId, campaign_id: d.campaignId });
        if (before) {
          rows.put(campaignTotals, {
            ...before,
            operations: before.operations + 1,
            officers: before.officers + BigInt(d.officers),
            vehicles_checked: before.vehicles_checked + BigInt(d.vehiclesChecked),
            violations_found: before.violations_found + BigInt(d.violationsFound),
          });
        }
        return;
      }
      case 'CampaignClosed': {
        const before = await rows.get(campaignTotals, {
          unit_id: event.data.unitId,
          campaign_id: event.data.campaignId,
        });
        if (!before || before.closed_on !== null) return;
        rows.put(campaignTotals, { ...before, closed_on: event.data.closedOn });
        return;
      }
      case 'CheckpointOperated': {
        const d = event.data;
        rows.put(checkpointPeriods, {
          unit_id: d.unitId,
          checkpoint_id: d.checkpointId,
          from_date: d.from,
          to_date: d.to,
          squad_id: d.squadId,
          purpose: d.purpose,
          location: d.location,
          hours_per_day: d.hoursPerDay,
        });
        const at = { unitId: d.unitId, squadId: d.squadId, day: d.from };
        await addCount(rows, { ...at, measure: C.checkpointsOpened }, 1n);
        await addCount(rows, { ...at, measure: checkpointsOpenedFor(d.purpose) }, 1n);
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
