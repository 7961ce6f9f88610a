import type { Decider } from '../shared/decider';
import { forbidden, invalid } from '../shared/errors';
import { assertNever } from '../shared/event';
import { yearOf } from '../shared/dates';
import {
  PRIOR_BASELINE_METRICS,
  type PerformanceTargetEvent,
  type PerformanceTargetSet,
  type PriorBaselineEvent,
  type PriorPeriodBaselineRecorded,
  type ReportSectionDrafted,
  type ReportSectionEvent,
} from './narrative.events';

export type ReportSectionCommand = { kind: 'DraftReportSection' } & ReportSectionDrafted['data'];

/** The current text of each section, as a JSON string so "the same draft again" is one comparison. */
export interface ReportSectionState {
  readonly sections: Readonly<Record<string, string>>;
}

export const reportSectionDecider: Decider<ReportSectionState, ReportSectionCommand, ReportSectionEvent> = {
  initialState: () => ({ sections: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'ReportSectionDrafted':
        return {
          sections: { ...state.sections, [event.data.section]: JSON.stringify(event.data.paragraphs) },
        };
      default:
        return assertNever(event.type);
    }
  },

  decide(command, state, { today }) {
    if (command.draftedOn > today) {
      throw invalid('NARRATIVE.DATE', 'draftedOn', '起草日期不能晚于今天', 'draftedOn is in the future');
    }
    if (yearOf(command.draftedOn) < command.year) {
      throw invalid(
        'NARRATIVE.DATE',
        'draftedOn',
        `${command.year}年度报告不能在该年度之前起草`,
        `a ${command.year} report cannot be drafted before ${command.year}`,
      );
    }
    const { kind: _kind, ...data } = command;
    if (state.sections[command.section] === JSON.stringify(command.paragraphs)) return [];
    if (state.sections[command.section] === undefined && command.paragraphs.length === 0) return [];
    return [{ type: 'ReportSectionDrafted', data, businessDate: command.draftedOn }];
  },
};

export type PerformanceTargetCommand = { kind: 'SetPerformanceTarget' } & PerformanceTargetSet['data'];

export interface PerformanceTargetState {
  readonly targets: Readonly<Record<string, { target: string; unit: string; weight: number }>>;
}

/** The weights of one year's indicators are points out of 100. */
export const MAX_TOTAL_WEIGHT = 100;

export const performanceTargetDecider: Decider<
  PerformanceTargetState,
  PerformanceTargetCommand,
  PerformanceTargetEvent
> = {
  initialState: () => ({ targets: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'PerformanceTargetSet': {
        const { target, unit, weight } = event.data;
        return { targets: { ...state.targets, [event.data.indicatorCode]: { target, unit, weight } } };
      }
      default:
        return assertNever(event.type);
    }
  },

  decide(command, state, { today }) {
    if (command.year > yearOf(today) + 1) {
      throw invalid(
        'TARGET.YEAR',
        'year',
        '绩效目标最多提前一年设定',
        'targets may be set at most one year ahead',
      );
    }
    const current = state.targets[command.indicatorCode];
    if (
      current &&
      current.target === command.target &&
      current.unit === command.unit &&
      current.weight === command.weight
    ) {
      return [];
    }
    const others = Object.entries(state.targets)
      .filter(([code]) => code !== command.indicatorCode)
      .reduce((sum, [, t]) => sum + t.weight, 0);
    if (others + command.weight > MAX_TOTAL_WEIGHT) {
      throw invalid(
        'TARGET.WEIGHT_TOTAL',
        'weight',
        `${command.year}年度各指标权重合计不能超过${MAX_TOTAL_WEIGHT}分（其他指标已占${others}分）`,
        `weights of ${command.year} would total ${others + command.weight} > ${MAX_TOTAL_WEIGHT}`,
      );
    }
    const { kind: _kind, ...data } = command;
    return [{ type: 'PerformanceTargetSet', data, businessDate: null }];
  },
};

export type PriorBaselineCommand = {
  kind: 'RecordPriorPeriodBaseline';
} & PriorPeriodBaselineRecorded['data'];

export interface PriorBaselineState {
  /** The value last recorded for each period, keyed `from..to`, with its qualifier and source. */
  readonly periods: Readonly<Record<string, string>>;
}

const periodKey = (p: { from: string; to: string }) => `${p.from}..${p.to}`;
const recordKey = (d: PriorPeriodBaselineRecorded['data']) =>
  JSON.stringify([d.value, d.qualifier, d.source]);

export const priorBaselineDecider: Decider<PriorBaselineState, PriorBaselineCommand, PriorBaselineEvent> = {
  initialState: () => ({ periods: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'PriorPeriodBaselineRecorded':
        return { periods: { ...state.periods, [periodKey(event.data.period)]: recordKey(event.data) } };
      default:
        return assertNever(event.type);
    }
  },

  decide(command, state, { principal, today }) {
    const metric = PRIOR_BASELINE_METRICS[command.metric];
    if (principal.role === 'finance' && !metric.finance) {
      throw forbidden(
        'AUTH.ROLE',
        `财务只能登记财务类基数，${metric.zh} 由办公室登记`,
        `finance may record finance baselines only, not ${command.metric}`,
      );
    }
    if (command.period.from > command.period.to) {
      throw invalid(
        'BASELINE.PERIOD',
        'period.to',
        '期间结束日期不能早于开始日期',
        'period.to precedes period.from',
      );
    }
    if (command.period.to >= today) {
      throw invalid(
        'BASELINE.PERIOD',
        'period.to',
        '基数只能登记已经结束的期间',
        'a baseline is for a period that has ended',
      );
    }
    if (!/^\d{1,15}$/.test(command.value)) {
      throw invalid(
        'BASELINE.VALUE',
        'value',
        `${metric.zh} 须为非负整数（${metric.valueKind === 'fen' ? '分' : '个数'}）`,
        `${command.metric} is a non-negative integer in ${metric.valueKind}`,
      );
    }
    const { kind: _kind, ...data } = command;
    if (state.periods[periodKey(command.period)] === recordKey(data)) return [];
    return [{ type: 'PriorPeriodBaselineRecorded', data, businessDate: command.period.to }];
  },
};
