import type { DomainEvent } from '../shared/event';

/** The report's narrative parts, in the order the report prints them, with the heading each belongs under. */
export const NARRATIVE_SECTIONS = {
  FUNCTIONS: '单位职能',
  ORGANISATION_NOTE: '组织机构及人员情况',
  BASIC_EXPENDITURE_NOTE: '基本支出说明',
  PROJECT_PURPOSES: '项目支出用途',
  THREE_PUBLIC_NOTE: '“三公”经费使用和管理情况',
  EVALUATION_INTRO: '绩效评价说明',
  WORK_ITEMS: '履职情况',
  BUDGET_MANAGEMENT: '部门整体支出绩效情况',
  OUTCOME_LEAD: '履职效益',
  PROBLEMS: '存在的问题',
  MEASURES: '改进措施和有关建议',
  SIGN_OFF: '落款',
} as const;
export type NarrativeSection = keyof typeof NARRATIVE_SECTIONS;
export const NARRATIVE_SECTION_CODES = Object.keys(NARRATIVE_SECTIONS) as NarrativeSection[];

export const MAX_PARAGRAPHS = 60;
export const MAX_PARAGRAPH_CHARS = 4000;

/**
 * The office's text of one section for one report year. A later draft replaces the earlier one; every draft stays
 * in the log, so the report as it stood at any position can be printed again. An empty list withdraws the section.
 */
export type ReportSectionDrafted = DomainEvent<
  'ReportSectionDrafted',
  { unitId: string; year: number; section: NarrativeSection; paragraphs: string[]; draftedOn: string }
>;

/** A 绩效目标: the target figure of one indicator (a decimal string, never a float) and its weight in points. */
export type PerformanceTargetSet = DomainEvent<
  'PerformanceTargetSet',
  { unitId: string; year: number; indicatorCode: string; target: string; unit: string; weight: number }
>;

export const BASELINE_QUALIFIERS = ['EXACT', 'AT_LEAST', 'APPROXIMATE'] as const;
export type BaselineQualifier = (typeof BASELINE_QUALIFIERS)[number];

/**
 * Metrics a prior-period baseline may give, with what the value counts. Money is in fen like every amount in the
 * ledger. `finance` metrics may be recorded by finance as well as by the office.
 */
export const PRIOR_BASELINE_METRICS = {
  ACCIDENTS_SAME_PERIOD: { zh: '同期交通事故', valueKind: 'count', finance: false },
  DEATHS_SAME_PERIOD: { zh: '同期事故死亡', valueKind: 'count', finance: false },
  INJURIES_SAME_PERIOD: { zh: '同期事故受伤', valueKind: 'count', finance: false },
  DIRECT_LOSS_SAME_PERIOD: { zh: '同期直接经济损失', valueKind: 'fen', finance: false },
  CRIMINAL_CASES_SAME_PERIOD: { zh: '同期立刑事案件', valueKind: 'count', finance: false },
  ADMINISTRATIVE_DETENTIONS_SAME_PERIOD: { zh: '同期行政拘留', valueKind: 'count', finance: false },
  SAN_GONG_ACTUAL: { zh: '“三公”经费支出', valueKind: 'fen', finance: true },
  SAN_GONG_BUDGET: { zh: '“三公”经费预算', valueKind: 'fen', finance: true },
  RECEPTION_ACTUAL: { zh: '公务接待费支出', valueKind: 'fen', finance: true },
  VEHICLE_OPERATION_ACTUAL: { zh: '公务用车运行维护费支出', valueKind: 'fen', finance: true },
  VEHICLE_PURCHASE_ACTUAL: { zh: '公务用车购置费支出', valueKind: 'fen', finance: true },
  OVERSEAS_ACTUAL: { zh: '因公出国（境）费支出', valueKind: 'fen', finance: true },
  INCOME_TOTAL: { zh: '总收入', valueKind: 'fen', finance: true },
  EXPENDITURE_TOTAL: { zh: '总支出', valueKind: 'fen', finance: true },
} as const satisfies Record<string, { zh: string; valueKind: 'count' | 'fen'; finance: boolean }>;
export type PriorBaselineMetric = keyof typeof PRIOR_BASELINE_METRICS;
export const PRIOR_BASELINE_METRIC_CODES = Object.keys(PRIOR_BASELINE_METRICS) as PriorBaselineMetric[];

/**
 * A figure of an earlier period recorded as a fact, for when that period's raw events are not in the ledger
 * (the seed's "与同期相比" and "上年三公经费"). `source` says where it was read (a 决算 table, last year's report).
 */
export type PriorPeriodBaselineRecorded = DomainEvent<
  'PriorPeriodBaselineRecorded',
  {
    unitId: string;
    metric: PriorBaselineMetric;
    period: { from: string; to: string };
    value: string;
    qualifier: BaselineQualifier;
    source: string;
  }
>;

export type ReportSectionEvent = ReportSectionDrafted;
export type PerformanceTargetEvent = PerformanceTargetSet;
export type PriorBaselineEvent = PriorPeriodBaselineRecorded;
export type NarrativeEvent = ReportSectionDrafted | PerformanceTargetSet | PriorPeriodBaselineRecorded;

export const narrativeStream = (unitId: string, year: number) => `narrative-${unitId}-${year}`;
export const performanceTargetStream = (unitId: string, year: number) => `targets-${unitId}-${year}`;
export const priorBaselineStream = (unitId: string, metric: PriorBaselineMetric) =>
  `baseline-${unitId}-${metric}`;
