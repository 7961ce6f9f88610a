import { api, type Principal, type Role } from './api';
import { shanghaiDate } from './format';

/** The shape the API reads each command's fields back from its validators (GET /api/v1/commands). */
export interface FieldSchema {
  readonly name: string;
  readonly required: boolean;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'fen' | 'enum' | 'array' | 'object';
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly items?: readonly FieldSchema[];
}

export interface CommandInfo {
  readonly name: string;
  readonly summaryZh: string;
  readonly roles: readonly string[];
  readonly fields: readonly FieldSchema[];
}

/** What every view reads against: the unit, the year and the statistics cut-off. */
export interface ReadContext {
  readonly unit: string;
  readonly year: number;
  readonly asOf: string;
}

const CONTEXT_KEY = 'ledger.context';

export const sessionEvents = new EventTarget();

let principal: Principal | null = null;
let context: ReadContext | null = null;
let commands: Promise<readonly CommandInfo[]> | null = null;

export const currentPrincipal = (): Principal | null => principal;

export function setPrincipal(p: Principal | null): void {
  principal = p;
  commands = null;
  sessionEvents.dispatchEvent(new Event('principal-change'));
}

export function mayRead(view: 'unit' | 'finance' | 'counts' | 'report' | 'audit'): boolean {
  const role: Role | undefined = principal?.role;
  if (!role) return false;
  if (role === 'admin') return true;
  switch (view) {
    case 'unit':
    case 'counts':
      return true;
    case 'finance':
    case 'report':
      return role !== 'squad_clerk';
    case 'audit':
      return role === 'auditor';
  }
}

export function loadCommands(): Promise<readonly CommandInfo[]> {
  commands ??= api<CommandInfo[]>('/api/v1/commands');
  return commands;
}

export function readContext(): ReadContext {
  if (context) return context;
  const stored = sessionStorage.getItem(CONTEXT_KEY);
  if (stored) {
    try {
      context = JSON.parse(stored) as ReadContext;
      return context;
    } catch {
      // fall through to the default
    }
  }
  const today = shanghaiDate();
  const unit = principal && principal.unitId !== '*' ? principal.unitId : 'changning';
  context = { unit, year: Number(today.slice(0, 4)), asOf: today };
  return context;
}

export function setContext(next: Partial<ReadContext>): void {
  const merged = { ...readContext(), ...next };
  // The cut-off stays inside the year: moving the year moves it to the same day, or to the year's end.
  if (next.year !== undefined && next.asOf === undefined && merged.asOf.slice(0, 4) !== String(merged.year)) {
    const today = shanghaiDate();
    merged.asOf = today.startsWith(String(merged.year)) ? today : `${merged.year}-12-31`;
  }
  context = merged;
  sessionStorage.setItem(CONTEXT_KEY, JSON.stringify(merged));
  sessionEvents.dispatchEvent(new Event('context-change'));
}

/**
 * A first guess at the period worth showing: the year of the unit's latest posting (a demo ledger holds past
 * years), cut off at that posting's business date when the year is over.
 */
export async function guessContext(): Promise<void> {
  if (sessionStorage.getItem(CONTEXT_KEY)) return;
  const unit = readContext().unit;
  try {
    const page = await api<{ postings: { businessDate: string | null }[] }>('/api/v1/postings', {
      query: { unit, limit: 20 },
    });
    const latest = page.postings
      .map((p) => p.businessDate)
      .filter((d): d is string => d !== null)
      .sort()
      .pop();
    if (!latest) return;
    const today = shanghaiDate();
    const year = Number(latest.slice(0, 4));
    setContext({ unit, year, asOf: today.startsWith(String(year)) ? today : `${year}-12-31` });
  } catch {
    // keep the default
  }
}
