/**
 * Reference data for finance postings: the 部门预算支出经济分类 (class 3 digits, item 5 digits) as listed in
 * docs/domain.md §3.1, the income types of the 收入支出决算总表, and the 三公 categories by economic code.
 * Pure data, no framework: deciders validate against it, views label with it.
 */

export interface EconClass {
  readonly code: string;
  readonly labelZh: string;
  readonly items: Readonly<Record<string, string>>;
}

/** Items of 309 are those of 310 with the 309 prefix (domain.md §3.1). */
const CAPITAL_ITEMS: Readonly<Record<string, string>> = {
  '01': '房屋建筑物购建',
  '02': '办公设备购置',
  '03': '专用设备购置',
  '05': '基础设施建设',
  '06': '大型修缮',
  '07': '信息网络及软件购置更新',
  '08': '物资储备',
  '09': '土地补偿',
  '10': '安置补助',
  '11': '地上附着物和青苗补偿',
  '12': '拆迁补偿',
  '13': '公务用车购置',
  '19': '其他交通工具购置',
  '21': '文物和陈列品购置',
  '22': '无形资产购置',
};

const withPrefix = (prefix: string, items: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(items).map(([k, v]) => [`${prefix}${k}`, v]));

export const ECON_CLASSES: readonly EconClass[] = [
  {
    code: '301',
    labelZh: '工资福利支出',
    items: {
      '30101': '基本工资',
      '30102': '津贴补贴',
      '30103': '奖金',
      '30106': '伙食补助费',
      '30107': '绩效工资',
      '30108': '机关事业单位基本养老保险缴费',
      '30109': '职业年金缴费',
      '30110': '职工基本医疗保险缴费',
      '30111': '公务员医疗补助缴费',
      '30112': '其他社会保障缴费',
      '30113': '住房公积金',
      '30114': '医疗费',
      '30199': '其他工资福利支出',
    },
  },
  {
    code: '302',
    labelZh: '商品和服务支出',
    items: {
      '30201': '办公费',
      '30202': '印刷费',
      '30203': '咨询费',
      '30204': '手续费',
      '30205': '水费',
      '30206': '电费',
      '30207': '邮电费',
      '30208': '取暖费',
      '30209': '物业管理费',
      '30211': '差旅费',
      '30212': '因公出国（境）费用',
      '30213': '维修（护）费',
      '30214': '租赁费',
      '30215': '会议费',
      '30216': '培训费',
      '30217': '公务接待费',
      '30218': '专用材料费',
      '30224': '被装购置费',
      '30225': '专用燃料费',
      '30226': '劳务费',
      '30227': '委托业务费',
      '30228': '工会经费',
      '30229': '福利费',
      '30231': '公务用车运行维护费',
      '30239': '其他交通费用',
      '30240': '税金及附加费用',
      '30299': '其他商品和服务支出',
    },
  },
  {
    code: '303',
    labelZh: '对个人和家庭的补助',
    items: {
      '30301': '离休费',
      '30302': '退休费',
      '30303': '退职（役）费',
      '30304': '抚恤金',
      '30305': '生活补助',
      '30306': '救济费',
      '30307': '医疗费补助',
      '30308': '助学金',
      '30309': '奖励金',
      '30310': '个人农业生产补贴',
      // domain.md marks 30311 as uncertain; it is kept so a posting under it is not refused.
      '30311': '代缴社会保险费',
      '30399': '其他对个人和家庭的补助',
    },
  },
  {
    code: '307',
    labelZh: '债务利息及费用支出',
    items: {
      '30701': '国内债务付息',
      '30702': '国外债务付息',
      '30703': '国内债务发行费用',
      '30704': '国外债务发行费用',
    },
  },
  {
    code: '309',
    labelZh: '资本性支出（基本建设）',
    items: { ...withPrefix('309', CAPITAL_ITEMS), '30999': '其他基本建设支出' },
  },
  {
    code: '310',
    labelZh: '资本性支出',
    items: { ...withPrefix('310', CAPITAL_ITEMS), '31099': '其他资本性支出' },
  },
  // Class names only: domain.md lists no items for these, so no posting can name them until the table grows.
  { code: '311', labelZh: '对企业补助（基本建设）', items: {} },
  { code: '312', labelZh: '对企业补助', items: {} },
  { code: '313', labelZh: '对社会保障基金补助', items: {} },
  { code: '399', labelZh: '其他支出', items: {} },
];

const ITEM_LABELS = new Map<string, string>(ECON_CLASSES.flatMap((c) => Object.entries(c.items)));
const CLASS_LABELS = new Map<string, string>(ECON_CLASSES.map((c) => [c.code, c.labelZh]));

export const isEconItemCode = (code: string): boolean => ITEM_LABELS.has(code);
export const econClassOf = (code: string): string => code.slice(0, 3);
export const econItemLabel = (code: string): string => ITEM_LABELS.get(code) ?? code;
export const econClassLabel = (code: string): string => CLASS_LABELS.get(code) ?? code;

/**
 * 支出功能分类 项 (7 digits). Expenditure function classes are 2xx; the item list is versioned reference data
 * (domain.md §3.2), so only the shape is checked here.
 */
export const FUNC_CODE_PATTERN = /^2\d{6}$/;

export const FUNC_CODE_LABELS: Readonly<Record<string, string>> = {
  '2040201': '公安-行政运行',
  '2040202': '公安-一般行政管理事务',
  '2040203': '公安-机关服务',
  '2040212': '公安-道路交通管理',
  '2040219': '公安-信息化建设',
  '2040220': '公安-执法办案',
  '2040221': '公安-特别业务',
  '2040250': '公安-事业运行',
  '2040299': '公安-其他公安支出',
  '2080505': '机关事业单位基本养老保险缴费支出',
  '2080506': '机关事业单位职业年金缴费支出',
  '2101101': '行政单位医疗',
  '2210201': '住房公积金',
};

export const BUDGET_KINDS = ['BASIC', 'PROJECT'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];
export const BUDGET_KIND_LABELS: Readonly<Record<BudgetKind, string>> = {
  BASIC: '基本支出',
  PROJECT: '项目支出',
};

/** 人员经费 / 日常公用经费: the two halves of 基本支出. */
export const BASIC_SUB_KINDS = ['PERSONNEL', 'PUBLIC'] as const;
export type BasicSubKind = (typeof BASIC_SUB_KINDS)[number];
export const BASIC_SUB_KIND_LABELS: Readonly<Record<BasicSubKind, string>> = {
  PERSONNEL: '人员经费',
  PUBLIC: '日常公用经费',
};

export const INCOME_TYPES = [
  'FISCAL_GENERAL',
  'FISCAL_FUND',
  'FISCAL_SOE',
  'SUPERIOR_SUBSIDY',
  'BUSINESS',
  'OPERATING',
  'AFFILIATE',
  'OTHER',
] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];
export const INCOME_TYPE_LABELS: Readonly<Record<IncomeType, string>> = {
  FISCAL_GENERAL: '一般公共预算财政拨款收入',
  FISCAL_FUND: '政府性基金预算财政拨款收入',
  FISCAL_SOE: '国有资本经营预算财政拨款收入',
  SUPERIOR_SUBSIDY: '上级补助收入',
  BUSINESS: '事业收入',
  OPERATING: '经营收入',
  AFFILIATE: '附属单位上缴收入',
  OTHER: '其他收入',
};
/** The three budget appropriations together are the 决算's 财政拨款收入. */
export const FISCAL_APPROPRIATION_TYPES: readonly IncomeType[] = [
  'FISCAL_GENERAL',
  'FISCAL_FUND',
  'FISCAL_SOE',
];

/** Fund sources are open codes; these are the ones the seed names, with their labels. */
export const FUND_SOURCE_LABELS: Readonly<Record<string, string>> = {
  LOCAL_FISCAL: '本级财政拨款',
  CENTRAL_PROVINCIAL_TRANSFER: '中央和省级政法转移支付',
  ACCIDENT_RELIEF_FUND: '道路交通事故社会救助基金',
  OTHER: '其他资金',
};

export const THREE_PUBLIC_KEYS = ['overseas', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;
export type ThreePublicKey = (typeof THREE_PUBLIC_KEYS)[number];

/**
 * 三公经费 by economic code, across basic and project spending alike (domain.md §3.3). Vehicle purchase counts
 * both the 310 and the 309 (基本建设) item.
 */
export const THREE_PUBLIC_CATEGORIES: readonly {
  readonly key: ThreePublicKey;
  readonly labelZh: string;
  readonly econCodes: readonly string[];
}[] = [
  { key: 'overseas', labelZh: '因公出国（境）费', econCodes: ['30212'] },
  { key: 'vehiclePurchase', labelZh: '公务用车购置费', econCodes: ['31013', '30913'] },
  { key: 'vehicleOperation', labelZh: '公务用车运行维护费', econCodes: ['30231'] },
  { key: 'reception', labelZh: '公务接待费', econCodes: ['30217'] },
];
