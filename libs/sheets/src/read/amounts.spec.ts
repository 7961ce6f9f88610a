import { parseAmountFen, parseWholeNumber } from './amounts';
import { CellError } from './cell-error';
import type { RawCell } from './cells';

const text = (value: string): RawCell => ({ kind: 'text', value });
const num = (value: number): RawCell => ({ kind: 'number', value });

describe('amounts as Excel shows them, exactly in fen', () => {
  it.each([
    ['1,234.56', 123456n],
    ['¥1,234.56', 123456n],
    ['￥1,234.56', 123456n],
    ['RMB 1,234.56', 123456n],
    ['1234.5', 123450n],
    ['1234', 123400n],
    ['1234.56元', 123456n],
    ['12.3万', 12300000n],
    ['12.3万元', 12300000n],
    ['0.000001万', 1n],
    ['１，２３４．５６', 123456n],
    ['(1,234.56)', -123456n],
    ['-1,234.56', -123456n],
    ['¥-5', -500n],
    ['.5', 50n],
    ['9007199254740.99', 900719925474099n],
    ['1.5e3', 150000n],
  ])('text %s → %s fen', (input, fen) => {
    expect(parseAmountFen(text(input))).toBe(fen);
  });

  it.each([
    [1234.56, 123456n],
    [0.1 + 0.2, 30n],
    [38.9, 3890n],
    [2466.87, 246687n],
    [1e-2, 1n],
    [100, 10000n],
  ])('number cell %s → %s fen', (input, fen) => {
    expect(parseAmountFen(num(input))).toBe(fen);
  });

  it('reads plain numbers in a 万元 column as 万元, and an explicit 元 suffix still as 元', () => {
    expect(parseAmountFen(num(2544.29), 'wan')).toBe(2544290000n);
    expect(parseAmountFen(text('38.9'), 'wan')).toBe(38900000n);
    expect(parseAmountFen(text('1,234.56元'), 'wan')).toBe(123456n);
  });

  it.each([
    ['1234.567', '最多两位小数'],
    ['0.0000001万', '最多6位小数'],
    ['1,23.4', '格式不正确'],
    ['abc', '格式不正确'],
    ['12.3.4', '格式不正确'],
    ['', '格式不正确'],
    ['万', '格式不正确'],
  ])('refuses %s (%s)', (input, message) => {
    expect(() => parseAmountFen(text(input))).toThrow(CellError);
    expect(() => parseAmountFen(text(input))).toThrow(message);
  });

  it('refuses a number cell with fractions of a fen, and a date cell', () => {
    expect(() => parseAmountFen(num(0.001))).toThrow('最多两位小数');
    expect(() => parseAmountFen({ kind: 'date', value: new Date(0) })).toThrow('不是金额');
  });
});

describe('whole numbers', () => {
  it('reads counts from numbers and text with thousands separators', () => {
    expect(parseWholeNumber(num(5784))).toBe(5784n);
    expect(parseWholeNumber(text('8,492'))).toBe(8492n);
    expect(parseWholeNumber(text('２１００'))).toBe(2100n);
  });
  it('refuses fractions and words', () => {
    expect(() => parseWholeNumber(num(1.5))).toThrow('必须为整数');
    expect(() => parseWholeNumber(text('十二'))).toThrow('不是数字');
  });
});
