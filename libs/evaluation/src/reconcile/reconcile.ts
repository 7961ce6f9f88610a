import { percent } from '@ledger/views';

import type { Figure } from '../document/report-document';
import type { ReportFacts } from '../facts/report-facts';

/**
 * Where a report's figures do not hold together, or a hand-written report states what the ledger does not
 * support. Internal checks run on every report; stated figures are compared when a hand-written report is given.
 */
export interface Finding {
  readonly kind: 'consistency' | 'stated';
  readonly severity: 'ok' | 'note' | 'flag';
  readonly figureId: string | null;
  readonly messageZh: string;
  readonly stated?: string;
  readonly computed?: string;
}

export interface StatedFigure {
  readonly figureId: string;
  /** As printed in the hand-written report, e.g. "12.3" or "1234.5". */
  readonly value: string;
}

const decimalsOf = (v: string) => (v.includes('.') ? v.split('.')[1]!.length : 0);

/** Rounds a decimal string half away from zero to `decimals` places, exactly. */
export function roundDecimal(value: string, decimals: number): string {
  const negative = value.startsWith('-');
  const [int, frac = ''] = value.replace('-', '').split('.');
  const digits = BigInt(int! + (frac + '0'.repeat(decimals + 1)).slice(0, decimals + 1));
  const rounded = (digits + 5n) / 10n;
  const s = rounded.toString().padStart(decimals + 1, '0');
  const out = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/** A derived share recomputed to three decimals from its inputs' exact values, for explaining a rounding slip. */
function precise(figure: Figure, figures: Readonly<Record<string, Figure>>): string | null {
  const [a, b] = figure.provenance.inputs ?? [];
  const fa = a ? figures[a] : undefined;
  const fb = b ? figures[b] : undefined;
  if (
    !fa ||
    !fb ||
    figure.kind !== 'percent' ||
    !/÷/.test(figure.provenance.formula ?? '') ||
    /−/.test(figure.provenance.formula ?? '')
  ) {
    return null;
  }
  return percent(BigInt(fa.exact), BigInt(fb.exact), 3);
}

export function compareStated(
  stated: readonly StatedFigure[],
  figures: Readonly<Record<string, Figure>>,
): Finding[] {
  return stated.map((s) => {
    const f = figures[s.figureId];
    if (!f) {
      return {
        kind: 'stated',
        severity: 'flag',
        figureId: s.figureId,
        stated: s.value,
        messageZh: `报告所列数字 ${s.value} 在账内没有对应的计算结果`,
      };
    }
    const d = decimalsOf(s.value);
    const sameAtStatedPrecision = roundDecimal(f.display.replace('—', '0'), d) === s.value;
    const exactNote = precise(f, figures);
    if (f.display === s.value) {
      return {
        kind: 'stated',
        severity: 'ok',
        figureId: f.id,
        stated: s.value,
        computed: f.display,
        messageZh: `${f.labelZh}：一致`,
      };
    }
    if (sameAtStatedPrecision && decimalsOf(f.display) > d) {
      return {
        kind: 'stated',
        severity: 'note',
        figureId: f.id,
        stated: s.value,
        computed: f.display,
        messageZh: `${f.labelZh}：报告印 ${s.value}（${d} 位小数），账内 ${f.display}，按报告精度一致`,
      };
    }
    return {
      kind: 'stated',
      severity: 'flag',
      figureId: f.id,
      stated: s.value,
      computed: f.display,
      messageZh: `${f.labelZh}：报告印 ${s.value}，账内计算为 ${f.display}${exactNote ? `（精确值 ${exactNote}）` : ''}，不符`,
    };
  });
}

/** Checks the ledger's own figures against each other: parts add up to wholes, shares to 100. */
export function consistencyChecks(facts: ReportFacts): Finding[] {
  const out: Finding[] = [];
  const exp = facts.finance.expenditure;
  const sumOf = (rows: readonly { fen: string }[]) => rows.reduce((s, r) => s + BigInt(r.fen), 0n);
  const total = BigInt(exp.total.fen);
  const check = (figureId: string, label: string, parts: bigint, whole: bigint) =>
    out.push({
      kind: 'consistency',
      severity: parts === whole ? 'ok' : 'flag',
      figureId,
      messageZh:
        parts === whole
          ? `${label}：分项合计等于总数`
          : `${label}：分项合计 ${parts} 分，总数 ${whole} 分，相差 ${parts - whole} 分`,
    });
  check('finance.expenditure.total', '基本支出 + 项目支出 = 总支出', sumOf(exp.byBudgetKind), total);
  check('finance.expenditure.total', '经济分类合计 = 总支出', sumOf(exp.byEconClass), total);
  const project = exp.byBudgetKind.find((r) => r.key === 'PROJECT');
  if (project)
    check('finance.expenditure.project', '各项目合计 = 项目支出', sumOf(exp.byProject), BigInt(project.fen));
  const shares = (rows: readonly { sharePct: string | null }[], label: string, figureId: string) => {
    const printed = rows.filter((r) => r.sharePct !== null).map((r) => r.sharePct!);
    if (printed.length < 2) return;
    const sum = printed.reduce((s, p) => s + BigInt(p.replace('.', '')), 0n);
    out.push({
      kind: 'consistency',
      severity: sum === 1000n ? 'ok' : 'note',
      figureId,
      messageZh:
        sum === 1000n
          ? `${label}占比合计 100.0%`
          : `${label}占比合计 ${sum / 10n}.${sum % 10n}%：各项独立四舍五入所致，精确值合计为100%`,
    });
  };
  shares(
    exp.byBudgetKind.filter((r) => r.fen !== '0'),
    '支出结构',
    'finance.expenditure.total',
  );
  shares(
    facts.finance.income.bySource.filter((r) => r.fen !== '0'),
    '收入结构',
    'finance.income.total',
  );
  const gap = BigInt(facts.finance.incomeLessExpenditure.fen);
  if (gap < 0n) {
    out.push({
      kind: 'consistency',
      severity: 'note',
      figureId: 'finance.expenditure.total',
      messageZh: `支出超过收入 ${facts.finance.incomeLessExpenditure.wanYuan.replace('-', '')} 万元，应由年初结转和结余弥补（本年账内登记结转 ${facts.finance.balanceBroughtForward.total.wanYuan} 万元）`,
    });
  }
  const tp = facts.threePublic;
  const parts = tp.categories.reduce((s, c) => s + BigInt(c.actual.fen), 0n);
  check('finance.threePublic.total', '“三公经费”分项合计 = 总额', parts, BigInt(tp.total.actual.fen));
  return out;
}
