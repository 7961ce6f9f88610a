import { html, nothing, type TemplateResult } from 'lit';

import { api } from '../api';
import { define } from '../base';
import type { CommandForm } from '../components/command-form';
import '../components/command-form';
import type { Column } from '../components/v-table';
import '../components/v-table';
import { shanghaiTime } from '../format';
import { t } from '../i18n';
import { correctionsFor, summarise, type Posting } from '../records';
import { navigate } from '../router';
import { currentPrincipal, loadCommands, mayRead, type CommandInfo, type ReadContext } from '../session';
import { ViewElement } from './view-base';

interface PostingsPage {
  readonly postings: Posting[];
  readonly nextBefore: string | null;
}

const FIRST_PAGE = 200;
const NEXT_PAGE = 1000;
const MAX_ROWS = 5000;

/** 单位 — post a record with the generated form, see the unit's latest postings, correct or void one. */
export class UnitView extends ViewElement {
  private commands: CommandInfo[] = [];
  private selected = '';
  private postings: Posting[] = [];
  private correcting: Posting | null = null;
  private formData: Readonly<Record<string, unknown>> = {};
  private formDirty = true;
  private more: string | null = null;
  private filling = false;

  private get columns(): Column<Posting>[] {
    return [
      { label: t('position'), width: '6em', align: 'right', cell: (p) => p.position },
      { label: t('recordedAt'), width: '11em', cell: (p) => shanghaiTime(p.recordedAt) },
      { label: t('businessDate'), width: '7.5em', cell: (p) => p.businessDate ?? '—' },
      { label: t('type'), width: '13em', cell: (p) => p.type },
      {
        label: t('summary'),
        width: 'minmax(12em, 3fr)',
        cell: (p) => html`<span title=${summarise(p.data)}>${summarise(p.data)}</span>`,
      },
      { label: t('principal'), width: '8em', cell: (p) => p.principal },
      {
        label: '',
        width: '9em',
        cell: (p) =>
          correctionsFor(p, this.commands).length > 0
            ? html`<button
                class="link"
                data-action="correct"
                @click=${(e: Event) => this.startCorrection(e, p)}
              >
                ${t('correct')} / ${t('reverse')}
              </button>`
            : mayRead('audit')
              ? html`<a
                  href="/audit?stream=${encodeURIComponent(p.streamId)}"
                  @click=${(e: Event) => this.openStream(e, p)}
                  >${t('history')}</a
                >`
              : '',
      },
    ];
  }

  protected async load(context: ReadContext, isCurrent: () => boolean): Promise<void> {
    const principal = currentPrincipal();
    delete this.dataset.filled;
    const [commands, page] = await Promise.all([loadCommands(), this.page(context.unit, FIRST_PAGE)]);
    if (!isCurrent()) return;
    this.commands = commands.filter(
      (c) => principal?.role === 'admin' || c.roles.includes(principal?.role ?? ''),
    );
    if (!this.commands.some((c) => c.name === this.selected)) {
      const preferred = principal?.role === 'finance' ? 'RecordExpenditure' : 'RecordTally';
      this.selected = this.commands.find((c) => c.name === preferred)?.name ?? this.commands[0]?.name ?? '';
      this.formDirty = true;
    }
    this.postings = page.postings;
    this.more = page.nextBefore;
    void this.fill(context.unit, isCurrent);
  }

  private page(unit: string, limit: number, before?: string, quiet = false): Promise<PostingsPage> {
    return api<PostingsPage>('/api/v1/postings', { query: { unit, limit, before }, quiet });
  }

  /** After the first screenful is shown, the older postings stream into the (virtualised) table. */
  private async fill(unit: string, isCurrent: () => boolean): Promise<void> {
    this.filling = true;
    try {
      while (this.more && this.postings.length < MAX_ROWS && isCurrent()) {
        const page = await this.page(unit, NEXT_PAGE, this.more, true);
        if (!isCurrent()) return;
        this.postings = [...this.postings, ...page.postings];
        this.more = page.nextBefore;
        this.requestUpdate();
      }
    } catch {
      // the first page is shown; a failed refill leaves the table as it is
    } finally {
      if (isCurrent()) {
        this.filling = false;
        this.dataset.filled = '';
        this.requestUpdate();
      }
    }
  }

  /** After a posting: the newest page again, in front of the older rows already loaded. */
  private async refreshPostings(): Promise<void> {
    const page = await this.page(this.context.unit, FIRST_PAGE);
    const oldest = page.postings[page.postings.length - 1];
    const older = oldest ? this.postings.filter((p) => BigInt(p.position) < BigInt(oldest.position)) : [];
    this.postings = [...page.postings, ...older];
    this.requestUpdate();
  }

  private choose(
    name: string,
    data: Readonly<Record<string, unknown>> = {},
    correcting: Posting | null = null,
  ): void {
    this.selected = name;
    this.formData = data;
    this.correcting = correcting;
    this.formDirty = true;
    this.requestUpdate();
  }

  private startCorrection(e: Event, p: Posting): void {
    e.stopPropagation();
    const options = correctionsFor(p, this.commands);
    const data = {
      ...p.data,
      targetEventId: p.id,
      originalVoucherNo: p.data.voucherNo,
    };
    this.choose(options[0]!.name, data, p);
    this.querySelector('.post-panel')?.scrollIntoView({ block: 'start' });
  }

  private openStream(e: Event, p: Posting): void {
    e.preventDefault();
    navigate(`/audit?stream=${encodeURIComponent(p.streamId)}`);
  }

  protected override updated(): void {
    if (!this.formDirty) return;
    const form = this.querySelector<CommandForm>('command-form');
    const command = this.commands.find((c) => c.name === this.selected);
    if (!form || !command) return;
    const principal = currentPrincipal();
    form.load(
      command,
      { unitId: this.context.unit, squadId: principal?.squadId ?? null, year: this.context.year },
      this.formData,
    );
    this.formDirty = false;
  }

  override render(): TemplateResult {
    const correcting = this.correcting;
    const options = correcting ? correctionsFor(correcting, this.commands) : this.commands;
    return html`
      <section class="panel post-panel">
        <h2>${correcting ? t('correcting') : t('postRecord')}</h2>
        ${
          correcting
            ? html`<p class="note">
                ${correcting.type} · ${t('position')} ${correcting.position} · ${summarise(correcting.data)}
                <button class="link" @click=${() => this.choose(this.selected, {}, null)}>
                  ${t('cancel')}
                </button>
              </p>`
            : nothing
        }
        <label class="inline"
          >${t('command')}
          <select
            id="command-select"
            @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value, correcting ? this.formData : {}, correcting)}
          >
            ${options.map(
              (c) =>
                html`<option value=${c.name} ?selected=${c.name === this.selected}>
                  ${c.summaryZh} · ${c.name}
                </option>`,
            )}
          </select>
        </label>
        <command-form @posted=${() => void this.refreshPostings()}></command-form>
      </section>
      <section class="panel">
        <h2>
          ${t('recentPostings')}
          ${this.filling ? html`<small class="note"><span class="spinner"></span>${t('loading')}</small>` : nothing}
        </h2>
        ${this.status()}
        <v-table id="postings" .columns=${this.columns} .rows=${this.postings}></v-table>
      </section>
    `;
  }
}

define('unit-view', UnitView);
