import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, forbidden, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { TrainingEvent, TrainingSessionHeld } from './training.events';

export type TrainingCommand =
  /** The session's own `kind` (SKILL, PHYSICAL…) would clash with the command's, so its fields travel as `session`. */
  | { kind: 'RecordTrainingSession'; session: TrainingSessionHeld['data'] }
  | { kind: 'VoidTrainingSession'; sessionId: string; unitId: string; reason: string };

export type TrainingState =
  { status: 'none' } | { status: 'held' | 'voided'; squadId: string | null; heldOn: string };

export const trainingDecider: Decider<TrainingState, TrainingCommand, TrainingEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'TrainingSessionHeld':
        return { status: 'held', squadId: event.data.squadId, heldOn: event.data.heldOn };
      case 'TrainingSessionVoided':
        return state.status === 'none' ? state : { ...state, status: 'voided' };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'RecordTrainingSession': {
        const session = command.session;
        if (state.status !== 'none') {
          throw conflict(
            'TRAINING.EXISTS',
            `培训记录 ${session.sessionId} 已登记`,
            `training session ${session.sessionId} exists`,
          );
        }
        assertBrigadeWideByOffice(principal.role, session.squadId);
        if (session.heldOn > today) {
          throw invalid('TRAINING.FUTURE', 'heldOn', '培训日期不能晚于今天', 'heldOn is in the future');
        }
        return [{ type: 'TrainingSessionHeld', data: session, businessDate: session.heldOn }];
      }
      case 'VoidTrainingSession': {
        if (state.status === 'none') {
          throw notFound(
            'TRAINING.NOT_FOUND',
            `培训记录 ${command.sessionId} 不存在`,
            `training session ${command.sessionId} not found`,
          );
        }
        assertBrigadeWideByOffice(principal.role, state.squadId);
        assertSquadMayAct(principal, state.squadId);
        if (state.status === 'voided') {
          throw conflict(
            'TRAINING.VOIDED',
            `培训记录 ${command.sessionId} 已作废`,
            `training session ${command.sessionId} is voided`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'TrainingSessionVoided', data, businessDate: state.heldOn }];
      }
      default:
        return assertNever(command);
    }
  },
};

/** A session with no squad is the brigade's own: a squad clerk may not record or void it. */
function assertBrigadeWideByOffice(role: string, squadId: string | null): void {
  if (squadId === null && role === 'squad_clerk') {
    throw forbidden(
      'AUTH.SQUAD',
      '中队内勤不能登记大队统一组织的培训',
      'a squad clerk may not post a brigade-wide training session',
    );
  }
}
