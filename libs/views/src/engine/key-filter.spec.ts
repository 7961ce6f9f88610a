import { KeyFilter } from './key-filter';

describe('KeyFilter', () => {
  it('never forgets a key it was given, and rarely claims one it was not', () => {
    const filter = new KeyFilter(20, 4); // 2^20 bits for 100,000 keys: ~1.2 % false positives in theory
    for (let i = 0; i < 100_000; i += 1) filter.add('activity_counts', `u${i % 20}\u00002020-01-${i}\u0000`);
    let forgotten = 0;
    for (let i = 0; i < 100_000; i += 1)
      if (!filter.mayHave('activity_counts', `u${i % 20}\u00002020-01-${i}\u0000`)) forgotten += 1;
    expect(forgotten).toBe(0);
    let claimed = 0;
    for (let i = 0; i < 100_000; i += 1)
      if (filter.mayHave('accident_cases', `changning\u0000A${i}\u0000`)) claimed += 1;
    expect(claimed / 100_000).toBeLessThan(0.025);
  });

  it('tells a key of one table from the same key of another', () => {
    const filter = new KeyFilter();
    filter.add('accident_cases', 'changning\u0000A1\u0000');
    expect(filter.mayHave('accident_cases', 'changning\u0000A1\u0000')).toBe(true);
    expect(filter.mayHave('activity_counts', 'changning\u0000A1\u0000')).toBe(false);
  });

  it('claims nothing while empty', () => {
    const filter = new KeyFilter();
    expect(filter.mayHave('', '')).toBe(false);
    expect(filter.mayHave('accident_cases', 'changning\u0000A1\u0000')).toBe(false);
  });
});
