import { M, percent } from '@ledger/views';

import type { Composer } from '../compose/composer';
import type { Block, Inline } from '../document/report-document';

/**
 * The 部门整体支出绩效评价 indicator table (财预〔2013〕53号 framework, domain.md §4). Weights are configuration:
 * DEFAULT_WEIGHTS holds the proposal (投入 15 / 过程 45 / 产出 20 / 效果 20); a unit's PerformanceTargetSet events
 * override the weight of any indicator code they name. Indicators the ledger cannot compute are listed, not guessed,
 * and the total is scaled over the weight that was scored.
 */
export interface IndicatorResult {
  readonly code: string;
  readonly level1: '投入' | '过程' | '产出' | '效果';
  readonly level2: string;
  readonly nameZh: string;
  readonly formulaZh: string;
  readonly ruleZh: string;
  readonly weight: number;
  /** The indicator's value as printed (a percentage), null when it cannot be computed from the ledger. */
  readonly value: string | null;
  readonly target: string | null;
  /** Points, two decimals; null when not scored. */
  readonly score: string | null;
  readonly evidence: readonly string[];
  readonly note: string | null;
}

export interface Scorecard {
  readonly indicators: readonly IndicatorResult[];
  readonly totalWeight: number;
  readonly scoredWeight: number;
  readonly rawScore: string;
  /** rawScore scaled to 100 over the scored weight. */
  readonly score: string;
  readonly grade: '优' | '良' | '中' | '差';
  readonly gradeRuleZh: string;
}

export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  TARGETS_SET: 5,
  STAFF_CONTROL: 5,
  THREE_PUBLIC_CHANGE: 5,
  BUDGET_EXECUTION: 15,
  BUDGET_ADJUSTMENT: 5,
  THREE_PUBLIC_CONTROL: 10,
  MANAGEMENT: 15,
  TARGET_COMPLETION: 15,
  HAZARD_RECTIFICATION: 5,
  ACCIDENTS_YOY: 5,
  DEATHS_YOY: 5,
  INJURIES_YOY: 5,
  LOSS_YOY: 5,
};

/** Percent string → hundredths of a percent as bigint ("12.3" → 1230n). */
function hundredths(pct: string): bigint {
  const negative = pct.startsWith('-');
  const [int, frac = ''] = pct.replace('-', '').split('.');
  const v = BigInt(int!) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -v : v;
}

/** Points with two decimals from hundredths of a point. */
function points(h: bigint): string {
  const v = h < 0n ? 0n : h;
  return `${v / 100n}.${(v % 100n).toString().padStart(2, '0')}`;
}

/** Full marks at or below `limit` percent; `perPoint` hundredths of a point deducted per percentage point above. */
function capped(weight: number, value: string, limit: bigint, perPointHundredths: bigint): bigint {
  const over = hundredths(value) - limit * 100n;
  const full = BigInt(weight) * 100n;
  if (over <= 0n) return full;
  const deduction = (over * perPointHundredths + 99n) / 100n;
  return full - deduction < 0n ? 0n : full - deduction;
}

export function buildScorecard(c: Composer): Scorecard {
  const { facts } = c;
  const weights: Record<string, number> = { ...DEFAULT_WEIGHTS };
  for (const t of facts.targets.targets) if (t.indicatorCode in weights) weights[t.indicatorCode] = t.weight;
  const out: IndicatorResult[] = [];
  const push = (r: Omit<IndicatorResult, 'weight' | 'score'> & { scoreHundredths: bigint | null }) => {
    const { scoreHundredths, ...rest } = r;
    out.push({
      ...rest,
      weight: weights[r.code] ?? 0,
      score: scoreHundredths === null ? null : points(scoreHundredths),
    });
  };
  const w = (code: string) => weights[code] ?? 0;

  const measureTargets = facts.targets.targets.filter((t) => !(t.indicatorCode in DEFAULT_WEIGHTS));
  push({
    code: 'TARGETS_SET',
    level1: '投入',
    level2: '目标设定',
    nameZh: '绩效目标设定',
    formulaZh: '年度绩效目标及指标是否登记',
    ruleZh: '已登记绩效目标得满分，未登记不得分',
    value: String(facts.targets.targets.length),
    target: null,
    scoreHundredths: facts.targets.targets.length > 0 ? BigInt(w('TARGETS_SET')) * 100n : 0n,
    evidence: [],
    note: facts.targets.targets.length > 0 ? null : '本年度未登记绩效目标',
  });

  const staffPct = facts.profile?.headcount?.establishmentControlPct ?? null;
  push({
    code: 'STAFF_CONTROL',
    level1: '投入',
    level2: '预算配置',
    nameZh: '在职人员控制率',
    formulaZh: '在职人数 ÷ 编制数',
    ruleZh: '≤100%得满分，每超1个百分点扣0.5分',
    value: staffPct,
    target: '100',
    scoreHundredths: staffPct === null ? null : capped(w('STAFF_CONTROL'), staffPct, 100n, 50n),
    evidence: ['profile.staff.total'],
    note: staffPct === null ? '账内未登记编制数，无法计算' : null,
  });

  const tpChange = facts.threePublic.total.changePct;
  push({
    code: 'THREE_PUBLIC_CHANGE',
    level1: '投入',
    level2: '预算配置',
    nameZh: '“三公经费”变动率',
    formulaZh: '(本年“三公经费”实际 − 上年实际) ÷ 上年实际',
    ruleZh: '≤0得满分，每增加1个百分点扣0.5分',
    value: tpChange,
    target: '0',
    scoreHundredths: tpChange === null ? null : capped(w('THREE_PUBLIC_CHANGE'), tpChange, 0n, 50n),
    evidence: ['finance.threePublic.total', 'finance.threePublic.priorYear'],
    note: tpChange === null ? '账内无上年“三公经费”' : null,
  });

  const execution = facts.finance.budget.executionRatePct;
  let executionScore: bigint | null = null;
  if (execution !== null) {
    const h = hundredths(execution);
    const off = h < 9500n ? 9500n - h : h > 10500n ? h - 10500n : 0n;
    const full = BigInt(w('BUDGET_EXECUTION')) * 100n;
    executionScore = off === 0n ? full : full - off > 0n ? full - off : 0n;
  }
  push({
    code: 'BUDGET_EXECUTION',
    level1: '过程',
    level2: '预算执行',
    nameZh: '预算完成率',
    formulaZh: '实际支出 ÷ 调整后预算',
    ruleZh: '95%–105%得满分，超出区间每1个百分点扣1分',
    value: execution,
    target: '95–105',
    scoreHundredths: executionScore,
    evidence: ['finance.expenditure.total'],
    note: execution === null ? '账内无本年预算' : null,
  });

  const adjustment = facts.finance.budget.adjustmentPct;
  push({
    code: 'BUDGET_ADJUSTMENT',
    level1: '过程',
    level2: '预算执行',
    nameZh: '预算调整率',
    formulaZh: '(调整后预算 − 年初预算) ÷ 年初预算',
    ruleZh: '调整幅度≤10%得满分，每超1个百分点扣0.5分',
    value: adjustment,
    target: '10',
    scoreHundredths:
      adjustment === null ? null : capped(w('BUDGET_ADJUSTMENT'), adjustment.replace('-', ''), 10n, 50n),
    evidence: [],
    note: adjustment === null ? '账内无本年预算' : null,
  });

  const control = facts.threePublic.total.controlRatePct;
  push({
    code: 'THREE_PUBLIC_CONTROL',
    level1: '过程',
    level2: '预算执行',
    nameZh: '“三公经费”控制率',
    formulaZh: '“三公经费”实际支出 ÷ “三公经费”预算',
    ruleZh: '≤100%得满分，每超1个百分点扣1分',
    value: control,
    target: '100',
    scoreHundredths: control === null ? null : capped(w('THREE_PUBLIC_CONTROL'), control, 100n, 100n),
    evidence: ['finance.threePublic.total', 'finance.threePublic.budget'],
    note: control === null ? '账内未设定“三公经费”预算' : null,
  });

  push({
    code: 'MANAGEMENT',
    level1: '过程',
    level2: '预算管理与资产管理',
    nameZh: '管理制度健全性、资金使用合规性、资产管理安全性',
    formulaZh: '定性指标',
    ruleZh: '由评价组人工评分',
    value: null,
    target: null,
    scoreHundredths: null,
    evidence: [],
    note: '定性指标，账内无依据，需人工评分',
  });

  // 产出: targets the office set on count measures, each met in proportion, weighted by its own weight.
  let completion: bigint | null = null;
  const evidence: string[] = [];
  if (measureTargets.length > 0) {
    let sum = 0n;
    let weightSum = 0n;
    for (const t of measureTargets) {
      const actual = c.countValue(t.indicatorCode, facts.yearCounts);
      const target = BigInt(t.target.split('.')[0] ?? '0');
      const ratio =
        target === 0n ? 10000n : (actual * 10000n) / target > 10000n ? 10000n : (actual * 10000n) / target;
      sum += ratio * BigInt(t.weight);
      weightSum += BigInt(t.weight);
      evidence.push(`work.${t.indicatorCode}`);
    }
    completion = weightSum === 0n ? null : sum / weightSum; // hundredths of a percent
  }
  push({
    code: 'TARGET_COMPLETION',
    level1: '产出',
    level2: '职责履行',
    nameZh: '实际完成率',
    formulaZh: 'Σ(实际完成数 ÷ 目标数, 上限100%) × 目标权重 ÷ Σ目标权重',
    ruleZh: '按完成比例得分',
    value: completion === null ? null : points(completion),
    target: '100',
    scoreHundredths: completion === null ? null : (completion * BigInt(w('TARGET_COMPLETION'))) / 100n,
    evidence,
    note: completion === null ? '未登记以工作量计的绩效目标' : null,
  });

  const found = c.countValue(M.hazardsFound, facts.yearCounts);
  const rectified = c.countValue(M.hazardsRectified, facts.yearCounts);
  const rate = percent(rectified, found, 1);
  push({
    code: 'HAZARD_RECTIFICATION',
    level1: '产出',
    level2: '职责履行',
    nameZh: '道路隐患整改率',
    formulaZh: '已整改隐患 ÷ 排查隐患',
    ruleZh: '按整改比例得分',
    value: rate,
    target: '100',
    scoreHundredths: rate === null ? null : (hundredths(rate) * BigInt(w('HAZARD_RECTIFICATION'))) / 100n,
    evidence: [`work.${M.hazardsFound}`, `work.${M.hazardsRectified}`],
    note: rate === null ? '本年未登记排查隐患' : null,
  });

  for (const [code, measure, name, figure] of [
    ['ACCIDENTS_YOY', M.accidents, '交通事故起数同比', 'outcome.accidents.change'],
    ['DEATHS_YOY', M.accidentDeaths, '事故死亡人数同比', 'outcome.deaths.change'],
    ['INJURIES_YOY', M.accidentInjuries, '事故受伤人数同比', 'outcome.injuries.change'],
    ['LOSS_YOY', M.accidentLossFen, '直接经济损失同比', 'outcome.loss.change'],
  ] as const) {
    const pct =
      facts.outcomes.changes?.find((x) => x.measure === measure && x.group === '')?.changePct ?? null;
    push({
      code,
      level1: '效果',
      level2: '履职效益',
      nameZh: name,
      formulaZh: '(本期 − 上年同期) ÷ 上年同期',
      ruleZh: '下降或持平得满分，每上升1个百分点扣0.5分',
      value: pct,
      target: '0',
      scoreHundredths: pct === null ? null : capped(w(code), pct, 0n, 50n),
      evidence: [figure],
      note: pct === null ? '账内无上年同期数据' : null,
    });
  }

  const totalWeight = out.reduce((s, r) => s + r.weight, 0);
  const scored = out.filter((r) => r.score !== null);
  const scoredWeight = scored.reduce((s, r) => s + r.weight, 0);
  const raw = scored.reduce((s, r) => s + hundredths(r.score!), 0n);
  const scaled = scoredWeight === 0 ? 0n : (raw * 100n + BigInt(scoredWeight) / 2n) / BigInt(scoredWeight);
  const grade = scaled >= 9000n ? '优' : scaled >= 8000n ? '良' : scaled >= 6000n ? '中' : '差';
  return {
    indicators: out,
    totalWeight,
    scoredWeight,
    rawScore: points(raw),
    score: points(scaled),
    grade,
    gradeRuleZh: '优 90–100，良 80–89，中 60–79，差 0–59（财政部预算司统一标准）',
  };
}

export function scorecardBlocks(card: Scorecard): Block[] {
  const rows: Inline[][] = card.indicators.map((r) => [
    r.level1,
    r.level2,
    r.nameZh,
    String(r.weight),
    r.value === null ? '—' : r.value,
    r.score === null ? '未评分' : r.score,
    r.note ?? r.ruleZh,
  ]);
  return [
    { kind: 'heading', level: 2, text: '（三）绩效评价指标得分' },
    {
      kind: 'table',
      caption: '部门整体支出绩效评价指标得分表',
      columns: ['一级指标', '二级指标', '三级指标', '权重', '指标值（%）', '得分', '评分规则/说明'],
      rows,
    },
    {
      kind: 'paragraph',
      parts: [
        `已评分指标权重${card.scoredWeight}分，得分${card.rawScore}分，折合百分制${card.score}分，评价等级为“${card.grade}”（${card.gradeRuleZh}）。`,
        card.scoredWeight < card.totalWeight
          ? `另有${card.totalWeight - card.scoredWeight}分权重的指标无法由账内数据计算，需人工评分。`
          : '',
      ],
    },
  ];
}
