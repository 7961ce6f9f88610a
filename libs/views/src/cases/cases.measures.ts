import type { CoerciveMeasure } from '@ledger/ledger/events';

export const CASE_MEASURES = {
  casesCriminalFiled: 'cases.criminal_filed',
  casesCriminalDetention: 'cases.criminal_detention',
  casesArrest: 'cases.arrest',
  casesDirectProsecution: 'cases.direct_prosecution',
  casesAdministrativeDetention: 'cases.administrative_detention',
} as const;

const C = CASE_MEASURES;

/** The measure a coercive measure counts under, in persons. */
export const COERCIVE_MEASURE_COUNTS: Readonly<Record<CoerciveMeasure, string>> = {
  CRIMINAL_DETENTION: C.casesCriminalDetention,
  ARREST: C.casesArrest,
  DIRECT_PROSECUTION: C.casesDirectProsecution,
};

export const CASE_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [C.casesCriminalFiled]: { zh: '立刑事案件', unitZh: '起' },
  [C.casesCriminalDetention]: { zh: '刑事拘留', unitZh: '人' },
  [C.casesArrest]: { zh: '逮捕', unitZh: '人' },
  [C.casesDirectProsecution]: { zh: '直诉', unitZh: '人' },
  [C.casesAdministrativeDetention]: { zh: '行政拘留', unitZh: '人' },
};
