/** Business dates are Asia/Shanghai calendar dates, `YYYY-MM-DD`, distinct from the instant a record is made. */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 1992-01-01T00:00+08:00: China has kept UTC+8 without daylight saving since September 1991. */
const FIXED_OFFSET_SINCE = Date.UTC(1991, 11, 31, 16);
const EIGHT_HOURS = 8 * 3600 * 1000;

export function shanghaiDate(instant: Date): string {
  const t = instant.getTime();
  // Every posting and request asks for today's date; the offset arithmetic costs a fraction of Intl's formatting.
  // Earlier instants (and invalid dates) go through the time-zone database.
  if (t >= FIXED_OFFSET_SINCE && t < 253402300800000)
    return new Date(t + EIGHT_HOURS).toISOString().slice(0, 10);
  return shanghai.format(instant);
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
