import {
  ECON_CLASSES,
  FUNC_CODE_LABELS,
  FUND_SOURCE_LABELS,
  INCOME_TYPE_LABELS,
  type IncomeType,
} from '@ledger/ledger/events';

import { CellError } from '../read/cell-error';
import { cellText, showCell } from '../read/cells';
import { asChoice, asId, asWholeNumber } from '../read/converters';
import type { Converter } from './kind-spec';

const ECON_BY_LABEL = new Map<string, string>();
for (const c of ECON_CLASSES)
  for (const [code, label] of Object.entries(c.items)) {
    const key = label.replace(/\s+/g, '');
    // A label shared by two items (309xx and 310xx) names neither: the code must be written.
    ECON_BY_LABEL.set(key, ECON_BY_LABEL.has(key) ? '' : code);
  }

const FUNC_BY_LABEL = new Map<string, string>();
for (const [code, label] of Object.entries(FUNC_CODE_LABELS)) {
  FUNC_BY_LABEL.set(label, code);
  const short = label.split('-').pop()!;
  FUNC_BY_LABEL.set(short, FUNC_BY_LABEL.has(short) ? '' : code);
}

/**
 * A classification code as accounting exports print it: `30201`, `30201 办公费`, `[30201]办公费`, `302-01`, or the
 * label alone where it names one item. Whether the item exists is the decider's rule, reported on the row.
 */
const classificationCode =
  (digits: number, labels: ReadonlyMap<string, string>, whatZh: string): Converter =>
  (raw) => {
    const text = cellText(raw);
    const m = new RegExp(`^[\\[【(（]?(\\d{${digits}})(?!\\d)`).exec(text.replace(/(?<=\d)[-.](?=\d)/g, ''));
    if (m) return m[1]!;
    const byLabel = labels.get(text.replace(/^[[【(（]?\d*[\]】)）]?/, ''));
    if (byLabel) return byLabel;
    throw new CellError(
      `应为${digits}位${whatZh}科目编码（如 ${digits === 5 ? '30201 办公费' : '2040201'}）: ${showCell(raw)}`,
    );
  };

export const asEconCode = classificationCode(5, ECON_BY_LABEL, '经济分类款级');
export const asFuncCode = classificationCode(7, FUNC_BY_LABEL, '功能分类项级');

export const asBudgetKind = asChoice({ BASIC: ['基本支出', '基本'], PROJECT: ['项目支出', '项目'] });
export const asBasicSubKind = asChoice({
  PERSONNEL: ['人员经费', '人员'],
  PUBLIC: ['日常公用经费', '公用经费', '公用'],
});
export const asIncomeType = asChoice(
  Object.fromEntries(
    (Object.entries(INCOME_TYPE_LABELS) as [IncomeType, string][]).map(([code, label]) => [
      code,
      [label, label.replace(/收入$/, ''), ...(code === 'FISCAL_GENERAL' ? ['财政拨款收入', '财政拨款'] : [])],
    ]),
  ),
);
export const asDirection = asChoice({ INCOME: ['收入', '收'], EXPENDITURE: ['支出', '支', '付'] });

/** A fund source by its code or the label the seed uses (本级财政拨款 …); other names need a `translate` entry. */
export const asFundSource: Converter = (raw, column) => {
  const text = cellText(raw);
  const byLabel = Object.entries(FUND_SOURCE_LABELS).find(([, label]) => label === text);
  return byLabel ? byLabel[0] : asId('资金来源')(raw, column);
};

export const asYear: Converter = (raw, column) => {
  const year = asWholeNumber(raw, column) as number;
  if (year < 2000 || year > 2100) throw new CellError(`不是有效的年度: ${showCell(raw)}`);
  return year;
};
