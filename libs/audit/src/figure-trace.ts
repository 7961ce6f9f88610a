import type { EventStore, RecordedEvent, SqlClient } from '@ledger/event-store';
import { fiscalYearStream, THREE_PUBLIC_CATEGORIES } from '@ledger/ledger/events';

import { eventsForMeasure } from './trace';

/** Where a report figure came from, as the evaluation module records it (a structural copy: audit reads no report). */
export interface FigureSource {
  readonly view: string;
  readonly params: Readonly<Record<string, string>>;
  readonly selector: string;
  readonly inputs?: readonly string[];
}

export interface FigureEvent {
  readonly position: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly principal: string;
  readonly role: string;
  readonly recordedAt: string;
  readonly businessDate: string | null;
  /** What the event added to the figure (fen or count; negative for a reversal, a void, a move away). Null when it only sets a budget. */
  readonly delta: string | null;
  readonly summary: string;
}

export interface FigureTrace {
  readonly kind: 'events' | 'derived' | 'not-traceable';
  /** Σ delta of the events: equal to the figure's exact value for money and counts. */
  readonly total: string | null;
  readonly events: readonly FigureEvent[];
  readonly inputs: readonly string[];
  readonly note: string | null;
}

interface Classification {
  budgetKind: string;
  projectId: string | null;
  econCode: string;
}

/** Does a classification fall under a spending selector such as `expenditure.byEconClass=301`? */
function expenditureMatcher(selector: string): ((c: Classification) => boolean) | null {
  if (selector === 'expenditure.total') return () => true;
  const [field, value] = selector.split('=') as [string, string | undefined];
  if (field === 'expenditure.byBudgetKind') return (c) => c.budgetKind === value;
  if (field === 'expenditure.byEconClass') return (c) => c.econCode.startsWith(value ?? '');
  if (field === 'expenditure.byProject') return (c) => c.projectId === value;
  const category = THREE_PUBLIC_CATEGORIES.find((k) => selector === `${k.key}.actual`);
  if (category) return (c) => category.econCodes.includes(c.econCode);
  if (selector === 'total.actual' || selector === 'total.priorYearActual') {
    const codes = THREE_PUBLIC_CATEGORIES.flatMap((k) => k.econCodes);
    return (c) => codes.includes(c.econCode);
  }
  return null;
}

function incomeMatcher(selector: string): ((incomeType: string) => boolean) | null {
  if (selector === 'income.total') return () => true;
  if (selector === 'income.fiscalAppropriation') return (t) => t.startsWith('FISCAL');
  const [field, value] = selector.split('=');
  return field === 'income.bySource' ? (t) => t === value : null;
}

const envelope = (e: RecordedEvent, delta: bigint | null, summary: string): FigureEvent => ({
  position: e.position.toString(),
  eventId: e.id,
  streamId: e.streamId,
  type: e.type,
  principal: e.principal,
  role: e.role,
  recordedAt: e.recordedAt.toISOString(),
  businessDate: e.businessDate,
  delta: delta === null ? null : delta.toString(),
  summary,
});

/**
 * The vouchers behind a money figure: the fiscal year's stream folded voucher by voucher, so a reversal or a
 * reclassification shows as the signed move it made, and the deltas add up to the figure.
 */
async function financeTrace(
  store: EventStore,
  unitId: string,
  year: number,
  selector: string,
): Promise<FigureTrace> {
  const spend = expenditureMatcher(selector);
  const income = incomeMatcher(selector);
  const budget = selector.endsWith('.budget');
  if (!spend && !income && !budget) {
    return {
      kind: 'not-traceable',
      total: null,
      events: [],
      inputs: [],
      note: `selector ${selector} has no voucher trace`,
    };
  }
  const vouchers = new Map<string, Classification & { remaining: bigint }>();
  const events: FigureEvent[] = [];
  let total = 0n;
  const add = (e: RecordedEvent, delta: bigint, summary: string) => {
    if (delta === 0n) return;
    total += delta;
    events.push(envelope(e, delta, summary));
  };
  for await (const batch of store.readStream(fiscalYearStream(unitId, year))) {
    for (const e of batch) {
      const d = e.data as Record<string, unknown>;
      const change = e.type === 'PostCloseAdjustmentRecorded' ? (d.change as Record<string, unknown>) : null;
      const kind = change ? `Post:${String(change.kind)}` : e.type;
      const body = change ?? d;
      if (budget && (e.type === 'ThreePublicBudgetSet' || e.type === 'ThreePublicBudgetAdjusted')) {
        events.push(envelope(e, null, `“三公”预算 ${e.type === 'ThreePublicBudgetSet' ? '设定' : '调整'}`));
      }
      if (kind === 'ExpenditureRecorded' || kind === 'Post:EXPENDITURE') {
        const c = body as unknown as Classification & {
          voucherNo: string;
          amountFen: number;
          summary?: string;
        };
        const amount = BigInt(c.amountFen);
        vouchers.set(c.voucherNo, {
          budgetKind: c.budgetKind,
          projectId: c.projectId,
          econCode: c.econCode,
          remaining: amount,
        });
        if (spend?.(c)) add(e, amount, `凭证 ${c.voucherNo} ${c.econCode} ${c.summary ?? ''}`.trim());
      } else if (kind === 'ExpenditureReversed' || kind === 'Post:REVERSAL') {
        const r = body as { originalVoucherNo: string; amountFen: number };
        const v = vouchers.get(r.originalVoucherNo);
        if (!v) continue;
        v.remaining -= BigInt(r.amountFen);
        if (spend?.(v)) add(e, -BigInt(r.amountFen), `冲销凭证 ${r.originalVoucherNo}`);
      } else if (kind === 'ExpenditureReclassified' || kind === 'Post:RECLASSIFICATION') {
        const r = body as { voucherNo: string; to: Classification };
        const v = vouchers.get(r.voucherNo);
        if (!v) continue;
        const was = spend?.(v) ?? false;
        const now = spend?.(r.to) ?? false;
        if (was !== now)
          add(e, now ? v.remaining : -v.remaining, `凭证 ${r.voucherNo} 改列 ${r.to.econCode}`);
        Object.assign(v, { budgetKind: r.to.budgetKind, projectId: r.to.projectId, econCode: r.to.econCode });
      } else if (kind === 'IncomeReceived' || kind === 'Post:INCOME') {
        const i = body as { incomeType: string; amountFen: number; voucherNo: string };
        if (income?.(i.incomeType)) add(e, BigInt(i.amountFen), `收入凭证 ${i.voucherNo}`);
      }
    }
  }
  return { kind: 'events', total: budget ? null : total.toString(), events, inputs: [], note: null };
}

/** The events behind one figure of a report, from its provenance. */
export async function traceFigure(
  store: EventStore,
  sql: SqlClient,
  unitId: string,
  source: FigureSource,
): Promise<FigureTrace> {
  if (source.view === 'derived' || (source.inputs && source.inputs.length > 0 && source.view !== 'counts')) {
    return {
      kind: 'derived',
      total: null,
      events: [],
      inputs: source.inputs ?? [],
      note: '由其他数字计算得出，请查看其组成数字',
    };
  }
  if (source.view === 'counts') {
    const { from, to } = source.params as { from: string; to: string };
    const trace = await eventsForMeasure(sql, { unitId, measure: source.selector, from, to });
    return {
      kind: 'events',
      total: trace.value,
      events: trace.contributions.map((c) => ({
        position: c.position,
        eventId: c.eventId,
        streamId: c.streamId,
        type: c.type,
        principal: c.principal,
        role: c.role,
        recordedAt: c.recordedAt,
        businessDate: c.businessDate,
        delta: c.delta,
        summary: `${c.day} ${c.squadId}`.trim(),
      })),
      inputs: [],
      note: null,
    };
  }
  if (source.view === 'spending' || source.view === 'three-public') {
    const year =
      source.selector === 'total.priorYearActual'
        ? Number(source.params.year ?? source.params.from?.slice(0, 4)) - 1
        : Number(source.params.year ?? source.params.from?.slice(0, 4));
    return financeTrace(store, unitId, year, source.selector);
  }
  return {
    kind: 'not-traceable',
    total: null,
    events: [],
    inputs: [],
    note: `${source.view} 视图的数字不逐条对应事件`,
  };
}
