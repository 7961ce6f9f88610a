import type { Cell, CellValue } from 'exceljs';

/** What a spreadsheet cell holds, reduced to the shapes the converters care about. */
export type RawCell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'error'; readonly value: string };

export const EMPTY: RawCell = { kind: 'empty' };

/** Full-width digits, signs and spaces as Chinese input methods type them, folded to ASCII. */
export function foldWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002-\u200B\uFEFF]/g, ' ');
}

function fromValue(value: CellValue | undefined): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : EMPTY;
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', value: value.trim() };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? EMPTY : { kind: 'date', value };
  if ('error' in value) return { kind: 'error', value: value.error };
  if ('richText' in value) return fromValue(value.richText.map((r) => r.text).join(''));
  if ('hyperlink' in value) return fromValue(value.text);
  // A formula's cached result is what Excel shows; a formula never evaluated has none.
  if ('formula' in value || 'sharedFormula' in value) return fromValue(value.result);
  return EMPTY;
}

/** A merged cell reads as its master, so a date merged down three rows belongs to all three. */
export function rawCell(cell: Cell): RawCell {
  return fromValue(cell.isMerged ? cell.master.value : cell.value);
}

/** The text a header or label cell shows, with whitespace removed (`合 计` is `合计`). */
export function cellText(raw: RawCell): string {
  switch (raw.kind) {
    case 'empty':
      return '';
    case 'text':
      return foldWidth(raw.value).replace(/\s+/g, '');
    case 'number':
      return String(raw.value);
    case 'boolean':
      return raw.value ? 'TRUE' : 'FALSE';
    case 'date':
      return raw.value.toISOString().slice(0, 10);
    case 'error':
      return raw.value;
  }
}

/** How a cell is quoted back to the user in an error message. */
export function showCell(raw: RawCell): string {
  switch (raw.kind) {
    case 'empty':
      return '（空）';
    case 'text':
      return `「${raw.value.length > 40 ? `${raw.value.slice(0, 40)}…` : raw.value}」`;
    case 'number':
      return String(raw.value);
    case 'boolean':
      return raw.value ? 'TRUE' : 'FALSE';
    case 'date':
      return raw.value.toISOString().slice(0, 10);
    case 'error':
      return raw.value;
  }
}
