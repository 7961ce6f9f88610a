import { Workbook, type CellValue, type Worksheet } from 'exceljs';

/** Builds a real .xlsx in memory with exceljs, for tests that read sheets the way users send them. */
export async function xlsxOf(
  build: (ws: Worksheet, wb: Workbook) => void,
  sheetName = 'Sheet1',
): Promise<Buffer> {
  const wb = new Workbook();
  build(wb.addWorksheet(sheetName), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes rows from `startRow`; `undefined` leaves a cell empty. */
export function putRows(ws: Worksheet, startRow: number, rows: readonly (readonly CellValue[])[]): void {
  rows.forEach((cells, i) => {
    const row = ws.getRow(startRow + i);
    cells.forEach((value, j) => {
      if (value !== undefined) row.getCell(j + 1).value = value;
    });
    row.commit();
  });
}

export const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
