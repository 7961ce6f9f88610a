/** Business dates are Asia/Shanghai calendar dates, `YYYY-MM-DD`, distinct from the instant a record is made. */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function shanghaiDate(instant: Date): string {
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
