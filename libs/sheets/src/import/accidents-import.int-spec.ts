import type { Backend, RecordedEvent } from '@ledger/event-store';
import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Principal } from '@ledger/ledger';

import { loadWorkbook } from '../read/load';
import { parseMapping } from '../read/mapping';
import { putRows, utcDate, xlsxOf } from '../testing/workbooks';
import { errorWorkbook } from './error-sheet';
import { importSheet } from './importer';
import { formatProblem } from './messages';

const office = (unitId: string): Principal => ({
  id: `office-${unitId}`,
  role: 'brigade_office',
  unitId,
  squadId: null,
});
const clerk = (unitId: string): Principal => ({
  id: `clerk-${unitId}`,
  role: 'squad_clerk',
  unitId,
  squadId: 'chengqu',
});

/** One database per backend for the file; each test posts for its own unit and reads only that unit back. */
async function all(backend: Backend, unitId: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const batch of backend.store.readAll()) out.push(...batch.filter((e) => e.unitId === unitId));
  return out;
}

/** 台账 as squads keep it: a merged title, a two-row header with a merged group title, a totals row and a note. */
const ledgerSheet = () =>
  xlsxOf((ws) => {
    ws.mergeCells('A1:J1');
    ws.getCell('A1').value = '2020年城区中队交通事故台账';
    for (const [col, title] of [
      ['A', '序号'],
      ['B', '事故编号'],
      ['C', '中队'],
      ['D', '发生日期'],
      ['E', '处理程序'],
      ['H', '直接损失（元）'],
      ['I', '是否逃逸'],
      ['J', '备注'],
    ] as const) {
      ws.mergeCells(`${col}2:${col}3`);
      ws.getCell(`${col}2`).value = title;
    }
    ws.mergeCells('F2:G2');
    ws.getCell('F2').value = '伤亡情况';
    ws.getCell('F3').value = '死亡';
    ws.getCell('G3').value = '受 伤';
    putRows(ws, 4, [
      [1, 'A-001', 'chengqu', utcDate('2020-05-12'), '一般程序', 1, 2, 1234.56, '否'],
      [2, 'A-002', 'chengqu', '2020/5/13', '简易', 0, 1, '1,234.56'],
      [3, 'A-003', 'chengqu', 43965, '快处快赔', 0, 0, '¥1,234.56'],
      [4, 'A-004', 'chengqu', '2020年5月15日', '一般', 0, 3, '12.3万', '是', '国道'],
    ]);
    ws.mergeCells('A9:E9');
    ws.getCell('A9').value = '合 计';
    putRows(ws, 9, [
      [
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        1,
        6,
        { formula: 'SUM(H4:H7)', result: 12303703.68 },
      ],
    ]);
    ws.getCell('A10').value = '制表人：张三';
  }, '事故台账');

/** Ten accidents from row 3 (title in row 1, header in row 2); `bad` replaces cells of some rows. */
const tenAccidents = (bad: Record<number, Record<number, unknown>> = {}) =>
  xlsxOf((ws) => {
    ws.mergeCells('A1:G1');
    ws.getCell('A1').value = '事故登记表';
    putRows(ws, 2, [['事故编号', '中队', '日期', '类别', '死亡', '受伤', '直接经济损失']]);
    for (let i = 0; i < 10; i += 1) {
      const row = 3 + i;
      const cells: unknown[] = [
        `B-${row}`,
        'chengqu',
        `2020-06-${String(i + 1).padStart(2, '0')}`,
        '简易程序',
        0,
        1,
        '200.00',
      ];
      for (const [col, value] of Object.entries(bad[row] ?? {})) cells[Number(col)] = value;
      putRows(ws, row, [cells as never[]]);
    }
  });

describe.each(testBackendKinds())('importing an accident sheet (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openTestBackend(kind);
  });
  afterAll(async () => backend?.close());
  const head = () => backend.store.headPosition();

  it('reads Chinese headers under a merged title and a two-row merged header, skips the totals row and the note, and records every amount exactly', async () => {
    const wb = await loadWorkbook(await ledgerSheet(), 'a.xlsx');
    const report = await importSheet(backend.store, wb, {
      kind: 'accidents',
      unitId: 'u1',
      principal: office('u1'),
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      sheet: '事故台账',
      headerRow: 3,
      dataRows: 4,
      posted: 4,
      events: 4,
      committed: true,
    });
    expect(report.skipped).toEqual({ totals: [9], notes: [10], empty: 1 });
    expect(report.ignoredHeaders).toEqual(['序号', '备注']);
    const recorded = (await all(backend, 'u1')).map((e) => e.data);
    expect(recorded).toEqual([
      expect.objectContaining({
        accidentId: 'A-001',
        occurredOn: '2020-05-12',
        procedure: 'GENERAL',
        deaths: 1,
        injuries: 2,
        directLossFen: 123456,
        hitAndRun: false,
      }),
      expect.objectContaining({
        accidentId: 'A-002',
        occurredOn: '2020-05-13',
        procedure: 'SIMPLE',
        directLossFen: 123456,
      }),
      expect.objectContaining({
        accidentId: 'A-003',
        occurredOn: '2020-05-14',
        procedure: 'FAST_SETTLEMENT',
        directLossFen: 123456,
      }),
      expect.objectContaining({
        accidentId: 'A-004',
        occurredOn: '2020-05-15',
        injuries: 3,
        directLossFen: 12_300_000,
        hitAndRun: true,
      }),
    ]);
  });

  it('re-importing the same sheet appends nothing', async () => {
    const file = await ledgerSheet();
    const first = await importSheet(backend.store, await loadWorkbook(file), {
      kind: 'accidents',
      unitId: 'u2',
      principal: office('u2'),
    });
    expect(first).toMatchObject({ posted: 4, events: 4 });
    const before = await head();
    const again = await importSheet(backend.store, await loadWorkbook(file), {
      kind: 'accidents',
      unitId: 'u2',
      principal: office('u2'),
    });
    expect(again).toMatchObject({ problems: [], posted: 0, alreadyImported: 4, events: 0, committed: true });
    expect(await head()).toBe(before);
  });

  it('reports a bad row by its sheet row and column, in Chinese, and appends nothing', async () => {
    const file = await tenAccidents({ 12: { 6: '-5' }, 7: { 2: '2020-02-30', 4: 'x' } });
    const wb = await loadWorkbook(file);
    const before = await head();
    const report = await importSheet(backend.store, wb, {
      kind: 'accidents',
      unitId: 'u3',
      principal: office('u3'),
    });
    expect(report.problems.map(formatProblem)).toEqual([
      '第7行 日期: 不是有效的日期: 「2020-02-30」（可写作 2020-05-12、2020/5/12 或 2020年5月12日）',
      '第7行 死亡: 不是数字: 「x」',
      '第12行 直接经济损失: 不能为负数',
    ]);
    expect(report).toMatchObject({ invalidRows: [7, 12], posted: 0, committed: false });
    expect(await head()).toBe(before);

    const errors = await loadWorkbook(await errorWorkbook(wb, report));
    const ws = errors.worksheets[0]!;
    expect(ws.getCell('H2').value).toBe('错误');
    expect(ws.getCell('H12').value).toBe('直接经济损失: 不能为负数');
    expect(ws.getCell('H3').value).toBeNull();
    expect(errors.getWorksheet('错误清单')!.getCell('D4').value).toBe('第12行 直接经济损失: 不能为负数');
  });

  it('with skipInvalid posts the valid rows and reports the others', async () => {
    const wb = await loadWorkbook(await tenAccidents({ 12: { 6: '-5' } }));
    const before = await head();
    const report = await importSheet(backend.store, wb, {
      kind: 'accidents',
      unitId: 'u4',
      principal: office('u4'),
      skipInvalid: true,
    });
    expect(report).toMatchObject({ invalidRows: [12], posted: 9, committed: true });
    expect(await head()).toBe(before + 9n);
  });

  it('decides the whole sheet before posting: an accident entered twice, or for another squad, fails its row and nothing is appended', async () => {
    const wb = await loadWorkbook(await tenAccidents({ 5: { 0: 'B-3' }, 9: { 1: 'songbai' } }));
    const before = await head();
    const report = await importSheet(backend.store, wb, {
      kind: 'accidents',
      unitId: 'u5',
      principal: clerk('u5'),
    });
    expect(report.invalidRows).toEqual([5, 9]);
    expect(report.problems[0]).toMatchObject({ row: 5, message: '事故 B-3 已登记' });
    expect(report.problems[1]).toMatchObject({ row: 9, message: '无权为中队 songbai 登记' });
    expect(await head()).toBe(before);
  });

  it('follows a YAML map: other headers, squad names translated, a constant, amounts in 万元 by default', async () => {
    const file = await xlsxOf((ws) =>
      putRows(ws, 1, [
        ['案号', '所属单位', '时间', '死', '伤', '损失', '程序'],
        ['C-1', '城区中队', '20200701', 0, 1, 0.05],
        ['C-2', '松柏中队', 20200702, 1, 0, '1.2'],
      ]),
    );
    const mapping = parseMapping(
      [
        'amountUnit: 万元',
        'columns:',
        '  accidentId: 案号',
        '  squadId: 所属单位',
        '  occurredOn: [时间, 日期]',
        '  deaths: 死',
        '  injuries: 伤',
        '  directLossFen: 损失',
        'values:',
        '  procedure: 一般程序',
        'translate:',
        '  squadId: { 城区中队: chengqu, 松柏中队: songbai }',
      ].join('\n'),
      ['accidentId', 'squadId', 'occurredOn', 'procedure', 'deaths', 'injuries', 'directLossFen'],
    );
    const report = await importSheet(backend.store, await loadWorkbook(file), {
      kind: 'accidents',
      unitId: 'u6',
      principal: office('u6'),
      mapping,
    });
    expect(report.problems).toEqual([]);
    expect(
      (await all(backend, 'u6')).map((e) => [
        e.data.squadId,
        e.data.occurredOn,
        e.data.procedure,
        e.data.directLossFen,
      ]),
    ).toEqual([
      ['chengqu', '2020-07-01', 'GENERAL', 50_000],
      ['songbai', '2020-07-02', 'GENERAL', 1_200_000],
    ]);
  });

  it('reads a GB18030 CSV as text, so amounts and dates arrive as typed', async () => {
    // 事故编号,中队,日期,处理程序,死亡,受伤,直接损失 / D-1,chengqu,2020/8/1,简易,0,1,"1,234.56" / 合计,… in GB18030,
    // as accounting software exports it (Node encodes only UTF-8, so the bytes are spelt out).
    const gbk = Buffer.from(
      'cac2b9cab1e0bac52cd6d0b6d32cc8d5c6da2cb4a6c0edb3ccd0f22ccbc0cdf62ccadcc9cb2cd6b1bdd3cbf0caa70a442d312c6368656e' +
        '6771752c323032302f382f312cbcf2d2d72c302c312c22312c3233342e3536220abacfbcc62c2c2c2c302c312c22312c3233342e3536220a',
      'hex',
    );
    const report = await importSheet(backend.store, await loadWorkbook(gbk, 'a.csv'), {
      kind: 'accidents',
      unitId: 'u7',
      principal: office('u7'),
    });
    expect(report).toMatchObject({ problems: [], posted: 1, skipped: { totals: [3] } });
    expect((await all(backend, 'u7'))[0]!.data).toMatchObject({
      occurredOn: '2020-08-01',
      directLossFen: 123456,
    });
  });
});
