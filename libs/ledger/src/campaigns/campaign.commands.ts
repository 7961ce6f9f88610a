import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { defineCommand } from '../shared/command-definition';
import { ID_PATTERN, IsCalendarDate } from '../shared/validation';
import { campaignDecider, checkpointDecider } from './campaign.decider';
import {
  CAMPAIGN_KINDS,
  campaignStream,
  CHECKPOINT_PURPOSES,
  checkpointStream,
  type CampaignKind,
  type CheckpointPurpose,
} from './campaign.events';

class CampaignRef {
  @Matches(ID_PATTERN) campaignId!: string;
  @Matches(ID_PATTERN) unitId!: string;
}

export class LaunchCampaignDto extends CampaignRef {
  @IsString() @MinLength(2) @MaxLength(200) name!: string;
  @IsIn(CAMPAIGN_KINDS) kind!: CampaignKind;
  @IsCalendarDate() launchedOn!: string;
}

export class RecordCampaignOperationDto extends CampaignRef {
  @Matches(ID_PATTERN) squadId!: string;
  @IsCalendarDate() conductedOn!: string;
  @IsInt() @Min(0) @Max(10_000) officers!: number;
  @IsInt() @Min(0) @Max(1_000_000) vehiclesChecked!: number;
  @IsInt() @Min(0) @Max(1_000_000) violationsFound!: number;
}

export class CloseCampaignDto extends CampaignRef {
  @IsCalendarDate() closedOn!: string;
}

export class OperateCheckpointDto {
  @Matches(ID_PATTERN) checkpointId!: string;
  @Matches(ID_PATTERN) unitId!: string;
  @Matches(ID_PATTERN) squadId!: string;
  @IsIn(CHECKPOINT_PURPOSES) purpose!: CheckpointPurpose;
  @IsString() @MinLength(2) @MaxLength(200) location!: string;
  @IsInt() @Min(1) @Max(24) hoursPerDay!: number;
  @IsCalendarDate() from!: string;
  @IsCalendarDate() to!: string;
}

const campaign = {
  decider: campaignDecider,
  streamOf: (d: CampaignRef) => campaignStream(d.unitId, d.campaignId),
  unitOf: (d: CampaignRef) => d.unitId,
};

export const campaignCommands = [
  defineCommand({
    ...campaign,
    name: 'LaunchCampaign',
    createsStream: true,
    summaryZh: '启动专项行动',
    dto: LaunchCampaignDto,
    roles: ['brigade_office'],
    toCommand: (d) => ({
      kind: 'LaunchCampaign' as const,
      campaignId: d.campaignId,
      unitId: d.unitId,
      name: d.name,
      campaignKind: d.kind,
      launchedOn: d.launchedOn,
    }),
  }),
  defineCommand({
    ...campaign,
    name: 'RecordCampaignOperation',
    summaryZh: '登记专项行动当日战果',
    dto: RecordCampaignOperationDto,
    roles: ['squad_clerk', 'brigade_office'],
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({ kind: 'RecordCampaignOperation' as const, ...d }),
  }),
  defineCommand({
    ...campaign,
    name: 'CloseCampaign',
    summaryZh: '结束专项行动',
    dto: CloseCampaignDto,
    roles: ['brigade_office'],
    toCommand: (d) => ({ kind: 'CloseCampaign' as const, ...d }),
  }),
  defineCommand({
    name: 'OperateCheckpoint',
    summaryZh: '登记执勤点、检疫点值守',
    dto: OperateCheckpointDto,
    decider: checkpointDecider,
    roles: ['squad_clerk', 'brigade_office'],
    streamOf: (d) => checkpointStream(d.unitId, d.checkpointId),
    unitOf: (d) => d.unitId,
    squadOf: (d) => d.squadId,
    toCommand: (d) => ({ kind: 'OperateCheckpoint' as const, ...d }),
  }),
];
