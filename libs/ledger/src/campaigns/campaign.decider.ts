import { assertSquadMayAct } from '../shared/authorize';
import type { Decider } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { CampaignEvent, CampaignKind, CheckpointEvent, CheckpointPurpose } from './campaign.events';

export type CampaignCommand =
  | {
      kind: 'LaunchCampaign';
      campaignId: string;
      unitId: string;
      name: string;
      campaignKind: CampaignKind;
      launchedOn: string;
    }
  | {
      kind: 'RecordCampaignOperation';
      campaignId: string;
      unitId: string;
      squadId: string;
      conductedOn: string;
      officers: number;
      vehiclesChecked: number;
      violationsFound: number;
    }
  | { kind: 'CloseCampaign'; campaignId: string; unitId: string; closedOn: string };

export type CampaignState =
  | { status: 'none' }
  | {
      status: 'running' | 'closed';
      launchedOn: string;
      lastOperationOn: string | null;
      closedOn: string | null;
    };

export const campaignDecider: Decider<CampaignState, CampaignCommand, CampaignEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'CampaignLaunched':
        return {
          status: 'running',
          launchedOn: event.data.launchedOn,
          lastOperationOn: null,
          closedOn: null,
        };
      case 'CampaignOperationConducted': {
        if (state.status === 'none') return state;
        const day = event.data.conductedOn;
        return {
          ...state,
          lastOperationOn:
            state.lastOperationOn === null || day > state.lastOperationOn ? day : state.lastOperationOn,
        };
      }
      case 'CampaignClosed':
        return state.status === 'none'
          ? state
          : { ...state, status: 'closed', closedOn: event.data.closedOn };
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { principal, today }) {
    switch (command.kind) {
      case 'LaunchCampaign': {
        if (state.status !== 'none') {
          throw conflict(
            'CAMPAIGN.EXISTS',
            `专项行动 ${command.campaignId} 已登记`,
            `campaign ${command.campaignId} exists`,
          );
        }
        if (command.launchedOn > today) {
          throw invalid(
            'CAMPAIGN.FUTURE',
            'launchedOn',
            '启动日期不能晚于今天',
            'launchedOn is in the future',
          );
        }
        return [
          {
            type: 'CampaignLaunched',
            data: {
              campaignId: command.campaignId,
              unitId: command.unitId,
              name: command.name,
              kind: command.campaignKind,
              launchedOn: command.launchedOn,
            },
            businessDate: command.launchedOn,
          },
        ];
      }
      case 'RecordCampaignOperation': {
        const campaign = known(state, command.campaignId);
        assertSquadMayAct(principal, command.squadId);
        if (command.conductedOn < campaign.launchedOn || command.conductedOn > today) {
          throw invalid(
            'CAMPAIGN.DATE',
            'conductedOn',
            '行动日期须在启动日期与今天之间',
            'conductedOn must lie between the launch and today',
          );
        }
        // A squad may post a day late, after the office closed the campaign, but not a day after the close.
        if (campaign.closedOn !== null && command.conductedOn > campaign.closedOn) {
          throw conflict(
            'CAMPAIGN.CLOSED',
            `专项行动 ${command.campaignId} 已于 ${campaign.closedOn} 结束`,
            `campaign ${command.campaignId} closed on ${campaign.closedOn}`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'CampaignOperationConducted', data, businessDate: command.conductedOn }];
      }
      case 'CloseCampaign': {
        const campaign = known(state, command.campaignId);
        if (campaign.status === 'closed') return [];
        const earliest = campaign.lastOperationOn ?? campaign.launchedOn;
        if (command.closedOn < earliest || command.closedOn > today) {
          throw invalid(
            'CAMPAIGN.DATE',
            'closedOn',
            '结束日期须不早于最后一次行动，且不晚于今天',
            'closedOn must lie between the last operation and today',
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'CampaignClosed', data, businessDate: command.closedOn }];
      }
      default:
        return assertNever(command);
    }
  },
};

function known(state: CampaignState, campaignId: string) {
  if (state.status === 'none') {
    throw notFound('CAMPAIGN.NOT_FOUND', `专项行动 ${campaignId} 不存在`, `campaign ${campaignId} not found`);
  }
  return state;
}

export type CheckpointCommand = {
  kind: 'OperateCheckpoint';
  checkpointId: string;
  unitId: string;
  squadId: string;
  purpose: CheckpointPurpose;
  location: string;
  hoursPerDay: number;
  from: string;
  to: string;
};

/** The periods a checkpoint was manned; a new period may not overlap one already recorded. */
export type CheckpointState = { periods: readonly { from: string; to: string }[] };

export const checkpointDecider: Decider<CheckpointState, CheckpointCommand, CheckpointEvent> = {
  initialState: () => ({ periods: [] }),

  evolve(state, event) {
    switch (event.type) {
      case 'CheckpointOperated':
        return { periods: [...state.periods, { from: event.data.from, to: event.data.to }] };
      default:
        return assertNever(event.type);
    }
  },

  decide(command, state, { principal, today }) {
    assertSquadMayAct(principal, command.squadId);
    if (command.from > command.to) {
      throw invalid('CHECKPOINT.PERIOD', 'to', '结束日期不能早于开始日期', 'to must not precede from');
    }
    if (command.to > today) {
      throw invalid('CHECKPOINT.FUTURE', 'to', '值守期间不能晚于今天', 'the period must not end after today');
    }
    if (state.periods.some((p) => p.from <= command.to && command.from <= p.to)) {
      throw conflict(
        'CHECKPOINT.OVERLAP',
        `执勤点 ${command.checkpointId} 在该期间已有值守记录`,
        `checkpoint ${command.checkpointId} already has a period overlapping ${command.from}..${command.to}`,
      );
    }
    const { kind: _kind, ...data } = command;
    return [{ type: 'CheckpointOperated', data, businessDate: command.from }];
  },
};
