import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type {
  AdministrativeDetentionEvent,
  CoerciveMeasure,
  CriminalCaseEvent,
  CriminalOffence,
} from './case.events';

export type CriminalCaseCommand =
  | {
      kind: 'FileCriminalCase';
      caseNo: string;
      unitId: string;
      squadId: string;
      filedOn: string;
      offence: CriminalOffence;
    }
  | {
      kind: 'ApplyCoerciveMeasure';
      caseNo: string;
      unitId: string;
      personRef: string;
      measure: CoerciveMeasure;
      appliedOn: string;
    }
  | { kind: 'VoidCriminalCase'; caseNo: string; unitId: string; reason: string };

export type CriminalCaseState =
  | { status: 'none' }
  | {
      status: 'open' | 'voided';
      squadId: string;
      filedOn: string;
      /** `personRef␀measure` of every measure applied so far. */
      applied: readonly string[];
    };

const measureKey = (personRef: string, measure: CoerciveMeasure) => `${personRef}\u0000${measure}`;

export const criminalCaseDecider: Decider<CriminalCaseState, CriminalCaseCommand, CriminalCaseEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'CriminalCaseFiled':
        return { status: 'open', squadId: event.data.squadId, filedOn: event.data.filedOn, applied: [] };
      case 'CoerciveMeasureApplied':
        return state.status === 'none'
          ? state
          : { ...state, applied: [...state.applied, measureKey(event.data.personRef, event.data.measure)] };
      case 'CriminalCaseVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'FileCriminalCase': {
        if (state.status !== 'none') {
          throw conflict('CASE.EXISTS', `刑事案件 ${command.caseNo} 已立案`, `case ${command.caseNo} exists`);
        }
        if (command.filedOn > today) {
          throw invalid('CASE.FUTURE', 'filedOn', '立案日期不能晚于今天', 'filedOn is in the future');
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'CriminalCaseFiled', data, businessDate: command.filedOn }];
      }
      case 'ApplyCoerciveMeasure': {
        const current = live(state, command.caseNo);
        assertSquadMayAct(principal, current.squadId);
        if (command.appliedOn > today) {
          throw invalid('CASE.FUTURE', 'appliedOn', '强制措施日期不能晚于今天', 'appliedOn is in the future');
        }
        if (command.appliedOn < current.filedOn) {
          throw invalid(
            'CASE.MEASURE_DATE',
            'appliedOn',
            '强制措施日期不能早于立案日期',
            'appliedOn precedes the filing date',
          );
        }
        if (current.applied.includes(measureKey(command.personRef, command.measure))) {
          throw conflict(
            'CASE.MEASURE_EXISTS',
            `案件 ${command.caseNo} 已对 ${command.personRef} 采取 ${command.measure}`,
            `${command.measure} already applied to ${command.personRef} in case ${command.caseNo}`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'CoerciveMeasureApplied', data, businessDate: command.appliedOn }];
      }
      case 'VoidCriminalCase': {
        const current = live(state, command.caseNo);
        assertSquadMayAct(principal, current.squadId);
        const { kind: _kind, ...data } = command;
        return [{ type: 'CriminalCaseVoided', data, businessDate: current.filedOn }];
      }
      default:
        return assertNever(command);
    }
  },
};

function live(state: CriminalCaseState, caseNo: string) {
  if (state.status === 'none') {
    throw notFound('CASE.NOT_FOUND', `刑事案件 ${caseNo} 不存在`, `case ${caseNo} not found`);
  }
  if (state.status === 'voided') {
    throw conflict('CASE.VOIDED', `刑事案件 ${caseNo} 已作废`, `case ${caseNo} is voided`);
  }
  return state;
}

export type AdministrativeDetentionCommand =
  | {
      kind: 'ImposeAdministrativeDetention';
      recordId: string;
      unitId: string;
      squadId: string;
      imposedOn: string;
      persons: number;
      reason: string;
    }
  | { kind: 'VoidAdministrativeDetention'; recordId: string; unitId: string; reason: string };

export type AdministrativeDetentionState =
  { status: 'none' } | { status: 'imposed' | 'voided'; squadId: string; imposedOn: string };

export const administrativeDetentionDecider: Decider<
  AdministrativeDetentionState,
  AdministrativeDetentionCommand,
  AdministrativeDetentionEvent
> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'AdministrativeDetentionImposed':
        return { status: 'imposed', squadId: event.data.squadId, imposedOn: event.data.imposedOn };
      case 'AdministrativeDetentionVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'ImposeAdministrativeDetention': {
        if (state.status !== 'none') {
          throw conflict(
            'ADMIN_DETENTION.EXISTS',
            `行政拘留记录 ${command.recordId} 已登记`,
            `administrative detention ${command.recordId} exists`,
          );
        }
        if (command.imposedOn > today) {
          throw invalid(
            'ADMIN_DETENTION.FUTURE',
            'imposedOn',
            '行政拘留日期不能晚于今天',
            'imposedOn is in the future',
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'AdministrativeDetentionImposed', data, businessDate: command.imposedOn }];
      }
      case 'VoidAdministrativeDetention': {
        if (state.status === 'none') {
          throw notFound(
            'ADMIN_DETENTION.NOT_FOUND',
            `行政拘留记录 ${command.recordId} 不存在`,
            `administrative detention ${command.recordId} not found`,
          );
        }
        assertSquadMayAct(principal, state.squadId);
        if (state.status === 'voided') {
          throw conflict(
            'ADMIN_DETENTION.VOIDED',
            `行政拘留记录 ${command.recordId} 已作废`,
            `administrative detention ${command.recordId} is voided`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'AdministrativeDetentionVoided', data, businessDate: state.imposedOn }];
      }
      default:
        return assertNever(command);
    }
  },
};
