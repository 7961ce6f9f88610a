import type { DomainError } from '@ledger/ledger';

import { parseMapping } from '../read/mapping';
import { normaliseHeader } from '../read/table';
import { chineseMessage, formatProblem } from './messages';

describe('messages a clerk can act on', () => {
  it.each([
    ['directLossFen 必须是以分为单位的非负整数 (must be integer fen)', '必须是以分为单位的非负整数'],
    ['paidOn 不能晚于今天', '不能晚于今天'],
    ['lines[0].amountFen 须为以分为单位的正整数', '须为以分为单位的正整数'],
    ['事故 A-1 已登记', '事故 A-1 已登记'],
    ['30299 不是部门预算支出经济分类的款级科目', '30299 不是部门预算支出经济分类的款级科目'],
    ['deaths must not be less than 0', '不能小于 0'],
    ['deaths must not be greater than 1000', '不能大于 1000'],
    ['procedure must be one of the following values: SIMPLE, GENERAL', '必须是以下之一: SIMPLE, GENERAL'],
    ['payee must be longer than or equal to 1 characters', '至少 1 个字'],
  ])('%s → %s', (input, output) => {
    expect(chineseMessage(input)).toBe(output);
  });

  it('names the row and the column, or the header for the sheet as a whole', () => {
    expect(formatProblem({ row: 12, column: '金额', message: '必须为正数' })).toBe('第12行 金额: 必须为正数');
    expect(formatProblem({ row: 4, column: null, message: '2021年度尚未开账' })).toBe(
      '第4行: 2021年度尚未开账',
    );
    expect(formatProblem({ row: null, column: '日期', message: '缺少' })).toBe('表头 日期: 缺少');
  });
});

describe('headers and maps', () => {
  it('reads the unit out of a header and matches names without spaces or full-width forms', () => {
    expect(normaliseHeader('金 额（万元）')).toEqual({ name: '金额', unit: 'wan' });
    expect(normaliseHeader('直接损失(元)')).toEqual({ name: '直接损失', unit: 'yuan' });
    expect(normaliseHeader('预算数/万元')).toEqual({ name: '预算数', unit: 'wan' });
    expect(normaliseHeader('死亡（人）')).toEqual({ name: '死亡', unit: null });
  });

  it('refuses a map that names a field the kind does not have, or is not YAML', () => {
    const zh = (yaml: string) => {
      try {
        parseMapping(yaml, ['amountFen']);
      } catch (error) {
        return (error as DomainError).messageZh;
      }
      throw new Error('accepted');
    };
    expect(zh('columns:\n  amount: 金额\n')).toBe(
      '映射文件有误: columns.amount: 没有这个字段（可用: amountFen）',
    );
    expect(zh('columns: [')).toMatch(/^映射文件有误: 不是有效的 YAML/);
    expect(zh('sheets: x')).toMatch(/^映射文件有误: 未知的键 sheets/);
    expect(
      parseMapping('translate:\n  squadId: { 城区 中队: chengqu }\n', ['squadId']).translate.squadId?.get(
        '城区中队',
      ),
    ).toBe('chengqu');
  });
});
