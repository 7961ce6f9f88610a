import { Readable } from 'node:stream';

import { Workbook } from 'exceljs';

import { invalid } from '@ledger/ledger';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** CSV from Chinese accounting software is often GB18030 (GBK); Excel's own "CSV UTF-8" starts with a BOM. */
export function decodeCsv(data: Buffer): string {
  if (data.subarray(0, 3).equals(UTF8_BOM)) return data.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/** An .xlsx workbook, or a CSV read as one sheet of text cells (so `1,234.56` and `2020/5/12` arrive as typed). */
export async function loadWorkbook(data: Buffer, fileName = ''): Promise<Workbook> {
  const workbook = new Workbook();
  if (data.subarray(0, 4).equals(OLE)) {
    throw invalid(
      'SHEET.XLS_UNSUPPORTED',
      'file',
      '不支持 .xls 旧格式，请在 Excel 中另存为 .xlsx 或 CSV',
      'legacy .xls is not supported: save as .xlsx or CSV',
    );
  }
  if (data.subarray(0, 4).equals(ZIP)) {
    try {
      await workbook.xlsx.load(data as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    } catch (error) {
      throw invalid(
        'SHEET.UNREADABLE',
        'file',
        `无法读取 xlsx 文件${fileName ? `「${fileName}」` : ''}`,
        `unreadable xlsx: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return workbook;
  }
  const text = decodeCsv(data);
  await workbook.csv.read(Readable.from([text]), {
    sheetName: 'CSV',
    map: (value: unknown) => value,
    parserOptions: {
      delimiter:
        text.split('\n', 1)[0]!.includes('\t') && !text.split('\n', 1)[0]!.includes(',') ? '\t' : ',',
    },
  });
  return workbook;
}
