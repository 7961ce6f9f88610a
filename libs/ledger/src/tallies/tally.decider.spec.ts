import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import {
  tallyCorrectionDecider,
  tallyDecider,
  type RecordTallyCommand,
  type TallyCorrectionCommand,
} from './tally.decider';
import type { TallyCorrected, TallyVoided } from './tally.events';

const record = (over: Partial<RecordTallyCommand> = {}): RecordTallyCommand => ({
  kind: 'RecordTally',
  unitId: 'changning',
  squadId: 'chegsuo',
  businessDate: '2020-05-12',
  category: 'VEHICLE_REGISTRATION',
  count: 31,
  qualifier: 'EXACT',
  sourceRef: null,
  ...over,
});
const target = {
  unitId: 'changning',
  squadId: 'chengqu',
  businessDate: '2020-05-12',
  targetEventId: '00000000-0000-4000-8000-000000000001',
};
const correct = (count: number): TallyCorrectionCommand => ({
  kind: 'CorrectTally',
  ...target,
  count,
  qualifier: null,
  reason: '系统导出有误',
});
const corrected = (count: number): TallyCorrected => ({
  type: 'TallyCorrected',
  data: { ...target, count, qualifier: null, reason: '系统导出有误' },
  businessDate: '2020-05-12',
});
const voided: TallyVoided = {
  type: 'TallyVoided',
  data: { ...target, reason: '重复登记' },
  businessDate: '2020-05-12',
};
const voidIt: TallyCorrectionCommand = { kind: 'VoidTally', ...target, reason: '重复登记' };

describe('tally deciders', () => {
  describe('RecordTally', () => {
    const spec = DeciderSpec.for(tallyDecider);
    it('records the count on its business date, lower bounds included', () => {
      const { kind: _k, ...data } = record({ qualifier: 'AT_LEAST', count: 2100 });
      spec
        .given()
        .when(record({ qualifier: 'AT_LEAST', count: 2100 }))
        .then({ type: 'TallyRecorded', data, businessDate: '2020-05-12' });
    });
    it('refuses a tally dated after today', () => {
      spec
        .given()
        .when(record({ businessDate: '2020-12-01' }), contextFor(undefined, '2020-11-30'))
        .thenThrows('TALLY.FUTURE');
    });
    it('refuses a clerk posting for another squad', () => {
      spec
        .given()
        .when(record(), contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
    });
  });

  describe('CorrectTally', () => {
    const spec = DeciderSpec.for(tallyCorrectionDecider);
    it('records the count as now known', () => {
      spec.given().when(correct(30)).then(corrected(30));
      spec.given(corrected(30)).when(correct(29)).then(corrected(29));
    });
    it('appends nothing when it repeats the last correction', () => {
      spec.given(corrected(30)).when(correct(30)).thenNothing();
    });
    it('refuses a correction of a voided record', () => {
      spec.given(corrected(30), voided).when(correct(28)).thenThrows('TALLY.VOIDED');
    });
    it('refuses a clerk of another squad', () => {
      spec
        .given()
        .when(correct(30), contextFor(aClerkOf('songbai')))
        .thenThrows('AUTH.SQUAD');
    });
  });

  describe('VoidTally', () => {
    const spec = DeciderSpec.for(tallyCorrectionDecider);
    it('voids once; a second void is refused', () => {
      spec.given(corrected(30)).when(voidIt).then(voided);
      spec.given(voided).when(voidIt).thenThrows('TALLY.VOIDED');
    });
  });
});
