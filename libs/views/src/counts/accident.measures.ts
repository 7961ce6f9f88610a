export const ACCIDENT_MEASURES = {
  accidents: 'accidents.total',
  accidentDeaths: 'accidents.deaths',
  accidentInjuries: 'accidents.injuries',
  accidentLossFen: 'accidents.direct_loss_fen',
  accidentsFastSettlement: 'accidents.fast_settlement',
  accidentsHitAndRun: 'accidents.hit_and_run',
  accidentsClosed: 'accidents.closed',
} as const;

const A = ACCIDENT_MEASURES;
export const ACCIDENT_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [A.accidents]: { zh: '交通事故', unitZh: '起' },
  [A.accidentDeaths]: { zh: '事故死亡', unitZh: '人' },
  [A.accidentInjuries]: { zh: '事故受伤', unitZh: '人' },
  [A.accidentLossFen]: { zh: '直接经济损失', unitZh: '分' },
  [A.accidentsFastSettlement]: { zh: '快处快赔处理事故', unitZh: '起' },
  [A.accidentsHitAndRun]: { zh: '逃逸事故', unitZh: '起' },
  [A.accidentsClosed]: { zh: '事故结案', unitZh: '起' },
};
