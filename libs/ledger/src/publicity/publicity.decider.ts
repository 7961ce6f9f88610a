import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { PublicityActivityHeld, PublicityEvent } from './publicity.events';

export type PublicityCommand =
  | ({ kind: 'RecordPublicityActivity' } & PublicityActivityHeld['data'])
  | { kind: 'VoidPublicityActivity'; activityId: string; unitId: string; reason: string };

export type PublicityState =
  { status: 'none' } | { status: 'held' | 'voided'; squadId: string; heldOn: string };

export const publicityDecider: Decider<PublicityState, PublicityCommand, PublicityEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'PublicityActivityHeld':
        return { status: 'held', squadId: event.data.squadId, heldOn: event.data.heldOn };
      case 'PublicityActivityVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'RecordPublicityActivity': {
        if (state.status !== 'none') {
          throw conflict(
            'PUBLICITY.EXISTS',
            `宣传活动 ${command.activityId} 已登记`,
            `publicity activity ${command.activityId} exists`,
          );
        }
        if (command.heldOn > today) {
          throw invalid('PUBLICITY.FUTURE', 'heldOn', '活动日期不能晚于今天', 'heldOn is in the future');
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'PublicityActivityHeld', data, businessDate: command.heldOn }];
      }
      case 'VoidPublicityActivity': {
        if (state.status === 'none') {
          throw notFound(
            'PUBLICITY.NOT_FOUND',
            `宣传活动 ${command.activityId} 不存在`,
            `publicity activity ${command.activityId} not found`,
          );
        }
        assertSquadMayAct(principal, state.squadId);
        if (state.status === 'voided') {
          throw conflict(
            'PUBLICITY.VOIDED',
            `宣传活动 ${command.activityId} 已作废`,
            `publicity activity ${command.activityId} is voided`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'PublicityActivityVoided', data, businessDate: state.heldOn }];
      }
      default:
        return assertNever(command);
    }
  },
};
