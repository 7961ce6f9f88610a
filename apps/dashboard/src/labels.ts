/**
 * Chinese labels for the codes the API speaks: enum values from the ledger's own label tables (pure data, bundled
 * from libs/ledger), and the field names of the posting forms.
 */
import {
  BASIC_SUB_KIND_LABELS,
  BUDGET_KIND_LABELS,
  CAMPAIGN_KIND_LABELS,
  CHECKPOINT_PURPOSE_LABELS,
  ECON_CLASSES,
  FUNC_CODE_LABELS,
  HAZARD_KIND_LABELS,
  INCOME_TYPE_LABELS,
  INSPECTION_TARGET_LABELS,
  NARRATIVE_SECTIONS,
  PRIOR_BASELINE_METRICS,
  TALLY_CATEGORIES,
  UNIT_KIND_LABELS,
} from '@ledger/ledger/events';

import { lang } from './i18n';

const LOCAL: Readonly<Record<string, string>> = {
  SIMPLE: '简易程序',
  GENERAL: '一般程序',
  FAST_SETTLEMENT: '快处快赔',
  EXACT: '确数',
  AT_LEAST: '下限（余）',
  APPROXIMATE: '约数',
  DANGEROUS_DRIVING: '危险驾驶',
  TRAFFIC_CAUSING_CASUALTY: '交通肇事',
  CRIMINAL_DETENTION: '刑事拘留',
  ARREST: '逮捕',
  DIRECT_PROSECUTION: '直诉',
  SKILL: '业务技能',
  PHYSICAL: '体能',
  JOINT: '联合演练',
  DRILL: '演练',
  VILLAGE: '进农村',
  COMMUNITY: '进社区',
  ENTERPRISE: '进企业',
  AGENCY: '进机关',
  SCHOOL: '进学校',
  MEDIA: '媒体',
  OTHER: '其他',
  squad_clerk: '中队内勤',
  brigade_office: '大队办公室',
  finance: '财务',
  auditor: '审计',
  admin: '管理员',
};

const ENUM_LABELS = new Map<string, string>([
  ...Object.entries(LOCAL),
  ...Object.entries(TALLY_CATEGORIES).map(([k, v]): [string, string] => [k, v.zh]),
  ...Object.entries(PRIOR_BASELINE_METRICS).map(([k, v]): [string, string] => [k, v.zh]),
  ...Object.entries({
    ...HAZARD_KIND_LABELS,
    ...UNIT_KIND_LABELS,
    ...CAMPAIGN_KIND_LABELS,
    ...CHECKPOINT_PURPOSE_LABELS,
    ...INSPECTION_TARGET_LABELS,
    ...NARRATIVE_SECTIONS,
    ...BUDGET_KIND_LABELS,
    ...BASIC_SUB_KIND_LABELS,
    ...INCOME_TYPE_LABELS,
  }),
]);

/** `VIOLATION_DRUNK_DRIVING` → `醉酒驾驶 VIOLATION_DRUNK_DRIVING` in Chinese mode, the code alone in English. */
export function enumLabel(value: string): string {
  const zh = ENUM_LABELS.get(value);
  return zh && lang() === 'zh' ? `${zh}` : value;
}

/** Economic items and function codes offered as suggestions in the forms. */
export const ECON_ITEMS: readonly [string, string][] = ECON_CLASSES.flatMap((c) => Object.entries(c.items));
export const FUNC_CODES: readonly [string, string][] = Object.entries(FUNC_CODE_LABELS);

const FIELD_LABELS: Readonly<Record<string, string>> = {
  unitId: '单位',
  parentId: '上级单位',
  squadId: '中队',
  businessDate: '业务日期',
  category: '类别',
  count: '数量',
  qualifier: '数量性质',
  sourceRef: '来源',
  targetEventId: '被更正的事件',
  reason: '原因',
  accidentId: '事故编号',
  occurredOn: '发生日期',
  procedure: '处理程序',
  deaths: '死亡人数',
  injuries: '受伤人数',
  directLossFen: '直接经济损失',
  hitAndRun: '逃逸',
  closedOn: '结案日期',
  hazardId: '隐患编号',
  kind: '类型',
  description: '说明',
  foundOn: '发现日期',
  requestedOn: '通知日期',
  rectifiedOn: '整改日期',
  name: '名称',
  establishedOn: '成立日期',
  dissolvedOn: '撤销日期',
  renamedOn: '更名日期',
  asOf: '截至日期',
  police: '民警',
  cadres: '干部',
  workers: '工勤',
  auxiliary: '辅警',
  year: '年度',
  approvedOn: '批复日期',
  lines: '预算明细',
  lineId: '明细编号',
  amountFen: '金额',
  voucherNo: '凭证号',
  originalVoucherNo: '原凭证号',
  payee: '收款单位',
  summary: '摘要',
  paidOn: '支付日期',
  receivedOn: '收款日期',
  reversedOn: '冲销日期',
  reclassifiedOn: '调整日期',
  incomeType: '收入类型',
  fundSource: '资金来源',
  econCode: '经济分类',
  funcCode: '功能分类',
  budgetKind: '预算类型',
  basicSubKind: '基本支出类型',
  projectId: '项目',
  setOn: '下达日期',
  overseasFen: '因公出国（境）费',
  vehiclePurchaseFen: '公务用车购置费',
  vehicleOperationFen: '公务用车运行维护费',
  receptionFen: '公务接待费',
  adjustedOn: '调整日期',
  approvedBy: '批准人',
  auditRef: '审计文号',
  caseNo: '案件编号',
  filedOn: '立案日期',
  offence: '案由',
  measure: '措施',
  campaignId: '专项行动编号',
  launchedOn: '启动日期',
  checks: '检查数',
  violations: '查处违法',
  activityId: '活动编号',
  venue: '场所',
  audience: '受众人数',
  helmets: '发放头盔',
  sessionId: '培训编号',
  participants: '参训人数',
  section: '章节',
  paragraphs: '段落',
  metric: '指标',
  value: '数值',
  to: '调整为',
};

export function fieldLabel(name: string): string {
  const zh = FIELD_LABELS[name];
  return zh && lang() === 'zh' ? zh : name;
}
