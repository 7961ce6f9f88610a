import { foldWidth, showCell, type RawCell } from './cells';
import { CellError } from './cell-error';

/** The unit an amount column is kept in: 元 by default, 万元 when the header or the map says so. */
export type AmountUnit = 'yuan' | 'wan';

/** fen per unit, and how many decimals of the unit still name whole fen. */
const SCALE: Record<AmountUnit, { decimals: number; zh: string }> = {
  yuan: { decimals: 2, zh: '元' },
  wan: { decimals: 6, zh: '万元' },
};

interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  /** How many of `digits` are after the decimal point. */
  readonly scale: number;
}

/** `-1,234.5e3` style text → sign, digit string and scale, by string manipulation only. */
function parseDecimal(text: string): Decimal | null {
  const m = /^([+-])?(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === undefined && !m[3])) return null;
  const intPart = (m[2] ?? '0').replace(/,/g, '');
  const frac = m[3] ?? '';
  const exponent = m[4] ? Number(m[4]) : 0;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 40) return null;
  let digits = intPart + frac;
  let scale = frac.length - exponent;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  // Trailing zeros after the point say nothing: 1234.5000 has one decimal.
  while (scale > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale -= 1;
  }
  return { negative: m[1] === '-', digits: digits.replace(/^0+(?=\d)/, ''), scale };
}

/**
 * A number cell's value as Excel shows it: Excel keeps 15 significant digits, so 0.1+0.2 is 0.3 there, and the
 * float's other digits are noise, not fen.
 */
export function numberAsExcelShowsIt(value: number): string {
  return value.toPrecision(15);
}

/**
 * An amount as a sheet shows it, exactly in fen: numeric cells, `1,234.56`, `¥1,234.56`, `(1,234.56)`, `12.3万`,
 * `12.3万元`, `1234.56元`. Never a float: the digits are shifted as text. More decimals than whole fen is an error,
 * not a rounding.
 */
export function parseAmountFen(raw: RawCell, columnUnit: AmountUnit = 'yuan'): bigint {
  let unit = columnUnit;
  let text: string;
  if (raw.kind === 'number') text = numberAsExcelShowsIt(raw.value);
  else if (raw.kind === 'text') text = foldWidth(raw.value).replace(/\s+/g, '');
  else throw new CellError(`不是金额: ${showCell(raw)}`);

  let negative = false;
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) {
    negative = true;
    text = paren[1]!;
  }
  if (text.startsWith('-') || text.startsWith('−')) {
    negative = !negative;
    text = text.slice(1);
  }
  text = text.replace(/^(¥|￥|RMB|CNY)/i, '');
  const suffix = /(万元|万|元|圆)$/.exec(text);
  if (suffix) {
    unit = suffix[1]!.startsWith('万') ? 'wan' : 'yuan';
    text = text.slice(0, -suffix[1]!.length);
  }
  if (text.startsWith('-') || text.startsWith('−')) {
    negative = !negative;
    text = text.slice(1);
  }
  const decimal = parseDecimal(text);
  if (!decimal) throw new CellError(`金额格式不正确: ${showCell(raw)}`);
  const { decimals, zh } = SCALE[unit];
  if (decimal.scale > decimals) {
    throw new CellError(
      unit === 'yuan'
        ? `金额最多两位小数（到分）: ${showCell(raw)}`
        : `以${zh}计最多${decimals}位小数（到分）: ${showCell(raw)}`,
    );
  }
  const fen = BigInt(decimal.digits + '0'.repeat(decimals - decimal.scale));
  return negative !== decimal.negative && fen !== 0n ? -fen : fen;
}

/** A count: a non-negative whole number, `1,234` allowed. `100余` is refused unless the caller accepts lower bounds. */
export function parseWholeNumber(raw: RawCell): bigint {
  let text: string;
  if (raw.kind === 'number') text = numberAsExcelShowsIt(raw.value);
  else if (raw.kind === 'text') text = foldWidth(raw.value).replace(/\s+/g, '');
  else throw new CellError(`不是数字: ${showCell(raw)}`);
  const decimal = parseDecimal(text);
  if (!decimal) throw new CellError(`不是数字: ${showCell(raw)}`);
  if (decimal.scale > 0) throw new CellError(`必须为整数: ${showCell(raw)}`);
  const value = BigInt(decimal.digits);
  return decimal.negative && value !== 0n ? -value : value;
}
