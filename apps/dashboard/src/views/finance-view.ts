import { html, nothing, type TemplateResult } from 'lit';

import { api } from '../api';
import { define } from '../base';
import type { ChartOption } from '../components/e-chart';
import '../components/e-chart';
import type { Column } from '../components/v-table';
import '../components/v-table';
import { formatPct, monthEnd, wanNumber, type Money } from '../format';
import { t } from '../i18n';
import { mayRead, type ReadContext } from '../session';
import { ViewElement } from './view-base';

interface ShareRow extends Money {
  readonly key: string;
  readonly labelZh: string;
  readonly sharePct: string | null;
}
interface ExecutionRow {
  readonly key: string;
  readonly labelZh: string;
  readonly budget: Money;
  readonly spent: Money;
  readonly executionRatePct: string | null;
}
interface SpendingResult {
  readonly income: { readonly total: Money; readonly bySource: readonly ShareRow[] };
  readonly expenditure: {
    readonly total: Money;
    readonly byBudgetKind: readonly ShareRow[];
    readonly basicBySubKind: readonly ShareRow[];
    readonly byEconClass: readonly (ShareRow & { readonly items: readonly ShareRow[] })[];
    readonly byProject: readonly ShareRow[];
  };
  readonly budget: {
    readonly current: Money;
    readonly spent: Money;
    readonly executionRatePct: string | null;
    readonly byBudgetKind: readonly ExecutionRow[];
    readonly byProject: readonly ExecutionRow[];
  };
}
interface ThreePublicLine {
  readonly key: string;
  readonly labelZh: string;
  readonly actual: Money;
  readonly budget: Money | null;
  readonly priorYearActual: Money | null;
  readonly changePct: string | null;
  readonly controlRatePct: string | null;
}
interface ThreePublicResult {
  readonly categories: readonly ThreePublicLine[];
  readonly vehicle: ThreePublicLine;
  readonly total: ThreePublicLine;
  readonly notes: readonly string[];
}
interface MethodProjection {
  readonly method: string;
  readonly labelZh: string;
  readonly how: string;
  readonly projected: Money | null;
  readonly note: string | null;
  readonly backtest: {
    readonly n: number;
    readonly mapePct: string | null;
    readonly maxAbsPctError: string | null;
  };
  readonly range: { readonly low: Money; readonly high: Money; readonly basis: string } | null;
}
interface YearEndResult {
  readonly note: string | null;
  readonly caveats: readonly string[];
  readonly expenditure: {
    readonly yearToDate: Money;
    readonly methods: readonly MethodProjection[];
    readonly preferred: string | null;
    readonly budget: Money | null;
  };
}

const wan = (m: Money | null | undefined) => (m ? m.wanYuan : '—');
const pie = (rows: readonly ShareRow[]): ChartOption => ({
  tooltip: { trigger: 'item', formatter: '{b}: {c} 万元 ({d}%)' },
  legend: { bottom: 0, type: 'scroll' },
  series: [
    {
      type: 'pie',
      radius: ['35%', '65%'],
      center: ['50%', '45%'],
      label: { formatter: '{b}\n{d}%' },
      data: rows.filter((r) => r.fen !== '0').map((r) => ({ name: r.labelZh, value: Number(r.wanYuan) })),
    },
  ],
});
const bars = (rows: readonly ShareRow[], horizontal = false): ChartOption => {
  const names = rows.map((r) => r.labelZh);
  const category = {
    type: 'category',
    data: names,
    axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
  };
  const value = { type: 'value', name: '万元' };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: horizontal ? 130 : 56, right: 24, top: 28, bottom: horizontal ? 24 : 56 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        data: rows.map((r) => Number(r.wanYuan)),
        label: { show: true, position: horizontal ? 'right' : 'top' },
      },
    ],
  };
};

/** 经费 — income and spending structure, 三公, budget execution by month and the year-end projection. */
export class FinanceView extends ViewElement {
  private spending: SpendingResult | null = null;
  private threePublic: ThreePublicResult | null = null;
  private yearEnd: YearEndResult | null = null;
  private monthly: { month: string; spent: Money; budget: Money; pct: string | null }[] = [];

  protected async load(context: ReadContext, isCurrent: () => boolean): Promise<void> {
    if (!mayRead('finance')) throw new Error(t('notAllowed'));
    const { unit, year, asOf } = context;
    const from = `${year}-01-01`;
    const lastMonth = Number(asOf.slice(5, 7));
    const months = Array.from({ length: lastMonth }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const [spending, threePublic, yearEnd, ...cumulative] = await Promise.all([
      api<SpendingResult>('/api/v1/views/spending', { query: { unit, from, to: asOf } }),
      api<ThreePublicResult>('/api/v1/views/three-public', { query: { unit, year } }),
      api<YearEndResult>('/api/v1/views/year-end', { query: { unit, year, asOf } }),
      // Execution to the end of each month so far: the spending view over Jan 1 … month end.
      ...months.map((m) =>
        api<SpendingResult>('/api/v1/views/spending', {
          query: { unit, from, to: m === asOf.slice(0, 7) ? asOf : monthEnd(m) },
        }),
      ),
    ]);
    if (!isCurrent()) return;
    this.spending = spending;
    this.threePublic = threePublic;
    this.yearEnd = yearEnd;
    this.monthly = cumulative.map((s, i) => ({
      month: months[i]!,
      spent: s.budget.spent,
      budget: s.budget.current,
      pct: s.budget.executionRatePct,
    }));
  }

  private threePublicChart(tp: ThreePublicResult): ChartOption {
    const lines = [...tp.categories, tp.total];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 48 },
      xAxis: {
        type: 'category',
        data: lines.map((l) => l.labelZh),
        axisLabel: { interval: 0, width: 90, overflow: 'break' },
      },
      yAxis: { type: 'value', name: '万元' },
      series: [
        { name: t('actual'), type: 'bar', data: lines.map((l) => wanNumber(l.actual)) },
        { name: t('budget'), type: 'bar', data: lines.map((l) => (l.budget ? wanNumber(l.budget) : null)) },
        {
          name: t('lastYear'),
          type: 'bar',
          data: lines.map((l) => (l.priorYearActual ? wanNumber(l.priorYearActual) : null)),
        },
      ],
    };
  }

  private monthlyChart(): ChartOption {
    const budget = this.monthly[this.monthly.length - 1]?.budget;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 72, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: this.monthly.map((m) => m.month) },
      yAxis: [
        { type: 'value', name: '万元' },
        { type: 'value', name: '%', max: 100, min: 0 },
      ],
      series: [
        {
          name: t('spent'),
          type: 'bar',
          data: this.monthly.map((m) => wanNumber(m.spent)),
          markLine: budget
            ? {
                symbol: 'none',
                data: [{ yAxis: wanNumber(budget), name: t('budget') }],
                label: { formatter: `${t('budget')} {c}` },
              }
            : undefined,
        },
        {
          name: t('executionRate'),
          type: 'line',
          yAxisIndex: 1,
          data: this.monthly.map((m) => (m.pct === null ? null : Number(m.pct))),
        },
      ],
    };
  }

  /** Each method's projection as a point inside its range (a floating bar from low to high). */
  private yearEndChart(ye: YearEndResult): ChartOption {
    const methods = ye.expenditure.methods;
    const low = methods.map((m) => (m.range ? wanNumber(m.range.low) : null));
    const span = methods.map((m) => (m.range ? wanNumber(m.range.high) - wanNumber(m.range.low) : null));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('projected'), t('range')] },
      grid: { left: 56, right: 72, top: 32, bottom: 48 },
      xAxis: {
        type: 'category',
        data: methods.map((m) => m.labelZh),
        axisLabel: { interval: 0, width: 110, overflow: 'break' },
      },
      yAxis: { type: 'value', name: '万元', scale: true },
      series: [
        {
          type: 'bar',
          stack: 'range',
          data: low,
          itemStyle: { color: 'transparent' },
          tooltip: { show: false },
        },
        {
          name: t('range'),
          type: 'bar',
          stack: 'range',
          data: span,
          itemStyle: { color: 'rgba(84,112,198,0.25)' },
        },
        {
          name: t('projected'),
          type: 'scatter',
          symbolSize: 14,
          data: methods.map((m) => (m.projected ? wanNumber(m.projected) : null)),
          markLine: ye.expenditure.budget
            ? {
                symbol: 'none',
                data: [{ yAxis: wanNumber(ye.expenditure.budget) }],
                label: { formatter: `${t('budget')} {c}` },
              }
            : undefined,
        },
      ],
    };
  }

  private get executionColumns(): Column<ExecutionRow>[] {
    return [
      { label: t('projects'), width: 'minmax(10em, 2fr)', cell: (r) => r.labelZh },
      { label: `${t('budget')}（${t('wan')}）`, width: '9em', align: 'right', cell: (r) => r.budget.wanYuan },
      { label: `${t('spent')}（${t('wan')}）`, width: '9em', align: 'right', cell: (r) => r.spent.wanYuan },
      { label: t('executionRate'), width: '7em', align: 'right', cell: (r) => formatPct(r.executionRatePct) },
    ];
  }

  override render(): TemplateResult {
    const s = this.spending;
    const tp = this.threePublic;
    const ye = this.yearEnd;
    return html`
      ${this.status()}
      ${
        s
          ? html`<div class="kpis">
                <div class="kpi" data-kpi="income">
                  <div class="kpi-label">${t('income')}（${t('wan')}）</div>
                  <div class="kpi-value">${s.income.total.wanYuan}</div>
                </div>
                <div class="kpi" data-kpi="expenditure">
                  <div class="kpi-label">${t('expenditure')}（${t('wan')}）</div>
                  <div class="kpi-value">${s.expenditure.total.wanYuan}</div>
                </div>
                <div class="kpi" data-kpi="budget">
                  <div class="kpi-label">${t('budget')}（${t('wan')}）</div>
                  <div class="kpi-value">${s.budget.current.wanYuan}</div>
                </div>
                <div class="kpi" data-kpi="execution">
                  <div class="kpi-label">${t('executionRate')}</div>
                  <div class="kpi-value">${formatPct(s.budget.executionRatePct)}</div>
                </div>
              </div>
              <div class="grid3">
                <section class="panel">
                  <h2>${t('incomeStructure')}</h2>
                  <e-chart id="chart-income" .option=${pie(s.income.bySource)}></e-chart>
                </section>
                <section class="panel">
                  <h2>${t('expenditureStructure')}</h2>
                  <e-chart id="chart-kind" .option=${pie(s.expenditure.byBudgetKind)}></e-chart>
                </section>
                <section class="panel">
                  <h2>${t('basicStructure')}</h2>
                  <e-chart id="chart-basic" .option=${pie(s.expenditure.basicBySubKind)}></e-chart>
                </section>
              </div>
              <div class="grid2">
                <section class="panel">
                  <h2>${t('econClasses')}</h2>
                  <e-chart id="chart-econ" .option=${bars(s.expenditure.byEconClass, true)}></e-chart>
                </section>
                <section class="panel">
                  <h2>${t('projects')}</h2>
                  <e-chart id="chart-projects" .option=${bars(s.expenditure.byProject, true)}></e-chart>
                  <v-table
                    .columns=${this.executionColumns}
                    .rows=${[...s.budget.byBudgetKind, ...s.budget.byProject]}
                  ></v-table>
                </section>
              </div>`
          : nothing
      }
      <div class="grid2">
        ${
          tp
            ? html`<section class="panel">
                <h2>${t('threePublic')}</h2>
                <e-chart id="chart-three-public" .option=${this.threePublicChart(tp)}></e-chart>
                <table class="plain">
                  <thead>
                    <tr>
                      <th></th>
                      <th>${t('actual')}</th>
                      <th>${t('budget')}</th>
                      <th>${t('lastYear')}</th>
                      <th>${t('change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${[...tp.categories, tp.vehicle, tp.total].map(
                      (l) =>
                        html`<tr data-line=${l.key}>
                          <th>${l.labelZh}</th>
                          <td>${wan(l.actual)}</td>
                          <td>${wan(l.budget)}</td>
                          <td>${wan(l.priorYearActual)}</td>
                          <td>${formatPct(l.changePct, true)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
                ${tp.notes.map((n) => html`<p class="note">${n}</p>`)}
              </section>`
            : nothing
        }
        ${
          this.monthly.length > 0
            ? html`<section class="panel">
                <h2>${t('monthlyExecution')}</h2>
                <e-chart id="chart-monthly" .option=${this.monthlyChart()}></e-chart>
              </section>`
            : nothing
        }
      </div>
      ${
        ye
          ? html`<section class="panel">
              <h2>${t('yearEnd')} · ${t('asOf')} ${this.context.asOf}</h2>
              <div class="grid2">
                <e-chart id="chart-year-end" .option=${this.yearEndChart(ye)}></e-chart>
                <table class="plain" id="year-end-table">
                  <thead>
                    <tr>
                      <th>${t('method')}</th>
                      <th>${t('projected')}</th>
                      <th>${t('range')}</th>
                      <th>${t('mape')}</th>
                      <th>${t('maxError')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${ye.expenditure.methods.map(
                      (m) =>
                        html`<tr title=${m.how}>
                          <th>
                            ${m.labelZh}${m.method === ye.expenditure.preferred ? html` <span class="tag">${t('preferred')}</span>` : nothing}
                          </th>
                          <td>${wan(m.projected)}</td>
                          <td>${m.range ? `${m.range.low.wanYuan} – ${m.range.high.wanYuan}` : '—'}</td>
                          <td>
                            ${formatPct(m.backtest.mapePct)}${m.backtest.n ? ` (n=${m.backtest.n})` : ''}
                          </td>
                          <td>${formatPct(m.backtest.maxAbsPctError)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              ${[ye.note, ...ye.caveats].filter(Boolean).map((n) => html`<p class="note">${n}</p>`)}
            </section>`
          : nothing
      }
    `;
  }
}

define('finance-view', FinanceView);
