import { html, nothing, type TemplateResult } from 'lit';

import { api, download } from '../api';
import { define } from '../base';
import type { Column } from '../components/v-table';
import '../components/v-table';
import { shanghaiDate, shanghaiTime } from '../format';
import { t } from '../i18n';
import { navigate, routeParams } from '../router';
import { mayRead, type ReadContext } from '../session';
import { summarise } from '../records';
import { describeError, isMissingRoute, ViewElement } from './view-base';

interface Envelope {
  readonly position: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly businessDate: string | null;
  readonly recordedAt: string;
  readonly principal: string;
  readonly role: string;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly chainHash?: string;
}

interface VerifyResult {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly sealsChecked: number;
  readonly durationMs: number;
  readonly firstBroken: {
    readonly reason: string;
    readonly position: string | null;
    readonly streamId?: string;
  } | null;
  readonly brokenCount: number;
}

interface ReplaySummary {
  readonly basis: string;
  readonly date: string;
  readonly description: string;
  readonly eventsRead: number;
  readonly eventsFolded: number;
  readonly durationMs: number;
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
}

interface ViewsDiff {
  readonly identical: boolean;
  readonly tables: readonly {
    readonly table: string;
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
  }[];
}

interface WhoSummary {
  readonly total: number;
  readonly counts: readonly { principal: string; role: string; type: string; count: number }[];
}

type Task<T> = { state: 'idle' | 'loading' | 'ready' | 'error'; value: T | null; error: string };
const idle = <T>(): Task<T> => ({ state: 'idle', value: null, error: '' });

/** 审计 — a stream's history with its envelopes, who posted what, verification, replay as of a date. */
export class AuditView extends ViewElement {
  private streamId = '';
  private history: Envelope[] = [];
  private selected: Envelope | null = null;
  private verify: Task<VerifyResult> = idle();
  private replay: Task<ReplaySummary> = idle();
  private diff: Task<ViewsDiff> = idle();
  private who: Task<WhoSummary> = idle();
  private replayDate = '';
  private basis: 'recorded' | 'business' = 'recorded';

  protected async load(context: ReadContext, isCurrent: () => boolean): Promise<void> {
    if (!mayRead('audit')) throw new Error(t('notAllowed'));
    this.replayDate ||= context.asOf;
    this.streamId = routeParams().get('stream') ?? this.streamId;
    const [history, who] = await Promise.all([
      this.streamId ? this.readHistory(this.streamId) : Promise.resolve([]),
      api<WhoSummary>('/api/v1/audit/who', { query: { unit: context.unit, ...this.whoWindow() } }).then(
        (value): Task<WhoSummary> => ({ state: 'ready', value, error: '' }),
        (error: unknown): Task<WhoSummary> => ({ state: 'error', value: null, error: describeError(error) }),
      ),
    ]);
    if (!isCurrent()) return;
    this.history = history;
    this.who = who;
  }

  /** Who posted what is asked by recording time: the last 30 days. */
  private whoWindow(): { from: string; to: string } {
    const now = new Date();
    return { from: shanghaiDate(new Date(now.getTime() - 30 * 86_400_000)), to: shanghaiDate(now) };
  }

  /** The auditor's history (with hashes, recorded as an audit action), or the plain stream read where absent. */
  private async readHistory(streamId: string): Promise<Envelope[]> {
    const path = encodeURIComponent(streamId);
    try {
      return (await api<{ events: Envelope[] }>(`/api/v1/audit/history/${path}`, { query: { limit: 10000 } }))
        .events;
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      return (await api<{ events: Envelope[] }>(`/api/v1/streams/${path}`, { query: { limit: 10000 } }))
        .events;
    }
  }

  private async openStream(e: Event): Promise<void> {
    e.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#stream-id');
    const id = input?.value.trim() ?? '';
    if (!id) return;
    navigate(`/audit?stream=${encodeURIComponent(id)}`, true);
    this.streamId = id;
    void this.reload();
  }

  private async run<T>(key: 'verify' | 'replay' | 'diff', call: () => Promise<T>): Promise<void> {
    const set = (task: Task<T>) => {
      (this as unknown as Record<string, Task<T>>)[key] = task;
      this.requestUpdate();
    };
    set({ state: 'loading', value: null, error: '' });
    try {
      set({ state: 'ready', value: await call(), error: '' });
    } catch (error) {
      set({ state: 'error', value: null, error: describeError(error) });
    }
  }

  /** The events recorded in the who-window as NDJSON with its manifest (the auditor's offline copy). */
  private async exportEvents(): Promise<void> {
    const w = this.whoWindow();
    try {
      await download(
        '/api/v1/audit/export',
        { ...w, unit: this.context.unit },
        `events-${w.from}-${w.to}.ndjson`,
      );
    } catch (error) {
      this.error = describeError(error);
      this.requestUpdate();
    }
  }

  private get historyColumns(): Column<Envelope>[] {
    return [
      { label: t('version'), width: '4.5em', align: 'right', cell: (e) => e.streamVersion },
      { label: t('position'), width: '5.5em', align: 'right', cell: (e) => e.position },
      { label: t('type'), width: '12em', cell: (e) => e.type },
      { label: t('businessDate'), width: '7.5em', cell: (e) => e.businessDate ?? '—' },
      { label: t('recordedAt'), width: '10.5em', cell: (e) => shanghaiTime(e.recordedAt) },
      { label: t('principal'), width: '7em', cell: (e) => e.principal },
      { label: t('role'), width: '7em', cell: (e) => e.role },
      { label: t('summary'), width: 'minmax(10em, 2fr)', cell: (e) => summarise(e.data) },
      {
        label: t('hash'),
        width: '7em',
        cell: (e) => html`<code title=${e.chainHash ?? ''}>${(e.chainHash ?? '').slice(0, 10)}</code>`,
      },
    ];
  }

  private taskStatus<T>(task: Task<T>): TemplateResult | typeof nothing {
    if (task.state === 'loading')
      return html`<p class="status loading"><span class="spinner"></span>${t('loading')}</p>`;
    if (task.state === 'error') return html`<p class="status error" role="alert">${task.error}</p>`;
    return nothing;
  }

  override render(): TemplateResult {
    const v = this.verify.value;
    const r = this.replay.value;
    return html`
      ${this.status()}
      <section class="panel">
        <h2>${t('history')}</h2>
        <form class="toolbar" @submit=${(e: Event) => void this.openStream(e)}>
          <label class="inline"
            >${t('streamId')}
            <input id="stream-id" .value=${this.streamId} placeholder="tally-changning-2020-05-12" size="40"
          /></label>
          <button type="submit">${t('apply')}</button>
        </form>
        <v-table
          id="history"
          .columns=${this.historyColumns}
          .rows=${this.history}
          @row-click=${(e: CustomEvent<Envelope>) => {
            this.selected = e.detail;
            this.requestUpdate();
          }}
        ></v-table>
        ${
          this.selected
            ? html`<h4>${t('eventData')} · ${this.selected.id}</h4>
                <pre class="json">${JSON.stringify(this.selected, null, 2)}</pre>`
            : nothing
        }
      </section>
      <div class="grid2">
        <section class="panel">
          <h2>${t('verify')}</h2>
          <button
            id="verify"
            ?disabled=${this.verify.state === 'loading'}
            @click=${() => void this.run('verify', () => api<VerifyResult>('/api/v1/audit/verify'))}
          >
            ${t('run')}
          </button>
          ${this.taskStatus(this.verify)}
          ${
            v
              ? html`<p class="verify ${v.ok ? 'ok' : 'broken'}" data-ok=${String(v.ok)}>
                  <strong>${v.ok ? t('verifyOk') : t('verifyBroken')}</strong> · ${v.eventsChecked} events ·
                  ${v.streamsChecked} streams · ${v.sealsChecked} seals · ${v.durationMs} ms
                  ${v.firstBroken ? html`<br />${v.firstBroken.reason} @ ${v.firstBroken.position ?? v.firstBroken.streamId}` : nothing}
                </p>`
              : nothing
          }
        </section>
        <section class="panel">
          <h2>${t('replay')}</h2>
          <div class="toolbar">
            <label class="inline"
              >${t('asOf')}
              <input
                type="date"
                id="replay-date"
                .value=${this.replayDate}
                @input=${(e: Event) => (this.replayDate = (e.target as HTMLInputElement).value)}
            /></label>
            <label class="inline"
              >${t('basis')}
              <select
                id="replay-basis"
                @change=${(e: Event) => (this.basis = (e.target as HTMLSelectElement).value as 'recorded' | 'business')}
              >
                <option value="recorded" ?selected=${this.basis === 'recorded'}>${t('basisRecorded')}</option>
                <option value="business" ?selected=${this.basis === 'business'}>${t('basisBusiness')}</option>
              </select>
            </label>
            <button
              id="replay"
              ?disabled=${this.replay.state === 'loading'}
              @click=${() =>
                void this.run(
                  'replay',
                  async () =>
                    (
                      await api<{ replay: ReplaySummary }>('/api/v1/audit/replay', {
                        method: 'POST',
                        body: { asOf: this.replayDate, basis: this.basis, unit: this.context.unit },
                      })
                    ).replay,
                )}
            >
              ${t('run')}
            </button>
            <button
              id="diff"
              ?disabled=${this.diff.state === 'loading'}
              @click=${() =>
                void this.run(
                  'diff',
                  async () =>
                    (
                      await api<{ diff: ViewsDiff }>('/api/v1/audit/diff', {
                        method: 'POST',
                        body: { asOf: this.replayDate, basis: this.basis, unit: this.context.unit, limit: 0 },
                      })
                    ).diff,
                )}
            >
              ${t('diff')}
            </button>
            <button id="export" @click=${() => void this.exportEvents()}>${t('exportEvents')}</button>
          </div>
          ${this.taskStatus(this.replay)} ${this.taskStatus(this.diff)}
          ${
            this.diff.value
              ? html`<p class="verify ${this.diff.value.identical ? 'ok' : 'broken'}" id="diff-result">
                  ${
                    this.diff.value.identical
                      ? t('identical')
                      : this.diff.value.tables
                          .filter((x) => x.added + x.removed + x.changed > 0)
                          .map((x) => `${x.table}: +${x.added} −${x.removed} ~${x.changed}`)
                          .join(' · ')
                  }
                </p>`
              : nothing
          }
          ${
            r
              ? html`<p class="note" id="replay-result">
                    ${r.description} · ${r.eventsFolded}/${r.eventsRead} events · ${r.durationMs} ms
                  </p>
                  <table class="plain" id="replay-tables">
                    <thead>
                      <tr>
                        <th>${t('table')}</th>
                        <th>${t('rows')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${r.tables.map(
                        (x) =>
                          html`<tr>
                            <td>${x.name}</td>
                            <td>${x.rows}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
              : nothing
          }
        </section>
      </div>
      <section class="panel">
        <h2>${t('who')} · ${this.whoWindow().from} — ${this.whoWindow().to}</h2>
        ${this.taskStatus(this.who)}
        ${
          this.who.value
            ? html`<table class="plain" id="who">
                <thead>
                  <tr>
                    <th>${t('principal')}</th>
                    <th class="text">${t('role')}</th>
                    <th class="text">${t('type')}</th>
                    <th>${t('count')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.who.value.counts.map(
                    (c) =>
                      html`<tr>
                        <td>${c.principal}</td>
                        <td class="text">${c.role}</td>
                        <td class="text">${c.type}</td>
                        <td>${c.count}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : nothing
        }
      </section>
    `;
  }
}

define('audit-view', AuditView);
