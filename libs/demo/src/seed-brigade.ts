/**
 * The seed brigade (常宁市公安局交通警察大队, 2020) as facts to post. This fixture is the only place outside tests
 * where the seed report's figures live: the demo posts them as ordinary events and the report computes from those.
 * Money is in fen. Prior-year figures are those the seed's year-on-year percentages imply (domain.md §1, #67–#70).
 */
export const SEED_UNIT = {
  unitId: 'changning',
  name: '常宁市公安局交通警察大队',
  shortName: '常宁市交警大队',
  budgetLevel: '财政一级拨款预算单位',
} as const;

/** The ten sub-units (unit ids of their own, under the brigade), in the order the report lists them; the two added in May 2020 carry their founding date. */
export const SEED_SQUADS = [
  { squadId: 'changning-neiwu', name: '内务管理中队（办公室）', kind: 'OFFICE' },
  { squadId: 'changning-fazhi', name: '执法监督与宣传中队', kind: 'SQUAD' },
  { squadId: 'changning-shigu', name: '事故处理中队', kind: 'SQUAD' },
  { squadId: 'changning-xunluo', name: '巡逻中队', kind: 'SQUAD' },
  { squadId: 'changning-chengqu', name: '城区中队', kind: 'SQUAD' },
  { squadId: 'changning-teqin', name: '特勤中队', kind: 'SQUAD', establishedOn: '2020-05-08' },
  { squadId: 'changning-yitan', name: '宜潭中队', kind: 'SQUAD' },
  { squadId: 'changning-zhihui', name: '122情报指挥中心', kind: 'CENTER', establishedOn: '2020-05-08' },
  { squadId: 'changning-songbai', name: '松柏中队', kind: 'SQUAD' },
  { squadId: 'changning-cheguan', name: '车管所', kind: 'VEHICLE_OFFICE' },
] as const;

/** 辅警 are not staff of the establishment; the seed says only that "100余" were recruited in the year. */
export const SEED_HEADCOUNT = {
  asOf: '2020-12-31',
  police: 51,
  cadres: 1,
  workers: 14,
  auxiliary: 126,
} as const;

/** Accident statistics through the cut-off, and the same period a year earlier. */
export const SEED_ACCIDENTS = {
  cutoff: '10-31',
  current: {
    year: 2020,
    accidents: 5784,
    deaths: 60,
    injuries: 856,
    lossFen: 38_900_000,
    fastSettlement: 801,
  },
  previous: {
    year: 2019,
    accidents: 5687,
    deaths: 43,
    injuries: 766,
    lossFen: 36_150_000,
    fastSettlement: 760,
  },
  /** After the cut-off, to the end of each year: not in the report, but a real year does not stop on 31 October. */
  restOfYear: {
    2020: { accidents: 1163, deaths: 11, injuries: 171, lossFen: 7_812_300, fastSettlement: 166 },
    2019: { accidents: 1120, deaths: 9, injuries: 158, lossFen: 7_102_500, fastSettlement: 151 },
  },
} as const;

/** 万元 → fen, exactly (the amounts below are written as the 决算 prints them, with two decimals). */
const wan = (w: string): number => {
  const [int, frac = ''] = w.split('.');
  return Number(int) * 1_000_000 + Number((frac + '00').slice(0, 2)) * 10_000;
};

export interface ProjectSeed {
  readonly projectId: string;
  readonly name: string;
  readonly category: string;
  readonly fundSource: string;
}

export const SEED_PROJECTS: readonly ProjectSeed[] = [
  {
    projectId: 'transfer',
    name: '中央和省级政法转移支付资金',
    category: '转移支付',
    fundSource: 'CENTRAL_PROVINCIAL_TRANSFER',
  },
  { projectId: 'infrastructure', name: '基础设施建设资金', category: '基础设施', fundSource: 'LOCAL_FISCAL' },
  { projectId: 'aux-police', name: '交通协警经费', category: '人员', fundSource: 'LOCAL_FISCAL' },
  { projectId: 'covid', name: '疫情防控工作经费', category: '专项', fundSource: 'LOCAL_FISCAL' },
  {
    projectId: 'relief-fund',
    name: '道路交通事故社会救助基金',
    category: '专项',
    fundSource: 'ACCIDENT_RELIEF_FUND',
  },
  { projectId: 'casework', name: '办案业务资金等', category: '办案业务', fundSource: 'LOCAL_FISCAL' },
];

/** One spending bucket: budget kind, project, and the amount of each economic item for the year. */
export interface SpendingBucket {
  readonly budgetKind: 'BASIC' | 'PROJECT';
  readonly basicSubKind: 'PERSONNEL' | 'PUBLIC' | null;
  readonly projectId: string | null;
  readonly funcCode: string;
  readonly budgetLineId: string;
  readonly items: Readonly<Record<string, number>>;
  readonly payee: string;
  /** Months (1–12) the bucket pays in; personnel pays every month. */
  readonly months: readonly number[];
}

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/**
 * 2020: 总收入 2544.29 = 财政拨款 2466.87 + 其他 77.42; 总支出 2545.60 = 基本 900.52 + 项目 1645.08; by class 301
 * 1058.27, 302 1162.40, 303 92.03, 310 232.90; projects 150.03 / 242.66 / 387.98 / 25.50 / 60.00 / 778.91. The seed
 * prints 项目支出 1645.1 and 交通协警经费 388 — the only reading under which its total and its four classes hold is
 * 1645.08 (domain.md §1.2-c), so 交通协警经费 is 387.98 and reconciliation flags the printed 388.
 */
export const SEED_FINANCE_2020 = {
  year: 2020,
  income: [
    { incomeType: 'FISCAL_GENERAL', fundSource: 'LOCAL_FISCAL', fen: wan('2466.87'), receipts: 12 },
    { incomeType: 'OTHER', fundSource: 'OTHER', fen: wan('77.42'), receipts: 6 },
  ],
  buckets: [
    {
      budgetKind: 'BASIC',
      basicSubKind: 'PERSONNEL',
      projectId: null,
      funcCode: '2040201',
      budgetLineId: 'basic-personnel',
      items: {
        '30101': wan('260.00'),
        '30102': wan('180.00'),
        '30107': wan('140.00'),
        '30108': wan('70.00'),
        '30113': wan('50.00'),
      },
      payee: '大队在职人员',
      months: ALL_MONTHS,
    },
    {
      budgetKind: 'BASIC',
      basicSubKind: 'PERSONNEL',
      projectId: null,
      funcCode: '2080505',
      budgetLineId: 'basic-households',
      items: { '30302': wan('80.00'), '30305': wan('12.03') },
      payee: '离退休人员',
      months: ALL_MONTHS,
    },
    {
      budgetKind: 'BASIC',
      basicSubKind: 'PUBLIC',
      projectId: null,
      funcCode: '2040201',
      budgetLineId: 'basic-public',
      items: {
        '30231': wan('39.45'),
        '30201': wan('20.00'),
        '30206': wan('12.00'),
        '30205': wan('3.04'),
        '30207': wan('6.00'),
        '30211': wan('8.00'),
        '30213': wan('10.00'),
        '30228': wan('10.00'),
      },
      payee: '供应商',
      months: ALL_MONTHS,
    },
    {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'aux-police',
      funcCode: '2040220',
      budgetLineId: 'project-aux-police',
      items: { '30199': wan('358.27'), '30226': wan('29.71') },
      payee: '辅警',
      months: ALL_MONTHS,
    },
    {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'infrastructure',
      funcCode: '2040220',
      budgetLineId: 'project-infrastructure',
      items: { '31005': wan('180.00'), '30213': wan('62.66') },
      payee: '工程公司',
      months: [4, 6, 8, 10, 12],
    },
    {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'transfer',
      funcCode: '2040220',
      budgetLineId: 'project-transfer',
      items: { '31003': wan('52.90'), '30218': wan('97.13') },
      payee: '装备供应商',
      months: [5, 7, 9, 11, 12],
    },
    {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'covid',
      funcCode: '2040220',
      budgetLineId: 'project-covid',
      items: { '30218': wan('25.50') },
      payee: '防疫物资供应商',
      months: [2, 3, 4],
    },
    {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'relief-fund',
      funcCode: '2040220',
      budgetLineId: 'project-relief-fund',
      items: { '30299': wan('60.00') },
      payee: '事故受害人',
      months: [3, 6, 9, 12],
    },
    {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'casework',
      funcCode: '2040220',
      budgetLineId: 'project-casework',
      items: {
        '30211': wan('120.00'),
        '30226': wan('200.00'),
        '30213': wan('150.00'),
        '30214': wan('80.00'),
        '30299': wan('228.91'),
      },
      payee: '办案支出',
      months: ALL_MONTHS,
    },
  ] as readonly SpendingBucket[],
  /** Budget lines approved in January, and the lines as adjusted in September (a new line for COVID, more casework). */
  budgetApproved: {
    'basic-personnel': wan('710.00'),
    'basic-households': wan('95.00'),
    'basic-public': wan('120.00'),
    'project-aux-police': wan('390.00'),
    'project-infrastructure': wan('250.00'),
    'project-transfer': wan('150.03'),
    'project-relief-fund': wan('60.00'),
    'project-casework': wan('700.00'),
  } as Readonly<Record<string, number>>,
  budgetAdjusted: { 'project-covid': wan('26.00'), 'project-casework': wan('790.00') } as Readonly<
    Record<string, number>
  >,
  threePublicBudget: {
    overseasFen: 0,
    vehiclePurchaseFen: 0,
    vehicleOperationFen: wan('80.00'),
    receptionFen: wan('15.00'),
  },
  balanceBroughtForward: wan('10.00'),
} as const;

/** 2019, as much as the report needs: last year's 三公 (39.58) and a closed year to compare against. */
export const SEED_FINANCE_2019 = {
  year: 2019,
  income: [
    { incomeType: 'FISCAL_GENERAL', fundSource: 'LOCAL_FISCAL', fen: wan('2300.00'), receipts: 12 },
    { incomeType: 'OTHER', fundSource: 'OTHER', fen: wan('110.00'), receipts: 4 },
  ],
  buckets: [
    {
      budgetKind: 'BASIC',
      basicSubKind: 'PERSONNEL',
      projectId: null,
      funcCode: '2040201',
      budgetLineId: 'basic-personnel',
      items: {
        '30101': wan('250.00'),
        '30102': wan('170.00'),
        '30107': wan('130.00'),
        '30108': wan('66.00'),
        '30113': wan('48.00'),
      },
      payee: '大队在职人员',
      months: ALL_MONTHS,
    },
    {
      budgetKind: 'BASIC',
      basicSubKind: 'PUBLIC',
      projectId: null,
      funcCode: '2040201',
      budgetLineId: 'basic-public',
      items: { '30231': wan('39.58'), '30201': wan('22.00'), '30206': wan('11.42'), '30211': wan('9.00') },
      payee: '供应商',
      months: ALL_MONTHS,
    },
    {
      budgetKind: 'PROJECT',
      basicSubKind: null,
      projectId: 'casework',
      funcCode: '2040220',
      budgetLineId: 'project-casework',
      items: { '30199': wan('340.00'), '30226': wan('520.00'), '30299': wan('794.00') },
      payee: '办案支出',
      months: ALL_MONTHS,
    },
  ] as readonly SpendingBucket[],
  budgetApproved: {
    'basic-personnel': wan('670.00'),
    'basic-public': wan('90.00'),
    'project-casework': wan('1660.00'),
  } as Readonly<Record<string, number>>,
  budgetAdjusted: {} as Readonly<Record<string, number>>,
  threePublicBudget: {
    overseasFen: 0,
    vehiclePurchaseFen: 0,
    vehicleOperationFen: wan('85.00'),
    receptionFen: wan('15.00'),
  },
  balanceBroughtForward: 0,
} as const;

/** 2020's statistics from the report, through the cut-off unless said otherwise; "余" figures are lower bounds. */
export const SEED_ACTIVITY_2020 = {
  /** Daily tallies of the 车管所, 1 January – 31 October, and the rest of the year after. */
  vehicleAdmin: {
    VEHICLE_REGISTRATION: { toCutoff: 8492, rest: 1710 },
    LICENCE_ISSUED: { toCutoff: 2072, rest: 420 },
    LICENCE_RENEWED_OR_REPLACED: { toCutoff: 7565, rest: 1530 },
    VEHICLE_INSPECTION: { toCutoff: 8080, rest: 1650 },
  },
  ebike: {
    points: 7,
    pointsOn: '2020-05-06',
    plates: 6297,
    platesFrom: '2020-05-06',
    platesTo: '2020-10-31',
  },
  vehiclesScreened: { count: 2100, on: '2020-02-20' },
  convoys: [
    { on: '2020-03-02', vehicles: 6 },
    { on: '2020-03-09', vehicles: 4 },
  ],
  risk: { licenceOverdueA: 112, vehicleOverdueInspection: 51, on: '2020-08-14' },
  rectified: { roadsideMarkets: 42, convertedTractors: 134 },
  hazards: { found: 45, rectified: 18, provinciallyListedRectified: 2 },
  examSiteIssues: 7,
  criminal: { filed: 34, detention: 9, arrest: 6, directProsecution: 24, administrativeDetention: 36 },
  training: {
    skill: 18,
    physical: 35,
    joint: { on: '2020-05-25', days: 2, instructors: 10, units: 20, participants: 200 },
    drillOn: '2020-10-24',
  },
  auxiliaryRecruited: 100,
  helmetDayOn: '2020-05-12',
  quarantineCheckpoints: ['G0421常宁互通', '水口山互通', '庙前互通'],
} as const;
