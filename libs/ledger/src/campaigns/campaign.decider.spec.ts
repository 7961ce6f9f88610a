import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import {
  campaignDecider,
  checkpointDecider,
  type CampaignCommand,
  type CheckpointCommand,
} from './campaign.decider';
import type { CampaignEvent, CampaignOperationConducted, CheckpointOperated } from './campaign.events';

const launched: CampaignEvent = {
  type: 'CampaignLaunched',
  data: {
    campaignId: 'c1',
    unitId: 'changning',
    name: '一盔一带专项整治',
    kind: 'ONE_HELMET_ONE_BELT',
    launchedOn: '2020-05-01',
  },
  businessDate: '2020-05-01',
};
const operation = (over: Partial<CampaignOperationConducted['data']> = {}): CampaignOperationConducted => {
  const data = {
    campaignId: 'c1',
    unitId: 'changning',
    squadId: 'chengqu',
    conductedOn: '2020-06-16',
    officers: 12,
    vehiclesChecked: 120,
    violationsFound: 37,
    ...over,
  };
  return { type: 'CampaignOperationConducted', data, businessDate: data.conductedOn };
};
const operate = (over: Partial<CampaignOperationConducted['data']> = {}): CampaignCommand => ({
  kind: 'RecordCampaignOperation',
  ...operation(over).data,
});
const closed: CampaignEvent = {
  type: 'CampaignClosed',
  data: { campaignId: 'c1', unitId: 'changning', closedOn: '2020-09-30' },
  businessDate: '2020-09-30',
};
const close = (closedOn: string): CampaignCommand => ({
  kind: 'CloseCampaign',
  campaignId: 'c1',
  unitId: 'changning',
  closedOn,
});

describe('campaign decider', () => {
  const spec = DeciderSpec.for(campaignDecider);

  describe('LaunchCampaign', () => {
    const launch: CampaignCommand = {
      kind: 'LaunchCampaign',
      campaignId: 'c1',
      unitId: 'changning',
      name: '一盔一带专项整治',
      campaignKind: 'ONE_HELMET_ONE_BELT',
      launchedOn: '2020-05-01',
    };
    it('launches a campaign once, never in the future', () => {
      spec.given().when(launch).then(launched);
      spec.given(launched).when(launch).thenThrows('CAMPAIGN.EXISTS');
      spec.given().when(launch, contextFor(undefined, '2020-04-30')).thenThrows('CAMPAIGN.FUTURE');
    });
  });

  describe('RecordCampaignOperation', () => {
    it("records a squad's day", () => {
      spec.given(launched).when(operate()).then(operation());
    });
    it('refuses an unknown campaign and a clerk of another squad', () => {
      spec.given().when(operate()).thenThrows('CAMPAIGN.NOT_FOUND');
      spec
        .given(launched)
        .when(operate(), contextFor(aClerkOf('songbai')))
        .thenThrows('AUTH.SQUAD');
    });
    it('refuses a day before the launch or after today', () => {
      spec
        .given(launched)
        .when(operate({ conductedOn: '2020-04-30' }))
        .thenThrows('CAMPAIGN.DATE');
      spec
        .given(launched)
        .when(operate({ conductedOn: '2020-12-01' }))
        .thenThrows('CAMPAIGN.DATE');
    });
    it('accepts a late posting for a day before the close, and refuses a day after it', () => {
      spec
        .given(launched, closed)
        .when(operate({ conductedOn: '2020-09-30' }))
        .then(operation({ conductedOn: '2020-09-30' }));
      spec
        .given(launched, closed)
        .when(operate({ conductedOn: '2020-10-01' }))
        .thenThrows('CAMPAIGN.CLOSED');
    });
  });

  describe('CloseCampaign', () => {
    it('closes once; a second close appends nothing', () => {
      spec.given(launched, operation()).when(close('2020-09-30')).then(closed);
      spec.given(launched, closed).when(close('2020-10-01')).thenNothing();
    });
    it('refuses a close before the last operation', () => {
      spec.given(launched, operation()).when(close('2020-06-15')).thenThrows('CAMPAIGN.DATE');
    });
    it('refuses an unknown campaign', () => {
      spec.given().when(close('2020-09-30')).thenThrows('CAMPAIGN.NOT_FOUND');
    });
  });
});

describe('checkpoint decider', () => {
  const spec = DeciderSpec.for(checkpointDecider);
  const operated = (from: string, to: string): CheckpointOperated => ({
    type: 'CheckpointOperated',
    data: {
      checkpointId: 'g0421-changning',
      unitId: 'changning',
      squadId: 'gaosu',
      purpose: 'QUARANTINE',
      location: 'G0421 常宁互通',
      hoursPerDay: 24,
      from,
      to,
    },
    businessDate: from,
  });
  const operate = (from: string, to: string): CheckpointCommand => ({
    kind: 'OperateCheckpoint',
    ...operated(from, to).data,
  });

  describe('OperateCheckpoint', () => {
    it('records a manned period, dated on its first day', () => {
      spec.given().when(operate('2020-01-26', '2020-03-10')).then(operated('2020-01-26', '2020-03-10'));
    });
    it('accepts a later period and refuses an overlapping one', () => {
      spec
        .given(operated('2020-01-26', '2020-03-10'))
        .when(operate('2020-04-01', '2020-04-30'))
        .then(operated('2020-04-01', '2020-04-30'));
      spec
        .given(operated('2020-01-26', '2020-03-10'))
        .when(operate('2020-03-10', '2020-04-30'))
        .thenThrows('CHECKPOINT.OVERLAP');
    });
    it('refuses a period that ends before it starts or after today', () => {
      spec.given().when(operate('2020-03-10', '2020-01-26')).thenThrows('CHECKPOINT.PERIOD');
      spec.given().when(operate('2020-11-01', '2020-12-31')).thenThrows('CHECKPOINT.FUTURE');
    });
    it('refuses a clerk of another squad', () => {
      spec
        .given()
        .when(operate('2020-01-26', '2020-03-10'), contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
    });
  });
});
