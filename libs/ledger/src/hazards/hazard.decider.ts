import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { HazardEvent, HazardKind } from './hazard.events';

export type HazardCommand =
  | {
      kind: 'IdentifyHazard';
      hazardId: string;
      unitId: string;
      squadId: string;
      identifiedOn: string;
      hazardKind: HazardKind;
      description: string;
      provinciallyListed: boolean;
    }
  | {
      kind: 'RequestRectification';
      hazardId: string;
      unitId: string;
      requestedOn: string;
      notice: string | null;
    }
  | { kind: 'RectifyHazard'; hazardId: string; unitId: string; rectifiedOn: string }
  | { kind: 'VoidHazard'; hazardId: string; unitId: string; reason: string };

export type HazardState =
  { status: 'none' } | { status: 'open' | 'rectified' | 'voided'; squadId: string; identifiedOn: string };

export const hazardDecider: Decider<HazardState, HazardCommand, HazardEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'HazardIdentified':
        return { status: 'open', squadId: event.data.squadId, identifiedOn: event.data.identifiedOn };
      case 'RectificationRequested':
        return state;
      case 'HazardRectified':
        return state.status === 'none' ? state : { ...state, status: 'rectified' };
      case 'HazardVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'IdentifyHazard': {
        if (state.status !== 'none') {
          throw conflict(
            'HAZARD.EXISTS',
            `隐患 ${command.hazardId} 已登记`,
            `hazard ${command.hazardId} exists`,
          );
        }
        assertSquadMayAct(principal, command.squadId);
        if (command.identifiedOn > today) {
          throw invalid(
            'HAZARD.FUTURE',
            'identifiedOn',
            '排查日期不能晚于今天',
            'identifiedOn is in the future',
          );
        }
        return [
          {
            type: 'HazardIdentified',
            data: {
              hazardId: command.hazardId,
              unitId: command.unitId,
              squadId: command.squadId,
              identifiedOn: command.identifiedOn,
              kind: command.hazardKind,
              description: command.description,
              provinciallyListed: command.provinciallyListed,
            },
            businessDate: command.identifiedOn,
          },
        ];
      }
      case 'RequestRectification': {
        const hazard = live(state, command.hazardId);
        assertSquadMayAct(principal, hazard.squadId);
        if (hazard.status === 'rectified') {
          throw conflict(
            'HAZARD.RECTIFIED',
            `隐患 ${command.hazardId} 已整改`,
            `hazard ${command.hazardId} is already rectified`,
          );
        }
        between(hazard.identifiedOn, command.requestedOn, today, 'requestedOn');
        const { kind: _kind, ...data } = command;
        return [{ type: 'RectificationRequested', data, businessDate: command.requestedOn }];
      }
      case 'RectifyHazard': {
        const hazard = live(state, command.hazardId);
        assertSquadMayAct(principal, hazard.squadId);
        if (hazard.status === 'rectified') return [];
        between(hazard.identifiedOn, command.rectifiedOn, today, 'rectifiedOn');
        const { kind: _kind, ...data } = command;
        return [{ type: 'HazardRectified', data, businessDate: command.rectifiedOn }];
      }
      case 'VoidHazard': {
        const hazard = live(state, command.hazardId);
        assertSquadMayAct(principal, hazard.squadId);
        const { kind: _kind, ...data } = command;
        return [{ type: 'HazardVoided', data, businessDate: hazard.identifiedOn }];
      }
      default:
        return assertNever(command);
    }
  },
};

function live(state: HazardState, hazardId: string) {
  if (state.status === 'none') {
    throw notFound('HAZARD.NOT_FOUND', `隐患 ${hazardId} 不存在`, `hazard ${hazardId} not found`);
  }
  if (state.status === 'voided') {
    throw conflict('HAZARD.VOIDED', `隐患 ${hazardId} 已作废`, `hazard ${hazardId} is voided`);
  }
  return state;
}

function between(identifiedOn: string, date: string, today: string, field: string): void {
  if (date < identifiedOn || date > today) {
    throw invalid(
      'HAZARD.DATE',
      field,
      '日期须在排查日期与今天之间',
      `${field} must lie between identification and today`,
    );
  }
}
