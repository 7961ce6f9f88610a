import { CellError } from './cell-error';
import { excelSerialToDate, parseSheetDate } from './dates';

describe('business dates from sheets', () => {
  it.each([
    '2020-05-12',
    '2020/5/12',
    '2020/05/12',
    '2020.5.12',
    '2020年5月12日',
    '2020 年 5 月 12 日',
    '20200512',
    '2020-05-12 08:30',
    '2020/5/12 0:00:00',
    '２０２０－０５－１２',
  ])('text %s is 2020-05-12', (value) => {
    expect(parseSheetDate({ kind: 'text', value })).toBe('2020-05-12');
  });

  it('reads date cells by their calendar day, serials in the 1900 and 1904 systems, and yyyymmdd numbers', () => {
    expect(parseSheetDate({ kind: 'date', value: new Date(Date.UTC(2020, 4, 12)) })).toBe('2020-05-12');
    expect(parseSheetDate({ kind: 'date', value: new Date(Date.UTC(2020, 4, 12, 23, 59)) })).toBe(
      '2020-05-12',
    );
    expect(parseSheetDate({ kind: 'number', value: 43963 })).toBe('2020-05-12');
    expect(parseSheetDate({ kind: 'number', value: 43963.75 })).toBe('2020-05-12');
    expect(parseSheetDate({ kind: 'number', value: 42501 }, true)).toBe('2020-05-12');
    expect(parseSheetDate({ kind: 'number', value: 20200512 })).toBe('2020-05-12');
    expect(excelSerialToDate(44196)).toBe('2020-12-31');
    expect(excelSerialToDate(43890)).toBe('2020-02-29');
  });

  it.each([
    { kind: 'text' as const, value: '2020-02-30' },
    { kind: 'text' as const, value: '2020/13/1' },
    { kind: 'text' as const, value: '5月12日' },
    { kind: 'text' as const, value: '昨天' },
    { kind: 'number' as const, value: 12 },
    { kind: 'number' as const, value: 20201301 },
    { kind: 'boolean' as const, value: true },
  ])('refuses %j', (raw) => {
    expect(() => parseSheetDate(raw)).toThrow(CellError);
  });
});
