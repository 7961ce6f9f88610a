import { fenToWanYuan, fenToYuan, percent, percentChange } from './decimal';

describe('exact decimals', () => {
  it('rounds shares half away from zero', () => {
    expect(percent(2466_87n, 2544_29n)).toBe('97.0');
    expect(percent(77_42n, 2544_29n)).toBe('3.0');
    expect(percent(1n, 8n, 2)).toBe('12.50');
    expect(percent(1n, 0n)).toBeNull();
  });
  it('computes changes against a previous figure, negative ones too', () => {
    expect(percentChange(3945n, 3958n, 2)).toBe('-0.33');
    expect(percentChange(110n, 100n)).toBe('10.0');
    expect(percentChange(5n, 0n)).toBeNull();
  });
  it('prints fen as 万元 and 元', () => {
    expect(fenToWanYuan(25_456_000_000n)).toBe('25456.00');
    expect(fenToWanYuan(5_000n)).toBe('0.01');
    expect(fenToWanYuan(4_999n)).toBe('0.00');
    expect(fenToYuan(123_45n)).toBe('123.45');
    expect(fenToYuan(-5n)).toBe('-0.05');
  });
});
