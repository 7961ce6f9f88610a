import type { Workbook, Worksheet } from 'exceljs';

import { invalid } from '@ledger/ledger';

import type { FieldSpec, KindSpec, RowProblem, SheetRow } from '../kinds/kind-spec';
import type { AmountUnit } from './amounts';
import { CellError } from './cell-error';
import { cellText, EMPTY, foldWidth, rawCell, type RawCell } from './cells';
import type { SheetMapping } from './mapping';

/** How far down a header row is looked for: titles, dates and units sit above it, rarely more than a few rows. */
const HEADER_SEARCH_ROWS = 30;
/** A sheet past this is refused rather than half-read: split it by month. */
export const MAX_DATA_ROWS = 100_000;
/** Columns looked at: a sheet formatted across all 16,384 columns has no more data than this. */
const MAX_COLUMNS = 256;

const TOTALS = /^(本[日月季年期页]|全年|累计)?(合计|小计|总计|累计|共计|总合计)[:：]?$/;
const NOTES = /^(制表|填表|填报|审核|复核|核对|负责人|单位负责人|主管|经办|备注|说明|注[:：]|注\d|数据来源)/;

export interface MatchedColumn {
  readonly field: string;
  readonly header: string;
  readonly col: number;
  readonly amountUnit: AmountUnit;
}

export interface SheetTable {
  readonly sheetName: string;
  readonly headerRow: number;
  readonly columns: readonly MatchedColumn[];
  /** Headers in the header row that map to no field: shown to the user, never silently used. */
  readonly ignoredHeaders: readonly string[];
  readonly rows: readonly { readonly row: number; readonly cells: ReadonlyMap<string, RawCell> }[];
  readonly skipped: {
    readonly totals: readonly number[];
    readonly notes: readonly number[];
    readonly empty: number;
  };
  readonly date1904: boolean;
}

/** `金额（万元）` → name `金额`, unit 万元; `金 额` → `金额`. Names compare in this form. */
export function normaliseHeader(text: string): { name: string; unit: AmountUnit | null } {
  const folded = foldWidth(text).replace(/\s+/g, '');
  const m = /^(.*?)[([{【]([^)\]}】]*)[)\]}】]$/.exec(folded) ?? /^(.*?)[/／](万元|元)$/.exec(folded);
  const name = (m ? m[1]! : folded).toLowerCase();
  const inside = m ? m[2]! : '';
  const unit: AmountUnit | null = /万元|万/.test(inside) ? 'wan' : /元/.test(inside) ? 'yuan' : null;
  return { name, unit };
}

function aliasesOf(spec: FieldSpec, mapping: SheetMapping): Set<string> {
  const given = mapping.columns[spec.field];
  const names = given ?? [...spec.headers, spec.field];
  return new Set(names.map((n) => normaliseHeader(n).name));
}

function headerMatches(
  ws: Worksheet,
  rowNo: number,
  kind: KindSpec,
  mapping: SheetMapping,
): { columns: MatchedColumn[]; ignored: string[] } {
  const aliases = kind.fields.map((f) => ({ field: f.field, names: aliasesOf(f, mapping) }));
  const taken = new Set<string>();
  const columns: MatchedColumn[] = [];
  const ignored: string[] = [];
  const row = ws.getRow(rowNo);
  for (let col = 1; col <= Math.min(ws.columnCount, MAX_COLUMNS); col += 1) {
    const raw = rawCell(row.getCell(col));
    if (raw.kind !== 'text') continue;
    // Messages quote the header as the sheet spells it; matching uses the folded form.
    const header = raw.value.replace(/\s+/g, '');
    const { name, unit } = normaliseHeader(header);
    const hit = aliases.find((a) => !taken.has(a.field) && a.names.has(name));
    if (!hit) {
      if (!ignored.includes(header)) ignored.push(header);
      continue;
    }
    taken.add(hit.field);
    columns.push({ field: hit.field, header, col, amountUnit: unit ?? mapping.amountUnit ?? 'yuan' });
  }
  // A header merged across columns (a group title) repeats over its span; it matched at most once above.
  return { columns, ignored: ignored.filter((h) => !columns.some((c) => c.header === h)) };
}

function missingRequired(
  kind: KindSpec,
  mapping: SheetMapping,
  columns: readonly MatchedColumn[],
): FieldSpec[] {
  return kind.fields.filter(
    (f) => f.required && mapping.values[f.field] === undefined && !columns.some((c) => c.field === f.field),
  );
}

function findHeader(
  ws: Worksheet,
  kind: KindSpec,
  mapping: SheetMapping,
): { headerRow: number; columns: MatchedColumn[]; ignored: string[] } | null {
  if (mapping.headerRow !== undefined) {
    return { headerRow: mapping.headerRow, ...headerMatches(ws, mapping.headerRow, kind, mapping) };
  }
  let best: { headerRow: number; columns: MatchedColumn[]; ignored: string[] } | null = null;
  const last = Math.min(ws.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r += 1) {
    const found = headerMatches(ws, r, kind, mapping);
    // Ties go to the lower row: in a two-row header the lower row carries the merged upper titles as well.
    if (found.columns.length > 0 && (!best || found.columns.length >= best.columns.length))
      best = { headerRow: r, ...found };
  }
  return best;
}

const describe = (fields: readonly FieldSpec[]) => fields.map((f) => f.labelZh).join('、');

/** Finds the sheet and its header row, then reads every data row's mapped cells; totals, notes and blanks are set aside. */
export function readTable(workbook: Workbook, kind: KindSpec, mapping: SheetMapping): SheetTable {
  const sheets = mapping.sheet
    ? workbook.worksheets.filter((w) => w.name === mapping.sheet)
    : workbook.worksheets.filter((w) => w.state === 'visible' || w.state === undefined);
  if (sheets.length === 0) {
    throw invalid(
      'SHEET.NO_SHEET',
      'file',
      mapping.sheet ? `找不到工作表「${mapping.sheet}」` : '文件中没有工作表',
      mapping.sheet ? `no worksheet named ${mapping.sheet}` : 'no worksheet',
    );
  }
  let chosen: { ws: Worksheet; headerRow: number; columns: MatchedColumn[]; ignored: string[] } | null = null;
  for (const ws of sheets) {
    const found = findHeader(ws, kind, mapping);
    if (!found) continue;
    if (
      !chosen ||
      missingRequired(kind, mapping, found.columns).length <
        missingRequired(kind, mapping, chosen.columns).length
    )
      chosen = { ws, ...found };
    if (missingRequired(kind, mapping, found.columns).length === 0) break;
  }
  if (!chosen) {
    throw invalid(
      'SHEET.NO_HEADER',
      'file',
      `找不到表头：没有一行含有 ${describe(kind.fields.filter((f) => f.required))} 等列名（可用 --map 指定列名）`,
      'no header row found',
    );
  }
  const missing = missingRequired(kind, mapping, chosen.columns);
  if (missing.length > 0) {
    throw invalid(
      'SHEET.MISSING_COLUMNS',
      'file',
      `工作表「${chosen.ws.name}」第${chosen.headerRow}行的表头缺少列: ${describe(missing)}（可在映射文件 columns 中指定列名，或在 values 中给出固定值）`,
      `missing columns: ${missing.map((f) => f.field).join(', ')}`,
    );
  }
  const { ws, headerRow, columns, ignored } = chosen;
  // rowCount counts rows that only carry formatting (a template shaded down to row 1,048,576): find the last value.
  let lastRow = headerRow;
  let valued = 0;
  ws.eachRow((row, n) => {
    if (n > headerRow && row.hasValues) {
      lastRow = n;
      valued += 1;
    }
  });
  if (valued > MAX_DATA_ROWS) {
    throw invalid(
      'SHEET.TOO_MANY_ROWS',
      'file',
      `工作表超过 ${MAX_DATA_ROWS} 行，请分月导入`,
      `more than ${MAX_DATA_ROWS} rows`,
    );
  }
  const rows: { row: number; cells: Map<string, RawCell> }[] = [];
  const totals: number[] = [];
  const notes: number[] = [];
  let empty = 0;
  const lastColumn = Math.min(ws.columnCount, MAX_COLUMNS);
  for (let r = headerRow + 1; r <= lastRow; r += 1) {
    const row = ws.getRow(r);
    const cells = new Map<string, RawCell>();
    for (const c of columns) cells.set(c.field, rawCell(row.getCell(c.col)));
    const texts: string[] = [];
    const masters = new Set<string>();
    let spansColumns = false;
    let own = 0;
    for (let col = 1; col <= lastColumn; col += 1) {
      const cell = row.getCell(col);
      const raw = rawCell(cell);
      if (raw.kind === 'empty') continue;
      texts.push(cellText(raw));
      masters.add(cell.isMerged ? cell.master.address : cell.address);
      const master = cell.isMerged ? cell.master.fullAddress : null;
      if (!master || master.row === r) own += 1;
      if (master && master.row === r && master.col !== col) spansColumns = true;
    }
    // Blank, or only the tail of cells merged down from a row above (a date spanning blank template rows).
    if (own === 0) {
      empty += 1;
      continue;
    }
    if (texts.some((t) => TOTALS.test(t))) {
      totals.push(r);
      continue;
    }
    // A note under the table, or a section banner merged across the row (`一、城区中队`): not a record.
    if (NOTES.test(texts[0] ?? '') || (masters.size === 1 && spansColumns)) {
      notes.push(r);
      continue;
    }
    // Only unmapped cells (a pre-numbered 序号 on a blank template row): nothing to record.
    if ([...cells.values()].every((v) => v.kind === 'empty')) {
      empty += 1;
      continue;
    }
    rows.push({ row: r, cells });
  }
  return {
    sheetName: ws.name,
    headerRow,
    columns,
    ignoredHeaders: ignored,
    rows,
    skipped: { totals, notes, empty },
    date1904: workbook.properties.date1904 === true,
  };
}

/**
 * Each mapped cell through its field's converter; constants from the map fill empty cells and absent columns.
 * A row with a bad cell is still returned (without that field) so its other columns are checked too; `failed` names
 * the fields already reported.
 */
export function convertRows(
  table: SheetTable,
  kind: KindSpec,
  mapping: SheetMapping,
): { rows: SheetRow[]; problems: RowProblem[]; failed: ReadonlyMap<number, ReadonlySet<string>> } {
  const problems: RowProblem[] = [];
  const rows: SheetRow[] = [];
  const failed = new Map<number, Set<string>>();
  const byField = new Map(table.columns.map((c) => [c.field, c]));
  for (const { row, cells } of table.rows) {
    const values: Record<string, unknown> = {};
    for (const spec of kind.fields) {
      const column = byField.get(spec.field);
      let raw = cells.get(spec.field) ?? EMPTY;
      const constant = mapping.values[spec.field];
      if (raw.kind === 'empty' && constant !== undefined) {
        raw =
          typeof constant === 'number'
            ? { kind: 'number', value: constant }
            : typeof constant === 'boolean'
              ? { kind: 'boolean', value: constant }
              : { kind: 'text', value: constant };
      }
      if (raw.kind === 'empty') continue;
      const translated = mapping.translate[spec.field]?.get(cellText(raw));
      if (translated !== undefined) raw = { kind: 'text', value: translated };
      try {
        values[spec.field] = spec.convert(raw, {
          header: column?.header ?? spec.labelZh,
          amountUnit: column?.amountUnit ?? mapping.amountUnit ?? 'yuan',
          date1904: table.date1904,
        });
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        problems.push({ row, column: column?.header ?? spec.labelZh, message: error.messageZh });
        const set = failed.get(row) ?? new Set<string>();
        set.add(spec.field);
        failed.set(row, set);
      }
    }
    rows.push({ row, values });
  }
  return { rows, problems, failed };
}
