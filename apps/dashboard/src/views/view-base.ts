import { html, type TemplateResult } from 'lit';

import { ApiError } from '../api';
import { LightElement } from '../base';
import { apiMessage, t } from '../i18n';
import { readContext, sessionEvents, type ReadContext } from '../session';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * A page of the dashboard: loads when shown and whenever the unit/year/cut-off changes, and says where it is in
 * `data-state` (loading → ready | error) so a person sees a progress indicator and a test can time it.
 */
export abstract class ViewElement extends LightElement {
  protected state: LoadState = 'idle';
  protected error: string | null = null;
  /** The unit, year and cut-off of the latest load. */
  protected context: ReadContext = readContext();
  private generation = 0;
  private readonly onContext = () => void this.reload();

  protected abstract load(context: ReadContext, isCurrent: () => boolean): Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    sessionEvents.addEventListener('context-change', this.onContext);
    void this.reload();
  }

  override disconnectedCallback(): void {
    sessionEvents.removeEventListener('context-change', this.onContext);
    this.generation += 1;
    super.disconnectedCallback();
  }

  protected async reload(): Promise<void> {
    const generation = ++this.generation;
    const isCurrent = () => generation === this.generation;
    this.context = readContext();
    this.setState('loading');
    try {
      await this.load(this.context, isCurrent);
      if (!isCurrent()) return;
      this.error = null;
      this.setState('ready');
    } catch (error) {
      if (!isCurrent()) return;
      this.error = describeError(error);
      this.setState('error');
    }
  }

  private setState(state: LoadState): void {
    this.state = state;
    this.dataset.state = state;
    this.requestUpdate();
  }

  protected status(): TemplateResult {
    if (this.state === 'loading')
      return html`<p class="status loading"><span class="spinner"></span>${t('loading')}</p>`;
    if (this.state === 'error') return html`<p class="status error" role="alert">${this.error}</p>`;
    return html``;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `${t('notAllowed')} — ${apiMessage(error.message)}`;
    if (error.status === 404 && error.code === null) return t('notAvailable');
    const fields = error.fields
      .map((f) => `${f.field}: ${f.messages.map(apiMessage).join('；')}`)
      .join(' · ');
    return fields ? `${apiMessage(error.message)} — ${fields}` : apiMessage(error.message);
  }
  return error instanceof Error ? error.message : String(error);
}

/** An endpoint the server does not have (yet): Nest's own 404 carries no ledger error code. */
export const isMissingRoute = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.status === 404 &&
  (error.code === null || error.code === 'ROUTE.NOT_FOUND');
