import { QueryBus } from '@nestjs/cqrs';
import type { Workbook } from 'exceljs';
import type { Response } from 'supertest';

import { testBackendKinds } from '@ledger/event-store/testing';
import { exportViewWorkbook, loadWorkbook } from '@ledger/sheets';
import { putRows, utcDate, xlsxOf } from '../../libs/sheets/src/testing/workbooks';

import { startTestApp, type PrincipalName, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** supertest hands binary bodies over as a Buffer only when asked to collect them. */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Every sheet's name and every cell's value, to compare two workbooks figure for figure. */
function cellsOf(wb: Workbook): unknown[] {
  return wb.worksheets.map((ws) => [ws.name, ws.getSheetValues()]);
}

const accidents = (lossOfRow12: string) =>
  xlsxOf((ws) => {
    ws.mergeCells('A1:G1');
    ws.getCell('A1').value = '2020年交通事故台账';
    putRows(ws, 2, [['事故编号', '中队', '发生日期', '处理程序', '死亡', '受伤', '直接损失（元）']]);
    for (let r = 3; r <= 12; r += 1) {
      putRows(ws, r, [
        [
          `S-${r}`,
          'chengqu',
          utcDate(`2020-07-${String(r).padStart(2, '0')}`),
          '简易程序',
          r === 3 ? 1 : 0,
          1,
          r === 12 ? lossOfRow12 : '1,000.50',
        ],
      ]);
    }
    putRows(ws, 13, [['合计', undefined, undefined, undefined, 1, 10]]);
  });

describe.each(testBackendKinds())('spreadsheets in and out over HTTP (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const upload = (who: PrincipalName, file: Buffer, fields: Record<string, string>, name = 'sheet.xlsx') => {
    const req = t.http.post('/api/v1/imports').set(t.auth(who)).attach('file', file, name);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req;
  };

  it('refuses an upload without a token, from an auditor, and without a file', async () => {
    const file = await accidents('12.00');
    await t.http
      .post('/api/v1/imports')
      .attach('file', file, 'a.xlsx')
      .field('kind', 'accidents')
      .expect(401);
    await upload('auditor', file, { kind: 'accidents', unit: 'changning' }).expect(403);
    await t.http
      .post('/api/v1/imports')
      .set(t.auth('office'))
      .field('kind', 'accidents')
      .field('unit', 'changning')
      .expect(400);
  });

  it('refuses a sheet with a bad row: 400 naming row and column, nothing appended, and the error sheet on request', async () => {
    const before = await t.backend.store.headPosition();
    const file = await accidents('-3');
    const res = await upload('office', file, { kind: 'accidents', unit: 'changning' }).expect(400);
    expect(res.body.messages).toEqual(['第12行 直接损失（元）: 不能为负数']);
    expect(res.body).toMatchObject({ committed: false, posted: 0, invalidRows: [12] });
    expect(await t.backend.store.headPosition()).toBe(before);

    const sheet = await upload('office', file, { kind: 'accidents', unit: 'changning', errors: 'xlsx' })
      .buffer(true)
      .parse(binary)
      .expect(400)
      .expect('Content-Type', XLSX);
    const ws = (await loadWorkbook(sheet.body as Buffer)).worksheets[0]!;
    expect(ws.getCell('H2').value).toBe('错误');
    expect(ws.getCell('H12').value).toBe('直接损失（元）: 不能为负数');
  });

  it('imports a sheet once: 201 with what was posted, then 200 with nothing appended', async () => {
    const file = await accidents('0');
    const first = await upload('office', file, { kind: 'accidents', unit: 'changning' }).expect(201);
    expect(first.body).toMatchObject({ posted: 10, events: 10, skipped: { totals: [13] }, messages: [] });
    const head = await t.backend.store.headPosition();
    const again = await upload('office', file, { kind: 'accidents', unit: 'changning' }).expect(200);
    expect(again.body).toMatchObject({ posted: 0, alreadyImported: 10 });
    expect(await t.backend.store.headPosition()).toBe(head);
  });

  it("takes a clerk's squad when the sheet has no squad column, and a YAML map as a field", async () => {
    const file = await xlsxOf((ws) =>
      putRows(ws, 1, [
        ['日子', '项目', '数'],
        ['2020-07-01', '醉酒驾驶', 3],
      ]),
    );
    const res = await upload('clerk', file, {
      kind: 'tallies',
      unit: 'changning',
      map: 'columns:\n  businessDate: 日子\n  category: 项目\n  count: 数\n',
    }).expect(201);
    expect(res.body.posted).toBe(1);
    const dryRun = await upload('clerk', file, {
      kind: 'tallies',
      unit: 'changning',
      dryRun: 'true',
      map: 'columns: {businessDate: 日子, category: 项目, count: 数}',
    }).expect(200);
    expect(dryRun.body).toMatchObject({ dryRun: true, alreadyImported: 1, posted: 0 });
  });

  it('answers GET /views/counts?format=xlsx with the figures of the JSON answer', async () => {
    await t.engine.catchUp();
    const query = {
      unit: 'changning',
      from: '2020-01-01',
      to: '2020-12-31',
      compareWith: 'previous-year-same-period',
    };
    const json = await t.http.get('/api/v1/views/counts').query(query).set(t.auth('office')).expect(200);
    const res = await t.http
      .get('/api/v1/views/counts')
      .query({ ...query, format: 'xlsx' })
      .set(t.auth('office'))
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', XLSX);
    expect(res.headers['content-disposition']).toContain('counts-changning-2020-01-01-2020-12-31.xlsx');
    const ws = (await loadWorkbook(res.body as Buffer)).getWorksheet('按指标')!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '指标代码',
      '指标',
      '计量单位',
      '本期',
      '上年同期',
      '增减',
      '同比(%)',
      '限定',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const byMeasure = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > 3) byMeasure.set(String(row.getCell(1).value), row.values as unknown[]);
    });
    const current = (m: string) =>
      json.body.changes.find((c: { measure: string }) => c.measure === m).current;
    expect(byMeasure.get('accidents.total')![4]).toBe(Number(current('accidents.total')));
    expect(byMeasure.get('accidents.deaths')![4]).toBe(1);
    // 10 accidents: nine of 1,000.50 元 and one of 0 → 0.90045 万元, printed to two decimals as the report does.
    expect(byMeasure.get('accidents.direct_loss_fen')!.slice(3, 5)).toEqual(['万元', 0.9]);
    expect(ws.getRow(4).getCell(4).numFmt).toBe('#,##0');

    await t.http
      .get('/api/v1/views/counts')
      .query({ ...query, format: 'pdf' })
      .set(t.auth('office'))
      .expect(400);
    await t.http
      .get('/api/v1/views/counts')
      .query({ ...query, format: 'xlsx' })
      .set(t.auth('stranger'))
      .expect(403);
  });

  it('exports spending, three-public and year-end workbooks with the figures the API answers', async () => {
    await t.http
      .post('/api/v1/commands/OpenFiscalYear')
      .set(t.auth('finance'))
      .send({ unitId: 'changning', year: 2020 })
      .expect(201);
    const file = await xlsxOf((ws) =>
      putRows(ws, 1, [
        [
          '日期',
          '凭证号',
          '摘要',
          '收款人',
          '经济分类',
          '功能分类',
          '支出类型',
          '经费类型',
          '资金来源',
          '金额',
        ],
        [
          '2020-03-02',
          '记-1',
          '办公用品',
          '文具店',
          '30201 办公费',
          '2040201',
          '基本',
          '公用',
          '本级财政拨款',
          '1,234.56',
        ],
        [
          '2020-04-08',
          '记-2',
          '车辆加油',
          '加油站',
          '30231 公务用车运行维护费',
          '2040220',
          '基本',
          '公用',
          '本级财政拨款',
          '0.35万',
        ],
        ['2020-05-20', '记-3', '工资', '职工', '30101', '2040201', '基本', '人员', '本级财政拨款', 88000],
      ]),
    );
    await upload('finance', file, { kind: 'vouchers', unit: 'changning' }).expect(201);
    await t.engine.catchUp();
    const queries = t.app.get(QueryBus);
    const params = { unitId: 'changning', from: '2020-01-01', to: '2020-10-31' };
    const rowsOf = (wb: Workbook, name: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, n) => {
        if (n > 3) rows.push((row.values as unknown[]).slice(1));
      });
      return rows;
    };

    const spending = await t.http
      .get('/api/v1/views/spending')
      .query({
        unit: 'changning',
        from: params.from,
        to: params.to,
        compareWith: 'previous-year-same-period',
      })
      .set(t.auth('finance'))
      .expect(200);
    const sp = await exportViewWorkbook(queries, 'spending', params);
    expect(rowsOf(sp, '概况').find((r) => r[0] === 'expenditure.total')![2]).toBe(
      Number(spending.body.expenditure.total.wanYuan),
    );
    type Share = { key: string; wanYuan: string; sharePct: string };
    expect(rowsOf(sp, '支出按经济分类').map((r) => [r[0], r[2], r[3]])).toEqual(
      spending.body.expenditure.byEconClass.flatMap((c: Share & { items: Share[] }) =>
        [c, ...c.items].map((i) => [i.key, Number(i.wanYuan), Number(i.sharePct)]),
      ),
    );

    const threePublic = await t.http
      .get('/api/v1/views/three-public')
      .query({ unit: 'changning', year: '2020' })
      .set(t.auth('finance'))
      .expect(200);
    const tp = await exportViewWorkbook(queries, 'three-public', params);
    type Line = { labelZh: string; actual: { wanYuan: string } };
    expect(rowsOf(tp, '三公经费').map((r) => [r[0], r[2]])).toEqual(
      [...threePublic.body.categories, threePublic.body.vehicle, threePublic.body.total].map((l: Line) => [
        l.labelZh,
        Number(l.actual.wanYuan),
      ]),
    );

    const yearEnd = await t.http
      .get('/api/v1/views/year-end')
      .query({ unit: 'changning', year: '2020', asOf: '2020-10-31' })
      .set(t.auth('finance'))
      .expect(200);
    const ye = await exportViewWorkbook(queries, 'year-end', params);
    type Method = { method: string; projected: { wanYuan: string } | null };
    expect(rowsOf(ye, '支出预测').map((r) => [r[0], r[2] ?? null])).toEqual(
      yearEnd.body.expenditure.methods.map((m: Method) => [
        m.method,
        m.projected ? Number(m.projected.wanYuan) : null,
      ]),
    );
  });
});

describe.each(testBackendKinds())(
  'a counts export imported as tallies into an empty ledger exports the same figures (%s)',
  (kind) => {
    let source: TestApp;
    let copy: TestApp;
    beforeAll(async () => {
      [source, copy] = await Promise.all([startTestApp(kind), startTestApp(kind)]);
    });
    afterAll(async () => Promise.all([source?.close(), copy?.close()]));

    it('round-trips by day, squad, month and measure, lower bounds included', async () => {
      const tally = (who: PrincipalName, body: object) =>
        source.http
          .post('/api/v1/commands/RecordTally')
          .set(source.auth(who))
          .send({ unitId: 'changning', ...body })
          .expect(201);
      await tally('clerk', {
        squadId: 'chengqu',
        businessDate: '2020-05-12',
        category: 'VEHICLE_REGISTRATION',
        count: 31,
      });
      await tally('clerk', {
        squadId: 'chengqu',
        businessDate: '2020-05-12',
        category: 'VEHICLE_REGISTRATION',
        count: 4,
      });
      await tally('otherClerk', {
        squadId: 'songbai',
        businessDate: '2020-05-12',
        category: 'VEHICLE_REGISTRATION',
        count: 9,
      });
      await tally('office', {
        squadId: 'songbai',
        businessDate: '2020-06-16',
        category: 'VIOLATION_NO_HELMET',
        count: 120,
      });
      await tally('office', {
        squadId: 'chengqu',
        businessDate: '2020-02-03',
        category: 'VEHICLES_SCREENED',
        count: 2100,
        qualifier: 'AT_LEAST',
      });
      await source.engine.catchUp();
      const params = { unitId: 'changning', from: '2020-01-01', to: '2020-12-31' };
      const exported = await exportViewWorkbook(source.app.get(QueryBus), 'counts', params);
      expect(exported.worksheets.map((w) => w.name)).toEqual(['按指标', '按中队', '按月', '明细']);

      const file = Buffer.from(await exported.xlsx.writeBuffer());
      const imported = await copy.http
        .post('/api/v1/imports')
        .set(copy.auth('office'))
        .attach('file', file, 'counts.xlsx')
        .field('kind', 'tallies')
        .field('unit', 'changning')
        .expect(201);
      expect(imported.body).toMatchObject({ sheet: '明细', posted: 4, messages: [] });
      await copy.engine.catchUp();
      const again = await exportViewWorkbook(copy.app.get(QueryBus), 'counts', params);
      expect(cellsOf(again)).toEqual(cellsOf(exported));
      expect(again.getWorksheet('明细')!.getRow(4).values).toEqual([
        undefined,
        '2020-02-03',
        'chengqu',
        'tally.vehicles_screened',
        '核查车辆',
        '台',
        2100,
        '余',
      ]);
    });
  },
);
