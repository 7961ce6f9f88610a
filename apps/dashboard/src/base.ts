import { LitElement } from 'lit';

import { langEvents } from './i18n';

/**
 * Every dashboard element: light DOM (one stylesheet styles the page, tests and screen readers see plain markup),
 * re-rendered when the language changes. State lives in plain fields; a change calls `requestUpdate()`.
 */
export class LightElement extends LitElement {
  private readonly onLangChange = () => this.requestUpdate();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    langEvents.addEventListener('lang-change', this.onLangChange);
  }

  override disconnectedCallback(): void {
    langEvents.removeEventListener('lang-change', this.onLangChange);
    super.disconnectedCallback();
  }
}

/** Defines a custom element once (hot reload and tests may evaluate a module twice). */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
