import fc from 'fast-check';

import { shanghaiDate } from './dates';

const viaTimeZoneDatabase = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('shanghaiDate', () => {
  it('agrees with the time-zone database for any instant from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => {
        expect(shanghaiDate(new Date(t))).toBe(viaTimeZoneDatabase.format(new Date(t)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('turns the day at 16:00 UTC, including the summers China kept daylight saving (1986–1991)', () => {
    expect(shanghaiDate(new Date('2020-10-31T15:59:59.999Z'))).toBe('2020-10-31');
    expect(shanghaiDate(new Date('2020-10-31T16:00:00Z'))).toBe('2020-11-01');
    expect(shanghaiDate(new Date('1991-12-31T16:00:00Z'))).toBe('1992-01-01');
    expect(shanghaiDate(new Date('1990-07-01T15:30:00Z'))).toBe('1990-07-02'); // UTC+9 that summer
  });
});
