import { recorded, ProjectionSpec } from '../testing/projection-spec';
import { narrativeProjection } from './narrative.projection';
import { performanceTargets, priorBaselines, reportSections } from './narrative.tables';

/** The store numbers a stream's events from 0; each builder names the version its stream would give it. */
const withVersion = (e: ReturnType<typeof recorded>, streamVersion: number) => ({ ...e, streamVersion });
const drafted = (version: number, section: string, paragraphs: string[]) =>
  withVersion(
    recorded(
      'ReportSectionDrafted',
      { unitId: 'changning', year: 2020, section, paragraphs, draftedOn: '2021-06-01' },
      '2021-06-01',
    ),
    version,
  );
const spec = ProjectionSpec.for(narrativeProjection);

describe('narrative projection', () => {
  describe('on ReportSectionDrafted', () => {
    it('keeps every draft with its position, so a later draft never erases an earlier one', async () => {
      const first = drafted(0, 'PROBLEMS', ['甲。']);
      const second = drafted(1, 'PROBLEMS', ['乙。', '丙。']);
      await spec.given(first, second).thenRows(reportSections, [
        {
          version: 0,
          section: 'PROBLEMS',
          paragraphs: ['甲。'],
          position: first.position,
          drafted_by: 'test',
        },
        { version: 1, section: 'PROBLEMS', paragraphs: ['乙。', '丙。'], position: second.position },
      ]);
    });
    it('writes the same row when an event is delivered twice', async () => {
      const once = drafted(0, 'MEASURES', ['一。']);
      await spec.given(once, once).thenRows(reportSections, [{ version: 0, section: 'MEASURES' }]);
    });
  });

  describe('on PerformanceTargetSet', () => {
    it('keeps each target setting as its own version', async () => {
      const set = (version: number, target: string) =>
        withVersion(
          recorded('PerformanceTargetSet', {
            unitId: 'changning',
            year: 2020,
            indicatorCode: 'hazard_rectification_rate',
            target,
            unit: '%',
            weight: 10,
          }),
          version,
        );
      await spec.given(set(0, '80.0'), set(1, '90.0'), set(1, '90.0')).thenRows(performanceTargets, [
        { version: 0, target: '80.0', weight: 10 },
        { version: 1, target: '90.0', weight: 10 },
      ]);
    });
  });

  describe('on PriorPeriodBaselineRecorded', () => {
    it('keeps the baseline with its period, qualifier and source', async () => {
      const e = withVersion(
        recorded(
          'PriorPeriodBaselineRecorded',
          {
            unitId: 'changning',
            metric: 'DEATHS_SAME_PERIOD',
            period: { from: '2019-01-01', to: '2019-10-31' },
            value: '43',
            qualifier: 'APPROXIMATE',
            source: '由同比推算',
          },
          '2019-10-31',
        ),
        0,
      );
      await spec.given(e).thenRows(priorBaselines, [
        {
          metric: 'DEATHS_SAME_PERIOD',
          period_from: '2019-01-01',
          period_to: '2019-10-31',
          value: '43',
          qualifier: 'APPROXIMATE',
          position: e.position,
        },
      ]);
    });
  });
});
