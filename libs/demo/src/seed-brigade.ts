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

/** The ten sub-units, in the order the report lists them; the two added in May 2020 carry their founding date. */
export const SEED_SQUADS = [
  { squadId: 'neiwu', name: '内务管理中队（办公室）', kind: 'OFFICE' },
  { squadId: 'fazhi', name: '执法监督与宣传中队', kind: 'SQUAD' },
  { squadId: 'shigu', name: '事故处理中队', kind: 'SQUAD' },
  { squadId: 'xunluo', name: '巡逻中队', kind: 'SQUAD' },
  { squadId: 'chengqu', name: '城区中队', kind: 'SQUAD' },
  { squadId: 'teqin', name: '特勤中队', kind: 'SQUAD', establishedOn: '2020-05-08' },
  { squadId: 'yitan', name: '宜潭中队', kind: 'SQUAD' },
  { squadId: 'zhihui', name: '122情报指挥中心', kind: 'CENTER', establishedOn: '2020-05-08' },
  { squadId: 'songbai', name: '松柏中队', kind: 'SQUAD' },
  { squadId: 'cheguan', name: '车管所', kind: 'VEHICLE_OFFICE' },
] as const;

export const SEED_HEADCOUNT = { asOf: '2020-12-31', police: 51, cadres: 1, workers: 14 } as const;

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
