import { dayOfYear, projectYearEnd, sameDayIn, type YearHistory } from './year-end.math';

const flat = (year: number, perMonth: bigint, toSameDay: bigint): YearHistory => ({
  year,
  monthly: Array.from({ length: 12 }, () => perMonth),
  total: perMonth * 12n,
  toSameDay,
  closed: true,
});

const method = (r: ReturnType<typeof projectYearEnd>, name: string) =>
  r.methods.find((m) => m.method === name)!;

describe('year-end projection math', () => {
  it('counts days in leap and common years, and maps 29 February to 28 February', () => {
    expect(dayOfYear('2020-10-31')).toBe(305);
    expect(dayOfYear('2019-10-31')).toBe(304);
    expect(sameDayIn(2019, '2020-02-29')).toBe('2019-02-28');
    expect(sameDayIn(2016, '2020-02-29')).toBe('2016-02-29');
  });

  describe('with no earlier year', () => {
    const r = projectYearEnd({ year: 2020, asOf: '2020-10-31', yearToDate: 305_000n, history: [] });
    it('projects the run rate and says plainly that nothing could be backtested', () => {
      const runRate = method(r, 'run-rate');
      expect(runRate.projected).toEqual({ fen: '366000', wanYuan: '0.37' });
      expect(runRate.backtest).toMatchObject({ n: 0, mapePct: null });
      expect(runRate.backtest.note).toContain('no earlier year');
      expect(runRate.range).toBeNull();
      expect(r.preferred).toBeNull();
    });
    it('has no seasonal or prior-year projection, and says why', () => {
      expect(method(r, 'seasonal-monthly')).toMatchObject({ projected: null });
      expect(method(r, 'seasonal-monthly').note).toContain('no earlier year');
      expect(method(r, 'prior-year-remainder').note).toContain('no 2019');
    });
  });

  describe('with two earlier years', () => {
    const r = projectYearEnd({
      year: 2020,
      asOf: '2020-06-30',
      yearToDate: 700n,
      history: [flat(2019, 110n, 660n), flat(2018, 100n, 600n)],
    });

    it('run rate: projects and backtests on both years from their own 30 June', () => {
      const m = method(r, 'run-rate');
      // 700 × 366 / 182 = 1407.69…
      expect(m.projected?.fen).toBe('1408');
      expect(m.backtest.points.map((p) => [p.year, p.asOf, p.projected?.fen, p.absPctError])).toEqual([
        [2018, '2018-06-30', '1210', '0.8'],
        [2019, '2019-06-30', '1331', '0.8'],
      ]);
      expect(m.backtest).toMatchObject({ n: 2, mapePct: '0.8', maxAbsPctError: '0.8' });
      // 1408 × (1 ± 1/120)
      expect(m.range).toMatchObject({ low: { fen: '1396' }, high: { fen: '1420' } });
    });

    it('seasonal: divides by the share earlier years had reached, and backtests only on years with a prior profile', () => {
      const m = method(r, 'seasonal-monthly');
      expect(m.projected?.fen).toBe('1400');
      const [first, second] = m.backtest.points;
      expect(first).toMatchObject({ year: 2018, projected: null, absPctError: null });
      expect(second).toMatchObject({ year: 2019, projected: { fen: '1320' }, absPctError: '0.0' });
      expect(m.backtest).toMatchObject({ n: 1, mapePct: '0.0' });
      expect(m.range).toMatchObject({ low: { fen: '1400' }, high: { fen: '1400' } });
    });

    it('prior-year remainder: adds what last year added after the same day', () => {
      const m = method(r, 'prior-year-remainder');
      expect(m.projected?.fen).toBe('1360');
      expect(m.backtest.points[1]).toMatchObject({
        year: 2019,
        projected: { fen: '1260' },
        absPctError: '4.5',
      });
      expect(m.backtest.n).toBe(1);
    });

    it('prefers the method with the lowest backtest error', () => {
      expect(r.preferred).toBe('seasonal-monthly');
    });
  });

  it('weights the as-of month pro rata and averages the shares of the profile years', () => {
    const front: YearHistory = {
      year: 2019,
      monthly: [600n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 600n],
      total: 1200n,
      toSameDay: 300n,
      closed: true,
    };
    const back = flat(2018, 100n, 50n);
    // Shares by 31 January: 2019 = 600/1200, 2018 = 100/1200; mean = 7/24; 350 ÷ 7/24 = 1200.
    const end = projectYearEnd({ year: 2020, asOf: '2020-01-31', yearToDate: 350n, history: [front, back] });
    expect(method(end, 'seasonal-monthly').projected?.fen).toBe('1200');
    // By 16 January, 16/31 of January: 2019 = 8/31, 2018 = 4/93; mean = 14/93; 140 ÷ 14/93 = 930.
    const mid = projectYearEnd({ year: 2020, asOf: '2020-01-16', yearToDate: 140n, history: [front, back] });
    expect(method(mid, 'seasonal-monthly').projected?.fen).toBe('930');
  });

  it('refuses to divide by a profile that had nothing by the as-of day', () => {
    const late: YearHistory = {
      year: 2019,
      monthly: [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 100n],
      total: 100n,
      toSameDay: 0n,
      closed: false,
    };
    const r = projectYearEnd({ year: 2020, asOf: '2020-03-01', yearToDate: 10n, history: [late] });
    expect(method(r, 'seasonal-monthly')).toMatchObject({ projected: null });
    expect(method(r, 'seasonal-monthly').note).toContain('nothing by this day');
    const runRate = method(r, 'run-rate');
    expect(runRate.backtest.points[0]).toMatchObject({ projected: { fen: '0' }, absPctError: '100.0' });
    expect(runRate.backtest.points[0]!.note).toContain('not closed');
  });
});
