import { html, nothing, type TemplateResult } from 'lit';

import { api, ApiError, setToken, getToken, type Principal } from './api';
import { define, LightElement } from './base';
import './components/busy-indicator';
import { preloadECharts } from './components/e-chart';
import { apiMessage, lang, setLang, t, type MessageKey } from './i18n';
import { enumLabel } from './labels';
import { currentView, navigate, routerEvents, type ViewName } from './router';
import { currentPrincipal, guessContext, mayRead, readContext, setContext, setPrincipal } from './session';
import './views/audit-view';
import './views/counts-view';
import './views/finance-view';
import './views/report-view';
import './views/unit-view';

const NAV: readonly { view: ViewName; label: MessageKey }[] = [
  { view: 'unit', label: 'navUnit' },
  { view: 'counts', label: 'navCounts' },
  { view: 'finance', label: 'navFinance' },
  { view: 'report', label: 'navReport' },
  { view: 'audit', label: 'navAudit' },
];

const HOME: Record<Principal['role'], ViewName> = {
  squad_clerk: 'unit',
  brigade_office: 'counts',
  finance: 'finance',
  auditor: 'audit',
  admin: 'counts',
};

/** The page: sign-in, the navigation, the unit/year/cut-off every view reads against, and the current view. */
export class LedgerApp extends LightElement {
  private phase: 'starting' | 'signed-out' | 'signed-in' = 'starting';
  private signInError = '';
  private signingIn = false;
  private readonly onRoute = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    routerEvents.addEventListener('route-change', this.onRoute);
    void this.start(getToken());
  }

  override disconnectedCallback(): void {
    routerEvents.removeEventListener('route-change', this.onRoute);
    super.disconnectedCallback();
  }

  private async start(token: string | null): Promise<void> {
    if (!token) {
      this.phase = 'signed-out';
      this.requestUpdate();
      return;
    }
    setToken(token);
    try {
      const { principal } = await api<{ principal: Principal }>('/api/v1/session');
      setPrincipal(principal);
      preloadECharts();
      await guessContext();
      this.phase = 'signed-in';
      this.signInError = '';
      const view = currentView();
      if (!view || !mayRead(view)) navigate(`/${HOME[principal.role]}`, true);
    } catch (error) {
      setToken(null);
      setPrincipal(null);
      this.phase = 'signed-out';
      this.signInError =
        error instanceof ApiError && error.status === 401
          ? t('badToken')
          : error instanceof Error
            ? apiMessage(error.message)
            : String(error);
    }
    this.requestUpdate();
  }

  private async signIn(e: Event): Promise<void> {
    e.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#token');
    this.signingIn = true;
    this.requestUpdate();
    await this.start(input?.value.trim() || null);
    this.signingIn = false;
    this.requestUpdate();
  }

  private signOut(): void {
    setToken(null);
    setPrincipal(null);
    sessionStorage.clear();
    this.phase = 'signed-out';
    navigate('/', true);
  }

  private applyContext(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const value = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const year = Number(value('year'));
    const asOf = value('asOf');
    setContext({
      unit: value('unit') || readContext().unit,
      year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : readContext().year,
      ...(asOf.slice(0, 4) === String(year) ? { asOf } : {}),
    });
    this.requestUpdate();
  }

  private link(view: ViewName, label: MessageKey, active: ViewName | null): TemplateResult {
    return html`<a
      href="/${view}"
      data-nav=${view}
      class=${view === active ? 'active' : ''}
      aria-current=${view === active ? 'page' : 'false'}
      @click=${(e: MouseEvent) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(`/${view}`);
      }}
      >${t(label)}</a
    >`;
  }

  private view(name: ViewName | null): TemplateResult {
    if (!name || !mayRead(name)) return html`<p class="status error">${t('notAllowed')}</p>`;
    switch (name) {
      case 'unit':
        return html`<unit-view></unit-view>`;
      case 'counts':
        return html`<counts-view></counts-view>`;
      case 'finance':
        return html`<finance-view></finance-view>`;
      case 'report':
        return html`<report-view></report-view>`;
      case 'audit':
        return html`<audit-view></audit-view>`;
    }
  }

  override render(): TemplateResult {
    const langToggle = html`<button
      class="link"
      id="lang"
      @click=${() => setLang(lang() === 'zh' ? 'en' : 'zh')}
    >
      ${t('language')}
    </button>`;
    if (this.phase === 'starting') return html`<busy-indicator></busy-indicator>`;
    if (this.phase === 'signed-out') {
      return html`<busy-indicator></busy-indicator>
        <main class="sign-in">
          <h1>${t('appTitle')}</h1>
          <form @submit=${(e: Event) => void this.signIn(e)}>
            <label for="token">${t('token')}</label>
            <input id="token" name="token" type="password" autocomplete="off" placeholder="ltk_…" required />
            <p class="note">${t('tokenHint')}</p>
            ${this.signInError ? html`<p class="status error" role="alert">${this.signInError}</p>` : nothing}
            <button type="submit" class="primary" ?disabled=${this.signingIn}>${t('signIn')}</button>
            ${langToggle}
          </form>
        </main>`;
    }
    const principal = currentPrincipal();
    const active = currentView();
    const context = readContext();
    return html`
      <busy-indicator></busy-indicator>
      <header>
        <h1>${t('appTitle')}</h1>
        <nav>${NAV.filter((n) => mayRead(n.view)).map((n) => this.link(n.view, n.label, active))}</nav>
        <div class="who">
          <span id="principal">${principal?.id} · ${principal ? enumLabel(principal.role) : ''}</span>
          ${langToggle}
          <button class="link" id="sign-out" @click=${() => this.signOut()}>${t('signOut')}</button>
        </div>
      </header>
      <form class="context" @submit=${(e: Event) => this.applyContext(e)}>
        <label class="inline">${t('unit')} <input name="unit" .value=${context.unit} size="12" /></label>
        <label class="inline"
          >${t('year')} <input name="year" type="number" min="2000" max="2100" .value=${String(context.year)}
        /></label>
        <label class="inline">${t('asOf')} <input name="asOf" type="date" .value=${context.asOf} /></label>
        <button type="submit">${t('apply')}</button>
      </form>
      <main id="view">${this.view(active)}</main>
    `;
  }
}

define('ledger-app', LedgerApp);
