import { activity } from '../api';
import { define } from '../base';
import { t } from '../i18n';

/**
 * The progress indicator: a moving bar at the top of the page and a label while any call has been in flight for
 * more than 150 ms (quick calls do not flash it). `body[data-pending]` counts calls in flight, for tests.
 */
export class BusyIndicator extends HTMLElement {
  private timer = 0;
  private readonly onChange = () => this.update();

  connectedCallback(): void {
    this.setAttribute('role', 'progressbar');
    this.setAttribute('aria-busy', 'false');
    this.innerHTML = '<div class="busy-bar"></div><span class="busy-label"></span>';
    activity.addEventListener('busy-change', this.onChange);
  }

  disconnectedCallback(): void {
    activity.removeEventListener('busy-change', this.onChange);
    clearTimeout(this.timer);
  }

  private update(): void {
    document.body.dataset.pending = String(activity.pending);
    if (activity.pending > 0) {
      if (!this.timer && !this.classList.contains('on')) {
        this.timer = window.setTimeout(() => {
          this.timer = 0;
          if (activity.pending > 0) this.show(true);
        }, 150);
      }
    } else {
      clearTimeout(this.timer);
      this.timer = 0;
      this.show(false);
    }
  }

  private show(on: boolean): void {
    this.classList.toggle('on', on);
    this.setAttribute('aria-busy', String(on));
    const label = this.querySelector('.busy-label');
    if (label) label.textContent = on ? t('loading') : '';
  }
}

define('busy-indicator', BusyIndicator);
