import { asBoolean, asChoice, asCount, asDate, asFen, asId, asText } from '../read/converters';
import { perRow, pick, type KindSpec } from './kind-spec';

const FIELDS = [
  'accidentId',
  'squadId',
  'occurredOn',
  'procedure',
  'deaths',
  'injuries',
  'directLossFen',
  'hitAndRun',
  'roadCode',
] as const;

/** 事故台账: one row per accident → RecordAccident, the same body POST /api/v1/commands/RecordAccident takes. */
export const accidentsKind: KindSpec = {
  kind: 'accidents',
  labelZh: '交通事故',
  commandNames: ['RecordAccident'],
  defaultRole: 'brigade_office',
  fields: [
    {
      field: 'accidentId',
      labelZh: '事故编号',
      headers: ['事故编号', '编号', '案件编号', '事故号'],
      convert: asId('事故编号'),
      required: true,
    },
    {
      field: 'squadId',
      labelZh: '中队',
      headers: ['中队', '办案中队', '所属中队', '承办中队'],
      convert: asId('中队'),
      required: true,
    },
    {
      field: 'occurredOn',
      labelZh: '日期',
      headers: ['日期', '事故日期', '发生日期', '发生时间', '事故时间'],
      convert: asDate,
      required: true,
    },
    {
      field: 'procedure',
      labelZh: '处理程序',
      headers: ['处理程序', '程序', '适用程序', '类别', '事故类别'],
      convert: asChoice({
        SIMPLE: ['简易程序', '简易'],
        GENERAL: ['一般程序', '一般'],
        FAST_SETTLEMENT: ['快处快赔', '快赔', '快处'],
      }),
      required: true,
    },
    {
      field: 'deaths',
      labelZh: '死亡',
      headers: ['死亡', '死亡人数', '死亡（人）'],
      convert: asCount(1000),
      required: true,
    },
    {
      field: 'injuries',
      labelZh: '受伤',
      headers: ['受伤', '受伤人数', '受伤（人）'],
      convert: asCount(10000),
      required: true,
    },
    {
      field: 'directLossFen',
      labelZh: '直接损失',
      headers: ['直接损失', '直接经济损失', '直接财产损失', '经济损失', '损失金额'],
      convert: asFen({ positive: false }),
      required: true,
    },
    { field: 'hitAndRun', labelZh: '逃逸', headers: ['逃逸', '是否逃逸', '肇事逃逸'], convert: asBoolean },
    {
      field: 'roadCode',
      labelZh: '路段',
      headers: ['路段', '道路', '道路编号', '路线编号', '事故地点'],
      convert: asText(40),
    },
  ],
  plan: perRow('RecordAccident', (values, ctx) => ({ unitId: ctx.unitId, ...pick(values, FIELDS) })),
};
