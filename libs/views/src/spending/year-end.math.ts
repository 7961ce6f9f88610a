/**
 * Year-end projections from year-to-date, in exact rational arithmetic on bigint: fen in, fen out, percentages
 * printed with decimal.ts. Every method is backtested on earlier years using only what was known then (the same
 * as-of day of that year, and for the seasonal profile only years before it), so its stated error is honest.
 */
import { fenToWanYuan, percent } from '../shared/decimal';

export interface Money {
  readonly fen: string;
  readonly wanYuan: string;
}

export const money = (fen: bigint): Money => ({ fen: fen.toString(), wanYuan: fenToWanYuan(fen) });

/** One earlier year as the ledger holds it. */
export interface YearHistory {
  readonly year: number;
  /** Net totals of January … December. */
  readonly monthly: readonly bigint[];
  readonly total: bigint;
  /** The total up to and including the same month-day as the as-of date (29 February → 28 February). */
  readonly toSameDay: bigint;
  readonly closed: boolean;
}

export interface YearEndInput {
  readonly year: number;
  readonly asOf: string;
  readonly yearToDate: bigint;
  /** Earlier years only, any order. */
  readonly history: readonly YearHistory[];
}

export const METHODS = ['run-rate', 'seasonal-monthly', 'prior-year-remainder'] as const;
export type MethodName = (typeof METHODS)[number];

export const METHOD_LABELS: Readonly<Record<MethodName, { zh: string; how: string }>> = {
  'run-rate': {
    zh: '按日均进度外推',
    how: 'year-to-date × days in year ÷ days elapsed',
  },
  'seasonal-monthly': {
    zh: '按往年月度分布外推',
    how: 'year-to-date ÷ the share of the year that earlier years had reached by the same day (monthly shares, the current month pro rata, mean over years)',
  },
  'prior-year-remainder': {
    zh: '本年已发生 + 上年同期后剩余',
    how: 'year-to-date + what the previous year added after the same day',
  },
};

export interface BacktestPoint {
  readonly year: number;
  readonly asOf: string;
  readonly yearToDate: Money;
  readonly projected: Money | null;
  readonly actual: Money;
  /** |projected − actual| ÷ actual, in percent. */
  readonly absPctError: string | null;
  readonly closed: boolean;
  readonly note: string | null;
}

export interface MethodProjection {
  readonly method: MethodName;
  readonly labelZh: string;
  readonly how: string;
  readonly projected: Money | null;
  readonly note: string | null;
  readonly backtest: {
    readonly points: readonly BacktestPoint[];
    /** Points that produced an error figure. */
    readonly n: number;
    readonly mapePct: string | null;
    readonly maxAbsPctError: string | null;
    readonly note: string | null;
  };
  /** projected × (1 ± the largest backtest error), never below year-to-date; null when nothing was backtested. */
  readonly range: { readonly low: Money; readonly high: Money; readonly basis: string } | null;
}

/** n / d with d > 0. */
interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const ratio = (n: bigint, d: bigint): Ratio => (d < 0n ? { n: -n, d: -d } : { n, d });
const add = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d + b.n * a.d, a.d * b.d);

function roundRatio(r: Ratio): bigint {
  const negative = r.n < 0n;
  const n = negative ? -r.n : r.n;
  const q = (2n * n + r.d) / (2n * r.d);
  return negative ? -q : q;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInYear = (y: number) => (isLeap(y) ? 366 : 365);
export const daysInMonth = (y: number, m: number) =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

export function dayOfYear(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  let n = Number(date.slice(8, 10));
  for (let k = 1; k < m; k += 1) n += daysInMonth(y, k);
  return n;
}

/** The as-of date's month-day in another year; 29 February becomes 28 February where there is none. */
export function sameDayIn(year: number, asOf: string): string {
  const md = asOf.slice(5);
  return `${year}-${md === '02-29' && !isLeap(year) ? '02-28' : md}`;
}

function runRate(year: number, asOf: string, toDate: bigint): Ratio {
  return ratio(toDate * BigInt(daysInYear(year)), BigInt(dayOfYear(asOf)));
}

/**
 * The mean over profile years of the share of their total reached by the as-of day: whole months before it, plus
 * the as-of month pro rata to the day (counted in the year being projected).
 */
function seasonalShare(asOf: string, profile: readonly YearHistory[]): Ratio | null {
  const usable = profile.filter((p) => p.total > 0n);
  if (usable.length === 0) return null;
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  const dom = BigInt(Number(asOf.slice(8, 10)));
  const dim = BigInt(daysInMonth(y, m));
  let sum: Ratio = { n: 0n, d: 1n };
  for (const p of usable) {
    let before = 0n;
    for (let k = 0; k < m - 1; k += 1) before += p.monthly[k] ?? 0n;
    const reached = before * dim + (p.monthly[m - 1] ?? 0n) * dom;
    sum = add(sum, ratio(reached, dim * p.total));
  }
  const share = ratio(sum.n, sum.d * BigInt(usable.length));
  return share.n > 0n ? share : null;
}

type Attempt = { value: Ratio } | { value: null; note: string };

function attempt(
  method: MethodName,
  year: number,
  asOf: string,
  toDate: bigint,
  earlier: readonly YearHistory[],
): Attempt {
  switch (method) {
    case 'run-rate':
      return { value: runRate(year, asOf, toDate) };
    case 'seasonal-monthly': {
      if (earlier.length === 0)
        return { value: null, note: '没有更早的年度可作月度分布 (no earlier year for a profile)' };
      const share = seasonalShare(asOf, earlier);
      if (!share) {
        return {
          value: null,
          note: '往年同期前没有发生额，无法按比例外推 (earlier years had nothing by this day)',
        };
      }
      return { value: ratio(toDate * share.d, share.n) };
    }
    case 'prior-year-remainder': {
      const prior = earlier.find((h) => h.year === year - 1);
      if (!prior) return { value: null, note: `账内没有 ${year - 1} 年度 (no ${year - 1} in the ledger)` };
      return { value: ratio(toDate + prior.total - prior.toSameDay, 1n) };
    }
    default: {
      const never: never = method;
      throw new Error(`unknown method ${String(never)}`);
    }
  }
}

function projectWith(
  method: MethodName,
  input: YearEndInput,
): { result: MethodProjection; mape: Ratio | null } {
  const history = [...input.history].filter((h) => h.year < input.year).sort((a, b) => a.year - b.year);
  const target = attempt(method, input.year, input.asOf, input.yearToDate, history);
  const projected = target.value === null ? null : roundRatio(target.value);

  const points: BacktestPoint[] = [];
  const errors: Ratio[] = [];
  for (const h of history) {
    const asOf = sameDayIn(h.year, input.asOf);
    const base = {
      year: h.year,
      asOf,
      yearToDate: money(h.toSameDay),
      actual: money(h.total),
      closed: h.closed,
    };
    const earlier = history.filter((e) => e.year < h.year);
    const back = attempt(method, h.year, asOf, h.toSameDay, earlier);
    if (back.value === null) {
      points.push({ ...base, projected: null, absPctError: null, note: back.note });
      continue;
    }
    const p = roundRatio(back.value);
    if (h.total <= 0n) {
      points.push({
        ...base,
        projected: money(p),
        absPctError: null,
        note: '该年合计为零，百分比误差无意义 (the year totals zero)',
      });
      continue;
    }
    const diff = p > h.total ? p - h.total : h.total - p;
    const error = ratio(diff, h.total);
    errors.push(error);
    points.push({
      ...base,
      projected: money(p),
      absPctError: percent(error.n, error.d, 1),
      note: h.closed ? null : '该年尚未结账，实际数可能还会变 (that year is not closed yet)',
    });
  }

  const n = errors.length;
  const mean = n === 0 ? null : errors.reduce(add, { n: 0n, d: 1n });
  const mape = mean ? ratio(mean.n, mean.d * BigInt(n)) : null;
  const max = errors.reduce<Ratio | null>((m, e) => (m === null || e.n * m.d > m.n * e.d ? e : m), null);

  let range: MethodProjection['range'] = null;
  if (projected !== null && max) {
    const low = roundRatio(ratio(projected * (max.d - max.n), max.d));
    const high = roundRatio(ratio(projected * (max.d + max.n), max.d));
    range = {
      low: money(low < input.yearToDate ? input.yearToDate : low),
      high: money(high),
      basis:
        '预测值 ± 回测最大绝对百分比误差，且不低于本年已发生数 (projection ± the largest backtest error, floored at year-to-date)',
    };
  }

  const result: MethodProjection = {
    method,
    labelZh: METHOD_LABELS[method].zh,
    how: METHOD_LABELS[method].how,
    projected: projected === null ? null : money(projected),
    note: target.value === null ? target.note : null,
    backtest: {
      points,
      n,
      mapePct: mape ? percent(mape.n, mape.d, 1) : null,
      maxAbsPctError: max ? percent(max.n, max.d, 1) : null,
      note:
        history.length === 0
          ? '账内没有更早的年度，无法回测，误差未知 (no earlier year in the ledger: not backtested, error unknown)'
          : n === 0
            ? '更早的年度都无法用此法回测，误差未知 (no earlier year could be backtested with this method: error unknown)'
            : null,
    },
    range,
  };
  return { result, mape: projected === null ? null : mape };
}

export interface YearEndProjection {
  readonly yearToDate: Money;
  readonly methods: readonly MethodProjection[];
  /** The backtested method with the lowest mean absolute percentage error; null when none was backtested. */
  readonly preferred: MethodName | null;
}

export function projectYearEnd(input: YearEndInput): YearEndProjection {
  const runs = METHODS.map((m) => projectWith(m, input));
  let preferred: { method: MethodName; mape: Ratio } | null = null;
  for (const { result, mape } of runs) {
    if (mape && (!preferred || mape.n * preferred.mape.d < preferred.mape.n * mape.d))
      preferred = { method: result.method, mape };
  }
  return {
    yearToDate: money(input.yearToDate),
    methods: runs.map((r) => r.result),
    preferred: preferred?.method ?? null,
  };
}
