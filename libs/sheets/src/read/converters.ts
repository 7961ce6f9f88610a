import { ID_PATTERN } from '@ledger/ledger';

import type { Converter } from '../kinds/kind-spec';
import { parseAmountFen, parseWholeNumber } from './amounts';
import { CellError } from './cell-error';
import { cellText, foldWidth, showCell, type RawCell } from './cells';
import { parseSheetDate } from './dates';

function textOf(raw: RawCell): string {
  if (raw.kind === 'text') return foldWidth(raw.value).trim();
  if (raw.kind === 'number') return String(raw.value);
  throw new CellError(`应为文字: ${showCell(raw)}`);
}

export const asText =
  (maxLength = 500): Converter =>
  (raw) => {
    const text = textOf(raw);
    if (text.length > maxLength) throw new CellError(`不能超过${maxLength}个字`);
    return text;
  };

/** An id the ledger puts in stream names (letters, digits, `-_.`); a Chinese name needs a `translate` entry in the map. */
export const asId =
  (whatZh: string): Converter =>
  (raw) => {
    const text = textOf(raw);
    if (!ID_PATTERN.test(text)) {
      throw new CellError(
        /[^\x20-\x7e]/.test(text)
          ? `未知的${whatZh}${showCell(raw)}，请在映射文件 translate 中给出它的编号`
          : `${whatZh}编号只能含字母、数字、-、_、.: ${showCell(raw)}`,
      );
    }
    return text;
  };

export const asDate: Converter = (raw, column) => parseSheetDate(raw, column.date1904);

export const asWholeNumber: Converter = (raw) => {
  const n = parseWholeNumber(raw);
  if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new CellError(`超出范围: ${showCell(raw)}`);
  return Number(n);
};

/** A count as a JS number (class-validator's @IsInt wants one), refused past the safe range. */
export const asCount =
  (max = 10_000_000): Converter =>
  (raw) => {
    const n = parseWholeNumber(raw);
    if (n < 0n) throw new CellError('不能为负数');
    if (n > BigInt(max)) throw new CellError(`不能大于 ${max}`);
    return Number(n);
  };

/** Money in fen as a JS number (the DTOs' @IsFen), exact; `positive` refuses 0 as well as negatives. */
export const asFen =
  (options: { positive: boolean }): Converter =>
  (raw, column) => {
    const fen = parseAmountFen(raw, column.amountUnit);
    if (options.positive ? fen <= 0n : fen < 0n)
      throw new CellError(options.positive ? '必须为正数' : '不能为负数');
    if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new CellError('金额过大');
    return Number(fen);
  };

const YES = new Set(['是', '有', 'Y', 'YES', 'TRUE', '1', '√', '✓', '逃逸']);
const NO = new Set(['否', '无', '没有', 'N', 'NO', 'FALSE', '0', '×', '✗', '-']);

export const asBoolean: Converter = (raw) => {
  if (raw.kind === 'boolean') return raw.value;
  const text = cellText(raw).toUpperCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  throw new CellError(`应为 是/否: ${showCell(raw)}`);
};

/** One of a closed set: the code itself, or any of its Chinese names. */
export const asChoice =
  (labels: Readonly<Record<string, readonly string[]>>): Converter =>
  (raw) => {
    const text = cellText(raw);
    for (const [code, names] of Object.entries(labels)) {
      if (text.toUpperCase() === code.toUpperCase() || names.some((n) => n.replace(/\s+/g, '') === text))
        return code;
    }
    const names = Object.entries(labels).map(([code, list]) => list[0] ?? code);
    const shown =
      names.length > 8 ? `${names.slice(0, 6).join('、')} 等 ${names.length} 种` : names.join('、');
    throw new CellError(`应为 ${shown} 之一: ${showCell(raw)}`);
  };

/** A count as printed: `2100`, or a lower bound `2100余` / `100多` / `50以上` / `≥50`, which the ledger keeps as AT_LEAST. */
export const asQualifiedCount =
  (max = 10_000_000): Converter =>
  (raw, column) => {
    if (raw.kind === 'text') {
      const text = foldWidth(raw.value).replace(/\s+/g, '');
      const m = /^(?:≥|>=|不少于|至少)?(.+?)(余|多|以上|\+)?$/.exec(text);
      const lowerBound = m !== null && (m[2] !== undefined || /^(≥|>=|不少于|至少)/.test(text));
      if (m && lowerBound) {
        const value = asCount(max)({ kind: 'text', value: m[1]! }, column) as number;
        return { value, atLeast: true };
      }
    }
    return { value: asCount(max)(raw, column) as number, atLeast: false };
  };

export interface QualifiedCount {
  readonly value: number;
  readonly atLeast: boolean;
}
