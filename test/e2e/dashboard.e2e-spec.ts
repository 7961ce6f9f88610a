/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core, against the real API on PGlite,
 * the SPA built by Vite for this run. Skipped (with a message) when /usr/bin/chromium is absent, unless
 * LEDGER_REQUIRE_CHROMIUM=1 (CI installs chromium and sets it).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

import { startTestApp, type PrincipalName, type TestApp } from '../support/test-app';

// The dashboard's own build script (plain Node), so the tests run the same build as `npm run build`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildDashboard } = require('../../apps/dashboard/build.js') as {
  buildDashboard: (options: { outDir?: string; quiet?: boolean }) => void;
};

const CHROMIUM = process.env.LEDGER_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REQUIRED = process.env.LEDGER_REQUIRE_CHROMIUM === '1';
const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'test-output', 'dashboard');
const UNIT = 'changning';
const SQUADS = ['chengqu', 'songbai'] as const;
const TALLY_CATEGORIES = [
  'VIOLATION_DRUNK_DRIVING',
  'VIOLATION_NO_HELMET',
  'VEHICLE_REGISTRATION',
  'EBIKE_PLATE',
];
/**
 * What the page-side functions touch, typed here because this file compiles without the DOM's types. (Functions,
 * not strings: the dashboard's CSP forbids eval, which string predicates would need.)
 */
interface PageGlobal {
  document: {
    body: { dataset: Record<string, string | undefined> };
    querySelectorAll(selector: string): ArrayLike<{ hasAttribute(name: string): boolean }>;
  };
}
/** The issue's bar for a view's load; measured on a 2-core machine shared with other work. */
const LOAD_BUDGET_MS = 1000;

if (!HAVE_CHROMIUM && !REQUIRED) {
  console.warn(
    `dashboard browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium; LEDGER_REQUIRE_CHROMIUM=1 makes this a failure)`,
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A brigade's two years through the API: organisation, ~1,000 tallies, accidents, budgets, income and spending. */
async function seed(t: TestApp): Promise<number> {
  let posted = 0;
  const post = async (as: PrincipalName, command: string, body: object) => {
    const res = await t.http.post(`/api/v1/commands/${command}`).set(t.auth(as)).send(body);
    if (res.status !== 201) throw new Error(`${command} → ${res.status} ${JSON.stringify(res.body)}`);
    posted += 1;
  };
  const parallel = async (jobs: (() => Promise<void>)[], width = 4) => {
    for (let i = 0; i < jobs.length; i += width) await Promise.all(jobs.slice(i, i + width).map((j) => j()));
  };

  await post('office', 'EstablishUnit', {
    unitId: UNIT,
    name: '常宁市公安局交通警察大队',
    kind: 'BRIGADE',
    establishedOn: '2000-01-01',
  });
  for (const squad of SQUADS)
    await post('office', 'EstablishUnit', {
      unitId: squad,
      parentId: UNIT,
      name: `${squad}中队`,
      kind: 'SQUAD',
      establishedOn: '2000-01-01',
    });
  await post('office', 'RecordHeadcount', {
    unitId: UNIT,
    asOf: '2019-12-31',
    police: 50,
    cadres: 2,
    workers: 12,
    auxiliary: 90,
  });

  // Tallies: every squad, a few categories, on 3 days of every month of 2019 and 2020.
  const tallies: (() => Promise<void>)[] = [];
  for (const year of [2019, 2020])
    for (let month = 1; month <= 12; month += 1)
      for (const day of [3, 9, 15, 21, 27])
        for (const [s, squad] of SQUADS.entries())
          for (const [c, category] of TALLY_CATEGORIES.entries()) {
            const clerk: PrincipalName = squad === 'chengqu' ? 'clerk' : 'otherClerk';
            tallies.push(() =>
              post(clerk, 'RecordTally', {
                unitId: UNIT,
                squadId: squad,
                businessDate: `${year}-${pad(month)}-${pad(day)}`,
                category,
                count: ((month * 7 + day + s * 5 + c * 11 + year) % 17) + 1,
              }),
            );
          }
  // Accidents: two a month.
  for (const year of [2019, 2020])
    for (let month = 1; month <= 12; month += 1)
      for (const n of [1, 2])
        tallies.push(() =>
          post('clerk', 'RecordAccident', {
            accidentId: `A-${year}-${pad(month)}${n}`,
            unitId: UNIT,
            squadId: 'chengqu',
            occurredOn: `${year}-${pad(month)}-${pad(n * 9)}`,
            procedure: n === 1 ? 'GENERAL' : 'SIMPLE',
            deaths: (month + n + year) % 3 === 0 ? 1 : 0,
            injuries: (month + n) % 4,
            directLossFen: (month * 1_000 + n * 350) * 100,
          }),
        );
  await parallel(tallies);

  // Finance: a project, two fiscal years with budgets, 三公 budgets, income and monthly spending; 2019 closed.
  const basic = { budgetKind: 'BASIC', fundSource: 'LOCAL_FISCAL', funcCode: '2040201' };
  const project = {
    budgetKind: 'PROJECT',
    projectId: 'xiejing',
    fundSource: 'LOCAL_FISCAL',
    funcCode: '2040220',
  };
  await post('finance', 'RegisterProject', {
    unitId: UNIT,
    projectId: 'xiejing',
    name: '交通协警经费',
    category: '协警',
  });
  for (const year of [2019, 2020]) {
    await post('finance', 'OpenFiscalYear', { unitId: UNIT, year });
    await post('finance', 'ApproveBudget', {
      unitId: UNIT,
      year,
      approvedOn: `${year - 1}-12-20`,
      lines: [
        { lineId: 'L1', ...basic, basicSubKind: 'PERSONNEL', econCode: '30101', amountFen: 900_000_000 },
        { lineId: 'L2', ...basic, basicSubKind: 'PUBLIC', econCode: '30201', amountFen: 150_000_000 },
        { lineId: 'L3', ...basic, basicSubKind: 'PUBLIC', econCode: '30231', amountFen: 60_000_000 },
        { lineId: 'L4', ...project, econCode: '30226', amountFen: 500_000_000 },
      ],
    });
    await post('finance', 'SetThreePublicBudget', {
      unitId: UNIT,
      year,
      setOn: `${year}-01-10`,
      overseasFen: 0,
      vehiclePurchaseFen: 0,
      vehicleOperationFen: 60_000_000,
      receptionFen: 10_000_000,
    });
    for (const [i, incomeType] of ['FISCAL_GENERAL', 'FISCAL_GENERAL', 'OTHER'].entries())
      await post('finance', 'RecordIncome', {
        unitId: UNIT,
        year,
        receivedOn: `${year}-${pad(i * 4 + 1)}-05`,
        incomeType,
        fundSource: incomeType === 'OTHER' ? 'OTHER' : 'LOCAL_FISCAL',
        amountFen: incomeType === 'OTHER' ? 20_000_000 + year : 750_000_000 + year * 100,
        voucherNo: `收-${year}-${i + 1}`,
      });
    const spend: (() => Promise<void>)[] = [];
    for (let month = 1; month <= 12; month += 1) {
      const lines = [
        { ...basic, basicSubKind: 'PERSONNEL', econCode: '30101', amountFen: 70_000_000 + month * 100_000 },
        { ...basic, basicSubKind: 'PUBLIC', econCode: '30201', amountFen: 11_000_000 + month * 50_000 },
        {
          ...basic,
          basicSubKind: 'PUBLIC',
          econCode: '30231',
          amountFen: 4_500_000 + (year - 2019) * 10_000,
        },
        { ...project, econCode: '30226', amountFen: 38_000_000 + month * 200_000 },
      ];
      for (const [i, line] of lines.entries())
        spend.push(() =>
          post('finance', 'RecordExpenditure', {
            unitId: UNIT,
            year,
            paidOn: `${year}-${pad(month)}-${pad(10 + i)}`,
            voucherNo: `付-${year}-${pad(month)}-${i + 1}`,
            payee: '收款单位',
            summary: '支出',
            ...line,
          }),
        );
    }
    // One fiscal-year stream: its postings are decided in order, so no parallelism here.
    for (const job of spend) await job();
    if (year === 2019)
      await post('finance', 'CloseFiscalYear', { unitId: UNIT, year, closedOn: '2020-01-15' });
  }
  return posted;
}

interface ViewTiming {
  readonly view: string;
  readonly ms: number;
}

const describeBrowser = HAVE_CHROMIUM || REQUIRED ? describe : describe.skip;

describeBrowser('the dashboard in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let outDir: string;
  let posted = 0;
  const timings: ViewTiming[] = [];
  const consoleErrors: { text: string; url: string }[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`LEDGER_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing`);
    outDir = mkdtempSync(join(tmpdir(), 'ledger-dashboard-'));
    buildDashboard({ outDir, quiet: true });
    process.env.LEDGER_DASHBOARD_DIR = outDir;
    t = await startTestApp('pglite');
    delete process.env.LEDGER_DASHBOARD_DIR;
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const started = Date.now();
    posted = await seed(t);
    await t.engine.catchUp();
    console.log(`dashboard e2e: seeded ${posted} postings in ${Date.now() - started} ms`);
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--lang=zh-CN'],
    });
    context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') consoleErrors.push({ text: msg.text(), url: msg.location().url });
    });
    page.on('pageerror', (error) => consoleErrors.push({ text: `pageerror: ${error.message}`, url: '' }));
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
    if (timings.length > 0)
      console.log(
        `dashboard view load times (${posted} postings): ${timings.map((x) => `${x.view} ${x.ms} ms`).join(', ')}`,
      );
  });

  /** Waits until the view says it is ready, every chart has drawn and no call is in flight. */
  async function settle(view: string): Promise<void> {
    await page.waitForSelector(`${view}[data-state="ready"]`, { timeout: 30_000 });
    await page.waitForFunction(
      (selector) => {
        const g = globalThis as unknown as PageGlobal;
        const charts = Array.from(g.document.querySelectorAll(selector));
        return (
          g.document.body.dataset.pending === '0' && charts.every((c) => c.hasAttribute('data-rendered'))
        );
      },
      `${view} e-chart`,
      { timeout: 30_000 },
    );
  }

  /** Clicks a navigation link and times the view to ready (data loaded, tables and charts drawn). */
  async function open(nav: string, view: string): Promise<number> {
    const start = Date.now();
    await page.click(`a[data-nav="${nav}"]`);
    await settle(view);
    const ms = Date.now() - start;
    timings.push({ view: nav, ms });
    return ms;
  }

  /** Signs out whoever is in (the header's button) and signs `who` in with its token. */
  async function signIn(who: PrincipalName): Promise<void> {
    if (await page.locator('#sign-out').count()) await page.click('#sign-out');
    await page.waitForSelector('main.sign-in #token');
    await page.fill('#token', t.tokens[who]);
    await page.click('main.sign-in button[type="submit"]');
    await page.waitForSelector('header nav');
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  /** The value a measure row shows in the counts table (current period). */
  async function countOf(label: string): Promise<number> {
    const row = page.locator('#counts-table .vt-row', { hasText: label }).first();
    const text = await row.locator('[role="cell"]').nth(1).innerText();
    return Number(text.replace(/[,+]/g, ''));
  }

  it('serves the built SPA at / and client routes, 404 for missing files and API paths, 503 when not built', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<ledger-app>');
    const route = await fetch(`${base}/finance?x=1`);
    expect(route.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
    const api = await fetch(`${base}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    const asset = readFileSync(join(outDir, 'index.html'), 'utf8').match(/\/assets\/[^"]+\.js/)?.[0];
    const js = await fetch(`${base}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    // Nothing outside the build directory, however the path is spelled.
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
    ])
      expect((await t.http.get(path)).status).toBe(404);
    renameSync(join(outDir, 'index.html'), join(outDir, 'index.html.away'));
    try {
      const missing = await fetch(`${base}/counts`);
      expect(missing.status).toBe(503);
      expect(((await missing.json()) as { code: string }).code).toBe('DASHBOARD.NOT_BUILT');
    } finally {
      renameSync(join(outDir, 'index.html.away'), join(outDir, 'index.html'));
    }
  });

  it('refuses a bad token, then signs a clerk in (Chinese first, English on request)', async () => {
    await page.goto(`${base}/`);
    await page.fill('#token', 'ltk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await page.click('main.sign-in button[type="submit"]');
    await page.waitForSelector('main.sign-in [role="alert"]');
    expect(await page.textContent('main.sign-in [role="alert"]')).toContain('令牌无效');
    await shot('0-sign-in');
    await page.fill('#token', t.tokens.clerk);
    await page.click('main.sign-in button[type="submit"]');
    await settle('unit-view');
    expect(page.url()).toBe(`${base}/unit`);
    expect(await page.textContent('header h1')).toBe('交警大队业务与经费台账');
    await page.click('#lang');
    expect(await page.textContent('header h1')).toBe('Traffic police ledger');
    await page.click('#lang');
    expect(await page.textContent('header h1')).toBe('交警大队业务与经费台账');
  });

  it('posts a tally with the generated form: errors inline (client and API), one posting per double click, the count changes', async () => {
    // A cold page load straight onto a view: the HTML, the bundle, the session check and the view's data.
    const cold = Date.now();
    await page.goto(`${base}/counts`);
    await settle('counts-view');
    timings.push({ view: 'counts (page load)', ms: Date.now() - cold });
    const drunkBefore = await countOf('醉酒驾驶');
    await shot('2-counts');
    await open('unit', 'unit-view');
    // Virtualised: the first page shows at once, the older postings stream in; a screenful of rows in the DOM.
    await page.waitForSelector('unit-view[data-filled]');
    const listed = Number(await page.getAttribute('#postings', 'data-rows'));
    expect(listed).toBeGreaterThanOrEqual(500);
    expect(await page.locator('#postings .vt-row').count()).toBeLessThan(40);

    const form = page.locator('command-form form[data-command="RecordTally"]');
    await form.waitFor();
    expect(await form.locator('[data-field="squadId"] input').inputValue()).toBe('chengqu');
    // Client-side: the required fields the API would refuse, named inline.
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-error-for="category"]');
    expect(await page.textContent('[data-error-for="count"]')).toContain('必填');
    // Server-side: a day in the future passes the shape checks; the API's refusal lands under its field.
    await form.locator('[data-field="category"] select').selectOption('VIOLATION_DRUNK_DRIVING');
    await form.locator('[data-field="count"] input').fill('7');
    await form.locator('[data-field="businessDate"] input').fill('2099-06-15');
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-error-for="businessDate"]');
    expect(await page.textContent('[data-error-for="businessDate"]')).toContain('统计日期不能晚于今天');
    await shot('1-unit-form-errors');

    await form.locator('[data-field="businessDate"] input').fill('2020-06-15');
    const head = await t.backend.store.headPosition();
    await form.locator('button[type="submit"]').dblclick();
    await page.waitForSelector('command-form .banner.ok');
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobal).document.body.dataset.pending === '0',
    );
    expect((await t.backend.store.headPosition()) - head).toBe(1n);
    expect(await page.textContent('#postings .vt-row:first-child')).toContain('TallyRecorded');
    await shot('1-unit');

    // The projector runs in-process in production; the test app leaves it to the test.
    await t.engine.catchUp();
    await open('counts', 'counts-view');
    expect(await countOf('醉酒驾驶')).toBe(drunkBefore + 7);
  });

  it('corrects a posting from the recent list with a reason', async () => {
    await open('unit', 'unit-view');
    await page.locator('#postings .vt-row').first().locator('[data-action="correct"]').click();
    const form = page.locator('command-form form[data-command="CorrectTally"]');
    await form.waitFor();
    expect(await form.locator('[data-field="targetEventId"] input').inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await form.locator('[data-field="count"] input').fill('5');
    await form
      .locator('[data-field="reason"] textarea, [data-field="reason"] input')
      .first()
      .fill('复核更正');
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('command-form .banner.ok');
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobal).document.body.dataset.pending === '0',
    );
    expect(await page.textContent('#postings .vt-row:first-child')).toContain('TallyCorrected');
    await t.engine.catchUp();
  });

  it('shows finance the structure, 三公, monthly execution and the year-end projection as charts', async () => {
    await signIn('finance');
    await open('finance', 'finance-view');
    for (const id of [
      'chart-income',
      'chart-kind',
      'chart-econ',
      'chart-three-public',
      'chart-monthly',
      'chart-year-end',
    ])
      expect(await page.locator(`#${id} canvas`).count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-kpi="expenditure"] .kpi-value')).toMatch(/^\d+\.\d{2}$/);
    expect(await page.locator('#year-end-table tbody tr').count()).toBe(3);
    await shot('3-finance');
  });

  it('shows the API’s field errors inline on a finance posting', async () => {
    await open('unit', 'unit-view');
    const form = page.locator('command-form form[data-command="RecordExpenditure"]');
    await form.waitFor();
    const fill = (field: string, value: string) =>
      form.locator(`[data-field="${field}"]`).locator('input, textarea').first().fill(value);
    await form.locator('[data-field="budgetKind"] select').selectOption('BASIC');
    await form.locator('[data-field="basicSubKind"] select').selectOption('PUBLIC');
    await fill('fundSource', 'LOCAL_FISCAL');
    await fill('econCode', '30201');
    await fill('funcCode', '2040201');
    await fill('paidOn', '2020-11-20');
    await fill('voucherNo', '付-2020-11-99');
    await fill('amountFen', '0');
    await fill('payee', '某公司');
    await fill('summary', '办公用品');
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-error-for="amountFen"]');
    expect(await page.textContent('[data-error-for="amountFen"]')).toContain('必须是以分为单位的正整数');
    await fill('amountFen', '1,234.56');
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('command-form .banner.ok');
    const posting = await t.http
      .get('/api/v1/postings')
      .set(t.auth('finance'))
      .query({ unit: UNIT, limit: 1 })
      .expect(200);
    expect(posting.body.postings[0].data.amountFen).toBe(123456);
    await t.engine.catchUp();
  });

  it('renders the report, each figure clickable to the events behind it', async () => {
    await signIn('office');
    await open('report', 'report-view');
    expect(await page.locator('report-view .report-body a.figure').count()).toBeGreaterThan(10);
    await shot('4-report');
    // A count: the events behind it, each with how much it moved the figure; they add up to the figure.
    const deaths = page.locator('report-view .report-body a.figure[data-figure="outcome.deaths"]').first();
    await deaths.click();
    await page.waitForSelector('#figure-events[data-state="ready"]');
    const shown = Number((await deaths.innerText()).trim());
    expect(shown).toBeGreaterThan(0);
    expect(Number(await page.getAttribute('#figure-events', 'data-rows'))).toBeGreaterThan(0);
    expect(await page.textContent('#figure-events-note')).toContain(`Σ = ${shown}`);
    await shot('4-report-figure');
    // Money: the fiscal year's spending events behind a classification.
    await page
      .locator('report-view .report-body a.figure[data-figure="finance.expenditure.total"]')
      .first()
      .click();
    await page.waitForSelector('#figure-events[data-state="ready"]');
    expect(Number(await page.getAttribute('#figure-events', 'data-rows'))).toBeGreaterThanOrEqual(48);
  });

  it('downloads the report as .docx', async () => {
    const downloadStarted = page.waitForEvent('download');
    await page.click('button[data-download="docx"]');
    const download = await downloadStarted;
    const saved = join(SHOTS, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    expect(statSync(saved).size).toBeGreaterThan(5000);
  });

  it('shows an auditor a stream’s history, verification and a replay as of a date', async () => {
    await signIn('auditor');
    await page.waitForSelector('audit-view[data-state="ready"]');
    await page.fill('#stream-id', `finance-${UNIT}-2020`);
    const start = Date.now();
    await page.click('audit-view form.toolbar button[type="submit"]');
    await settle('audit-view');
    timings.push({ view: 'audit', ms: Date.now() - start });
    expect(Number(await page.getAttribute('#history', 'data-rows'))).toBeGreaterThan(40);
    await page.locator('#history .vt-row').nth(2).click();
    expect(await page.textContent('audit-view pre.json')).toContain('"chainHash"');
    await page.click('#verify');
    await page.waitForSelector('.verify[data-ok]');
    expect(await page.getAttribute('.verify', 'data-ok')).toBe('true');
    await page.fill('#replay-date', '2020-06-30');
    await page.selectOption('#replay-basis', 'business');
    await page.click('#replay');
    await page.waitForSelector('#replay-result');
    expect(await page.textContent('#replay-result')).toMatch(/[1-9]\d* ?\/ ?\d+ events/);
    // Replayed to mid-2020 by business date, the views differ from the live ones (everything after is missing).
    await page.click('#diff');
    await page.waitForSelector('#diff-result');
    expect(await page.getAttribute('#diff-result', 'class')).toContain('broken');
    const exported = page.waitForEvent('download');
    await page.click('#export');
    const ndjson = readFileSync(await (await exported).path(), 'utf8')
      .trim()
      .split('\n');
    expect(ndjson.length).toBeGreaterThan(posted);
    expect(JSON.parse(ndjson[ndjson.length - 1]!).manifest.count).toBe(ndjson.length - 1);
    await shot('5-audit');
  });

  // Load times are printed (and recorded in the issue note), not asserted: a timed target in a test makes it fail on a
  // loaded machine for reasons that are not the code's (DEVELOPERS.md: timed targets live in benchmarks).
  it('kept the console clean', () => {
    // The only errors allowed are the network log lines of the refusals this test provoked on purpose:
    // the bad token (401), the future tally (400) and the zero amount (400).
    const unexpected = consoleErrors.filter(
      (e) =>
        !(
          /Failed to load resource: the server responded with a status of (400|401)/.test(e.text) &&
          /\/api\/v1\/(session|commands\/RecordTally|commands\/RecordExpenditure)$/.test(e.url)
        ),
    );
    expect(unexpected).toEqual([]);
    expect(consoleErrors.length).toBeLessThanOrEqual(3);
    const overBudget = timings.filter((x) => x.ms >= LOAD_BUDGET_MS);
    if (overBudget.length > 0)
      console.log(`views over ${LOAD_BUDGET_MS} ms on this run: ${JSON.stringify(overBudget)}`);
  });
});
