import { activityCounts } from '../counts/activity-counts.table';
import { ProjectionSpec, recorded } from '../testing/projection-spec';
import { campaignTotals, checkpointPeriods } from './campaign.tables';
import { campaignsProjection } from './campaigns.projection';

const launched = recorded(
  'CampaignLaunched',
  {
    campaignId: 'c1',
    unitId: 'changning',
    name: '一盔一带专项整治',
    kind: 'ONE_HELMET_ONE_BELT',
    launchedOn: '2020-05-01',
  },
  '2020-05-01',
);
const operation = (squadId: string, conductedOn: string, vehiclesChecked: number, violationsFound: number) =>
  recorded(
    'CampaignOperationConducted',
    {
      campaignId: 'c1',
      unitId: 'changning',
      squadId,
      conductedOn,
      officers: 10,
      vehiclesChecked,
      violationsFound,
    },
    conductedOn,
  );
const closed = (closedOn: string) =>
  recorded('CampaignClosed', { campaignId: 'c1', unitId: 'changning', closedOn }, closedOn);
const checkpoint = recorded(
  'CheckpointOperated',
  {
    checkpointId: 'g0421-changning',
    unitId: 'changning',
    squadId: 'gaosu',
    purpose: 'QUARANTINE',
    location: 'G0421 常宁互通',
    hoursPerDay: 24,
    from: '2020-01-26',
    to: '2020-03-10',
  },
  '2020-01-26',
);
const spec = ProjectionSpec.for(campaignsProjection);

describe('campaigns projection', () => {
  describe('on CampaignLaunched', () => {
    it('counts the launch for the unit and opens the campaign totals at zero', async () => {
      const rows = await spec.given(launched).run();
      expect(rows.rows(activityCounts)).toEqual([
        {
          unit_id: 'changning',
          squad_id: '',
          day: '2020-05-01',
          measure: 'campaigns.launched',
          value: 1n,
          lower_bound: false,
        },
      ]);
      expect(rows.rows(campaignTotals)[0]).toMatchObject({
        kind: 'ONE_HELMET_ONE_BELT',
        operations: 0,
        closed_on: null,
      });
    });
  });

  describe('on CampaignOperationConducted', () => {
    it("counts each squad's day and adds it to the campaign totals", async () => {
      const rows = await spec
        .given(
          launched,
          operation('chengqu', '2020-06-16', 120, 37),
          operation('songbai', '2020-06-16', 80, 5),
        )
        .run();
      const chengqu = rows.rows(activityCounts).filter((r) => r.squad_id === 'chengqu');
      expect(chengqu.map((r) => [r.measure, r.value])).toEqual([
        ['campaigns.officers', 10n],
        ['campaigns.operations', 1n],
        ['campaigns.vehicles_checked', 120n],
        ['campaigns.violations', 37n],
      ]);
      expect(rows.rows(campaignTotals)[0]).toMatchObject({
        operations: 2,
        officers: 20n,
        vehicles_checked: 200n,
        violations_found: 42n,
      });
    });
  });

  describe('on CampaignClosed', () => {
    it('records the first closing date only', async () => {
      await spec
        .given(launched, closed('2020-09-30'), closed('2020-10-31'))
        .thenRows(campaignTotals, [{ campaign_id: 'c1', closed_on: '2020-09-30' }]);
    });
  });

  describe('on CheckpointOperated', () => {
    it('counts the checkpoint once, on its first day, by purpose', async () => {
      const rows = await spec.given(checkpoint).run();
      expect(rows.rows(activityCounts).map((r) => [r.day, r.measure, r.value])).toEqual([
        ['2020-01-26', 'checkpoints.opened', 1n],
        ['2020-01-26', 'checkpoints.opened.quarantine', 1n],
      ]);
      expect(rows.rows(checkpointPeriods)[0]).toMatchObject({ hours_per_day: 24, to_date: '2020-03-10' });
    });
  });
});
