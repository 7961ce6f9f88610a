import type { RecordedEvent } from '@ledger/event-store';
import {
  assertNever,
  type AdministrativeDetentionEvent,
  type CriminalCaseEvent,
} from '@ledger/ledger/events';

import { activityCounts, addCount } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowRef, type RowStore } from '../engine/projection';
import { CASE_MEASURES, COERCIVE_MEASURE_COUNTS } from './cases.measures';
import { administrativeDetentions, criminalCases, type CriminalCaseRow } from './cases.tables';

type CaseEvent = CriminalCaseEvent | AdministrativeDetentionEvent;

const HANDLES: CaseEvent['type'][] = [
  'CriminalCaseFiled',
  'CoerciveMeasureApplied',
  'CriminalCaseVoided',
  'AdministrativeDetentionImposed',
  'AdministrativeDetentionVoided',
];

const count = (
  rows: RowStore,
  unitId: string,
  squadId: string,
  day: string,
  measure: string,
  delta: bigint,
) => addCount(rows, { unitId, squadId, day, measure }, delta);

/** Every count a case made: its filing on the filing day, each measure on the day it was applied. */
async function addCase(rows: RowStore, c: CriminalCaseRow, sign: 1n | -1n): Promise<void> {
  await count(rows, c.unit_id, c.squad_id, c.filed_on, CASE_MEASURES.casesCriminalFiled, sign);
  for (const m of c.applied_measures) await count(rows, c.unit_id, c.squad_id, m.appliedOn, m.measure, sign);
}

/**
 * 立刑事案件, 刑事拘留, 逮捕, 直诉 and 行政拘留 into the day-grain counts. Measures count persons; a voided case
 * takes its filing and its measures back out of the days they were counted on.
 */
export const casesProjection: Projection = {
  name: 'cases',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [criminalCases, administrativeDetentions, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const d = e.data as { unitId: string; caseNo?: string; recordId?: string; squadId?: string };
    const refs: RowRef[] = [];
    if (d.caseNo !== undefined) refs.push(rowRef(criminalCases, { unit_id: d.unitId, case_no: d.caseNo }));
    if (d.recordId !== undefined)
      refs.push(rowRef(administrativeDetentions, { unit_id: d.unitId, record_id: d.recordId }));
    const at = (day: unknown, measure: string) =>
      typeof day === 'string' && d.squadId
        ? [rowRef(activityCounts, { unit_id: d.unitId, squad_id: d.squadId, day, measure })]
        : [];
    if (e.type === 'CriminalCaseFiled') refs.push(...at(e.data.filedOn, CASE_MEASURES.casesCriminalFiled));
    if (e.type === 'AdministrativeDetentionImposed')
      refs.push(...at(e.data.imposedOn, CASE_MEASURES.casesAdministrativeDetention));
    return refs;
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    switch (event.type) {
      case 'CriminalCaseFiled': {
        const d = event.data;
        const key = { unit_id: d.unitId, case_no: d.caseNo };
        if (await rows.get(criminalCases, key)) return;
        const row: CriminalCaseRow = {
          ...key,
          squad_id: d.squadId,
          filed_on: d.filedOn,
          offence: d.offence,
          status: 'open',
          applied_measures: [],
        };
        rows.put(criminalCases, row);
        await count(rows, d.unitId, d.squadId, d.filedOn, CASE_MEASURES.casesCriminalFiled, 1n);
        return;
      }
      case 'CoerciveMeasureApplied': {
        const d = event.data;
        const before = await rows.get(criminalCases, { unit_id: d.unitId, case_no: d.caseNo });
        if (!before || before.status === 'voided') return;
        if (before.applied_measures.some((m) => m.eventId === recorded.id)) return;
        const applied = {
          eventId: recorded.id,
          measure: COERCIVE_MEASURE_COUNTS[d.measure],
          appliedOn: d.appliedOn,
        };
        rows.put(criminalCases, { ...before, applied_measures: [...before.applied_measures, applied] });
        await count(rows, d.unitId, before.squad_id, d.appliedOn, applied.measure, 1n);
        return;
      }
      case 'CriminalCaseVoided': {
        const before = await rows.get(criminalCases, {
          unit_id: event.data.unitId,
          case_no: event.data.caseNo,
        });
        if (!before || before.status === 'voided') return;
        await addCase(rows, before, -1n);
        rows.put(criminalCases, { ...before, status: 'voided' });
        return;
      }
      case 'AdministrativeDetentionImposed': {
        const d = event.data;
        const key = { unit_id: d.unitId, record_id: d.recordId };
        if (await rows.get(administrativeDetentions, key)) return;
        rows.put(administrativeDetentions, {
          ...key,
          squad_id: d.squadId,
          imposed_on: d.imposedOn,
          persons: d.persons,
          status: 'imposed',
        });
        await count(
          rows,
          d.unitId,
          d.squadId,
          d.imposedOn,
          CASE_MEASURES.casesAdministrativeDetention,
          BigInt(d.persons),
        );
        return;
      }
      case 'AdministrativeDetentionVoided': {
        const key = { unit_id: event.data.unitId, record_id: event.data.recordId };
        const before = await rows.get(administrativeDetentions, key);
        if (!before || before.status === 'voided') return;
        await count(
          rows,
          before.unit_id,
          before.squad_id,
          before.imposed_on,
          CASE_MEASURES.casesAdministrativeDetention,
          -BigInt(before.persons),
        );
        rows.put(administrativeDetentions, { ...before, status: 'voided' });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
