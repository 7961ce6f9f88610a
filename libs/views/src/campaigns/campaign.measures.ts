import {
  CHECKPOINT_PURPOSE_LABELS,
  CHECKPOINT_PURPOSES,
  type CheckpointPurpose,
} from '@ledger/ledger/events';

export const CAMPAIGN_MEASURES = {
  campaignsLaunched: 'campaigns.launched',
  campaignOperations: 'campaigns.operations',
  campaignOfficers: 'campaigns.officers',
  campaignVehiclesChecked: 'campaigns.vehicles_checked',
  campaignViolations: 'campaigns.violations',
  checkpointsOpened: 'checkpoints.opened',
} as const;

/** By purpose: `checkpoints.opened.quarantine`, `checkpoints.opened.enforcement`. */
export const checkpointsOpenedFor = (purpose: CheckpointPurpose) =>
  `checkpoints.opened.${purpose.toLowerCase()}`;

const C = CAMPAIGN_MEASURES;
export const CAMPAIGN_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [C.campaignsLaunched]: { zh: '启动专项行动', unitZh: '项' },
  [C.campaignOperations]: { zh: '专项行动开展', unitZh: '次' },
  [C.campaignOfficers]: { zh: '专项行动出动警力', unitZh: '人次' },
  [C.campaignVehiclesChecked]: { zh: '专项行动检查车辆', unitZh: '台次' },
  [C.campaignViolations]: { zh: '专项行动查处违法', unitZh: '起' },
  [C.checkpointsOpened]: { zh: '设立执勤点/检疫点', unitZh: '个' },
  ...Object.fromEntries(
    CHECKPOINT_PURPOSES.map((p) => [
      checkpointsOpenedFor(p),
      { zh: `设立${CHECKPOINT_PURPOSE_LABELS[p]}`, unitZh: '个' },
    ]),
  ),
};
