import { randomUUID } from 'node:crypto';

import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { AppendMetadata, Backend, JsonObject } from '@ledger/event-store';

import { ProjectionEngine } from '../engine/projection-engine';
import { ViewMigrations } from '../schema';
import { narrativeProjection } from './narrative.projection';
import {
  GetPerformanceTargetsHandler,
  GetPerformanceTargetsQuery,
  GetPriorBaselinesHandler,
  GetPriorBaselinesQuery,
  GetReportNarrativeHandler,
  GetReportNarrativeQuery,
} from './narrative.query';

const office: AppendMetadata = {
  principal: 'office-1',
  role: 'brigade_office',
  unitId: 'changning',
  correlationId: 'c',
  causationId: null,
};

describe.each(testBackendKinds())('narrative queries (%s)', (kind) => {
  let backend: Backend;
  let engine: ProjectionEngine;
  beforeAll(async () => {
    backend = await openTestBackend(kind, { migrations: ViewMigrations });
    engine = new ProjectionEngine(backend.store, backend.sql, [narrativeProjection]);
    await engine.register();
  });
  afterAll(async () => backend?.close());

  const append = async (stream: string, type: string, data: JsonObject, businessDate: string | null) => {
    const r = await backend.store.append(
      stream,
      [{ id: randomUUID(), type, data, schemaVersion: 1, businessDate }],
      { expectedVersion: 'any', metadata: office },
    );
    return r.positions[0]!;
  };
  const draft = (section: string, paragraphs: string[], year = 2020) =>
    append(
      `narrative-changning-${year}`,
      'ReportSectionDrafted',
      { unitId: 'changning', year, section, paragraphs, draftedOn: '2021-06-01' },
      '2021-06-01',
    );

  it('gives the latest draft of each section in report order, and the draft in force at any earlier position', async () => {
    const first = await draft('PROBLEMS', ['初稿。']);
    await draft('FUNCTIONS', ['职能一。', '职能二。']);
    const second = await draft('PROBLEMS', ['定稿一。', '定稿二。']);
    await draft('MEASURES', ['措施。']);
    await draft('MEASURES', []);
    await draft('PROBLEMS', ['别的年度。'], 2019);
    await engine.catchUp();

    const narrative = new GetReportNarrativeHandler(backend.dataSource);
    const now = await narrative.execute(new GetReportNarrativeQuery({ unitId: 'changning', year: 2020 }));
    expect(now.sections.map((s) => [s.section, s.paragraphs])).toEqual([
      ['FUNCTIONS', ['职能一。', '职能二。']],
      ['PROBLEMS', ['定稿一。', '定稿二。']],
    ]);
    expect(now.sections[1]).toMatchObject({
      titleZh: '存在的问题',
      position: second.toString(),
      draftedOn: '2021-06-01',
      draftedBy: 'office-1',
    });

    const then = await narrative.execute(
      new GetReportNarrativeQuery({ unitId: 'changning', year: 2020, asOfPosition: first }),
    );
    expect(then.sections.map((s) => [s.section, s.paragraphs])).toEqual([['PROBLEMS', ['初稿。']]]);
    expect(then.asOfPosition).toBe(first.toString());
  });

  it('gives the targets in force with their total weight, as of any position', async () => {
    const target = (indicatorCode: string, target: string, weight: number) =>
      append(
        'targets-changning-2020',
        'PerformanceTargetSet',
        { unitId: 'changning', year: 2020, indicatorCode, target, unit: '%', weight },
        null,
      );
    const early = await target('hazard_rectification_rate', '80.0', 10);
    await target('three_public_control_rate', '100', 8);
    await target('hazard_rectification_rate', '90.0', 12);
    await engine.catchUp();

    const handler = new GetPerformanceTargetsHandler(backend.dataSource);
    const now = await handler.execute(new GetPerformanceTargetsQuery({ unitId: 'changning', year: 2020 }));
    expect(now.targets.map((t) => [t.indicatorCode, t.target, t.weight])).toEqual([
      ['hazard_rectification_rate', '90.0', 12],
      ['three_public_control_rate', '100', 8],
    ]);
    expect(now.totalWeight).toBe(20);
    const then = await handler.execute(
      new GetPerformanceTargetsQuery({ unitId: 'changning', year: 2020, asOfPosition: early }),
    );
    expect(then.targets.map((t) => t.target)).toEqual(['80.0']);
  });

  it('gives the latest baseline per metric and period, filtered by metric and by the year the period ends', async () => {
    const baseline = (metric: string, from: string, to: string, value: string) =>
      append(
        `baseline-changning-${metric}`,
        'PriorPeriodBaselineRecorded',
        {
          unitId: 'changning',
          metric,
          period: { from, to },
          value,
          qualifier: 'APPROXIMATE',
          source: '推算',
        },
        to,
      );
    await baseline('ACCIDENTS_SAME_PERIOD', '2019-01-01', '2019-10-31', '5687');
    await baseline('ACCIDENTS_SAME_PERIOD', '2019-01-01', '2019-10-31', '5688');
    await baseline('ACCIDENTS_SAME_PERIOD', '2018-01-01', '2018-10-31', '5000');
    await baseline('SAN_GONG_ACTUAL', '2019-01-01', '2019-12-31', '39580000');
    await engine.catchUp();

    const handler = new GetPriorBaselinesHandler(backend.dataSource);
    const all = await handler.execute(new GetPriorBaselinesQuery({ unitId: 'changning' }));
    expect(all.baselines.map((b) => [b.metric, b.period.to, b.value])).toEqual([
      ['ACCIDENTS_SAME_PERIOD', '2018-10-31', '5000'],
      ['ACCIDENTS_SAME_PERIOD', '2019-10-31', '5688'],
      ['SAN_GONG_ACTUAL', '2019-12-31', '39580000'],
    ]);
    const some = await handler.execute(
      new GetPriorBaselinesQuery({
        unitId: 'changning',
        metrics: ['ACCIDENTS_SAME_PERIOD'],
        periodEndYear: 2019,
      }),
    );
    expect(some.baselines.map((b) => [b.metric, b.value, b.labelZh])).toEqual([
      ['ACCIDENTS_SAME_PERIOD', '5688', '同期交通事故'],
    ]);
  });
});
