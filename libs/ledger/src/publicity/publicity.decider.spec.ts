import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import { publicityDecider, type PublicityCommand } from './publicity.decider';
import type { PublicityActivityHeld, PublicityActivityVoided } from './publicity.events';

const held = (over: Partial<PublicityActivityHeld['data']> = {}): PublicityActivityHeld => {
  const data = {
    activityId: 'XC-1',
    unitId: 'changning',
    squadId: 'fa-xuan',
    heldOn: '2020-05-12',
    venue: 'COMMUNITY' as const,
    audience: null,
    helmetsDonated: 40,
    title: '“5.12”防灾减灾日免费赠送头盔',
    ...over,
  };
  return { type: 'PublicityActivityHeld', data, businessDate: data.heldOn };
};
const record = (over: Partial<PublicityActivityHeld['data']> = {}): PublicityCommand => ({
  kind: 'RecordPublicityActivity',
  ...held(over).data,
});
const voided: PublicityActivityVoided = {
  type: 'PublicityActivityVoided',
  data: { activityId: 'XC-1', unitId: 'changning', reason: '重复登记' },
  businessDate: '2020-05-12',
};
const voidIt: PublicityCommand = {
  kind: 'VoidPublicityActivity',
  activityId: 'XC-1',
  unitId: 'changning',
  reason: '重复登记',
};
const spec = DeciderSpec.for(publicityDecider);

describe('publicity decider', () => {
  describe('RecordPublicityActivity', () => {
    it('records the activity on the day it was held', () => {
      spec.given().when(record()).then(held());
    });
    it('refuses the same activity twice', () => {
      spec.given(held()).when(record()).thenThrows('PUBLICITY.EXISTS');
    });
    it('refuses an activity dated after today', () => {
      spec
        .given()
        .when(record({ heldOn: '2020-12-01' }), contextFor(undefined, '2020-11-30'))
        .thenThrows('PUBLICITY.FUTURE');
    });
  });

  describe('VoidPublicityActivity', () => {
    it('voids the record, dated on the day it was held', () => {
      spec.given(held()).when(voidIt).then(voided);
    });
    it('refuses an unknown or already voided activity', () => {
      spec.given().when(voidIt).thenThrows('PUBLICITY.NOT_FOUND');
      spec.given(held(), voided).when(voidIt).thenThrows('PUBLICITY.VOIDED');
    });
    it('refuses a clerk of another squad', () => {
      spec
        .given(held())
        .when(voidIt, contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
    });
  });
});
