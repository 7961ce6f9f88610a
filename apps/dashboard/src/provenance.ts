/**
 * From a report figure to the events behind it. Counts are traced on the server (the projections re-run over the
 * unit's events); finance figures are the fiscal year's stream filtered by the figure's classification; a derived
 * figure points at the figures it was computed from. Pure: no DOM, no fetch.
 */
import { fiscalYearStream, THREE_PUBLIC_CATEGORIES, unitStream } from '@ledger/ledger/events';

export interface Provenance {
  readonly view: string;
  readonly params: Readonly<Record<string, string>>;
  readonly selector: string;
  readonly inputs?: readonly string[];
  readonly formula?: string;
}

export interface Figure {
  readonly id: string;
  readonly labelZh: string;
  readonly display: string;
  readonly unitZh: string;
  readonly kind: string;
  readonly exact: string;
  readonly lowerBound?: boolean;
  readonly period?: { readonly from: string; readonly to: string };
  readonly provenance: Provenance;
}

export interface StreamEvent {
  readonly position: string;
  readonly id: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly businessDate: string | null;
  readonly recordedAt: string;
  readonly principal: string;
  readonly role: string;
}

export type EventSource =
  | {
      readonly kind: 'measure';
      readonly unit: string;
      readonly measure: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'streams';
      readonly streamIds: readonly string[];
      readonly select: (events: readonly StreamEvent[]) => StreamEvent[];
    }
  | { readonly kind: 'derived'; readonly inputs: readonly string[] }
  | { readonly kind: 'none' };

interface Classification {
  readonly budgetKind?: unknown;
  readonly projectId?: unknown;
  readonly econCode?: unknown;
}

type ClassPredicate = (c: Classification) => boolean;

const yearsOf = (from: string, to: string): number[] => {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y += 1) years.push(y);
  return years;
};

const threePublicCodes = (key: string): readonly string[] => {
  if (key === 'total') return THREE_PUBLIC_CATEGORIES.flatMap((c) => c.econCodes);
  if (key === 'vehicle')
    return THREE_PUBLIC_CATEGORIES.filter((c) => c.key.startsWith('vehicle')).flatMap((c) => c.econCodes);
  return THREE_PUBLIC_CATEGORIES.find((c) => c.key === key)?.econCodes ?? [];
};

/**
 * The spending events whose classification matches: the voucher's recording, any reversal of it (by voucher
 * number) and any reclassification into or out of the class.
 */
export function expenditureEvents(events: readonly StreamEvent[], matches: ClassPredicate): StreamEvent[] {
  const vouchers = new Set<string>();
  for (const e of events) {
    if (e.type === 'ExpenditureRecorded' && matches(e.data)) vouchers.add(String(e.data.voucherNo));
    if (e.type === 'ExpenditureReclassified') {
      const to = (e.data.to ?? {}) as Classification;
      const from = (e.data.from ?? {}) as Classification;
      if (matches(to) || matches(from)) vouchers.add(String(e.data.voucherNo));
    }
  }
  return events.filter((e) => {
    switch (e.type) {
      case 'ExpenditureRecorded':
      case 'ExpenditureReclassified':
        return vouchers.has(String(e.data.voucherNo));
      case 'ExpenditureReversed':
        return vouchers.has(String(e.data.originalVoucherNo));
      case 'PostCloseAdjustmentRecorded': {
        const change = (e.data.change ?? {}) as Classification & {
          kind?: unknown;
          voucherNo?: unknown;
          originalVoucherNo?: unknown;
        };
        return (
          change.kind !== 'INCOME' &&
          (matches(change) || vouchers.has(String(change.originalVoucherNo ?? change.voucherNo)))
        );
      }
      default:
        return false;
    }
  });
}

function incomeEvents(
  events: readonly StreamEvent[],
  matches: (incomeType: string) => boolean,
): StreamEvent[] {
  return events.filter((e) => {
    if (e.type === 'IncomeReceived') return matches(String(e.data.incomeType));
    if (e.type === 'PostCloseAdjustmentRecorded') {
      const change = (e.data.change ?? {}) as { kind?: unknown; incomeType?: unknown };
      return change.kind === 'INCOME' && matches(String(change.incomeType));
    }
    return false;
  });
}

function spendingSelector(selector: string): ((events: readonly StreamEvent[]) => StreamEvent[]) | null {
  const [path, key = ''] = selector.split('=');
  switch (path) {
    case 'income.total':
      return (es) => incomeEvents(es, () => true);
    case 'income.fiscalAppropriation':
      return (es) => incomeEvents(es, (type) => type.startsWith('FISCAL_'));
    case 'income.bySource':
      return (es) => incomeEvents(es, (type) => type === key);
    case 'expenditure.total':
      return (es) => expenditureEvents(es, () => true);
    case 'expenditure.byBudgetKind':
      return (es) => expenditureEvents(es, (c) => c.budgetKind === key);
    case 'expenditure.byEconClass':
      return (es) =>
        expenditureEvents(es, (c) => typeof c.econCode === 'string' && c.econCode.startsWith(key));
    case 'expenditure.byProject':
      return (es) => expenditureEvents(es, (c) => c.projectId === key);
    default:
      return null;
  }
}

function threePublicSelector(selector: string): ((events: readonly StreamEvent[]) => StreamEvent[]) | null {
  const [key = '', what = ''] = selector.split('.');
  if (what === 'budget')
    return (es) =>
      es.filter((e) => e.type === 'ThreePublicBudgetSet' || e.type === 'ThreePublicBudgetAdjusted');
  if (what === 'actual' || what === 'priorYearActual') {
    const codes = threePublicCodes(key);
    return (es) => expenditureEvents(es, (c) => typeof c.econCode === 'string' && codes.includes(c.econCode));
  }
  return null;
}

export function sourceOf(figure: Figure): EventSource {
  const p = figure.provenance;
  const unit = p.params.unit ?? '';
  switch (p.view) {
    case 'counts': {
      const from = p.params.from ?? figure.period?.from;
      const to = p.params.to ?? figure.period?.to;
      return from && to ? { kind: 'measure', unit, measure: p.selector, from, to } : { kind: 'none' };
    }
    case 'spending': {
      const select = spendingSelector(p.selector);
      const from = p.params.from ?? figure.period?.from;
      const to = p.params.to ?? figure.period?.to;
      if (!select || !from || !to) return { kind: 'none' };
      return { kind: 'streams', streamIds: yearsOf(from, to).map((y) => fiscalYearStream(unit, y)), select };
    }
    case 'three-public': {
      const select = threePublicSelector(p.selector);
      const year = Number(p.params.year);
      if (!select || !year) return { kind: 'none' };
      const y = p.selector.endsWith('.priorYearActual') ? year - 1 : year;
      return { kind: 'streams', streamIds: [fiscalYearStream(unit, y)], select };
    }
    case 'unit-profile':
      return { kind: 'streams', streamIds: [unitStream(unit)], select: (es) => [...es] };
    case 'derived':
      return { kind: 'derived', inputs: p.inputs ?? [] };
    default:
      return p.inputs && p.inputs.length > 0 ? { kind: 'derived', inputs: p.inputs } : { kind: 'none' };
  }
}
