/**
 * Every measure the count views carry, with the label the report and the dashboard print. One home: projections
 * write these names, queries and the report read them. Money measures end in `_fen`.
 */
export const M = {
  accidents: 'accidents.total',
  accidentDeaths: 'accidents.deaths',
  accidentInjuries: 'accidents.injuries',
  accidentLossFen: 'accidents.direct_loss_fen',
  accidentsFastSettlement: 'accidents.fast_settlement',
  accidentsHitAndRun: 'accidents.hit_and_run',
  accidentsClosed: 'accidents.closed',
} as const;

export const MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [M.accidents]: { zh: '交通事故', unitZh: '起' },
  [M.accidentDeaths]: { zh: '事故死亡', unitZh: '人' },
  [M.accidentInjuries]: { zh: '事故受伤', unitZh: '人' },
  [M.accidentLossFen]: { zh: '直接经济损失', unitZh: '分' },
  [M.accidentsFastSettlement]: { zh: '快处快赔处理事故', unitZh: '起' },
  [M.accidentsHitAndRun]: { zh: '逃逸事故', unitZh: '起' },
  [M.accidentsClosed]: { zh: '事故结案', unitZh: '起' },
};
