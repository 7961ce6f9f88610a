/** Chinese renderings the report's prose uses. */
const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function smallNumberZh(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 2021-06-23 → 二〇二一年六月二十三日, as official documents date their signature. */
export function dateZhUpper(date: string): string {
  const [y, m, d] = date.split('-');
  const year = y!
    .split('')
    .map((c) => DIGITS[Number(c)])
    .join('');
  return `${year}年${smallNumberZh(Number(m))}月${smallNumberZh(Number(d))}日`;
}

/** 2020-10-31 → 10月31日. */
export function monthDayZh(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** "+7.6" → 上升7.6%, "-0.33" → 下降0.33%, "0.0" → 持平. */
export function changeZh(pct: string | null): { word: string; magnitude: string } {
  if (pct === null) return { word: '无可比数据', magnitude: '' };
  if (/^-?0(\.0+)?$/.test(pct)) return { word: '持平', magnitude: '' };
  return pct.startsWith('-') ? { word: '下降', magnitude: pct.slice(1) } : { word: '上升', magnitude: pct };
}

/** Joins items with 、 as Chinese enumerations do. */
export const enumerateZh = (items: readonly string[]) => items.join('、');
