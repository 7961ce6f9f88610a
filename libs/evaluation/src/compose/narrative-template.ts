import type { Inline } from '../document/report-document';
import type { Composer } from './composer';
import { fullDate, PLACEHOLDER } from './narrative-placeholders';

export function expandNarrative(c: Composer, text: string, section: string, index: number): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, m.index));
    const [, kind, measure, from, to] = m as unknown as [string, string, string, string?, string?];
    const id = `narrative.${section.toLowerCase()}.${index}.${n++}.${measure}`;
    if (kind === 'outcome') parts.push(c.count(id, measure, c.facts.outcomes));
    else if (from && to) {
      const key = `${fullDate(c.facts.request.year, from)}:${fullDate(c.facts.request.year, to)}`;
      const counts = c.facts.periodCounts[key];
      parts.push(counts ? c.count(id, measure, counts) : `[${measure}?]`);
    } else parts.push(c.count(id, measure, c.facts.yearCounts));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return parts.filter((p) => p !== '');
}
