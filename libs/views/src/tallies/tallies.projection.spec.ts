import { activityCounts } from '../counts/activity-counts.table';
import { ProjectionSpec, recorded } from '../testing/projection-spec';
import { talliesProjection } from './tallies.projection';
import { TALLY_MEASURE_LABELS } from './tally.measures';
import { tallyRecords } from './tally.tables';

const tally = (over: Record<string, unknown> = {}) => {
  const data = {
    unitId: 'changning',
    squadId: 'gaosu',
    businessDate: '2020-02-10',
    category: 'VEHICLES_SCREENED',
    count: 2100,
    qualifier: 'AT_LEAST',
    sourceRef: null,
    ...over,
  };
  return recorded('TallyRecorded', data, data.businessDate);
};
const fix = (targetEventId: string, over: Record<string, unknown> = {}) =>
  recorded(
    'TallyCorrected',
    {
      unitId: 'changning',
      squadId: 'gaosu',
      businessDate: '2020-02-10',
      targetEventId,
      count: 2134,
      qualifier: 'EXACT',
      reason: '核对台账',
      ...over,
    },
    '2020-02-10',
  );
const voided = (targetEventId: string) =>
  recorded(
    'TallyVoided',
    { unitId: 'changning', squadId: 'gaosu', businessDate: '2020-02-10', targetEventId, reason: '重复' },
    '2020-02-10',
  );
const at = { unit_id: 'changning', squad_id: 'gaosu', day: '2020-02-10', measure: 'tally.vehicles_screened' };
const spec = ProjectionSpec.for(talliesProjection);

describe('tallies projection', () => {
  it('has a label for every category', () => {
    expect(TALLY_MEASURE_LABELS['tally.vehicle_registration']).toEqual({
      zh: '机动车注册登记',
      unitZh: '台',
    });
    expect(TALLY_MEASURE_LABELS['tally.risk_licence_overdue_a']?.zh).toBe('A照驾驶人逾期未换证');
  });

  describe('on TallyRecorded', () => {
    it('sums the records of a day and carries the lower bound of any of them', async () => {
      await spec
        .given(tally(), tally({ count: 5, qualifier: 'EXACT' }))
        .thenRows(activityCounts, [{ ...at, value: 2105n, lower_bound: true }]);
    });
    it('keeps each category and squad apart', async () => {
      await spec
        .given(
          tally({ category: 'EBIKE_PLATE', count: 31, qualifier: 'EXACT' }),
          tally({ squadId: 'chengqu' }),
        )
        .thenRows(activityCounts, [
          { ...at, measure: 'tally.ebike_plate', value: 31n, lower_bound: false },
          { ...at, squad_id: 'chengqu', value: 2100n },
        ]);
    });
  });

  describe('on TallyCorrected', () => {
    it('applies the difference to the original day and drops the lower bound once no record is one', async () => {
      const original = tally();
      await spec
        .given(original, tally({ count: 5, qualifier: 'EXACT' }), fix(original.id))
        .thenRows(activityCounts, [{ ...at, value: 2139n, lower_bound: false }]);
    });
    it('keeps the original qualifier when the correction names none', async () => {
      const original = tally();
      await spec
        .given(original, fix(original.id, { qualifier: null, count: 2200 }))
        .thenRows(activityCounts, [{ ...at, value: 2200n, lower_bound: true }]);
    });
    it('ignores a correction of an unknown record, or one naming another squad or day', async () => {
      const original = tally();
      await spec
        .given(
          original,
          fix('00000000-0000-4000-8000-999999999999'),
          fix(original.id, { squadId: 'chengqu' }),
          fix(original.id, { businessDate: '2020-02-11' }),
        )
        .thenRows(activityCounts, [{ ...at, value: 2100n, lower_bound: true }]);
    });
  });

  describe('on TallyVoided', () => {
    it('takes the record out of its day, and ignores later corrections of it', async () => {
      const original = tally();
      const rows = await spec
        .given(original, tally({ count: 5, qualifier: 'EXACT' }), voided(original.id), fix(original.id))
        .run();
      expect(rows.rows(activityCounts)).toEqual([{ ...at, value: 5n, lower_bound: false }]);
      expect(rows.rows(tallyRecords).find((r) => r.event_id === original.id)?.status).toBe('voided');
    });
    it('removes the day row when nothing is left', async () => {
      const original = tally();
      await spec.given(original, voided(original.id)).thenRows(activityCounts, []);
    });
  });
});
