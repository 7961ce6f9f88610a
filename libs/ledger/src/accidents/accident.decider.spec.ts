import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import { accidentDecider, type AccidentCommand } from './accident.decider';
import type { AccidentEvent, AccidentRecorded } from './accident.events';

const recorded = (over: Partial<AccidentRecorded['data']> = {}): AccidentRecorded => {
  const data = {
    accidentId: 'a1',
    unitId: 'changning',
    squadId: 'chengqu',
    occurredOn: '2020-05-12',
    procedure: 'GENERAL' as const,
    deaths: 0,
    injuries: 1,
    directLossFen: 50000,
    hitAndRun: false,
    roadCode: null,
    ...over,
  };
  return { type: 'AccidentRecorded', data, businessDate: data.occurredOn };
};
const record = (over: Partial<AccidentRecorded['data']> = {}): AccidentCommand => ({
  kind: 'RecordAccident',
  ...recorded(over).data,
});
const spec = DeciderSpec.for(accidentDecider);

describe('accident decider', () => {
  describe('RecordAccident', () => {
    it('records a new accident on its occurrence date', () => {
      spec.given().when(record()).then(recorded());
    });
    it('refuses a second record of the same accident', () => {
      spec.given(recorded()).when(record()).thenThrows('ACCIDENT.EXISTS');
    });
    it('refuses an accident dated after today', () => {
      spec
        .given()
        .when(record({ occurredOn: '2020-12-01' }), contextFor(undefined, '2020-11-30'))
        .thenThrows('ACCIDENT.FUTURE');
    });
  });

  describe('ReviseAccidentCasualties', () => {
    const revise = (deaths: number): AccidentCommand => ({
      kind: 'ReviseAccidentCasualties',
      accidentId: 'a1',
      unitId: 'changning',
      deaths,
      injuries: 1,
      directLossFen: 50000,
      reason: '伤者七日内死亡',
    });
    it('records the new totals, dated on the accident', () => {
      const expected: AccidentEvent = {
        type: 'AccidentCasualtiesRevised',
        data: {
          accidentId: 'a1',
          unitId: 'changning',
          deaths: 1,
          injuries: 1,
          directLossFen: 50000,
          reason: '伤者七日内死亡',
        },
        businessDate: '2020-05-12',
      };
      spec.given(recorded()).when(revise(1)).then(expected);
    });
    it('appends nothing when the figures did not change', () => {
      spec.given(recorded()).when(revise(0)).thenNothing();
    });
    it('refuses an unknown accident', () => {
      spec.given().when(revise(1)).thenThrows('ACCIDENT.NOT_FOUND');
    });
    it('refuses a clerk of another squad', () => {
      spec
        .given(recorded())
        .when(revise(1), contextFor(aClerkOf('other')))
        .thenThrows('AUTH.SQUAD');
    });
    it('refuses a voided accident', () => {
      spec
        .given(recorded(), {
          type: 'AccidentVoided',
          data: { accidentId: 'a1', unitId: 'changning', reason: '重复' },
          businessDate: '2020-05-12',
        })
        .when(revise(1))
        .thenThrows('ACCIDENT.VOIDED');
    });
  });

  describe('CloseAccident', () => {
    it('closes an open accident once', () => {
      const closed: AccidentEvent = {
        type: 'AccidentClosed',
        data: { accidentId: 'a1', unitId: 'changning', closedOn: '2020-06-01' },
        businessDate: '2020-06-01',
      };
      spec
        .given(recorded())
        .when({ kind: 'CloseAccident', accidentId: 'a1', unitId: 'changning', closedOn: '2020-06-01' })
        .then(closed);
      spec
        .given(recorded(), closed)
        .when({ kind: 'CloseAccident', accidentId: 'a1', unitId: 'changning', closedOn: '2020-06-02' })
        .thenNothing();
    });
    it('refuses a closing date before the accident', () => {
      spec
        .given(recorded())
        .when({ kind: 'CloseAccident', accidentId: 'a1', unitId: 'changning', closedOn: '2020-05-01' })
        .thenThrows('ACCIDENT.CLOSE_DATE');
    });
  });
});
