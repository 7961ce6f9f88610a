import type { Workbook, Worksheet } from 'exceljs';

/**
 * How a column's figures are written. Values arrive as the exact decimal strings the views return ("38.90",
 * "1.2", "3456"); they become numeric cells so Excel can sum them, with a format that prints them as the API does.
 */
export type ColumnFormat = 'text' | 'integer' | 'wan' | 'percent';

export interface SheetColumn {
  readonly key: string;
  readonly header: string;
  readonly format: ColumnFormat;
  readonly width?: number;
}

/** A figure whose format depends on the row (a count beside an amount in the same 数值 column). */
export interface Figure {
  readonly value: string;
  readonly format: ColumnFormat;
}
export type SheetValue = string | Figure | null;
export type SheetRowValues = Readonly<Record<string, SheetValue>>;

/** As many decimals as the view's string carries, so the cell prints what the API says ("41.53" stays 41.53). */
function numFmt(format: Exclude<ColumnFormat, 'text'>, value: string): string {
  const decimals = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  switch (format) {
    case 'integer':
      return '#,##0';
    case 'wan':
      return `#,##0${fraction || '.00'}`;
    case 'percent':
      // The views give percentages already multiplied by 100 and rounded: printed with a % sign, not rescaled.
      return `0${fraction}"%"`;
  }
}

const HEADER_FILL = 'FFDDEBF7';

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(wb: Workbook, wanted: string): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i += 1) name = `${base.slice(0, 28)}(${i})`;
  return name;
}

function numeric(value: string): number | string {
  const n = Number(value);
  // Counts past 2^53 stay text rather than print a rounded figure.
  return Number.isFinite(n) && (!/^-?\d+$/.test(value) || Number.isSafeInteger(n)) ? n : value;
}

/**
 * One breakdown as one sheet: a title row (merged), a line saying what it covers, a bold header row frozen in
 * place with a filter, then the rows.
 */
export function addTableSheet(
  wb: Workbook,
  name: string,
  title: string,
  subtitle: string,
  columns: readonly SheetColumn[],
  rows: readonly SheetRowValues[],
): Worksheet {
  const ws = wb.addWorksheet(sheetName(wb, name));
  const last = columns.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { italic: true, color: { argb: 'FF595959' } };
  const header = ws.getRow(3);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = c.width ?? (c.format === 'text' ? 18 : 14);
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(4 + r);
    columns.forEach((c, i) => {
      const given = values[c.key];
      if (given === null || given === undefined || given === '') return;
      const { value, format } = typeof given === 'string' ? { value: given, format: c.format } : given;
      const cell = row.getCell(i + 1);
      if (format === 'text') {
        cell.value = value;
      } else {
        cell.value = numeric(value);
        cell.numFmt = numFmt(format, value);
        cell.alignment = { horizontal: 'right' };
      }
    });
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 3, activeCell: 'A4' }];
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: last } };
  return ws;
}
