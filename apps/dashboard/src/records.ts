/** Pure helpers about postings (the log's events as the API lists them): one-line summaries, corrections. */
import { enumLabel } from './labels';
import type { CommandInfo } from './session';

export interface Posting {
  readonly id: string;
  readonly position: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly businessDate: string | null;
  readonly recordedAt: string;
  readonly principal: string;
  readonly role: string;
}

const CORRECTING = /^(Correct|Void|Revise|Reverse|Reclassify)([A-Z][a-z]+)/;
const HIDDEN_KEYS = new Set(['unitId']);

/** `category=醉酒驾驶 count=3 …`: a record's data in one line. */
export function summarise(data: Readonly<Record<string, unknown>>): string {
  return Object.entries(data)
    .filter(([k, v]) => !HIDDEN_KEYS.has(k) && v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? enumLabel(v) : String(v)}`)
    .join(' ');
}

/** Commands that correct, void or reverse a record of this event's kind (`VoidTally` for `TallyRecorded`…). */
export function correctionsFor(posting: Posting, commands: readonly CommandInfo[]): CommandInfo[] {
  return commands.filter((c) => {
    const m = CORRECTING.exec(c.name);
    return m !== null && posting.type.startsWith(m[2]!);
  });
}
