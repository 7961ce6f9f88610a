import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { InspectionEvent, InspectionTargetKind, NoticeEvent } from './inspection.events';

export type InspectionCommand =
  | {
      kind: 'ConductInspection';
      inspectionId: string;
      unitId: string;
      squadId: string;
      conductedOn: string;
      targetKind: InspectionTargetKind;
      target: string;
      issuesFound: number;
    }
  | {
      kind: 'ResolveInspectionIssues';
      inspectionId: string;
      unitId: string;
      resolvedOn: string;
      count: number;
    }
  | { kind: 'VoidInspection'; inspectionId: string; unitId: string; reason: string };

export type InspectionState =
  | { status: 'none' }
  | {
      status: 'recorded' | 'voided';
      squadId: string;
      conductedOn: string;
      issuesFound: number;
      issuesResolved: number;
    };

export const inspectionDecider: Decider<InspectionState, InspectionCommand, InspectionEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'InspectionConducted':
        return {
          status: 'recorded',
          squadId: event.data.squadId,
          conductedOn: event.data.conductedOn,
          issuesFound: event.data.issuesFound,
          issuesResolved: 0,
        };
      case 'InspectionIssuesResolved':
        return state.status === 'none'
          ? state
          : { ...state, issuesResolved: state.issuesResolved + event.data.count };
      case 'InspectionVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'ConductInspection': {
        if (state.status !== 'none') {
          throw conflict(
            'INSPECTION.EXISTS',
            `检查 ${command.inspectionId} 已登记`,
            `inspection ${command.inspectionId} exists`,
          );
        }
        assertSquadMayAct(principal, command.squadId);
        if (command.conductedOn > today) {
          throw invalid(
            'INSPECTION.FUTURE',
            'conductedOn',
            '检查日期不能晚于今天',
            'conductedOn is in the future',
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'InspectionConducted', data, businessDate: command.conductedOn }];
      }
      case 'ResolveInspectionIssues': {
        const inspection = liveInspection(state, command.inspectionId);
        assertSquadMayAct(principal, inspection.squadId);
        if (command.resolvedOn < inspection.conductedOn || command.resolvedOn > today) {
          throw invalid(
            'INSPECTION.DATE',
            'resolvedOn',
            '整改日期须在检查日期与今天之间',
            'resolvedOn must lie between the inspection and today',
          );
        }
        if (inspection.issuesResolved + command.count > inspection.issuesFound) {
          throw invalid(
            'INSPECTION.OVER_RESOLVED',
            'count',
            `整改问题数超过发现的问题数（已整改 ${inspection.issuesResolved}，共发现 ${inspection.issuesFound}）`,
            `only ${inspection.issuesFound - inspection.issuesResolved} issues remain open`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'InspectionIssuesResolved', data, businessDate: command.resolvedOn }];
      }
      case 'VoidInspection': {
        const inspection = liveInspection(state, command.inspectionId);
        assertSquadMayAct(principal, inspection.squadId);
        const { kind: _kind, ...data } = command;
        return [{ type: 'InspectionVoided', data, businessDate: inspection.conductedOn }];
      }
      default:
        return assertNever(command);
    }
  },
};

function liveInspection(state: InspectionState, inspectionId: string) {
  if (state.status === 'none') {
    throw notFound(
      'INSPECTION.NOT_FOUND',
      `检查 ${inspectionId} 不存在`,
      `inspection ${inspectionId} not found`,
    );
  }
  if (state.status === 'voided') {
    throw conflict(
      'INSPECTION.VOIDED',
      `检查 ${inspectionId} 已作废`,
      `inspection ${inspectionId} is voided`,
    );
  }
  return state;
}

export type NoticeCommand =
  | {
      kind: 'IssueRectificationNotice';
      noticeId: string;
      unitId: string;
      squadId: string;
      issuedOn: string;
      targetOrg: string;
      reason: string;
    }
  | { kind: 'VoidRectificationNotice'; noticeId: string; unitId: string; reason: string };

export type NoticeState =
  { status: 'none' } | { status: 'issued' | 'voided'; squadId: string; issuedOn: string };

export const noticeDecider: Decider<NoticeState, NoticeCommand, NoticeEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'RectificationNoticeIssued':
        return { status: 'issued', squadId: event.data.squadId, issuedOn: event.data.issuedOn };
      case 'RectificationNoticeVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'IssueRectificationNotice': {
        if (state.status !== 'none') {
          throw conflict(
            'NOTICE.EXISTS',
            `整改通知书 ${command.noticeId} 已登记`,
            `notice ${command.noticeId} exists`,
          );
        }
        assertSquadMayAct(principal, command.squadId);
        if (command.issuedOn > today) {
          throw invalid('NOTICE.FUTURE', 'issuedOn', '发文日期不能晚于今天', 'issuedOn is in the future');
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'RectificationNoticeIssued', data, businessDate: command.issuedOn }];
      }
      case 'VoidRectificationNotice': {
        if (state.status === 'none') {
          throw notFound(
            'NOTICE.NOT_FOUND',
            `整改通知书 ${command.noticeId} 不存在`,
            `notice ${command.noticeId} not found`,
          );
        }
        if (state.status === 'voided') {
          throw conflict(
            'NOTICE.VOIDED',
            `整改通知书 ${command.noticeId} 已作废`,
            `notice ${command.noticeId} is voided`,
          );
        }
        assertSquadMayAct(principal, state.squadId);
        const { kind: _kind, ...data } = command;
        return [{ type: 'RectificationNoticeVoided', data, businessDate: state.issuedOn }];
      }
      default:
        return assertNever(command);
    }
  },
};
