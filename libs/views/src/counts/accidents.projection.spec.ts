import { recorded, ProjectionSpec } from '../testing/projection-spec';
import { accidentCases } from './accident-cases.table';
import { accidentsProjection } from './accidents.projection';
import { activityCounts } from './activity-counts.table';

const accident = (over: Record<string, unknown> = {}) =>
  recorded(
    'AccidentRecorded',
    {
      accidentId: 'a1',
      unitId: 'changning',
      squadId: 'chengqu',
      occurredOn: '2020-05-12',
      procedure: 'FAST_SETTLEMENT',
      deaths: 0,
      injuries: 1,
      directLossFen: 5000,
      hitAndRun: false,
      roadCode: null,
      ...over,
    },
    '2020-05-12',
  );
const at = { unit_id: 'changning', squad_id: 'chengqu', day: '2020-05-12' };
const spec = ProjectionSpec.for(accidentsProjection);

describe('accidents projection', () => {
  describe('on AccidentRecorded', () => {
    it('counts the accident, its casualties and loss on the day it happened', async () => {
      await spec.given(accident()).thenRows(activityCounts, [
        { ...at, measure: 'accidents.direct_loss_fen', value: 5000n },
        { ...at, measure: 'accidents.fast_settlement', value: 1n },
        { ...at, measure: 'accidents.injuries', value: 1n },
        { ...at, measure: 'accidents.total', value: 1n },
      ]);
    });
  });

  describe('on AccidentCasualtiesRevised', () => {
    it('replaces the contribution on the original day', async () => {
      const revised = recorded('AccidentCasualtiesRevised', {
        accidentId: 'a1',
        unitId: 'changning',
        deaths: 1,
        injuries: 0,
        directLossFen: 5000,
        reason: 'x',
      });
      await spec.given(accident(), revised).thenRows(activityCounts, [
        { ...at, measure: 'accidents.deaths', value: 1n },
        { ...at, measure: 'accidents.direct_loss_fen', value: 5000n },
        { ...at, measure: 'accidents.fast_settlement', value: 1n },
        { ...at, measure: 'accidents.total', value: 1n },
      ]);
    });
  });

  describe('on AccidentClosed', () => {
    it('counts the closure on the closing day, once', async () => {
      const closed = recorded('AccidentClosed', {
        accidentId: 'a1',
        unitId: 'changning',
        closedOn: '2020-06-01',
      });
      const rows = await spec.given(accident(), closed, closed).run();
      expect(rows.rows(activityCounts).filter((r) => r.measure === 'accidents.closed')).toEqual([
        expect.objectContaining({ day: '2020-06-01', value: 1n }),
      ]);
      expect(rows.rows(accidentCases)[0]).toMatchObject({ status: 'closed', closed_on: '2020-06-01' });
    });
  });

  describe('on AccidentVoided', () => {
    it('removes every count the accident made, and a second void changes nothing', async () => {
      const voided = recorded('AccidentVoided', { accidentId: 'a1', unitId: 'changning', reason: '重复' });
      await spec.given(accident(), voided, voided).thenRows(activityCounts, []);
    });
  });
});
