import { activityCounts } from '../counts/activity-counts.table';
import { recorded, ProjectionSpec } from '../testing/projection-spec';
import { publicityActivities } from './publicity-activities.table';
import { publicityProjection } from './publicity.projection';

const held = (over: Record<string, unknown> = {}) =>
  recorded(
    'PublicityActivityHeld',
    {
      activityId: 'XC1',
      unitId: 'changning',
      squadId: 'faxuan',
      heldOn: '2020-05-12',
      venue: 'COMMUNITY',
      audience: null,
      helmetsDonated: 50,
      title: '免费赠送头盔',
      ...over,
    },
    '2020-05-12',
  );
const at = { unit_id: 'changning', squad_id: 'faxuan', day: '2020-05-12' };
const spec = ProjectionSpec.for(publicityProjection);

describe('publicity projection', () => {
  describe('on PublicityActivityHeld', () => {
    it('counts the activity, its venue and its helmets on the day held; no audience when none was counted', async () => {
      await spec.given(held()).thenRows(activityCounts, [
        { ...at, measure: 'publicity.activities', value: 1n },
        { ...at, measure: 'publicity.helmets_donated', value: 50n },
        { ...at, measure: 'publicity.venue.community', value: 1n },
      ]);
    });
    it('adds up activities of a day by venue, and counts a redelivered event once', async () => {
      const school = held({ activityId: 'XC2', venue: 'SCHOOL', audience: 300, helmetsDonated: null });
      await spec.given(held(), school, school).thenRows(activityCounts, [
        { ...at, measure: 'publicity.activities', value: 2n },
        { ...at, measure: 'publicity.audience', value: 300n },
        { ...at, measure: 'publicity.helmets_donated', value: 50n },
        { ...at, measure: 'publicity.venue.community', value: 1n },
        { ...at, measure: 'publicity.venue.school', value: 1n },
      ]);
    });
  });

  describe('on PublicityActivityVoided', () => {
    it('takes the activity back out of the day held, once', async () => {
      const v = recorded('PublicityActivityVoided', {
        activityId: 'XC1',
        unitId: 'changning',
        reason: '重复',
      });
      const audience = held({ activityId: 'XC2', venue: 'VILLAGE', audience: 120, helmetsDonated: null });
      await spec.given(held(), audience, v, v).thenRows(activityCounts, [
        { ...at, measure: 'publicity.activities', value: 1n },
        { ...at, measure: 'publicity.audience', value: 120n },
        { ...at, measure: 'publicity.venue.village', value: 1n },
      ]);
      await spec.given(held(), v).thenRows(publicityActivities, [{ activity_id: 'XC1', status: 'voided' }]);
    });
    it('ignores a void of an activity the view does not hold', async () => {
      const v = recorded('PublicityActivityVoided', {
        activityId: 'nope',
        unitId: 'changning',
        reason: '重复',
      });
      await spec.given(v).thenRows(activityCounts, []);
    });
  });
});
