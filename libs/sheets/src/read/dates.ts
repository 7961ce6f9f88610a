import { isCalendarDate } from '@ledger/ledger';

import { foldWidth, showCell, type RawCell } from './cells';
import { CellError } from './cell-error';

const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');

function ymd(year: number | string, month: number | string, day: number | string): string | null {
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(date) ? date : null;
}

const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 for every serial past its phantom 1900-02-29 (serial 60); the 1904 system starts 1904-01-01. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Below this a number in a date column is more likely a day-of-month or a count than a date (1927-05-18). */
const MIN_SERIAL = 10_000;
const MAX_SERIAL = 2_958_465;

export function excelSerialToDate(serial: number, date1904 = false): string | null {
  const whole = Math.floor(serial);
  if (whole < MIN_SERIAL || whole > MAX_SERIAL) return null;
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + whole * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A business date as sheets carry it: a date cell, an Excel serial, `20200512` typed as a number, or text —
 * `2020-05-12`, `2020/5/12`, `2020.5.12`, `2020年5月12日`, `20200512`, with or without a time after it.
 */
export function parseSheetDate(raw: RawCell, date1904 = false): string {
  let date: string | null = null;
  if (raw.kind === 'date') {
    // exceljs hands date cells over as UTC midnight of the calendar day shown; the time of day, if any, is dropped.
    date = raw.value.toISOString().slice(0, 10);
  } else if (raw.kind === 'number') {
    if (Number.isInteger(raw.value) && raw.value >= 19_000_101 && raw.value <= 29_991_231) {
      const s = String(raw.value);
      date = ymd(s.slice(0, 4), s.slice(4, 6), s.slice(6, 8));
    } else {
      date = excelSerialToDate(raw.value, date1904);
    }
  } else if (raw.kind === 'text') {
    const text = foldWidth(raw.value).trim();
    const sep =
      /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?$/.exec(
        text,
      );
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    const m = sep ?? compact;
    if (m) date = ymd(m[1]!, m[2]!, m[3]!);
  }
  if (!date)
    throw new CellError(`不是有效的日期: ${showCell(raw)}（可写作 2020-05-12、2020/5/12 或 2020年5月12日）`);
  return date;
}
