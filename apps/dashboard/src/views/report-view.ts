import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

import { renderHtml } from '@ledger/evaluation/render/html';

import { api, download, type Query } from '../api';
import { define } from '../base';
import type { Column } from '../components/v-table';
import '../components/v-table';
import { shanghaiTime } from '../format';
import { t } from '../i18n';
import { mayRead, type ReadContext } from '../session';
import { sourceOf, type Figure, type StreamEvent } from '../provenance';
import { summarise } from '../records';
import { describeError, ViewElement } from './view-base';

interface Finding {
  readonly severity?: string;
  readonly kind?: string;
  readonly messageZh?: string;
  readonly message?: string;
  readonly figureId?: string | null;
}

interface EvaluationReport {
  readonly document: Parameters<typeof renderHtml>[0] & {
    readonly figures: Readonly<Record<string, Figure>>;
  };
  readonly scorecard: { readonly score: string; readonly grade: string };
  readonly findings: readonly Finding[];
}

/** One row of the events panel: an event, and (for counts) how much it moved the figure. */
interface EventLine {
  readonly position: string;
  readonly type: string;
  readonly streamId: string;
  readonly businessDate: string | null;
  readonly recordedAt: string;
  readonly principal: string;
  readonly detail: string;
}

const REPORT = '/api/v1/reports/evaluation';
const FORMATS = ['docx', 'md', 'json', 'html'] as const;

/** 评价报告 — the report as HTML (the server's own renderer), downloads, and each figure's events on a click. */
export class ReportView extends ViewElement {
  private report: EvaluationReport | null = null;
  private html = '';
  private figure: Figure | null = null;
  private events: EventLine[] = [];
  private eventsNote = '';
  private eventsState: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  private downloading = '';

  private query(context: ReadContext): Query {
    return { unit: context.unit, year: context.year, cutoff: context.asOf };
  }

  protected async load(context: ReadContext, isCurrent: () => boolean): Promise<void> {
    if (!mayRead('report')) throw new Error(t('notAllowed'));
    const report = await api<EvaluationReport>(REPORT, { query: { ...this.query(context), format: 'json' } });
    if (!isCurrent()) return;
    this.report = report;
    this.html = renderHtml(report.document);
    this.figure = null;
    this.events = [];
  }

  private async save(format: (typeof FORMATS)[number]): Promise<void> {
    this.downloading = format;
    this.requestUpdate();
    try {
      await download(
        REPORT,
        { ...this.query(this.context), format },
        `${this.context.unit}-${this.context.year}-evaluation.${format}`,
      );
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.downloading = '';
      this.requestUpdate();
    }
  }

  private onReportClick(e: Event): void {
    const anchor = (e.target as HTMLElement).closest<HTMLAnchorElement>('a.figure');
    if (!anchor) return;
    e.preventDefault();
    const id = anchor.dataset.figure;
    if (id) void this.openFigure(id);
  }

  private async openFigure(id: string): Promise<void> {
    const figure = this.report?.document.figures[id];
    if (!figure) return;
    this.figure = figure;
    this.events = [];
    this.eventsNote = '';
    this.eventsState = 'loading';
    this.requestUpdate();
    try {
      const source = sourceOf(figure);
      switch (source.kind) {
        case 'measure': {
          const trace = await api<{
            value: string;
            total: number;
            truncated: boolean;
            contributions: (EventLine & { eventId: string; day: string; squadId: string; delta: string })[];
          }>('/api/v1/postings/measure', {
            query: { unit: source.unit, measure: source.measure, from: source.from, to: source.to },
          });
          this.events = trace.contributions.map((c) => ({
            ...c,
            detail: `${c.delta.startsWith('-') ? '' : '+'}${c.delta} · ${c.day} · ${c.squadId}`,
          }));
          this.eventsNote = `Σ = ${trace.value} · ${trace.total} ${t('rows')}${trace.truncated ? ' …' : ''}`;
          break;
        }
        case 'streams': {
          const all: StreamEvent[] = [];
          for (const streamId of source.streamIds) {
            const { events } = await api<{ events: StreamEvent[] }>(
              `/api/v1/streams/${encodeURIComponent(streamId)}`,
              {
                query: { limit: 10000 },
              },
            );
            all.push(...events);
          }
          this.events = source.select(all).map((e) => ({ ...e, detail: summarise(e.data) }));
          this.eventsNote = `${source.streamIds.join(', ')} · ${this.events.length} ${t('rows')}`;
          break;
        }
        case 'derived':
          this.eventsNote = `${figure.provenance.formula ?? figure.provenance.selector}`;
          break;
        case 'none':
          this.eventsNote = `${figure.provenance.view} · ${figure.provenance.selector}`;
      }
      this.eventsState = 'ready';
    } catch (error) {
      this.eventsNote = describeError(error);
      this.eventsState = 'error';
    }
    this.requestUpdate();
  }

  private get eventColumns(): Column<EventLine>[] {
    return [
      { label: t('position'), width: '5.5em', align: 'right', cell: (e) => e.position },
      { label: t('type'), width: '12em', cell: (e) => e.type },
      { label: t('businessDate'), width: '7.5em', cell: (e) => e.businessDate ?? '—' },
      {
        label: t('summary'),
        width: 'minmax(10em, 2fr)',
        cell: (e) => html`<span title=${e.detail}>${e.detail}</span>`,
      },
      { label: t('principal'), width: '7em', cell: (e) => e.principal },
      { label: t('recordedAt'), width: '10.5em', cell: (e) => shanghaiTime(e.recordedAt) },
    ];
  }

  private figurePanel(): TemplateResult {
    const f = this.figure;
    if (!f) return html`<p class="note">${t('clickFigure')}</p>`;
    const p = f.provenance;
    return html`
      <div class="figure-card" data-figure=${f.id}>
        <h3>${f.labelZh}: <strong>${f.display}</strong> ${f.unitZh}${f.lowerBound ? '（下限）' : ''}</h3>
        <dl>
          <dt>${t('figure')}</dt>
          <dd><code>${f.id}</code> = ${f.exact}</dd>
          <dt>${t('provenance')}</dt>
          <dd>
            <code>${p.view}</code> ${p.selector}
            ${Object.entries(p.params).map(([k, v]) => html`<code>${k}=${v}</code> `)}
          </dd>
          ${
            f.period
              ? html`<dt>${t('from')}–${t('to')}</dt>
                  <dd>${f.period.from} — ${f.period.to}</dd>`
              : nothing
          }
          ${
            p.inputs?.length
              ? html`<dt>=</dt>
                  <dd>
                    ${p.formula ?? ''}<br />${p.inputs.map(
                      (id) =>
                        html`<button class="chip" @click=${() => void this.openFigure(id)}>
                          ${this.report?.document.figures[id]?.labelZh ?? id}
                        </button>`,
                    )}
                  </dd>`
              : nothing
          }
        </dl>
        <h4>${t('figureEvents')}</h4>
        ${this.eventsState === 'loading' ? html`<p class="status loading"><span class="spinner"></span>${t('loading')}</p>` : nothing}
        <p class="note ${this.eventsState === 'error' ? 'error' : ''}" id="figure-events-note">
          ${this.eventsNote}
        </p>
        <v-table
          id="figure-events"
          data-state=${this.eventsState}
          .viewHeight=${320}
          .columns=${this.eventColumns}
          .rows=${this.events}
        ></v-table>
      </div>
    `;
  }

  override render(): TemplateResult {
    const r = this.report;
    return html`
      <div class="toolbar">
        <span class="note"
          >${t('report')} · ${this.context.unit} · ${this.context.year} · ${t('asOf')}
          ${this.context.asOf}</span
        >
        ${FORMATS.map(
          (f) =>
            html`<button
              data-download=${f}
              ?disabled=${this.downloading !== '' || !r}
              @click=${() => void this.save(f)}
            >
              ${this.downloading === f ? html`<span class="spinner"></span>` : nothing}${t('download')} .${f}
            </button>`,
        )}
      </div>
      ${this.status()}
      ${
        r
          ? html`<div class="report-layout">
              <section class="panel report-body" @click=${(e: Event) => this.onReportClick(e)}>
                ${unsafeHTML(this.html)}
              </section>
              <aside class="panel report-side">
                <div class="kpis">
                  <div class="kpi">
                    <div class="kpi-label">评分 / Score</div>
                    <div class="kpi-value">${r.scorecard.score} · ${r.scorecard.grade}</div>
                  </div>
                </div>
                ${this.figurePanel()}
                ${
                  r.findings.length > 0
                    ? html`<h4>核对发现 / Findings (${r.findings.length})</h4>
                        <ul class="findings">
                          ${r.findings.map(
                            (f) =>
                              html`<li class=${f.severity ?? ''}>
                                ${
                                  f.figureId && r.document.figures[f.figureId]
                                    ? html`<button
                                        class="chip"
                                        @click=${() => void this.openFigure(f.figureId!)}
                                      >
                                        ${r.document.figures[f.figureId].labelZh}
                                      </button>`
                                    : nothing
                                }
                                ${f.messageZh ?? f.message ?? JSON.stringify(f)}
                              </li>`,
                          )}
                        </ul>`
                    : nothing
                }
              </aside>
            </div>`
          : nothing
      }
    `;
  }
}

define('report-view', ReportView);
