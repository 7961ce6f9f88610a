import { apportion, daysBetween, Prng } from './prng';

describe('demo arithmetic', () => {
  it('apportions a total exactly, in proportion', () => {
    const parts = apportion(5784, [3, 1, 1, 5]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(5784);
    expect(parts[3]! > parts[0]! && parts[0]! > parts[1]!).toBe(true);
    expect(apportion(7, [1, 1, 1])).toEqual([3, 2, 2]);
  });
  it('repeats the same sequence for the same seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)]);
  });
  it('lists calendar days across a leap February', () => {
    expect(daysBetween('2020-02-27', '2020-03-01')).toEqual([
      '2020-02-27',
      '2020-02-28',
      '2020-02-29',
      '2020-03-01',
    ]);
  });
});
