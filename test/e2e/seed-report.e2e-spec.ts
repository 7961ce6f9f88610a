import { CommandBus } from '@nestjs/cqrs';

import { demoPoster, loadDemo, SEED_STATED_FIGURES } from '@ledger/demo';
import { testBackendKinds } from '@ledger/event-store/testing';

import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The headline: the demo brigade posted as ordinary events, and the report computed from the views reproduces the
 * seed report's figures — asserted on the rendered Markdown a reader sees, not on internals. Where the seed's own
 * print is a rounding slip (domain.md §1.2-a/b) the ledger prints the correct rounding and reconciliation flags it.
 */
/** The figures each backend computed, so the second backend's run can compare with the first's. */
const figuresByBackend = new Map<string, Record<string, { exact: string }>>();

describe.each(testBackendKinds())('the 2020 evaluation report of the demo brigade (%s)', (kind) => {
  let t: TestApp;
  let md: string;
  const query = { unit: 'changning', year: '2020', cutoff: '2020-10-31', issuedOn: '2021-06-23' };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const result = await loadDemo(demoPoster(t.app.get(CommandBus)));
    expect(result.replayed).toBe(0);
    await t.engine.catchUp();
    md = (
      await t.http
        .get('/api/v1/reports/evaluation')
        .query({ ...query, format: 'md' })
        .set(t.auth('office'))
        .expect(200)
    ).text;
  }, 600_000);
  afterAll(async () => t?.close());

  it('prints the unit profile', () => {
    expect(md).toContain('现有干部职工66人，其中民警51人，干部1人，职工14人。');
    expect(md).toMatch(/下设.*10个中队。/);
  });

  it('prints income and expenditure with their shares, correctly rounded', () => {
    expect(md).toContain(
      '2020年度总收入2544.29万元，其中财政拨款收入2466.87万元，占全年总收入的97.0%；其他收入77.42万元，占全年总收入的3.0%。',
    );
    expect(md).toContain(
      '总支出2545.60万元，其中基本支出900.52万元，占全年总支出的35.4%，项目支出1645.08万元，占全年总支出的64.6%。',
    );
    expect(md).toContain(
      '工资福利支出1058.27万元、商品和服务支出1162.40万元、对个人和家庭的补助92.03万元、资本性支出232.90万元',
    );
  });

  it('prints the project funds', () => {
    for (const s of [
      '中央和省级政法转移支付资金150.03万元',
      '基础设施建设资金242.66万元',
      '交通协警经费387.98万元',
      '疫情防控工作经费25.50万元',
      '道路交通事故社会救助基金60.00万元',
      '办案业务资金等778.91万元',
    ]) {
      expect(md).toContain(s);
    }
  });

  it('prints 三公 against last year and the budget', () => {
    expect(md).toContain(
      '“三公经费”总支出39.45万元，公务接待费支出0.00万元，公务用车运行费支出39.45万元，无因公出国出境费用',
    );
    expect(md).toContain('与上年“三公经费”39.58万元对比下降0.33%；与2020年度年初预算95.00万元相比减少58.47%');
  });

  it('prints the outcome statistics to the cut-off with their changes on the same period', () => {
    expect(md).toContain(
      '截止到10月31日，辖区共发生交通事故5784起，死亡60人，受伤856人，直接经济损失38.90万元。与同期相比，事故指数上升1.7%，死亡人数上升39.5%，伤人数上升11.7%，经济损失上升7.6%，立刑事案件34起，刑事拘留9人，逮捕6人，直诉24人，行政拘留36人，机动车注册登记8492台，办理机动车驾驶证2072个，补证换证7565个，车辆年检8080台，交通事故快处快赔服务站处理的交通事故801起。',
    );
  });

  it('prints the year’s work, filled from the views into the office’s prose', () => {
    expect(md).toContain('共设置登记点7个');
    expect(md).toContain('5月份以来共办理电动自行车牌照6297块');
    expect(md).toContain('共摸查和整改问题7个');
    expect(md).toContain('A照驾驶人逾期未换证112人、重点车辆未年检51台');
    expect(md).toContain('共排查道路隐患45处，已督促整改道路隐患18处');
    expect(md).toContain(
      '全市42处马路市场已全部整改到位、省挂牌督办道路隐患2处全部整改到位、134台变型拖拉机全部整改到位',
    );
    expect(md).toContain('共服务2批次，服务车辆10台');
    expect(md).toContain('共核查2100余台');
    expect(md).toContain('一年来共开展业务技能培训18次，开展体能训练35次');
    expect(md).toContain('招聘了辅警共100余名');
    expect(md).not.toMatch(/\{\{|\[[a-z_.]+\?\]/);
  });

  it('scores the indicators and signs the report', () => {
    expect(md).toContain('部门整体支出绩效评价指标得分表');
    expect(md).toMatch(/评价等级为“(优|良|中|差)”/);
    expect(md).toContain('二〇二一年六月二十三日');
  });

  it('flags exactly the seed’s rounding slips when reconciled with its printed figures', async () => {
    const res = await t.http
      .post('/api/v1/reports/evaluation/reconcile')
      .set(t.auth('auditor'))
      .send({ unit: 'changning', year: 2020, cutoff: '2020-10-31', stated: SEED_STATED_FIGURES })
      .expect(201);
    const flagged = (
      res.body.findings as { severity: string; figureId: string; stated?: string; computed?: string }[]
    )
      .filter((f) => f.severity === 'flag')
      .map((f) => `${f.figureId}: ${f.stated} → ${f.computed}`)
      .sort();
    expect(flagged).toEqual([
      'finance.expenditure.basic.share: 35.3 → 35.4',
      'finance.expenditure.project.share: 64.7 → 64.6',
      'finance.income.fiscal.share: 96.9 → 97.0',
      'finance.income.other.share: 3.1 → 3.0',
    ]);
  });

  it('traces a figure to the events behind it, and their contributions add up to it', async () => {
    const trace = (id: string) =>
      t.http
        .get(`/api/v1/reports/evaluation/figures/${id}/events`)
        .query(query)
        .set(t.auth('auditor'))
        .expect(200);
    const deaths = (await trace('outcome.deaths')).body;
    expect(deaths.trace.total).toBe('60');
    expect(deaths.trace.events.some((e: { type: string }) => e.type === 'AccidentCasualtiesRevised')).toBe(
      true,
    );
    const goods = (await trace('finance.econ.302')).body;
    expect(goods.trace.total).toBe(goods.figure.exact);
    const types = new Set(goods.trace.events.map((e: { type: string }) => e.type));
    expect(types).toEqual(new Set(['ExpenditureRecorded', 'ExpenditureReversed']));
    const share = (await trace('finance.income.fiscal.share')).body;
    expect(share.trace).toMatchObject({
      kind: 'derived',
      inputs: ['finance.income.fiscal', 'finance.income.total'],
    });
    await t.http
      .get('/api/v1/reports/evaluation/figures/no.such/events')
      .query(query)
      .set(t.auth('auditor'))
      .expect(404);
  });

  it('serves the same report as JSON with provenance, as HTML with clickable figures, and as Word', async () => {
    const json = await t.http
      .get('/api/v1/reports/evaluation')
      .query(query)
      .set(t.auth('finance'))
      .expect(200);
    expect(json.body.document.figures['outcome.deaths']).toMatchObject({
      display: '60',
      provenance: {
        view: 'counts',
        selector: 'accidents.deaths',
        params: { from: '2020-01-01', to: '2020-10-31' },
      },
    });
    const html = await t.http
      .get('/api/v1/reports/evaluation')
      .query({ ...query, format: 'html' })
      .set(t.auth('auditor'))
      .expect(200);
    expect(html.text).toContain('data-figure="finance.income.total"');
    const docx = await t.http
      .get('/api/v1/reports/evaluation')
      .query({ ...query, format: 'docx' })
      .set(t.auth('office'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    await t.http.get('/api/v1/reports/evaluation').query(query).set(t.auth('clerk')).expect(403);
  });

  it('computes the same figures, exact to the fen, on PostgreSQL and on PGlite', () => {
    const other = [...figuresByBackend.entries()].find(([k]) => k !== kind);
    if (!other) return; // the first backend's run; the second compares
    const exact = (figures: Record<string, { exact: string }>) =>
      Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, f.exact]));
    expect(exact(figuresByBackend.get(kind)!)).toEqual(exact(other[1]));
  });

  it('rebuilds every view from zero into exactly the rows the live projector built', async () => {
    const tables = [...new Set(t.engine.projections.flatMap((p) => p.tables.map((x) => x.name)))].sort();
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of tables) {
        out[table] = await t.backend.sql.query(
          `SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY to_jsonb(t)::text`,
        );
      }
      return out;
    };
    const live = await snapshot();
    expect(Object.values(live).every((rows) => Array.isArray(rows))).toBe(true);
    const done = new Set<string>();
    for (const p of t.engine.projections) {
      if (!done.has(p.name)) for (const n of await t.engine.rebuild(p.name)) done.add(n);
    }
    expect(await snapshot()).toEqual(live);
  }, 300_000);

  // Last: it changes the ledger the tests above read.
  it('regenerates the report exactly as issued, and lists what was recorded since and by whom', async () => {
    await new Promise((r) => setTimeout(r, 5));
    const issuedAt = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await t.http
      .post('/api/v1/commands/ReviseAccidentCasualties')
      .set(t.auth('office'))
      .send({
        accidentId: '2020-00001',
        unitId: 'changning',
        deaths: 9,
        injuries: 0,
        directLossFen: 0,
        reason: '补录：迟报的死亡',
      })
      .expect(201);
    await t.engine.catchUp();
    const live = await t.http
      .get('/api/v1/reports/evaluation')
      .query(query)
      .set(t.auth('auditor'))
      .expect(200);
    expect(Number(live.body.document.figures['outcome.deaths'].exact)).toBeGreaterThan(60);
    const then = await t.http
      .get('/api/v1/reports/evaluation/as-recorded')
      .query({ ...query, asRecordedOn: issuedAt })
      .set(t.auth('auditor'))
      .expect(200);
    expect(then.body.report.document.figures['outcome.deaths'].display).toBe('60');
    expect(then.body.changedSince).toEqual([
      expect.objectContaining({
        type: 'AccidentCasualtiesRevised',
        principal: 'office-1',
        role: 'brigade_office',
      }),
    ]);
  }, 300_000);
});
