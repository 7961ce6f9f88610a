import { html, nothing, type TemplateResult } from 'lit';

import { api } from '../api';
import { define } from '../base';
import type { ChartOption } from '../components/e-chart';
import '../components/e-chart';
import type { Column } from '../components/v-table';
import '../components/v-table';
import { fenToYuan, formatMeasure, formatPct } from '../format';
import { lang, t } from '../i18n';
import type { ReadContext } from '../session';
import { ViewElement } from './view-base';

interface CountRow {
  readonly measure: string;
  readonly labelZh: string;
  readonly group: string;
  readonly value: string;
  readonly lowerBound: boolean;
}
interface CountComparison {
  readonly measure: string;
  readonly group: string;
  readonly current: string;
  readonly previous: string;
  readonly changePct: string | null;
}
interface CountsResult {
  readonly rows: readonly CountRow[];
  readonly previous?: { readonly rows: readonly CountRow[] };
  readonly changes?: readonly CountComparison[];
}

interface MeasureLine {
  readonly measure: string;
  readonly label: string;
  readonly current: string;
  readonly previous: string;
  readonly changePct: string | null;
  readonly lowerBound: boolean;
}

const ACCIDENT_KPIS = [
  'accidents.total',
  'accidents.deaths',
  'accidents.injuries',
  'accidents.direct_loss_fen',
];
const label = (r: { measure: string; labelZh: string }) => (lang() === 'zh' ? r.labelZh : r.measure);

/** 业务统计 — counts of the period by measure, month and squad, against the same period last year. */
export class CountsView extends ViewElement {
  private lines: MeasureLine[] = [];
  private byMonth: CountsResult | null = null;
  private bySquad: CountsResult | null = null;
  private byDay: CountRow[] = [];
  private measure = 'accidents.total';
  private squad = '';
  private squads: string[] = [];

  protected async load(context: ReadContext, isCurrent: () => boolean): Promise<void> {
    const period = {
      unit: context.unit,
      from: `${context.year}-01-01`,
      to: context.asOf,
      squad: this.squad || undefined,
    };
    const compare = { ...period, compareWith: 'previous-year-same-period' };
    const [byMeasure, byMonth, bySquad, byDay] = await Promise.all([
      api<CountsResult>('/api/v1/views/counts', { query: { ...compare, groupBy: 'measure' } }),
      api<CountsResult>('/api/v1/views/counts', { query: { ...compare, groupBy: 'month' } }),
      api<CountsResult>('/api/v1/views/counts', { query: { ...period, squad: undefined, groupBy: 'squad' } }),
      api<CountsResult>('/api/v1/views/counts', { query: { ...period, groupBy: 'day' } }),
    ]);
    if (!isCurrent()) return;
    const labels = new Map(
      [...byMeasure.rows, ...(byMeasure.previous?.rows ?? [])].map((r) => [r.measure, r]),
    );
    this.lines = (byMeasure.changes ?? []).map((c) => ({
      measure: c.measure,
      label: labels.get(c.measure) ? label(labels.get(c.measure)!) : c.measure,
      current: c.current,
      previous: c.previous,
      changePct: c.changePct,
      lowerBound: labels.get(c.measure)?.lowerBound ?? false,
    }));
    this.byMonth = byMonth;
    this.bySquad = bySquad;
    this.byDay = [...byDay.rows].sort(
      (a, b) => b.group.localeCompare(a.group) || a.measure.localeCompare(b.measure),
    );
    this.squads = [...new Set(bySquad.rows.map((r) => r.group))].filter(Boolean).sort();
    if (!this.lines.some((l) => l.measure === this.measure) && this.lines[0])
      this.measure = this.lines[0].measure;
  }

  private get measureColumns(): Column<MeasureLine>[] {
    return [
      {
        label: t('measure'),
        width: 'minmax(10em, 2fr)',
        cell: (l) => html`<span title=${l.measure}>${l.label}</span>`,
      },
      {
        label: t('current'),
        width: '9em',
        align: 'right',
        cell: (l) => `${formatMeasure(l.measure, l.current)}${l.lowerBound ? '+' : ''}`,
      },
      {
        label: t('previous'),
        width: '9em',
        align: 'right',
        cell: (l) => formatMeasure(l.measure, l.previous),
      },
      { label: t('change'), width: '7em', align: 'right', cell: (l) => formatPct(l.changePct, true) },
    ];
  }

  private get dayColumns(): Column<CountRow>[] {
    return [
      { label: t('businessDate'), width: '8em', cell: (r) => r.group },
      { label: t('measure'), width: 'minmax(10em, 2fr)', cell: (r) => label(r) },
      { label: t('count'), width: '9em', align: 'right', cell: (r) => formatMeasure(r.measure, r.value) },
    ];
  }

  private monthChart(): ChartOption {
    const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
    const series = (rows: readonly CountRow[] | undefined) =>
      months.map((m) => {
        const row = rows?.find((r) => r.measure === this.measure && r.group.slice(5) === m);
        return row ? Number(row.value) : 0;
      });
    const year = this.context.year;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: months.map((m) => (lang() === 'zh' ? `${Number(m)}月` : m)) },
      yAxis: { type: 'value' },
      series: [
        { name: String(year), type: 'bar', data: series(this.byMonth?.rows) },
        { name: String(year - 1), type: 'bar', data: series(this.byMonth?.previous?.rows) },
      ],
    };
  }

  private squadChart(): ChartOption {
    const rows = (this.bySquad?.rows ?? []).filter((r) => r.measure === this.measure);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 24 },
      xAxis: { type: 'category', data: rows.map((r) => r.group || '—') },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: rows.map((r) => Number(r.value)) }],
    };
  }

  private kpis(): TemplateResult {
    const cards = ACCIDENT_KPIS.map((m) => this.lines.find((l) => l.measure === m)).filter(
      (l): l is MeasureLine => l !== undefined,
    );
    if (cards.length === 0) return html``;
    return html`<section class="panel">
      <h2>${t('accidents')}</h2>
      <div class="kpis">
        ${cards.map(
          (l) =>
            html`<div class="kpi" data-measure=${l.measure}>
              <div class="kpi-label">${l.label}${l.measure.endsWith('_fen') ? `（${t('yuan')}）` : ''}</div>
              <div class="kpi-value">
                ${l.measure.endsWith('_fen') ? fenToYuan(l.current) : formatMeasure(l.measure, l.current)}
              </div>
              <div class="kpi-change ${l.changePct?.startsWith('-') ? 'down' : 'up'}">
                ${t('previous')} ${formatMeasure(l.measure, l.previous)} · ${formatPct(l.changePct, true)}
              </div>
            </div>`,
        )}
      </div>
    </section>`;
  }

  override render(): TemplateResult {
    const selected = this.lines.find((l) => l.measure === this.measure);
    return html`
      <div class="toolbar">
        <label class="inline"
          >${t('squad')}
          <select
            id="squad-select"
            @change=${(e: Event) => {
              this.squad = (e.target as HTMLSelectElement).value;
              void this.reload();
            }}
          >
            <option value="" ?selected=${this.squad === ''}>${t('total')}</option>
            ${this.squads.map((s) => html`<option value=${s} ?selected=${s === this.squad}>${s}</option>`)}
          </select>
        </label>
        <span class="note">${this.context.year}-01-01 — ${this.context.asOf} · ${t('compare')}</span>
      </div>
      ${this.status()} ${this.kpis()}
      <section class="panel">
        <h2>${t('measure')}</h2>
        <v-table
          id="counts-table"
          .columns=${this.measureColumns}
          .rows=${this.lines}
          @row-click=${(e: CustomEvent<MeasureLine>) => {
            this.measure = e.detail.measure;
            this.requestUpdate();
          }}
        ></v-table>
      </section>
      <div class="grid2">
        <section class="panel">
          <h2>${t('byMonth')} · ${selected?.label ?? this.measure}</h2>
          ${this.byMonth ? html`<e-chart id="chart-month" .option=${this.monthChart()}></e-chart>` : nothing}
        </section>
        <section class="panel">
          <h2>${t('bySquad')} · ${selected?.label ?? this.measure}</h2>
          ${this.bySquad ? html`<e-chart id="chart-squad" .option=${this.squadChart()}></e-chart>` : nothing}
        </section>
      </div>
      <section class="panel">
        <h2>${t('byDay')}</h2>
        <v-table id="days-table" .columns=${this.dayColumns} .rows=${this.byDay}></v-table>
      </section>
    `;
  }
}

define('counts-view', CountsView);
