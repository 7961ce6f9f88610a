import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, invalid } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { Qualifier } from './qualifier';
import type { TallyCategory, TallyCorrected, TallyRecorded, TallyVoided } from './tally.events';

export type RecordTallyCommand = {
  kind: 'RecordTally';
  unitId: string;
  squadId: string;
  businessDate: string;
  category: TallyCategory;
  count: number;
  qualifier: Qualifier;
  sourceRef: string | null;
};

/** A tally has no invariant across records: the decider sees no state and checks the record alone. */
export const tallyDecider: Decider<null, RecordTallyCommand, TallyRecorded> = {
  initialState: () => null,
  evolve: (state) => state,
  decide(command, _state, { principal, today }) {
    assertSquadMayAct(principal, command.squadId);
    if (command.businessDate > today) {
      throw invalid('TALLY.FUTURE', 'businessDate', '统计日期不能晚于今天', 'businessDate is in the future');
    }
    const { kind: _kind, ...data } = command;
    return [{ type: 'TallyRecorded', data, businessDate: command.businessDate }];
  },
};

interface TargetRef {
  unitId: string;
  squadId: string;
  businessDate: string;
  targetEventId: string;
}

export type TallyCorrectionCommand =
  | (TargetRef & { kind: 'CorrectTally'; count: number; qualifier: Qualifier | null; reason: string })
  | (TargetRef & { kind: 'VoidTally'; reason: string });

export type TallyCorrectionState =
  | { status: 'uncorrected' }
  | { status: 'corrected'; count: number; qualifier: Qualifier | null }
  | { status: 'voided' };

type CorrectionEvent = TallyCorrected | TallyVoided;

/**
 * Corrections of one record. The original lives in another stream the decider does not read: it cannot tell an
 * unknown event id from a known one (the projection ignores corrections whose target, unit, squad or day do not
 * match), but it refuses anything after a void and a correction that repeats the last one.
 */
export const tallyCorrectionDecider: Decider<TallyCorrectionState, TallyCorrectionCommand, CorrectionEvent> =
  {
    initialState: () => ({ status: 'uncorrected' }),

    evolve(state, event) {
      switch (event.type) {
        case 'TallyCorrected':
          return state.status === 'voided'
            ? state
            : { status: 'corrected', count: event.data.count, qualifier: event.data.qualifier };
        case 'TallyVoided':
          return { status: 'voided' };
        default:
          return assertNever(event);
      }
    },

    decide(command, state, { principal, today }) {
      assertSquadMayAct(principal, command.squadId);
      if (state.status === 'voided') {
        throw conflict(
          'TALLY.VOIDED',
          `统计记录 ${command.targetEventId} 已作废`,
          `tally ${command.targetEventId} is voided`,
        );
      }
      if (command.businessDate > today) {
        throw invalid(
          'TALLY.FUTURE',
          'businessDate',
          '统计日期不能晚于今天',
          'businessDate is in the future',
        );
      }
      const target = {
        unitId: command.unitId,
        squadId: command.squadId,
        businessDate: command.businessDate,
        targetEventId: command.targetEventId,
      };
      switch (command.kind) {
        case 'CorrectTally': {
          if (
            state.status === 'corrected' &&
            state.count === command.count &&
            state.qualifier === command.qualifier
          ) {
            return [];
          }
          return [
            {
              type: 'TallyCorrected',
              data: { ...target, count: command.count, qualifier: command.qualifier, reason: command.reason },
              businessDate: command.businessDate,
            },
          ];
        }
        case 'VoidTally':
          return [
            {
              type: 'TallyVoided',
              data: { ...target, reason: command.reason },
              businessDate: command.businessDate,
            },
          ];
        default:
          return assertNever(command);
      }
    },
  };
