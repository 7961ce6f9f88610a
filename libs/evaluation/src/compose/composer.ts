import type { CountsResult, Money } from '@ledger/views';

import { FigureBook, type Figure, type Inline, type Provenance } from '../document/report-document';
import type { ReportFacts } from '../facts/report-facts';

/**
 * Turns view answers into figures: each helper records the figure with its provenance and returns the inline
 * reference the prose embeds. No figure is printed that was not computed here.
 */
export class Composer {
  readonly book = new FigureBook();

  constructor(readonly facts: ReportFacts) {}

  private get unitParams() {
    return { unit: this.facts.request.unitId };
  }

  yearParams() {
    const y = this.facts.request.year;
    return { ...this.unitParams, from: `${y}-01-01`, to: `${y}-12-31` };
  }

  outcomeParams() {
    return { ...this.unitParams, from: `${this.facts.request.year}-01-01`, to: this.facts.request.cutoff };
  }

  add(figure: Figure): Inline {
    return this.book.add(figure);
  }

  /** Money in 万元, two decimals; the exact fen stay behind the print. */
  money(
    id: string,
    labelZh: string,
    amount: Money,
    provenance: Provenance,
    period = this.yearParams(),
  ): Inline {
    return this.add({
      id,
      labelZh,
      display: amount.wanYuan,
      unitZh: '万元',
      kind: 'money',
      exact: amount.fen,
      period: { from: period.from, to: period.to },
      provenance,
    });
  }

  percent(
    id: string,
    labelZh: string,
    pct: string | null,
    inputs: readonly string[],
    formula: string,
  ): Inline {
    return this.add({
      id,
      labelZh,
      display: pct ?? '—',
      unitZh: '%',
      kind: 'percent',
      exact: pct ?? '',
      provenance: { view: 'derived', params: {}, selector: formula, inputs, formula },
    });
  }

  /** A count summed over the result's period; 0 when the view has no row (nothing was posted). */
  count(id: string, measure: string, counts: CountsResult, labelZh?: string, previous = false): Inline {
    const rows = previous ? (counts.previous?.rows ?? []) : counts.rows;
    const row = rows.find((r) => r.measure === measure && r.group === '');
    const period = previous ? counts.previous!.period : counts.period;
    return this.add({
      id,
      labelZh: labelZh ?? row?.labelZh ?? measure,
      display: row?.value ?? '0',
      unitZh: '',
      kind: 'count',
      exact: row?.value ?? '0',
      lowerBound: row?.lowerBound ?? false,
      period,
      provenance: {
        view: 'counts',
        params: { unit: counts.unitId, from: period.from, to: period.to },
        selector: measure,
      },
    });
  }

  /** The value of a count as a bigint, for arithmetic (rates, indicators). */
  countValue(measure: string, counts: CountsResult, previous = false): bigint {
    const rows = previous ? (counts.previous?.rows ?? []) : counts.rows;
    return BigInt(rows.find((r) => r.measure === measure && r.group === '')?.value ?? '0');
  }

  /** The year-on-year change of a count, from the view's comparison. */
  change(
    id: string,
    labelZh: string,
    measure: string,
    counts: CountsResult,
  ): { inline: Inline; pct: string | null } {
    const c = counts.changes?.find((x) => x.measure === measure && x.group === '');
    const pct = c?.changePct ?? null;
    const inline = this.add({
      id,
      labelZh,
      display: pct === null ? '—' : pct.replace(/^-/, ''),
      unitZh: '%',
      kind: 'percent',
      exact: pct ?? '',
      provenance: {
        view: 'counts',
        params: {
          unit: counts.unitId,
          from: counts.period.from,
          to: counts.period.to,
          compareWith: 'previous-year-same-period',
        },
        selector: measure,
        formula: '(本期 − 上年同期) ÷ 上年同期',
      },
    });
    return { inline, pct };
  }

  paragraphs(section: string): readonly string[] {
    return this.facts.narrative.sections.find((s) => s.section === section)?.paragraphs ?? [];
  }
}
