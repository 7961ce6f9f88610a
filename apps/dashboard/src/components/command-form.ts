import { html, nothing, type TemplateResult } from 'lit';

import { api, ApiError, newIdempotencyKey } from '../api';
import { define, LightElement } from '../base';
import { fenToYuan, shanghaiDate, yuanToFen } from '../format';
import { apiMessage, t } from '../i18n';
import { ECON_ITEMS, enumLabel, fieldLabel, FUNC_CODES } from '../labels';
import type { CommandInfo, FieldSchema } from '../session';

type Value = string | boolean | Values | Values[];
interface Values {
  [name: string]: Value;
}
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface CommandOutcome {
  readonly command: string;
  readonly streamId: string;
  readonly events: readonly { id: string; type: string; position: string }[];
  readonly streamVersion: number;
  readonly idempotentReplay: boolean;
}

export interface FormDefaults {
  readonly unitId?: string;
  readonly squadId?: string | null;
  readonly year?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const bilingual = (zh: string, en: string) => `${zh} (${en})`;

function blank(fields: readonly FieldSchema[], defaults: FormDefaults): Values {
  const values: Values = {};
  for (const f of fields) {
    if (f.type === 'object') values[f.name] = blank(f.items ?? [], defaults);
    else if (f.type === 'array' && f.items) values[f.name] = f.required ? [blank(f.items, defaults)] : [];
    else if (f.type === 'boolean') values[f.name] = false;
    else if (f.name === 'unitId' && defaults.unitId) values[f.name] = defaults.unitId;
    else if (f.name === 'squadId' && defaults.squadId) values[f.name] = defaults.squadId;
    else if (f.name === 'year' && defaults.year) values[f.name] = String(defaults.year);
    else if (f.type === 'date' && f.required) values[f.name] = shanghaiDate();
    else values[f.name] = '';
  }
  return values;
}

/** Puts a record's data into the form's values: names that match, money back in yuan. */
function fill(fields: readonly FieldSchema[], values: Values, data: Readonly<Record<string, unknown>>): void {
  for (const f of fields) {
    const v = data[f.name];
    if (v === undefined || v === null) continue;
    if (f.type === 'object' && typeof v === 'object' && !Array.isArray(v))
      fill(f.items ?? [], values[f.name] as Values, v as Record<string, unknown>);
    else if (f.type === 'array' && f.items && Array.isArray(v))
      values[f.name] = v.map((item) => {
        const row = blank(f.items ?? [], {});
        fill(f.items ?? [], row, item as Record<string, unknown>);
        return row;
      });
    else if (f.type === 'array' && Array.isArray(v)) values[f.name] = v.map(String).join('\n');
    else if (f.type === 'boolean') values[f.name] = v === true;
    else if (f.type === 'fen' && (typeof v === 'number' || typeof v === 'string'))
      values[f.name] = fenToYuan(String(v)).replace(/,/g, '');
    else values[f.name] = String(v);
  }
}

function patternOf(source: string): RegExp | null {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // try the next flags
    }
  }
  return null;
}

/** The form's text back into the command's JSON, with the same checks the API makes; problems by field path. */
function collect(
  fields: readonly FieldSchema[],
  values: Values,
  prefix: string,
  problems: Map<string, string[]>,
): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const problem = (path: string, message: string) =>
    problems.set(path, [...(problems.get(path) ?? []), message]);
  for (const f of fields) {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    const raw = values[f.name];
    if (f.type === 'object') {
      const nested = collect(f.items ?? [], raw as Values, path, problems);
      if (f.required || Object.keys(nested).length > 0) out[f.name] = nested;
      continue;
    }
    if (f.type === 'array' && f.items) {
      const rows = (raw as Values[]).map((row, i) => collect(f.items ?? [], row, `${path}.${i}`, problems));
      if (f.required && rows.length === 0) problem(path, bilingual('至少一行', 'at least one row'));
      if (f.required || rows.length > 0) out[f.name] = rows;
      continue;
    }
    if (f.type === 'boolean') {
      if (raw === true || f.required) out[f.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (f.type === 'array') {
      const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (lines.length > 0 || f.required) out[f.name] = lines;
      continue;
    }
    if (text === '') {
      if (f.required) problem(path, bilingual('必填', 'required'));
      continue;
    }
    switch (f.type) {
      case 'integer':
      case 'number': {
        const ok = f.type === 'integer' ? /^-?\d{1,15}$/.test(text) : Number.isFinite(Number(text));
        if (!ok) {
          problem(
            path,
            f.type === 'integer'
              ? bilingual('须为整数', 'must be an integer')
              : bilingual('须为数字', 'must be a number'),
          );
          continue;
        }
        const n = Number(text);
        if (f.min !== undefined && n < f.min)
          problem(path, bilingual(`不能小于 ${f.min}`, `must not be less than ${f.min}`));
        if (f.max !== undefined && n > f.max)
          problem(path, bilingual(`不能大于 ${f.max}`, `must not be greater than ${f.max}`));
        out[f.name] = n;
        break;
      }
      case 'fen': {
        const fen = yuanToFen(text);
        if (fen === null)
          problem(path, bilingual('金额须为元，至多两位小数', 'an amount in yuan, at most two decimals'));
        else out[f.name] = Number(fen);
        break;
      }
      case 'date':
        if (!DATE.test(text)) problem(path, bilingual('日期格式须为 YYYY-MM-DD', 'a date YYYY-MM-DD'));
        out[f.name] = text;
        break;
      default: {
        if (f.minLength !== undefined && text.length < f.minLength)
          problem(path, bilingual(`至少 ${f.minLength} 个字符`, `at least ${f.minLength} characters`));
        if (f.maxLength !== undefined && text.length > f.maxLength)
          problem(path, bilingual(`至多 ${f.maxLength} 个字符`, `at most ${f.maxLength} characters`));
        const re = f.pattern ? patternOf(f.pattern) : null;
        if (re && !re.test(text)) problem(path, bilingual('格式不符', `must match ${f.pattern}`));
        out[f.name] = text;
      }
    }
  }
  return out;
}

/**
 * A posting form generated from a command's field list (the API reads it from the same validators it enforces).
 * Client checks catch the obvious; the API's 400 field errors are shown inline under their fields. One idempotency
 * key per content: a double click, or a retry of the same form, posts once; editing the form takes a new key.
 */
export class CommandForm extends LightElement {
  private command: CommandInfo | null = null;
  private values: Values = {};
  private errors = new Map<string, string[]>();
  private banner: { kind: 'ok' | 'error'; text: string } | null = null;
  private submitting = false;
  private key = newIdempotencyKey();

  load(command: CommandInfo, defaults: FormDefaults, data: Readonly<Record<string, unknown>> = {}): void {
    this.command = command;
    this.values = blank(command.fields, defaults);
    fill(command.fields, this.values, data);
    this.errors = new Map();
    this.banner = null;
    this.key = newIdempotencyKey();
    this.requestUpdate();
  }

  private edited(path: string): void {
    this.errors.delete(path);
    this.key = newIdempotencyKey();
    this.requestUpdate();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const command = this.command;
    if (!command || this.submitting) return;
    const problems = new Map<string, string[]>();
    const body = collect(command.fields, this.values, '', problems);
    this.errors = problems;
    if (problems.size > 0) {
      this.banner = { kind: 'error', text: t('fixErrors') };
      this.requestUpdate();
      return;
    }
    this.submitting = true;
    this.banner = null;
    this.requestUpdate();
    try {
      const outcome = await api<CommandOutcome>(`/api/v1/commands/${encodeURIComponent(command.name)}`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': this.key },
      });
      const last = outcome.events[outcome.events.length - 1];
      this.banner = {
        kind: 'ok',
        text: `${outcome.idempotentReplay ? t('replayed') : t('posted')}: ${outcome.streamId} #${outcome.streamVersion}${
          last ? ` · ${t('position')} ${last.position}` : ''
        } — ${t('viewsLag')}`,
      };
      this.dispatchEvent(new CustomEvent('posted', { detail: outcome, bubbles: true }));
    } catch (error) {
      if (error instanceof ApiError) {
        const errors = new Map<string, string[]>();
        for (const p of error.fields) errors.set(p.field, [...p.messages]);
        if (error.field) errors.set(error.field, [error.message]);
        this.errors = errors;
        this.banner = {
          kind: 'error',
          text:
            errors.size > 0 ? `${apiMessage(error.message)} — ${t('fixErrors')}` : apiMessage(error.message),
        };
      } else {
        this.banner = { kind: 'error', text: String(error) };
      }
    } finally {
      this.submitting = false;
      this.requestUpdate();
    }
  }

  override render(): TemplateResult {
    const command = this.command;
    if (!command) return html``;
    const unplaced = [...this.errors.entries()].filter(([path]) => !this.placed(command.fields, path));
    return html`
      <form
        class="command-form"
        novalidate
        @submit=${(e: Event) => this.submit(e)}
        data-command=${command.name}
      >
        <div class="fields">${command.fields.map((f) => this.field(f, this.values, ''))}</div>
        ${unplaced.map(
          ([path, messages]) =>
            html`<div class="field-error" data-error-for=${path}>
              ${path}: ${messages.map(apiMessage).join('；')}
            </div>`,
        )}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.submitting}>
            ${this.submitting ? html`<span class="spinner"></span>${t('submitting')}` : t('submit')}
          </button>
          ${
            this.banner
              ? html`<span
                  class="banner ${this.banner.kind}"
                  role=${this.banner.kind === 'error' ? 'alert' : 'status'}
                  >${this.banner.text}</span
                >`
              : nothing
          }
        </div>
        <datalist id="dl-econ">
          ${ECON_ITEMS.map(([code, label]) => html`<option value=${code}>${label}</option>`)}
        </datalist>
        <datalist id="dl-func">
          ${FUNC_CODES.map(([code, label]) => html`<option value=${code}>${label}</option>`)}
        </datalist>
      </form>
    `;
  }

  /** Whether an error path has a field on the form to sit under (else it is listed below the fields). */
  private placed(fields: readonly FieldSchema[], path: string): boolean {
    const [head, ...rest] = path.split('.');
    const f = fields.find((x) => x.name === head);
    if (!f) return false;
    if (rest.length === 0) return true;
    if (f.type === 'object') return this.placed(f.items ?? [], rest.join('.'));
    if (f.type === 'array' && f.items) return this.placed(f.items, rest.slice(1).join('.'));
    return false;
  }

  private field(f: FieldSchema, container: Values, prefix: string): TemplateResult {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    const id = `f-${path.replace(/\./g, '-')}`;
    const errors = this.errors.get(path) ?? [];
    const label = html`<label for=${id}
      >${fieldLabel(f.name)}${f.type === 'fen' ? `（${t('yuan')}）` : ''}${
        f.required ? html`<span class="req" title=${t('required')}>*</span>` : nothing
      }<small>${f.name}</small></label
    >`;
    const set = (value: Value) => {
      container[f.name] = value;
      this.edited(path);
    };
    const text = (e: Event) => set((e.target as HTMLInputElement).value);
    const invalid = errors.length > 0;
    let control: TemplateResult;
    let wide = false;
    switch (f.type) {
      case 'object':
        return html`<fieldset class="wide" data-field=${path}>
          <legend>${fieldLabel(f.name)} <small>${f.name}</small></legend>
          <div class="fields">
            ${(f.items ?? []).map((item) => this.field(item, container[f.name] as Values, path))}
          </div>
          ${this.fieldErrors(path, errors)}
        </fieldset>`;
      case 'array':
        if (f.items) return this.rows(f, container, path, errors);
        wide = true;
        control = html`<textarea
          id=${id}
          rows="4"
          aria-invalid=${invalid}
          .value=${container[f.name] as string}
          @input=${text}
        ></textarea>`;
        break;
      case 'boolean':
        control = html`<input
          id=${id}
          type="checkbox"
          .checked=${container[f.name] === true}
          @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
        />`;
        break;
      case 'enum':
        control = html`<select id=${id} aria-invalid=${invalid} @change=${text}>
          <option value="" ?selected=${container[f.name] === ''}>${f.required ? '—' : t('optional')}</option>
          ${(f.enum ?? []).map((v) => html`<option value=${v} ?selected=${container[f.name] === v}>${enumLabel(v)}</option>`)}
        </select>`;
        break;
      case 'integer':
      case 'number':
        control = html`<input
          id=${id}
          type="number"
          inputmode="numeric"
          step=${f.type === 'integer' ? '1' : 'any'}
          min=${f.min ?? nothing}
          max=${f.max ?? nothing}
          aria-invalid=${invalid}
          .value=${container[f.name] as string}
          @input=${text}
        />`;
        break;
      case 'fen':
        control = html`<input
          id=${id}
          type="text"
          inputmode="decimal"
          placeholder="0.00"
          aria-invalid=${invalid}
          .value=${container[f.name] as string}
          @input=${text}
        />`;
        break;
      case 'date':
        control = html`<input
          id=${id}
          type="date"
          aria-invalid=${invalid}
          .value=${container[f.name] as string}
          @input=${text}
        />`;
        break;
      default: {
        const list = f.name === 'econCode' ? 'dl-econ' : f.name === 'funcCode' ? 'dl-func' : undefined;
        if ((f.maxLength ?? 0) > 200) {
          wide = true;
          control = html`<textarea
            id=${id}
            rows="3"
            maxlength=${f.maxLength ?? nothing}
            aria-invalid=${invalid}
            .value=${container[f.name] as string}
            @input=${text}
          ></textarea>`;
        } else {
          control = html`<input
            id=${id}
            type="text"
            list=${list ?? nothing}
            maxlength=${f.maxLength ?? nothing}
            aria-invalid=${invalid}
            .value=${container[f.name] as string}
            @input=${text}
          />`;
        }
      }
    }
    return html`<div class="field ${wide ? 'wide' : ''} ${invalid ? 'invalid' : ''}" data-field=${path}>
      ${label}${control}${this.fieldErrors(path, errors)}
    </div>`;
  }

  private fieldErrors(path: string, errors: readonly string[]): TemplateResult | typeof nothing {
    if (errors.length === 0) return nothing;
    return html`<ul class="field-error" data-error-for=${path}>
      ${errors.map((m) => html`<li>${apiMessage(m)}</li>`)}
    </ul>`;
  }

  private rows(f: FieldSchema, container: Values, path: string, errors: readonly string[]): TemplateResult {
    const rows = container[f.name] as Values[];
    return html`<fieldset class="wide rows" data-field=${path}>
      <legend>${fieldLabel(f.name)} <small>${f.name}</small></legend>
      ${rows.map(
        (row, i) =>
          html`<div class="row">
            <div class="fields">${(f.items ?? []).map((item) => this.field(item, row, `${path}.${i}`))}</div>
            <button
              type="button"
              class="link"
              @click=${() => {
                rows.splice(i, 1);
                this.edited(path);
              }}
            >
              ${t('removeRow')}
            </button>
          </div>`,
      )}
      <button
        type="button"
        @click=${() => {
          rows.push(blank(f.items ?? [], {}));
          this.edited(path);
        }}
      >
        ${t('addRow')}
      </button>
      ${this.fieldErrors(path, errors)}
    </fieldset>`;
  }
}

define('command-form', CommandForm);
