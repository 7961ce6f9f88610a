import { html, nothing, type TemplateResult } from 'lit';

import { define, LightElement } from '../base';
import { t } from '../i18n';

export interface Column<T> {
  readonly label: string;
  /** A CSS grid track, e.g. `8em` or `2fr`. */
  readonly width?: string;
  readonly align?: 'left' | 'right';
  readonly cell: (row: T) => TemplateResult | string | number;
}

const ROW_HEIGHT = 30;
const OVERSCAN = 8;

/**
 * A table that renders only the rows in view (plus a few either side): ten thousand rows cost as much as thirty.
 * Fixed row height; the header stays put. Clicking a row fires `row-click` with the row as detail.
 */
export class VirtualTable<T = unknown> extends LightElement {
  private _rows: readonly T[] = [];
  private _columns: readonly Column<T>[] = [];
  private offsetY = 0;
  private frame = 0;
  /** Height of the scrolling area in pixels. */
  viewHeight = 360;
  picked: T | null = null;

  set rows(rows: readonly T[]) {
    this._rows = rows;
    this.dataset.rows = String(rows.length);
    this.requestUpdate();
  }
  get rows(): readonly T[] {
    return this._rows;
  }

  set columns(columns: readonly Column<T>[]) {
    this._columns = columns;
    this.requestUpdate();
  }
  get columns(): readonly Column<T>[] {
    return this._columns;
  }

  private onScroll(e: Event): void {
    const top = (e.target as HTMLElement).scrollTop;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.offsetY = top;
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    super.disconnectedCallback();
  }

  override render(): TemplateResult {
    const rows = this._rows;
    const tracks = this._columns.map((c) => c.width ?? '1fr').join(' ');
    const first = Math.max(0, Math.floor(this.offsetY / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(rows.length, Math.ceil((this.offsetY + this.viewHeight) / ROW_HEIGHT) + OVERSCAN);
    const visible = rows.slice(first, last);
    const bodyHeight = Math.max(rows.length * ROW_HEIGHT, ROW_HEIGHT);
    return html`
      <div
        class="vt"
        role="table"
        style="max-height:${this.viewHeight}px"
        @scroll=${(e: Event) => this.onScroll(e)}
      >
        <div class="vt-head" role="row" style="grid-template-columns:${tracks}">
          ${this._columns.map(
            (c) => html`<div role="columnheader" class=${c.align === 'right' ? 'num' : ''}>${c.label}</div>`,
          )}
        </div>
        <div class="vt-body" style="height:${bodyHeight}px">
          ${rows.length === 0 ? html`<div class="vt-empty">${t('none')}</div>` : nothing}
          ${visible.map(
            (row, i) => html`
              <div
                class="vt-row ${row === this.picked ? 'selected' : ''}"
                role="row"
                style="grid-template-columns:${tracks};transform:translateY(${(first + i) * ROW_HEIGHT}px)"
                @click=${() => this.pick(row)}
              >
                ${this._columns.map(
                  (c) =>
                    html`<div role="cell" class=${c.align === 'right' ? 'num' : ''}>${c.cell(row)}</div>`,
                )}
              </div>
            `,
          )}
        </div>
      </div>
      <div class="vt-foot">${rows.length} ${t('rows')}</div>
    `;
  }

  private pick(row: T): void {
    this.picked = row;
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent('row-click', { detail: row, bubbles: true }));
  }
}

define('v-table', VirtualTable);
