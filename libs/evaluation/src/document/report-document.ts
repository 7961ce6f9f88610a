/**
 * The rendered shape of a report: blocks of text and tables whose numbers are Figures. Every figure carries where it
 * came from (the view, the query and the breakdown), so any renderer can link a number to its events.
 */
export type FigureKind = 'money' | 'count' | 'percent' | 'date' | 'text';

export interface Provenance {
  /** The view the figure was read from. */
  readonly view:
    'counts' | 'spending' | 'three-public' | 'unit-profile' | 'narrative' | 'baseline' | 'derived';
  /** The query parameters that produced it (unit, period …). */
  readonly params: Readonly<Record<string, string>>;
  /** The measure or classification within the view, e.g. `accidents.deaths` or `econClass=301`. */
  readonly selector: string;
  /** For derived figures (shares, changes): the figures they are computed from. */
  readonly inputs?: readonly string[];
  readonly formula?: string;
}

export interface Figure {
  /** Stable across runs, e.g. `finance.income.total`: the anchor a reader, an auditor and the reconciliation use. */
  readonly id: string;
  readonly labelZh: string;
  /** As printed, e.g. `1234.56` (万元) or `12.3` (%). */
  readonly display: string;
  readonly unitZh: string;
  readonly kind: FigureKind;
  /** The exact value behind the print: fen for money, a count, a decimal string for percentages. */
  readonly exact: string;
  /** A count summed from records that were lower bounds ("2100余"). */
  readonly lowerBound?: boolean;
  /** The period the figure covers (its as-of date is `to`). */
  readonly period?: { readonly from: string; readonly to: string };
  readonly provenance: Provenance;
}

export type Inline = string | { readonly figure: string };

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly parts: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly Inline[])[];
    }
  | { readonly kind: 'signature'; readonly unitName: string; readonly date: string };

export interface ReportDocument {
  readonly title: string;
  readonly unitName: string;
  readonly blocks: readonly Block[];
  readonly figures: Readonly<Record<string, Figure>>;
}

/** Collects figures while a section is composed; `f(id)` returns the inline reference. */
export class FigureBook {
  private readonly map = new Map<string, Figure>();

  add(figure: Figure): Inline {
    this.map.set(figure.id, figure);
    return { figure: figure.id };
  }

  get(id: string): Figure {
    const figure = this.map.get(id);
    if (!figure) throw new Error(`figure ${id} was referenced before it was computed`);
    return figure;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  all(): Record<string, Figure> {
    return Object.fromEntries(this.map);
  }
}

/** Text of inline parts, figures printed as they display (without unit: the sentence carries it). */
export function inlineText(parts: readonly Inline[], figures: Readonly<Record<string, Figure>>): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : (figures[p.figure]?.display ?? `[${p.figure}?]`)))
    .join('');
}
