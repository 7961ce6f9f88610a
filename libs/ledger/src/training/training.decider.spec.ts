import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import { trainingDecider, type TrainingCommand } from './training.decider';
import type { TrainingSessionHeld, TrainingSessionVoided } from './training.events';

const held = (over: Partial<TrainingSessionHeld['data']> = {}): TrainingSessionHeld => {
  const data = {
    sessionId: 'PX-1',
    unitId: 'changning',
    squadId: null,
    heldOn: '2020-05-25',
    kind: 'JOINT' as const,
    participants: 200,
    participantsQualifier: 'AT_LEAST' as const,
    instructors: 10,
    days: 2,
    unitsCovered: 20,
    title: '“所队合一”交通管理业务培训',
    ...over,
  };
  return { type: 'TrainingSessionHeld', data, businessDate: data.heldOn };
};
const record = (over: Partial<TrainingSessionHeld['data']> = {}): TrainingCommand => ({
  kind: 'RecordTrainingSession',
  session: held(over).data,
});
const voided: TrainingSessionVoided = {
  type: 'TrainingSessionVoided',
  data: { sessionId: 'PX-1', unitId: 'changning', reason: '重复登记' },
  businessDate: '2020-05-25',
};
const voidIt: TrainingCommand = {
  kind: 'VoidTrainingSession',
  sessionId: 'PX-1',
  unitId: 'changning',
  reason: '重复登记',
};
const spec = DeciderSpec.for(trainingDecider);

describe('training decider', () => {
  describe('RecordTrainingSession', () => {
    it('records a brigade-wide session on the day it began', () => {
      spec.given().when(record()).then(held());
    });
    it("records a squad's own session when its clerk posts it", () => {
      const own = { squadId: 'chengqu', kind: 'PHYSICAL' as const, participantsQualifier: 'EXACT' as const };
      spec
        .given()
        .when(record(own), contextFor(aClerkOf('chengqu')))
        .then(held(own));
    });
    it('refuses a squad clerk posting a brigade-wide session', () => {
      spec
        .given()
        .when(record(), contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
    });
    it('refuses the same session twice and a session dated after today', () => {
      spec.given(held()).when(record()).thenThrows('TRAINING.EXISTS');
      spec
        .given()
        .when(record({ heldOn: '2020-12-01' }), contextFor(undefined, '2020-11-30'))
        .thenThrows('TRAINING.FUTURE');
    });
  });

  describe('VoidTrainingSession', () => {
    it('voids the record, dated on the day it began', () => {
      spec.given(held()).when(voidIt).then(voided);
    });
    it('refuses an unknown or already voided session', () => {
      spec.given().when(voidIt).thenThrows('TRAINING.NOT_FOUND');
      spec.given(held(), voided).when(voidIt).thenThrows('TRAINING.VOIDED');
    });
    it("refuses a clerk voiding another squad's or the brigade's session", () => {
      spec
        .given(held({ squadId: 'songbai' }))
        .when(voidIt, contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
      spec
        .given(held())
        .when(voidIt, contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
    });
  });
});
