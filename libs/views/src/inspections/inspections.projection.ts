import type { RecordedEvent } from '@ledger/event-store';
import {
  assertNever,
  type InspectionEvent,
  type InspectionTargetKind,
  type NoticeEvent,
} from '@ledger/ledger/events';

import { activityCounts, addCount } from '../counts/activity-counts.table';
import { rowRef, type Projection, type RowStore } from '../engine/projection';
import { INSPECTION_MEASURES as I, inspectionsConductedOf } from './inspection.measures';
import { inspectionCases, rectificationNotices, type InspectionCaseRow } from './inspection.tables';

const HANDLES: (InspectionEvent | NoticeEvent)['type'][] = [
  'InspectionConducted',
  'InspectionIssuesResolved',
  'InspectionVoided',
  'RectificationNoticeIssued',
  'RectificationNoticeVoided',
];

/** What an inspection counts on the day it was conducted. */
const conducted = (c: InspectionCaseRow) =>
  [
    [I.inspectionsConducted, 1n],
    [inspectionsConductedOf(c.target_kind as InspectionTargetKind), 1n],
    [I.inspectionIssuesFound, BigInt(c.issues_found)],
  ] as const;

async function countConducted(rows: RowStore, c: InspectionCaseRow, sign: 1n | -1n): Promise<void> {
  for (const [measure, value] of conducted(c)) {
    await addCount(
      rows,
      { unitId: c.unit_id, squadId: c.squad_id, day: c.conducted_on, measure },
      sign * value,
    );
  }
}

async function countResolved(
  rows: RowStore,
  c: InspectionCaseRow,
  day: string,
  delta: bigint,
): Promise<void> {
  await addCount(
    rows,
    { unitId: c.unit_id, squadId: c.squad_id, day, measure: I.inspectionIssuesResolved },
    delta,
  );
}

export const inspectionsProjection: Projection = {
  name: 'inspections',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [inspectionCases, rectificationNotices, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const data = e.data as { unitId: string; inspectionId?: string; noticeId?: string };
    return data.inspectionId
      ? [rowRef(inspectionCases, { unit_id: data.unitId, inspection_id: data.inspectionId })]
      : [rowRef(rectificationNotices, { unit_id: data.unitId, notice_id: data.noticeId })];
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = {
      type: recorded.type,
      data: recorded.data,
      businessDate: recorded.businessDate,
    } as InspectionEvent | NoticeEvent;
    switch (event.type) {
      case 'InspectionConducted': {
        const d = event.data;
        const row: InspectionCaseRow = {
          unit_id: d.unitId,
          inspection_id: d.inspectionId,
          squad_id: d.squadId,
          target_kind: d.targetKind,
          target: d.target,
          conducted_on: d.conductedOn,
          issues_found: d.issuesFound,
          resolutions: [],
          status: 'recorded',
        };
        rows.put(inspectionCases, row);
        await countConducted(rows, row, 1n);
        return;
      }
      case 'InspectionIssuesResolved': {
        const key = { unit_id: event.data.unitId, inspection_id: event.data.inspectionId };
        const before = await rows.get(inspectionCases, key);
        if (!before || before.status === 'voided') return;
        const resolution = { day: event.data.resolvedOn, count: event.data.count };
        rows.put(inspectionCases, { ...before, resolutions: [...before.resolutions, resolution] });
        await countResolved(rows, before, resolution.day, BigInt(resolution.count));
        return;
      }
      case 'InspectionVoided': {
        const key = { unit_id: event.data.unitId, inspection_id: event.data.inspectionId };
        const before = await rows.get(inspectionCases, key);
        if (!before || before.status === 'voided') return;
        await countConducted(rows, before, -1n);
        for (const r of before.resolutions) await countResolved(rows, before, r.day, -BigInt(r.count));
        rows.put(inspectionCases, { ...before, status: 'voided' });
        return;
      }
      case 'RectificationNoticeIssued': {
        const d = event.data;
        rows.put(rectificationNotices, {
          unit_id: d.unitId,
          notice_id: d.noticeId,
          squad_id: d.squadId,
          issued_on: d.issuedOn,
          target_org: d.targetOrg,
          reason: d.reason,
          status: 'issued',
        });
        await addCount(
          rows,
          { unitId: d.unitId, squadId: d.squadId, day: d.issuedOn, measure: I.noticesIssued },
          1n,
        );
        return;
      }
      case 'RectificationNoticeVoided': {
        const key = { unit_id: event.data.unitId, notice_id: event.data.noticeId };
        const before = await rows.get(rectificationNotices, key);
        if (!before || before.status === 'voided') return;
        await addCount(
          rows,
          {
            unitId: before.unit_id,
            squadId: before.squad_id,
            day: before.issued_on,
            measure: I.noticesIssued,
          },
          -1n,
        );
        rows.put(rectificationNotices, { ...before, status: 'voided' });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
