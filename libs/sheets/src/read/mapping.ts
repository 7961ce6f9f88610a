import { parse } from 'yaml';

import { invalid } from '@ledger/ledger';

import type { AmountUnit } from './amounts';

/**
 * A sheet's own layout, for sheets whose headers differ from the defaults (`--map map.yaml`):
 *
 * ```yaml
 * sheet: 事故台账            # the worksheet (default: the first with a recognisable header row)
 * headerRow: 3              # the header row (default: found by matching header names)
 * amountUnit: 万元           # amounts without a unit in their header (default 元)
 * columns:                  # command field → this sheet's header(s)
 *   occurredOn: 发生时间
 *   directLossFen: [直接财产损失, 损失]
 * values:                   # a constant for every row, where the sheet has no column (or the cell is empty)
 *   squadId: chengqu
 * translate:                # cell text → what the ledger calls it
 *   squadId: { 城区中队: chengqu, 松柏中队: songbai }
 * ```
 */
export interface SheetMapping {
  readonly sheet?: string;
  readonly headerRow?: number;
  readonly amountUnit?: AmountUnit;
  readonly columns: Readonly<Record<string, readonly string[]>>;
  readonly values: Readonly<Record<string, string | number | boolean>>;
  readonly translate: Readonly<Record<string, ReadonlyMap<string, string>>>;
}

export const EMPTY_MAPPING: SheetMapping = { columns: {}, values: {}, translate: {} };

const fail = (en: string, zh: string) => invalid('SHEET.MAP_INVALID', 'map', `映射文件有误: ${zh}`, en);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const scalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Reads and checks a map file; `knownFields` are the kind's fields, so a misspelt field is named, not ignored. */
export function parseMapping(yamlText: string, knownFields: readonly string[]): SheetMapping {
  let doc: unknown;
  try {
    doc = parse(yamlText, { maxAliasCount: 50 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw fail(`not YAML: ${message}`, `不是有效的 YAML（${message.split('\n')[0]}）`);
  }
  if (doc === null || doc === undefined) return EMPTY_MAPPING;
  if (!isRecord(doc)) throw fail('top level must be a mapping', '顶层必须是键值对');
  const allowed = new Set(['sheet', 'headerRow', 'amountUnit', 'columns', 'values', 'translate']);
  for (const key of Object.keys(doc)) {
    if (!allowed.has(key))
      throw fail(`unknown key ${key}`, `未知的键 ${key}（可用: ${[...allowed].join(', ')}）`);
  }
  const known = new Set(knownFields);
  const checkField = (section: string, field: string) => {
    if (!known.has(field))
      throw fail(
        `${section}.${field}: unknown field`,
        `${section}.${field}: 没有这个字段（可用: ${knownFields.join(', ')}）`,
      );
  };

  const sheet = doc.sheet;
  if (sheet !== undefined && typeof sheet !== 'string')
    throw fail('sheet must be text', 'sheet 必须是工作表名称');
  const headerRow = doc.headerRow;
  if (
    headerRow !== undefined &&
    !(typeof headerRow === 'number' && Number.isInteger(headerRow) && headerRow >= 1)
  )
    throw fail('headerRow must be a row number', 'headerRow 必须是行号（从 1 起）');
  const unitText = doc.amountUnit;
  let amountUnit: AmountUnit | undefined;
  if (unitText !== undefined) {
    if (unitText === '元' || unitText === 'yuan') amountUnit = 'yuan';
    else if (unitText === '万元' || unitText === 'wan') amountUnit = 'wan';
    else throw fail('amountUnit must be 元 or 万元', 'amountUnit 只能是 元 或 万元');
  }

  const columns: Record<string, readonly string[]> = {};
  if (doc.columns !== undefined) {
    if (!isRecord(doc.columns)) throw fail('columns must be a mapping', 'columns 必须是 字段: 列名 的键值对');
    for (const [field, headers] of Object.entries(doc.columns)) {
      checkField('columns', field);
      const list = Array.isArray(headers) ? headers : [headers];
      if (list.length === 0 || !list.every((h) => typeof h === 'string' || typeof h === 'number'))
        throw fail(`columns.${field} must name headers`, `columns.${field} 必须是列名或列名列表`);
      columns[field] = list.map(String);
    }
  }
  const values: Record<string, string | number | boolean> = {};
  if (doc.values !== undefined) {
    if (!isRecord(doc.values)) throw fail('values must be a mapping', 'values 必须是 字段: 值 的键值对');
    for (const [field, value] of Object.entries(doc.values)) {
      checkField('values', field);
      if (!scalar(value)) throw fail(`values.${field} must be a scalar`, `values.${field} 必须是单个值`);
      values[field] = value;
    }
  }
  const translate: Record<string, ReadonlyMap<string, string>> = {};
  if (doc.translate !== undefined) {
    if (!isRecord(doc.translate))
      throw fail('translate must be a mapping', 'translate 必须是 字段: {原文: 值} 的键值对');
    for (const [field, table] of Object.entries(doc.translate)) {
      checkField('translate', field);
      if (!isRecord(table))
        throw fail(`translate.${field} must be a mapping`, `translate.${field} 必须是 原文: 值 的键值对`);
      const entries = new Map<string, string>();
      for (const [from, to] of Object.entries(table)) {
        if (!scalar(to))
          throw fail(
            `translate.${field}.${from} must be a scalar`,
            `translate.${field}.${from} 必须是单个值`,
          );
        entries.set(from.replace(/\s+/g, ''), String(to));
      }
      translate[field] = entries;
    }
  }
  return { sheet, headerRow, amountUnit, columns, values, translate };
}
