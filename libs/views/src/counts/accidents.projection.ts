import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type AccidentEvent } from '@ledger/ledger/events';

import { rowRef, type Projection, type RowStore } from '../engine/projection';
import { accidentCases, type AccidentCaseRow } from './accident-cases.table';
import { activityCounts, addCount } from './activity-counts.table';
import { M } from './measures';

const HANDLES: AccidentEvent['type'][] = [
  'AccidentRecorded',
  'AccidentCasualtiesRevised',
  'AccidentClosed',
  'AccidentVoided',
];

const ACCIDENT_MEASURES = Object.values(M).filter((m) => m.startsWith('accidents.'));

/** What one accident contributes to the counts of the day it happened. */
function contribution(
  c: Pick<AccidentCaseRow, 'deaths' | 'injuries' | 'direct_loss_fen' | 'procedure' | 'hit_and_run'>,
) {
  return [
    [M.accidents, 1n],
    [M.accidentDeaths, BigInt(c.deaths)],
    [M.accidentInjuries, BigInt(c.injuries)],
    [M.accidentLossFen, c.direct_loss_fen],
    [M.accidentsFastSettlement, c.procedure === 'FAST_SETTLEMENT' ? 1n : 0n],
    [M.accidentsHitAndRun, c.hit_and_run ? 1n : 0n],
  ] as const;
}

async function addContribution(rows: RowStore, c: AccidentCaseRow, sign: 1n | -1n): Promise<void> {
  for (const [measure, value] of contribution(c)) {
    await addCount(
      rows,
      { unitId: c.unit_id, squadId: c.squad_id, day: c.occurred_on, measure },
      sign * value,
    );
  }
}

export const accidentsProjection: Projection = {
  name: 'accidents',
  version: 1,
  unitLocal: true, // every row it keys by the event's data.unitId
  tables: [accidentCases, activityCounts],
  handles: HANDLES,

  prefetch(e) {
    const data = e.data as { unitId: string; accidentId: string; squadId?: string; occurredOn?: string };
    const refs = [rowRef(accidentCases, { unit_id: data.unitId, accident_id: data.accidentId })];
    if (e.type === 'AccidentRecorded' && data.squadId && data.occurredOn) {
      for (const measure of ACCIDENT_MEASURES) {
        refs.push(
          rowRef(activityCounts, {
            unit_id: data.unitId,
            squad_id: data.squadId,
            day: data.occurredOn,
            measure,
          }),
        );
      }
    }
    return refs;
  },

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = {
      type: recorded.type,
      data: recorded.data,
      businessDate: recorded.businessDate,
    } as AccidentEvent;
    const key = { unit_id: event.data.unitId, accident_id: event.data.accidentId };
    switch (event.type) {
      case 'AccidentRecorded': {
        const d = event.data;
        const row: AccidentCaseRow = {
          unit_id: key.unit_id,
          accident_id: key.accident_id,
          squad_id: d.squadId,
          occurred_on: d.occurredOn,
          procedure: d.procedure,
          deaths: d.deaths,
          injuries: d.injuries,
          direct_loss_fen: BigInt(d.directLossFen),
          hit_and_run: d.hitAndRun,
          status: 'open',
          closed_on: null,
        };
        rows.put(accidentCases, row);
        await addContribution(rows, row, 1n);
        return;
      }
      case 'AccidentCasualtiesRevised': {
        const before = await rows.get(accidentCases, key);
        if (!before || before.status === 'voided') return;
        const after = {
          ...before,
          deaths: event.data.deaths,
          injuries: event.data.injuries,
          direct_loss_fen: BigInt(event.data.directLossFen),
        };
        await addContribution(rows, before, -1n);
        await addContribution(rows, after, 1n);
        rows.put(accidentCases, after);
        return;
      }
      case 'AccidentClosed': {
        const before = await rows.get(accidentCases, key);
        if (!before || before.status !== 'open') return;
        rows.put(accidentCases, { ...before, status: 'closed', closed_on: event.data.closedOn });
        await addCount(
          rows,
          {
            unitId: before.unit_id,
            squadId: before.squad_id,
            day: event.data.closedOn,
            measure: M.accidentsClosed,
          },
          1n,
        );
        return;
      }
      case 'AccidentVoided': {
        const before = await rows.get(accidentCases, key);
        if (!before || before.status === 'voided') return;
        await addContribution(rows, before, -1n);
        if (before.status === 'closed' && before.closed_on) {
          await addCount(
            rows,
            {
              unitId: before.unit_id,
              squadId: before.squad_id,
              day: before.closed_on,
              measure: M.accidentsClosed,
            },
            -1n,
          );
        }
        rows.put(accidentCases, { ...before, status: 'voided' });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
