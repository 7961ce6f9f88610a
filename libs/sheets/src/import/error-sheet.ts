import type { Workbook, Worksheet } from 'exceljs';

import type { RowProblem } from '../kinds/kind-spec';
import { formatProblem } from './messages';

const ERROR_HEADER = '错误';
const LIST_SHEET = '错误清单';
const RED = 'FFC00000';
const PINK = 'FFFFE0E0';

function errorColumn(ws: Worksheet, headerRow: number): number {
  const header = ws.getRow(headerRow);
  for (let col = 1; col <= ws.columnCount; col += 1) {
    // A sheet that is itself a corrected error sheet already has the column: reuse it, clear old messages.
    if (String(header.getCell(col).value ?? '').trim() === ERROR_HEADER) {
      for (let r = headerRow + 1; r <= ws.rowCount; r += 1) ws.getRow(r).getCell(col).value = null;
      return col;
    }
  }
  return ws.columnCount + 1;
}

/**
 * The sheet as it was uploaded, with a 错误 column saying what is wrong on each bad row (and the bad rows shaded),
 * plus a 错误清单 sheet listing every problem: fix the cells, delete nothing, import the same file again.
 */
export async function errorWorkbook(
  workbook: Workbook,
  report: { readonly sheet: string; readonly headerRow: number; readonly problems: readonly RowProblem[] },
): Promise<Buffer> {
  const ws = workbook.getWorksheet(report.sheet);
  if (ws) {
    const col = errorColumn(ws, report.headerRow);
    const head = ws.getRow(report.headerRow).getCell(col);
    head.value = ERROR_HEADER;
    head.font = { bold: true, color: { argb: RED } };
    ws.getColumn(col).width = 60;
    const byRow = new Map<number, string[]>();
    for (const p of report.problems) {
      const row = p.row ?? report.headerRow;
      const list = byRow.get(row) ?? [];
      list.push(p.column ? `${p.column}: ${p.message}` : p.message);
      byRow.set(row, list);
    }
    for (const [row, messages] of byRow) {
      const cell = ws.getRow(row).getCell(col);
      cell.value =
        row === report.headerRow ? `${ERROR_HEADER}（表头: ${messages.join('；')}）` : messages.join('；');
      cell.font = { color: { argb: RED } };
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (row !== report.headerRow)
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PINK } };
    }
  }
  const old = workbook.getWorksheet(LIST_SHEET);
  if (old) workbook.removeWorksheet(old.id);
  const list = workbook.addWorksheet(LIST_SHEET);
  list.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 18 },
    { header: '错误', key: 'message', width: 70 },
    { header: '说明', key: 'text', width: 80 },
  ];
  list.getRow(1).font = { bold: true };
  list.views = [{ state: 'frozen', ySplit: 1 }];
  for (const p of report.problems) {
    list.addRow({ row: p.row ?? '表头', column: p.column ?? '', message: p.message, text: formatProblem(p) });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
