import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { AccidentEvent, AccidentProcedure } from './accident.events';

export type AccidentCommand =
  | {
      kind: 'RecordAccident';
      accidentId: string;
      unitId: string;
      squadId: string;
      occurredOn: string;
      procedure: AccidentProcedure;
      deaths: number;
      injuries: number;
      directLossFen: number;
      hitAndRun: boolean;
      roadCode: string | null;
    }
  | {
      kind: 'ReviseAccidentCasualties';
      accidentId: string;
      unitId: string;
      deaths: number;
      injuries: number;
      directLossFen: number;
      reason: string;
    }
  | { kind: 'CloseAccident'; accidentId: string; unitId: string; closedOn: string }
  | { kind: 'VoidAccident'; accidentId: string; unitId: string; reason: string };

export type AccidentState =
  | { status: 'none' }
  | {
      status: 'open' | 'closed' | 'voided';
      squadId: string;
      occurredOn: string;
      deaths: number;
      injuries: number;
      directLossFen: number;
    };

export const accidentDecider: Decider<AccidentState, AccidentCommand, AccidentEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'AccidentRecorded':
        return {
          status: 'open',
          squadId: event.data.squadId,
          occurredOn: event.data.occurredOn,
          deaths: event.data.deaths,
          injuries: event.data.injuries,
          directLossFen: event.data.directLossFen,
        };
      case 'AccidentCasualtiesRevised':
        return state.status === 'none'
          ? state
          : {
              ...state,
              deaths: event.data.deaths,
              injuries: event.data.injuries,
              directLossFen: event.data.directLossFen,
            };
      case 'AccidentClosed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
      case 'AccidentVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'RecordAccident': {
        if (state.status !== 'none') {
          throw conflict(
            'ACCIDENT.EXISTS',
            `事故 ${command.accidentId} 已登记`,
            `accident ${command.accidentId} exists`,
          );
        }
        if (command.occurredOn > today) {
          throw invalid(
            'ACCIDENT.FUTURE',
            'occurredOn',
            '事故日期不能晚于今天',
            'occurredOn is in the future',
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'AccidentRecorded', data, businessDate: command.occurredOn }];
      }
      case 'ReviseAccidentCasualties': {
        const current = live(state, command.accidentId);
        assertSquadMayAct(principal, current.squadId);
        if (
          current.deaths === command.deaths &&
          current.injuries === command.injuries &&
          current.directLossFen === command.directLossFen
        ) {
          return [];
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'AccidentCasualtiesRevised', data, businessDate: current.occurredOn }];
      }
      case 'CloseAccident': {
        const current = live(state, command.accidentId);
        assertSquadMayAct(principal, current.squadId);
        if (current.status === 'closed') return [];
        if (command.closedOn < current.occurredOn || command.closedOn > today) {
          throw invalid(
            'ACCIDENT.CLOSE_DATE',
            'closedOn',
            '结案日期须在事故日期与今天之间',
            'closedOn must lie between occurrence and today',
          );
        }
        return [
          {
            type: 'AccidentClosed',
            data: { accidentId: command.accidentId, unitId: command.unitId, closedOn: command.closedOn },
            businessDate: command.closedOn,
          },
        ];
      }
      case 'VoidAccident': {
        const current = live(state, command.accidentId);
        assertSquadMayAct(principal, current.squadId);
        return [
          {
            type: 'AccidentVoided',
            data: { accidentId: command.accidentId, unitId: command.unitId, reason: command.reason },
            businessDate: current.occurredOn,
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
};

function live(state: AccidentState, accidentId: string) {
  if (state.status === 'none') {
    throw notFound('ACCIDENT.NOT_FOUND', `事故 ${accidentId} 不存在`, `accident ${accidentId} not found`);
  }
  if (state.status === 'voided') {
    throw conflict('ACCIDENT.VOIDED', `事故 ${accidentId} 已作废`, `accident ${accidentId} is voided`);
  }
  return state;
}
