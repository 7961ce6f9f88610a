import { acceptsAsOf, describeAsOf, endOfShanghaiDay, parseAsOf, recordingWindow } from './as-of';

const event = (businessDate: string | null, recordedAt: string) => ({
  businessDate,
  recordedAt: new Date(recordedAt),
});

describe('as-of', () => {
  it('a date means the end of that day in Asia/Shanghai, not in UTC', () => {
    expect(parseAsOf('2020-10-31').cutoff.toISOString()).toBe('2020-10-31T15:59:59.999Z');
    expect(endOfShanghaiDay('2020-12-31').toISOString()).toBe('2020-12-31T15:59:59.999Z');
  });

  it('an instant is taken as given, and its Shanghai date is the date asked about', () => {
    const a = parseAsOf('2020-10-31T20:30:00Z', 'business');
    expect(a).toEqual({ basis: 'business', date: '2020-11-01', cutoff: new Date('2020-10-31T20:30:00Z') });
  });

  it('refuses what is neither a calendar date nor an instant with an offset', () => {
    for (const bad of ['2020-02-30', '31/10/2020', '2020-10-31T10:00', ''])
      expect(() => parseAsOf(bad)).toThrow(/as-of must be/);
    expect(() => parseAsOf('2020-10-31', 'posted' as 'recorded')).toThrow(/basis must be/);
  });

  it('as recorded: what was recorded by the cutoff, whatever its business date', () => {
    const accepts = acceptsAsOf(parseAsOf('2020-10-31', 'recorded'));
    expect(accepts(event('2020-10-25', '2020-10-31T15:59:59.999Z'))).toBe(true);
    expect(accepts(event('2020-10-25', '2020-10-31T16:00:00.000Z'))).toBe(false);
    expect(accepts(event('2020-11-05', '2020-10-30T00:00:00Z'))).toBe(true);
  });

  it('by business date: dated on or before the day however late recorded; undated events by recording time', () => {
    const accepts = acceptsAsOf(parseAsOf('2020-10-31', 'business'));
    expect(accepts(event('2020-10-25', '2021-03-01T00:00:00Z'))).toBe(true);
    expect(accepts(event('2020-11-01', '2020-10-01T00:00:00Z'))).toBe(false);
    expect(accepts(event(null, '2020-10-31T15:00:00Z'))).toBe(true);
    expect(accepts(event(null, '2020-11-01T15:00:00Z'))).toBe(false);
  });

  it('says which question it answers', () => {
    expect(describeAsOf(parseAsOf('2020-10-31', 'recorded'))).toMatch(/^as recorded on 2020-10-31/);
    expect(describeAsOf(parseAsOf('2020-10-31', 'business'))).toMatch(/^by business date up to 2020-10-31/);
  });

  it('a recording window covers whole Shanghai days', () => {
    expect(recordingWindow('2020-10-01', '2020-10-31')).toEqual({
      from: new Date('2020-09-30T16:00:00.000Z'),
      to: new Date('2020-10-31T15:59:59.999Z'),
    });
    expect(() => recordingWindow('2020-11-01', '2020-10-31')).toThrow(/must not precede/);
  });
});
