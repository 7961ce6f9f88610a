import { activityCounts } from '../counts/activity-counts.table';
import { ProjectionSpec, recorded } from '../testing/projection-spec';
import { hazardCases } from './hazard.tables';
import { hazardsProjection } from './hazards.projection';

const identified = (over: Record<string, unknown> = {}) => {
  const data = {
    hazardId: 'h1',
    unitId: 'changning',
    squadId: 'chengqu',
    identifiedOn: '2020-04-10',
    kind: 'ROAD',
    description: '弯道视距不良',
    provinciallyListed: true,
    ...over,
  };
  return recorded('HazardIdentified', data, data.identifiedOn);
};
const rectified = recorded(
  'HazardRectified',
  { hazardId: 'h1', unitId: 'changning', rectifiedOn: '2020-06-01' },
  '2020-06-01',
);
const requested = recorded(
  'RectificationRequested',
  { hazardId: 'h1', unitId: 'changning', requestedOn: '2020-04-12', notice: null },
  '2020-04-12',
);
const voided = recorded(
  'HazardVoided',
  { hazardId: 'h1', unitId: 'changning', reason: '重复' },
  '2020-04-10',
);
const on = (day: string, measure: string, value = 1n) => ({
  unit_id: 'changning',
  squad_id: 'chengqu',
  day,
  measure,
  value,
});
const spec = ProjectionSpec.for(hazardsProjection);

describe('hazards projection', () => {
  describe('on HazardIdentified', () => {
    it('counts the hazard on the day found, by kind and province listing', async () => {
      await spec
        .given(identified())
        .thenRows(activityCounts, [
          on('2020-04-10', 'hazards.found'),
          on('2020-04-10', 'hazards.found.road'),
          on('2020-04-10', 'hazards.listed_found'),
        ]);
    });
  });

  describe('on RectificationRequested', () => {
    it('counts each request on its day and remembers it', async () => {
      const rows = await spec.given(identified({ provinciallyListed: false }), requested).run();
      expect(rows.rows(activityCounts).filter((r) => r.day === '2020-04-12')).toEqual([
        expect.objectContaining(on('2020-04-12', 'hazards.rectification_requested')),
      ]);
      expect(rows.rows(hazardCases)[0]).toMatchObject({ requested_on: ['2020-04-12'], status: 'open' });
    });
  });

  describe('on HazardRectified', () => {
    it('counts the rectification on its own day, once', async () => {
      const rows = await spec.given(identified({ kind: 'ROADSIDE_MARKET' }), rectified, rectified).run();
      expect(rows.rows(activityCounts).filter((r) => r.day === '2020-06-01')).toEqual([
        expect.objectContaining(on('2020-06-01', 'hazards.listed_rectified')),
        expect.objectContaining(on('2020-06-01', 'hazards.rectified')),
        expect.objectContaining(on('2020-06-01', 'hazards.rectified.roadside_market')),
      ]);
      expect(rows.rows(hazardCases)[0]).toMatchObject({ status: 'rectified', rectified_on: '2020-06-01' });
    });
  });

  describe('on HazardVoided', () => {
    it('takes back every count the hazard made, and a second void changes nothing', async () => {
      await spec.given(identified(), requested, rectified, voided, voided).thenRows(activityCounts, []);
    });
    it('leaves the other hazards of the day alone', async () => {
      await spec
        .given(
          identified({ provinciallyListed: false }),
          identified({ hazardId: 'h2', provinciallyListed: false }),
          voided,
        )
        .thenRows(activityCounts, [
          on('2020-04-10', 'hazards.found'),
          on('2020-04-10', 'hazards.found.road'),
        ]);
    });
  });
});
