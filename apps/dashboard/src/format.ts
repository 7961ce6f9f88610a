/** Exact money and number formatting for the dashboard: fen are integers (bigint), never floats. */

export interface Money {
  readonly fen: string;
  readonly wanYuan: string;
}

/** `1234567` fen → `12,345.67` (yuan, two decimals, grouped). */
export function fenToYuan(fen: string | bigint): string {
  const v = typeof fen === 'bigint' ? fen : BigInt(fen);
  const sign = v < 0n ? '-' : '';
  const abs = v < 0n ? -v : v;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/**
 * What a person types for an amount in yuan (`1,234.5`, `0.07`, `12`) → integer fen as a decimal string, exactly;
 * null when it is not an amount with at most two decimals.
 */
export function yuanToFen(input: string): string | null {
  const s = input.replace(/[,，\s]/g, '');
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return (m[1] === '-' && fen !== 0n ? -fen : fen).toString();
}

/** A count as printed: grouped digits. */
export function formatCount(value: string | number | bigint): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A measure's value: money measures (`…_fen`) in yuan, counts grouped. */
export function formatMeasure(measure: string, value: string): string {
  return measure.endsWith('_fen') ? fenToYuan(value) : formatCount(value);
}

/** `12.3` → `+12.3%`; null → `—`. */
export function formatPct(pct: string | null | undefined, signed = false): string {
  if (pct === null || pct === undefined) return '—';
  return `${signed && !pct.startsWith('-') && pct !== '0.0' ? '+' : ''}${pct}%`;
}

/** 万元 for charts: a JS number is fine for drawing (never for arithmetic that is printed). */
export function wanNumber(money: Money | null | undefined): number {
  return money ? Number(money.wanYuan) : 0;
}

/** `YYYY-MM-DD` of a Date in Asia/Shanghai. */
export function shanghaiDate(date: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** An ISO instant as Shanghai local time, `YYYY-MM-DD HH:mm:ss`. */
export function shanghaiTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Last day of a month: `2020-02` → `2020-02-29`. */
export function monthEnd(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${yearMonth}-${String(day).padStart(2, '0')}`;
}
