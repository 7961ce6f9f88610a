import { fenToYuan, formatPct, monthEnd, shanghaiDate, yuanToFen } from '../src/format';

describe('dashboard number formatting', () => {
  it('prints fen as grouped yuan with two decimals, exactly, beyond 2^53', () => {
    expect(fenToYuan('254560000')).toBe('2,545,600.00');
    expect(fenToYuan('-7')).toBe('-0.07');
    expect(fenToYuan(9_007_199_254_740_993n)).toBe('90,071,992,547,409.93');
  });

  it('reads typed yuan as integer fen without floating point', () => {
    expect(yuanToFen('0.07')).toBe('7');
    expect(yuanToFen('1,234.5')).toBe('123450');
    expect(yuanToFen('12')).toBe('1200');
    expect(yuanToFen('0.1')).toBe('10');
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });

  it('signs changes and dates months', () => {
    expect(formatPct('12.5', true)).toBe('+12.5%');
    expect(formatPct('-3.0', true)).toBe('-3.0%');
    expect(formatPct(null)).toBe('—');
    expect(monthEnd('2020-02')).toBe('2020-02-29');
    expect(monthEnd('2019-12')).toBe('2019-12-31');
    expect(shanghaiDate(new Date('2020-10-31T16:30:00Z'))).toBe('2020-11-01');
  });
});
