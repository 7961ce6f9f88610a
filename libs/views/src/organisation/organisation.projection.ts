import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type OrganisationEvent } from '@ledger/ledger/events';

import { activityCounts, addCount } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowStore } from '../engine/projection';
import { ORGANISATION_MEASURES } from './organisation.measures';
import { unitHeadcounts, unitNames, units } from './organisation.tables';

const HANDLES: OrganisationEvent['type'][] = [
  'UnitEstablished',
  'UnitRenamed',
  'UnitDissolved',
  'HeadcountRecorded',
  'AuxiliaryPoliceRecruited',
];

/** The unit tree (names and lifetimes as of any date) and headcounts; recruitment counts on its day. */
export const organisationProjection: Projection = {
  name: 'organisation',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [units, unitNames, unitHeadcounts, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const data = e.data as { unitId: string };
    return [rowRef(units, { unit_id: data.unitId })];
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = {
      type: recorded.type,
      data: recorded.data,
      businessDate: recorded.businessDate,
    } as OrganisationEvent;
    switch (event.type) {
      case 'UnitEstablished': {
        const d = event.data;
        rows.put(units, {
          unit_id: d.unitId,
          parent_id: d.parentId,
          name: d.name,
          kind: d.kind,
          established_on: d.establishedOn,
          dissolved_on: null,
        });
        rows.put(unitNames, { unit_id: d.unitId, valid_from: d.establishedOn, name: d.name });
        return;
      }
      case 'UnitRenamed': {
        const before = await rows.get(units, { unit_id: event.data.unitId });
        if (!before) return;
        rows.put(units, { ...before, name: event.data.name });
        rows.put(unitNames, {
          unit_id: event.data.unitId,
          valid_from: event.data.renamedOn,
          name: event.data.name,
        });
        return;
      }
      case 'UnitDissolved': {
        const before = await rows.get(units, { unit_id: event.data.unitId });
        if (!before) return;
        rows.put(units, { ...before, dissolved_on: event.data.dissolvedOn });
        return;
      }
      case 'HeadcountRecorded': {
        const d = event.data;
        rows.put(unitHeadcounts, {
          unit_id: d.unitId,
          as_of: d.asOf,
          police: d.police,
          cadres: d.cadres,
          workers: d.workers,
          auxiliary: d.auxiliary,
          authorised_establishment: d.authorisedEstablishment,
        });
        return;
      }
      case 'AuxiliaryPoliceRecruited': {
        const d = event.data;
        await addCount(
          rows,
          {
            unitId: d.unitId,
            squadId: null,
            day: d.recruitedOn,
            measure: ORGANISATION_MEASURES.auxiliaryRecruited,
          },
          BigInt(d.count),
          d.qualifier === 'AT_LEAST',
        );
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
