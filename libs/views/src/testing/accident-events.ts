import { randomUUID } from 'node:crypto';

import type { EventToAppend } from '@ledger/event-store';

/** Accident number i of the engine's tests, recorded on `day` for `unitId`. */
export function accidentEvent(i: number, day: string, unitId = 'changning'): EventToAppend {
  return {
    id: randomUUID(),
    type: 'AccidentRecorded',
    data: {
      accidentId: `a${i}`,
      unitId,
      squadId: i % 2 ? 'chengqu' : 'songbai',
      occurredOn: day,
      procedure: 'GENERAL',
      deaths: i % 3 === 0 ? 1 : 0,
      injuries: 1,
      directLossFen: 1000 * i,
      hitAndRun: false,
      roadCode: null,
    },
    schemaVersion: 1,
    businessDate: day,
  };
}

/**
 * What happens to accident i later in its stream: every fourth is revised, every fifth closed, every sixth voided
 * (by i's remainder, so a test knows which) — events a fold must apply to rows it may have written out long before.
 */
export function accidentFollowUps(i: number, day: string, unitId: string): EventToAppend[] {
  const followUp = (type: string, data: Record<string, unknown>): EventToAppend => ({
    id: randomUUID(),
    type,
    data: { accidentId: `a${i}`, unitId, ...data } as EventToAppend['data'],
    schemaVersion: 1,
    businessDate: day,
  });
  const out: EventToAppend[] = [];
  if (i % 4 === 1)
    out.push(
      followUp('AccidentCasualtiesRevised', { deaths: 2, injuries: 3, directLossFen: 7, reason: 'ward' }),
    );
  if (i % 5 === 2) out.push(followUp('AccidentClosed', { closedOn: '2020-12-01' }));
  if (i % 6 === 3) out.push(followUp('AccidentVoided', { reason: 'duplicate' }));
  return out;
}
