import { contextFor, DeciderSpec, finance } from '../shared/testing/decider-spec';
import {
  performanceTargetDecider,
  priorBaselineDecider,
  reportSectionDecider,
  type PerformanceTargetCommand,
  type PriorBaselineCommand,
  type ReportSectionCommand,
} from './narrative.decider';
import type {
  PerformanceTargetSet,
  PriorPeriodBaselineRecorded,
  ReportSectionDrafted,
} from './narrative.events';

const drafted = (over: Partial<ReportSectionDrafted['data']> = {}): ReportSectionDrafted => {
  const data = {
    unitId: 'changning',
    year: 2020,
    section: 'PROBLEMS' as const,
    paragraphs: ['对于绩效评价的认识不够深入。', '办案经费不足。'],
    draftedOn: '2021-06-01',
    ...over,
  };
  return { type: 'ReportSectionDrafted', data, businessDate: data.draftedOn };
};
const draft = (over: Partial<ReportSectionDrafted['data']> = {}): ReportSectionCommand => ({
  kind: 'DraftReportSection',
  ...drafted(over).data,
});
const in2021 = contextFor(undefined, '2021-06-23');
const sections = DeciderSpec.for(reportSectionDecider);

describe('report section decider', () => {
  it('records a first draft of a section', () => {
    sections.given().when(draft(), in2021).then(drafted());
  });
  it('records a later draft that changes the text, and nothing when the text is the same', () => {
    const revised = { paragraphs: ['办案经费不足。'], draftedOn: '2021-06-20' };
    sections.given(drafted()).when(draft(revised), in2021).then(drafted(revised));
    sections
      .given(drafted())
      .when(draft({ draftedOn: '2021-06-22' }), in2021)
      .thenNothing();
  });
  it('withdraws a section with an empty draft, and ignores withdrawing one never drafted', () => {
    sections
      .given(drafted())
      .when(draft({ paragraphs: [] }), in2021)
      .then(drafted({ paragraphs: [] }));
    sections
      .given()
      .when(draft({ paragraphs: [] }), in2021)
      .thenNothing();
  });
  it('keeps the sections apart', () => {
    sections
      .given(drafted())
      .when(draft({ section: 'MEASURES' }), in2021)
      .then(drafted({ section: 'MEASURES' }));
  });
  it('refuses a draft dated after today or before the report year', () => {
    sections
      .given()
      .when(draft({ draftedOn: '2021-06-24' }), in2021)
      .thenThrows('NARRATIVE.DATE');
    sections
      .given()
      .when(draft({ draftedOn: '2019-12-31' }), in2021)
      .thenThrows('NARRATIVE.DATE');
  });
});

const targetSet = (over: Partial<PerformanceTargetSet['data']> = {}): PerformanceTargetSet => ({
  type: 'PerformanceTargetSet',
  data: {
    unitId: 'changning',
    year: 2020,
    indicatorCode: 'hazard_rectification_rate',
    target: '90.0',
    unit: '%',
    weight: 10,
    ...over,
  },
  businessDate: null,
});
const setTarget = (over: Partial<PerformanceTargetSet['data']> = {}): PerformanceTargetCommand => ({
  kind: 'SetPerformanceTarget',
  ...targetSet(over).data,
});
const targets = DeciderSpec.for(performanceTargetDecider);

describe('performance target decider', () => {
  it('sets a target, replaces it with a different one, and ignores the same one again', () => {
    targets.given().when(setTarget()).then(targetSet());
    targets
      .given(targetSet())
      .when(setTarget({ target: '95.0' }))
      .then(targetSet({ target: '95.0' }));
    targets.given(targetSet()).when(setTarget()).thenNothing();
  });
  it('refuses weights that would total more than 100 points, counting a replaced target once', () => {
    targets
      .given(targetSet({ indicatorCode: 'a', weight: 60 }), targetSet({ indicatorCode: 'b', weight: 35 }))
      .when(setTarget({ indicatorCode: 'c', weight: 6 }))
      .thenThrows('TARGET.WEIGHT_TOTAL');
    targets
      .given(targetSet({ indicatorCode: 'a', weight: 60 }), targetSet({ indicatorCode: 'b', weight: 35 }))
      .when(setTarget({ indicatorCode: 'b', weight: 40 }))
      .then(targetSet({ indicatorCode: 'b', weight: 40 }));
  });
  it('refuses a year more than one ahead', () => {
    targets
      .given()
      .when(setTarget({ year: 2022 }))
      .thenThrows('TARGET.YEAR');
  });
});

const baseline = (over: Partial<PriorPeriodBaselineRecorded['data']> = {}): PriorPeriodBaselineRecorded => {
  const data = {
    unitId: 'changning',
    metric: 'ACCIDENTS_SAME_PERIOD' as const,
    period: { from: '2019-01-01', to: '2019-10-31' },
    value: '5687',
    qualifier: 'APPROXIMATE' as const,
    source: '2020年报告同比推算',
    ...over,
  };
  return { type: 'PriorPeriodBaselineRecorded', data, businessDate: data.period.to };
};
const recordBaseline = (over: Partial<PriorPeriodBaselineRecorded['data']> = {}): PriorBaselineCommand => ({
  kind: 'RecordPriorPeriodBaseline',
  ...baseline(over).data,
});
const baselines = DeciderSpec.for(priorBaselineDecider);

describe('prior baseline decider', () => {
  it('records a baseline dated at the end of its period, and nothing when repeated', () => {
    baselines.given().when(recordBaseline()).then(baseline());
    baselines.given(baseline()).when(recordBaseline()).thenNothing();
    baselines
      .given(baseline())
      .when(recordBaseline({ value: '5688' }))
      .then(baseline({ value: '5688' }));
  });
  it('lets finance record finance baselines only', () => {
    const sanGong = { metric: 'SAN_GONG_ACTUAL' as const, value: '39580000', qualifier: 'EXACT' as const };
    baselines.given().when(recordBaseline(sanGong), contextFor(finance)).then(baseline(sanGong));
    baselines.given().when(recordBaseline(), contextFor(finance)).thenThrows('AUTH.ROLE');
  });
  it('refuses a period that has not ended or runs backwards', () => {
    baselines
      .given()
      .when(recordBaseline({ period: { from: '2020-01-01', to: '2020-11-30' } }))
      .thenThrows('BASELINE.PERIOD');
    baselines
      .given()
      .when(recordBaseline({ period: { from: '2019-10-31', to: '2019-01-01' } }))
      .thenThrows('BASELINE.PERIOD');
  });
  it('refuses a value that is not a whole count or a whole number of fen', () => {
    baselines
      .given()
      .when(recordBaseline({ value: '36.15' }))
      .thenThrows('BASELINE.VALUE');
  });
});
