import type { EChartsCoreOption } from 'echarts/core';

import { define } from '../base';

type ECharts = typeof import('./echarts-setup');
type Chart = ReturnType<ECharts['echarts']['init']>;

/** ECharts is loaded on the first chart: pages without charts do not pay for it. */
let loading: Promise<ECharts> | null = null;
let loaded: ECharts | null = null;
const loadECharts = (): Promise<ECharts> => (loading ??= import('./echarts-setup').then((m) => (loaded = m)));

/** Starts fetching ECharts early (after sign-in), in parallel with a view's first API calls. */
export function preloadECharts(): void {
  void loadECharts();
}

export type ChartOption = EChartsCoreOption;

/** Chinese-friendly defaults every chart shares. */
const BASE: ChartOption = {
  animationDuration: 250,
  textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif' },
  tooltip: { trigger: 'item', confine: true },
};

/**
 * An Apache ECharts chart as an element: set `option`, it draws (canvas) and follows its box's size. Sets
 * `data-rendered` once the first drawing has finished, so tests and the load timer can wait for it.
 */
export class EChart extends HTMLElement {
  private chart: Chart | null = null;
  private pending: ChartOption | null = null;
  private resizer: ResizeObserver | null = null;

  set option(option: ChartOption) {
    this.pending = option;
    this.draw();
  }

  connectedCallback(): void {
    this.resizer = new ResizeObserver(() => {
      if (this.chart) this.chart.resize();
      else this.draw();
    });
    this.resizer.observe(this);
    this.draw();
  }

  disconnectedCallback(): void {
    this.resizer?.disconnect();
    this.resizer = null;
    this.chart?.dispose();
    this.chart = null;
  }

  private draw(): void {
    if (!this.isConnected || !this.pending || this.clientWidth === 0 || this.clientHeight === 0) return;
    if (!loaded) {
      void loadECharts().then(() => this.draw());
      return;
    }
    if (!this.chart) {
      this.chart = loaded.echarts.init(this, undefined, { renderer: 'canvas' });
      this.chart.on('finished', () => this.setAttribute('data-rendered', ''));
    }
    this.chart.setOption({ ...BASE, ...this.pending }, true);
    this.pending = null;
  }
}

define('e-chart', EChart);
