export const ORGANISATION_MEASURES = {
  auxiliaryRecruited: 'staff.auxiliary_recruited',
} as const;

export const ORGANISATION_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [ORGANISATION_MEASURES.auxiliaryRecruited]: { zh: '招聘辅警', unitZh: '名' },
};
