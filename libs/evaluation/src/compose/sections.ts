import { M, money, tallyMeasure } from '@ledger/views';

import type { Block, Inline } from '../document/report-document';
import type { Composer } from './composer';
import { expandNarrative } from './narrative-template';
import { changeZh, dateZhUpper, enumerateZh, monthDayZh } from './zh';

const paragraphsOf = (c: Composer, section: string): Block[] =>
  c
    .paragraphs(section)
    .map((text, i) => ({ kind: 'paragraph', parts: expandNarrative(c, text, section, i) }));

/** 一、单位基本情况 */
export function unitSection(c: Composer): Block[] {
  const { facts } = c;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: '一、单位基本情况' },
    { kind: 'heading', level: 2, text: '（一）单位职能' },
  ];
  const duties = c.paragraphs('FUNCTIONS');
  if (duties.length > 0) {
    blocks.push({
      kind: 'list',
      items: duties.map((d, i) => expandNarrative(c, `${i + 1}、${d}`, 'FUNCTIONS', i)),
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: '（二）组织机构及人员情况' });
  blocks.push(...paragraphsOf(c, 'ORGANISATION_NOTE'));
  const profile = facts.profile;
  const h = profile?.headcount;
  if (profile && h) {
    const p = { view: 'unit-profile' as const, params: { unit: profile.unitId, asOf: h.asOf } };
    const n = (id: string, labelZh: string, value: number, selector: string): Inline =>
      c.add({
        id,
        labelZh,
        display: String(value),
        unitZh: '人',
        kind: 'count',
        exact: String(value),
        provenance: { ...p, selector },
      });
    const subUnits = profile.subUnits;
    blocks.push({
      kind: 'paragraph',
      parts: [
        `${facts.request.year}年${profile.name}现有干部职工`,
        n('profile.staff.total', '干部职工', h.staffTotal, 'headcount.staffTotal'),
        '人，其中民警',
        n('profile.staff.police', '民警', h.police, 'headcount.police'),
        '人，干部',
        n('profile.staff.cadres', '干部', h.cadres, 'headcount.cadres'),
        '人，职工',
        n('profile.staff.workers', '职工', h.workers, 'headcount.workers'),
        '人。',
        ...(subUnits.length > 0
          ? [
              `下设${enumerateZh(subUnits.map((s) => s.name))}`,
              c.add({
                id: 'profile.subunits',
                labelZh: '下设单位',
                display: String(subUnits.length),
                unitZh: '个',
                kind: 'count',
                exact: String(subUnits.length),
                provenance: { ...p, selector: 'subUnits' },
              }),
              '个中队。',
            ]
          : []),
      ],
    });
  }
  return blocks;
}

/** 二、部门财务情况 */
export function financeSection(c: Composer): Block[] {
  const { finance: f, threePublic: tp, request } = c.facts;
  const year = request.year;
  const sp = (selector: string) => ({ view: 'spending' as const, params: c.yearParams(), selector });
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: '二、部门财务情况' },
    { kind: 'heading', level: 2, text: `${year}年度部门整体收支情况` },
  ];
  blocks.push(...paragraphsOf(c, 'BASIC_EXPENDITURE_NOTE'));

  const income = f.income;
  const fiscal = income.fiscalAppropriation;
  const others = income.bySource.filter((r) => !r.key.startsWith('FISCAL') && r.fen !== '0');
  const exp = f.expenditure;
  const kind = (k: string) => exp.byBudgetKind.find((r) => r.key === k);
  const basic = kind('BASIC');
  const project = kind('PROJECT');
  const incomeParts: Inline[] = [
    `${year}年度总收入`,
    c.money('finance.income.total', '总收入', income.total, sp('income.total')),
    '万元，其中财政拨款收入',
    c.money('finance.income.fiscal', '财政拨款收入', fiscal, sp('income.fiscalAppropriation')),
    '万元，占全年总收入的',
    c.percent(
      'finance.income.fiscal.share',
      '财政拨款收入占比',
      fiscal.sharePct,
      ['finance.income.fiscal', 'finance.income.total'],
      '财政拨款收入 ÷ 总收入',
    ),
    '%',
  ];
  for (const r of others) {
    const id = `finance.income.${r.key.toLowerCase()}`;
    incomeParts.push(
      `；${r.labelZh}`,
      c.money(id, r.labelZh, r, sp(`income.bySource=${r.key}`)),
      '万元，占全年总收入的',
      c.percent(
        `${id}.share`,
        `${r.labelZh}占比`,
        r.sharePct,
        [id, 'finance.income.total'],
        `${r.labelZh} ÷ 总收入`,
      ),
      '%',
    );
  }
  incomeParts.push(
    '。总支出',
    c.money('finance.expenditure.total', '总支出', exp.total, sp('expenditure.total')),
    '万元',
  );
  for (const [k, row] of [
    ['basic', basic],
    ['project', project],
  ] as const) {
    if (!row) continue;
    const id = `finance.expenditure.${k}`;
    incomeParts.push(
      `，${k === 'basic' ? '其中' : ''}${row.labelZh}`,
      c.money(id, row.labelZh, row, sp(`expenditure.byBudgetKind=${row.key}`)),
      '万元，占全年总支出的',
      c.percent(
        `${id}.share`,
        `${row.labelZh}占比`,
        row.sharePct,
        [id, 'finance.expenditure.total'],
        `${row.labelZh} ÷ 总支出`,
      ),
      '%',
    );
  }
  incomeParts.push('。按支出经济分类：');
  exp.byEconClass
    .filter((r) => r.fen !== '0')
    .forEach((r, i) => {
      incomeParts.push(
        `${i > 0 ? '、' : ''}${r.labelZh}`,
        c.money(`finance.econ.${r.key}`, r.labelZh, r, sp(`expenditure.byEconClass=${r.key}`)),
        '万元',
      );
    });
  incomeParts.push('。');
  blocks.push({ kind: 'paragraph', parts: incomeParts });

  blocks.push({
    kind: 'table',
    caption: `${year}年度收支结构（万元）`,
    columns: ['项目', '金额（万元）', '占比（%）'],
    rows: [
      ['总收入', { figure: 'finance.income.total' }, '100.0'],
      ['财政拨款收入', { figure: 'finance.income.fiscal' }, { figure: 'finance.income.fiscal.share' }],
      ...others.map((r) => [
        r.labelZh,
        { figure: `finance.income.${r.key.toLowerCase()}` },
        { figure: `finance.income.${r.key.toLowerCase()}.share` },
      ]),
      ['总支出', { figure: 'finance.expenditure.total' }, '100.0'],
      ...(basic
        ? [
            [
              '基本支出',
              { figure: 'finance.expenditure.basic' },
              { figure: 'finance.expenditure.basic.share' },
            ],
          ]
        : []),
      ...(project
        ? [
            [
              '项目支出',
              { figure: 'finance.expenditure.project' },
              { figure: 'finance.expenditure.project.share' },
            ],
          ]
        : []),
    ] as Inline[][],
  });

  blocks.push({ kind: 'heading', level: 2, text: '（二）项目支出' });
  blocks.push(...paragraphsOf(c, 'PROJECT_PURPOSES'));
  if (project) {
    const parts: Inline[] = ['项目资金支出', { figure: 'finance.expenditure.project' }, '万元，其中：'];
    exp.byProject
      .filter((r) => r.fen !== '0')
      .forEach((r, i) => {
        parts.push(
          `${i > 0 ? '，' : ''}${r.labelZh}`,
          c.money(`finance.project.${r.key}`, r.labelZh, r, sp(`expenditure.byProject=${r.key}`)),
          '万元',
        );
      });
    parts.push('。');
    blocks.push({ kind: 'paragraph', parts });
  }

  blocks.push({ kind: 'heading', level: 2, text: '（三）“三公经费”支出使用和管理情况' });
  const tpp = (selector: string) => ({
    view: 'three-public' as const,
    params: { unit: request.unitId, year: String(year) },
    selector,
  });
  const cat = (k: string) => tp.categories.find((x) => x.key === k);
  const reception = cat('reception');
  const operation = cat('vehicleOperation');
  const purchase = cat('vehiclePurchase');
  const overseas = cat('overseas');
  const parts: Inline[] = [
    `${year}年“三公经费”总支出`,
    c.money('finance.threePublic.total', '“三公经费”总支出', tp.total.actual, tpp('total.actual')),
    '万元，',
  ];
  if (reception)
    parts.push(
      '公务接待费支出',
      c.money('finance.threePublic.reception', '公务接待费', reception.actual, tpp('reception.actual')),
      '万元，',
    );
  if (purchase && purchase.actual.fen !== '0') {
    parts.push(
      '公务用车购置费',
      c.money(
        'finance.threePublic.vehiclePurchase',
        '公务用车购置费',
        purchase.actual,
        tpp('vehiclePurchase.actual'),
      ),
      '万元，',
    );
  }
  if (operation) {
    parts.push(
      '公务用车运行费支出',
      c.money(
        'finance.threePublic.vehicleOperation',
        '公务用车运行维护费',
        operation.actual,
        tpp('vehicleOperation.actual'),
      ),
      '万元，',
    );
  }
  if (overseas && overseas.actual.fen === '0') parts.push('无因公出国出境费用');
  else if (overseas)
    parts.push(
      '因公出国（境）费',
      c.money('finance.threePublic.overseas', '因公出国（境）费', overseas.actual, tpp('overseas.actual')),
      '万元',
    );
  if (tp.total.priorYearActual) {
    const ch = changeZh(tp.total.changePct);
    parts.push(
      '，与上年“三公经费”',
      c.money(
        'finance.threePublic.priorYear',
        '上年“三公经费”',
        tp.total.priorYearActual,
        tpp('total.priorYearActual'),
        { unit: request.unitId, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
      ),
      `万元对比${ch.word}`,
      c.add({
        id: 'finance.threePublic.change',
        labelZh: '“三公经费”同比变动',
        // The sentence says 上升/下降; the figure prints the magnitude, its exact value keeps the sign.
        display: ch.magnitude || '0',
        unitZh: '%',
        kind: 'percent',
        exact: tp.total.changePct ?? '',
        provenance: {
          view: 'three-public',
          params: { unit: request.unitId, year: String(year) },
          selector: 'total.changePct',
          inputs: ['finance.threePublic.total', 'finance.threePublic.priorYear'],
          formula: '(本年 − 上年) ÷ 上年',
        },
      }),
      '%',
    );
  }
  if (tp.total.budget) {
    parts.push(
      `；与${year}年度年初预算`,
      c.money('finance.threePublic.budget', '“三公经费”年初预算', tp.total.budget, tpp('total.budget')),
      '万元相比减少',
      c.percent(
        'finance.threePublic.belowBudget',
        '低于预算',
        tp.total.belowBudgetPct,
        ['finance.threePublic.budget', 'finance.threePublic.total'],
        '(预算 − 实际) ÷ 预算',
      ),
      '%',
    );
  }
  parts.push('。');
  blocks.push({ kind: 'paragraph', parts }, ...paragraphsOf(c, 'THREE_PUBLIC_NOTE'));
  return blocks;
}

/** The outcome sentence's measures, in the order the seed prints them. */
const OUTCOME_COUNTS: readonly [string, string, string][] = [
  [M.casesCriminalFiled, '立刑事案件', '起'],
  [M.casesCriminalDetention, '刑事拘留', '人'],
  [M.casesArrest, '逮捕', '人'],
  [M.casesDirectProsecution, '直诉', '人'],
  [M.casesAdministrativeDetention, '行政拘留', '人'],
  [tallyMeasure('VEHICLE_REGISTRATION'), '机动车注册登记', '台'],
  [tallyMeasure('LICENCE_ISSUED'), '办理机动车驾驶证', '个'],
  [tallyMeasure('LICENCE_RENEWED_OR_REPLACED'), '补证换证', '个'],
  [tallyMeasure('VEHICLE_INSPECTION'), '车辆年检', '台'],
  [M.accidentsFastSettlement, '交通事故快处快赔服务站处理的交通事故', '起'],
];

/** 三、部门整体支出绩效评价情况 */
export function performanceSection(c: Composer, workload: readonly (readonly [string, string])[]): Block[] {
  const { outcomes, request } = c.facts;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: '三、部门整体支出绩效评价情况' },
    ...paragraphsOf(c, 'EVALUATION_INTRO'),
  ];
  blocks.push({ kind: 'heading', level: 2, text: '（一）履职情况' }, ...paragraphsOf(c, 'WORK_ITEMS'));
  const rows = workload
    .filter(([measure]) => c.countValue(measure, c.facts.yearCounts) > 0n)
    .map(
      ([measure, label]) =>
        [label, c.count(`work.${measure}`, measure, c.facts.yearCounts, label)] as Inline[],
    );
  if (rows.length > 0)
    blocks.push({
      kind: 'table',
      caption: `${request.year}年主要工作量（全年）`,
      columns: ['工作', '数量'],
      rows,
    });
  blocks.push(...paragraphsOf(c, 'BUDGET_MANAGEMENT'));

  blocks.push({ kind: 'heading', level: 2, text: '（二）履职效益' }, ...paragraphsOf(c, 'OUTCOME_LEAD'));
  const loss = c.countValue(M.accidentLossFen, outcomes);
  const lossInline = c.money(
    'outcome.accidents.loss',
    '直接经济损失',
    money(loss),
    { view: 'counts', params: c.outcomeParams(), selector: M.accidentLossFen },
    c.outcomeParams(),
  );
  const parts: Inline[] = [
    `截止到${monthDayZh(request.cutoff)}，辖区共发生交通事故`,
    c.count('outcome.accidents', M.accidents, outcomes),
    '起，死亡',
    c.count('outcome.deaths', M.accidentDeaths, outcomes),
    '人，受伤',
    c.count('outcome.injuries', M.accidentInjuries, outcomes),
    '人，直接经济损失',
    lossInline,
    '万元。与同期相比',
  ];
  const changes: [string, string, string][] = [
    ['outcome.accidents.change', M.accidents, '事故指数'],
    ['outcome.deaths.change', M.accidentDeaths, '死亡人数'],
    ['outcome.injuries.change', M.accidentInjuries, '伤人数'],
    ['outcome.loss.change', M.accidentLossFen, '经济损失'],
  ];
  for (const [id, measure, label] of changes) {
    const { inline, pct } = c.change(id, `${label}同比`, measure, outcomes);
    parts.push(`，${label}${changeZh(pct).word}`, inline, '%');
  }
  for (const [measure, label, unit] of OUTCOME_COUNTS) {
    parts.push(`，${label}`, c.count(`outcome.${measure}`, measure, outcomes, label), unit);
  }
  parts.push('。');
  blocks.push({ kind: 'paragraph', parts });
  return blocks;
}

/** 四、存在的问题 / 五、改进措施和有关建议 / 落款 */
export function closingSections(c: Composer, unitName: string): Block[] {
  const list = (section: string): Block[] => {
    const items = c.paragraphs(section);
    return items.length
      ? [{ kind: 'list', items: items.map((t, i) => expandNarrative(c, `${i + 1}、${t}`, section, i)) }]
      : [];
  };
  return [
    { kind: 'heading', level: 1, text: '四、存在的问题' },
    ...list('PROBLEMS'),
    { kind: 'heading', level: 1, text: '五、改进措施和有关建议' },
    ...list('MEASURES'),
    { kind: 'signature', unitName, date: dateZhUpper(c.facts.request.issuedOn) },
  ];
}
