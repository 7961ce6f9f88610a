import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import { hazardDecider, type HazardCommand } from './hazard.decider';
import type { HazardEvent, HazardIdentified } from './hazard.events';

const identified = (over: Partial<HazardIdentified['data']> = {}): HazardIdentified => {
  const data = {
    hazardId: 'h1',
    unitId: 'changning',
    squadId: 'chengqu',
    identifiedOn: '2020-04-10',
    kind: 'ROAD' as const,
    description: 'G356 弯道视距不良',
    provinciallyListed: false,
    ...over,
  };
  return { type: 'HazardIdentified', data, businessDate: data.identifiedOn };
};
const identify: HazardCommand = {
  kind: 'IdentifyHazard',
  hazardId: 'h1',
  unitId: 'changning',
  squadId: 'chengqu',
  identifiedOn: '2020-04-10',
  hazardKind: 'ROAD',
  description: 'G356 弯道视距不良',
  provinciallyListed: false,
};
const rectify = (rectifiedOn = '2020-06-01'): HazardCommand => ({
  kind: 'RectifyHazard',
  hazardId: 'h1',
  unitId: 'changning',
  rectifiedOn,
});
const rectified: HazardEvent = {
  type: 'HazardRectified',
  data: { hazardId: 'h1', unitId: 'changning', rectifiedOn: '2020-06-01' },
  businessDate: '2020-06-01',
};
const voided: HazardEvent = {
  type: 'HazardVoided',
  data: { hazardId: 'h1', unitId: 'changning', reason: '重复登记' },
  businessDate: '2020-04-10',
};
const request: HazardCommand = {
  kind: 'RequestRectification',
  hazardId: 'h1',
  unitId: 'changning',
  requestedOn: '2020-04-12',
  notice: '常公交隐字〔2020〕3号',
};
const spec = DeciderSpec.for(hazardDecider);

describe('hazard decider', () => {
  describe('IdentifyHazard', () => {
    it('records a hazard on the day it was found', () => {
      spec.given().when(identify).then(identified());
    });
    it('refuses the same hazard twice, a future date, and a clerk of another squad', () => {
      spec.given(identified()).when(identify).thenThrows('HAZARD.EXISTS');
      spec.given().when(identify, contextFor(undefined, '2020-04-09')).thenThrows('HAZARD.FUTURE');
      spec
        .given()
        .when(identify, contextFor(aClerkOf('songbai')))
        .thenThrows('AUTH.SQUAD');
    });
  });

  describe('RequestRectification', () => {
    it('records the request with its notice', () => {
      spec
        .given(identified())
        .when(request)
        .then({
          type: 'RectificationRequested',
          data: {
            hazardId: 'h1',
            unitId: 'changning',
            requestedOn: '2020-04-12',
            notice: '常公交隐字〔2020〕3号',
          },
          businessDate: '2020-04-12',
        });
    });
    it('refuses an unknown, a voided or an already rectified hazard', () => {
      spec.given().when(request).thenThrows('HAZARD.NOT_FOUND');
      spec.given(identified(), voided).when(request).thenThrows('HAZARD.VOIDED');
      spec.given(identified(), rectified).when(request).thenThrows('HAZARD.RECTIFIED');
    });
    it('refuses a request dated before the hazard was found', () => {
      spec
        .given(identified())
        .when({ ...request, requestedOn: '2020-04-01' } as HazardCommand)
        .thenThrows('HAZARD.DATE');
    });
  });

  describe('RectifyHazard', () => {
    it('records the rectification once', () => {
      spec.given(identified()).when(rectify()).then(rectified);
      spec.given(identified(), rectified).when(rectify('2020-07-01')).thenNothing();
    });
    it('refuses a rectification in the future or before the finding', () => {
      spec.given(identified()).when(rectify('2020-12-01')).thenThrows('HAZARD.DATE');
      spec.given(identified()).when(rectify('2020-04-09')).thenThrows('HAZARD.DATE');
    });
    it("refuses a clerk rectifying another squad's hazard", () => {
      spec
        .given(identified())
        .when(rectify(), contextFor(aClerkOf('songbai')))
        .thenThrows('AUTH.SQUAD');
    });
  });

  describe('VoidHazard', () => {
    const voidIt: HazardCommand = {
      kind: 'VoidHazard',
      hazardId: 'h1',
      unitId: 'changning',
      reason: '重复登记',
    };
    it('voids, dated on the finding; a second void is refused', () => {
      spec.given(identified(), rectified).when(voidIt).then(voided);
      spec.given(identified(), voided).when(voidIt).thenThrows('HAZARD.VOIDED');
    });
  });
});
