/** Chinese first; English on request. The choice is kept in localStorage and announced with a `lang-change` event. */
export type Lang = 'zh' | 'en';

const STRINGS = {
  appTitle: ['交警大队业务与经费台账', 'Traffic police ledger'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  token: ['访问令牌', 'Access token'],
  tokenHint: [
    '请输入管理员签发的访问令牌（ltk_…）',
    'Paste the access token your administrator issued (ltk_…)',
  ],
  badToken: ['令牌无效或已撤销', 'The token is invalid or revoked'],
  unit: ['单位', 'Unit'],
  squad: ['中队', 'Squad'],
  year: ['年度', 'Year'],
  asOf: ['截至', 'As of'],
  from: ['起', 'From'],
  to: ['止', 'To'],
  apply: ['查询', 'Apply'],
  refresh: ['刷新', 'Refresh'],
  loading: ['加载中…', 'Loading…'],
  none: ['暂无数据', 'No data'],
  rows: ['行', 'rows'],
  optional: ['（可不填）', '(optional)'],
  table: ['视图表', 'View table'],
  notAllowed: ['当前角色无权查看此页', 'Your role may not read this page'],
  notAvailable: ['服务端尚未提供此功能', 'The server does not offer this yet'],
  // navigation
  navUnit: ['单位登记', 'Unit'],
  navFinance: ['经费', 'Finance'],
  navCounts: ['业务统计', 'Counts'],
  navReport: ['评价报告', 'Report'],
  navAudit: ['审计', 'Audit'],
  // unit view
  postRecord: ['登记', 'Post a record'],
  command: ['登记类型', 'Record type'],
  submit: ['提交', 'Submit'],
  submitting: ['提交中…', 'Submitting…'],
  posted: ['已登记', 'Posted'],
  replayed: ['重复提交，已返回首次结果', 'Already posted: the first result came back'],
  fixErrors: ['请更正标红的字段', 'Please correct the fields marked in red'],
  required: ['必填', 'required'],
  recentPostings: ['最近登记', 'Recent postings'],
  correct: ['更正', 'Correct'],
  reverse: ['作废/冲销', 'Void / reverse'],
  correcting: ['更正或作废', 'Correcting or voiding'],
  cancel: ['取消', 'Cancel'],
  addRow: ['添加一行', 'Add a row'],
  removeRow: ['删除', 'Remove'],
  yuan: ['元', 'yuan'],
  noCorrection: ['此记录没有可用的更正命令', 'No correcting command fits this record'],
  viewsLag: ['统计视图将在数秒内更新', 'The views update within seconds'],
  // tables
  position: ['位置', 'Position'],
  recordedAt: ['记录时间', 'Recorded at'],
  type: ['事件类型', 'Event type'],
  businessDate: ['业务日期', 'Business date'],
  summary: ['摘要', 'Summary'],
  principal: ['登记人', 'Posted by'],
  role: ['角色', 'Role'],
  stream: ['流', 'Stream'],
  version: ['版本', 'Version'],
  correlation: ['关联号', 'Correlation'],
  causation: ['起因', 'Causation'],
  hash: ['链哈希', 'Chain hash'],
  // counts
  measure: ['指标', 'Measure'],
  current: ['本期', 'This period'],
  previous: ['上年同期', 'Same period last year'],
  change: ['增减', 'Change'],
  byMonth: ['按月', 'By month'],
  bySquad: ['按中队', 'By squad'],
  byDay: ['按日明细', 'By day'],
  accidents: ['交通事故（死亡、受伤、直接经济损失）', 'Accidents (deaths, injuries, direct loss)'],
  compare: ['与上年同期比较', 'Compare with the same period last year'],
  // finance
  income: ['收入', 'Income'],
  expenditure: ['支出', 'Expenditure'],
  incomeStructure: ['收入结构', 'Income structure'],
  expenditureStructure: ['支出结构（基本/项目）', 'Expenditure: basic and project'],
  basicStructure: ['基本支出（人员/公用）', 'Basic: personnel and public'],
  econClasses: ['经济分类', 'Economic classification'],
  projects: ['项目支出', 'Project funds'],
  threePublic: ['“三公”经费', '“Three public” spending'],
  actual: ['实际', 'Actual'],
  budget: ['预算', 'Budget'],
  lastYear: ['上年', 'Last year'],
  monthlyExecution: ['预算执行进度（累计）', 'Budget execution by month (cumulative)'],
  executionRate: ['执行率', 'Execution rate'],
  spent: ['已支出', 'Spent'],
  yearEnd: ['年末预测', 'Year-end projection'],
  method: ['方法', 'Method'],
  projected: ['预测值', 'Projected'],
  range: ['区间', 'Range'],
  backtest: ['回测误差', 'Backtest error'],
  mape: ['平均绝对误差', 'Mean abs. error'],
  maxError: ['最大误差', 'Largest error'],
  preferred: ['优选', 'preferred'],
  wan: ['万元', '10k yuan'],
  total: ['合计', 'Total'],
  share: ['占比', 'Share'],
  // report
  report: ['部门整体支出绩效评价报告', 'Performance evaluation report'],
  generate: ['生成报告', 'Generate'],
  download: ['下载', 'Download'],
  figure: ['数字', 'Figure'],
  figureEvents: ['此数字来自以下事件', 'The events behind this figure'],
  provenance: ['来源', 'Provenance'],
  clickFigure: ['点击报告中的数字可查看其来源事件', 'Click a figure in the report to see its events'],
  // audit
  streamId: ['流编号', 'Stream id'],
  history: ['流的历史', "A stream's history"],
  verify: ['校验哈希链与封印', 'Verify chains and seals'],
  verifyOk: ['校验通过', 'Verified'],
  verifyBroken: ['发现断链', 'Broken link found'],
  replay: ['按日期重放', 'Replay as of a date'],
  basis: ['时间口径', 'Basis'],
  basisRecorded: ['按记录时间', 'as recorded'],
  basisBusiness: ['按业务日期', 'by business date'],
  who: ['谁登记了什么', 'Who posted what'],
  count: ['数量', 'Count'],
  run: ['执行', 'Run'],
  diff: ['与现行视图比对', 'Compare with the live views'],
  identical: ['与现行视图一致', 'Identical to the live views'],
  exportEvents: ['导出事件（NDJSON）', 'Export events (NDJSON)'],
  eventData: ['事件内容', 'Event data'],
  language: ['English', '中文'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof STRINGS;

const STORAGE_KEY = 'ledger.lang';
// Guarded so the pure helpers that print labels can be unit-tested outside a browser.
const storage = typeof localStorage === 'undefined' ? null : localStorage;
let current: Lang = storage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
export const langEvents = new EventTarget();

export const lang = (): Lang => current;

export function setLang(next: Lang): void {
  current = next;
  storage?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  langEvents.dispatchEvent(new Event('lang-change'));
}

export function t(key: MessageKey): string {
  return STRINGS[key][current === 'zh' ? 0 : 1];
}

/**
 * The API's messages are bilingual, Chinese first: `中文 (English)`. Chinese mode shows them whole; English mode
 * shows the part in brackets when there is one.
 */
export function apiMessage(message: string): string {
  if (current === 'zh') return message;
  const m = /\(([^()]*)\)\s*$/.exec(message);
  return m?.[1] ?? message;
}
