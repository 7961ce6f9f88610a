import type { Inline, ReportDocument } from '../document/report-document';

const escape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Each figure is a link carrying its id, so the dashboard (or a reader) can open the events behind it. */
function inline(parts: readonly Inline[], doc: ReportDocument): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return escape(p);
      const f = doc.figures[p.figure];
      if (!f) return `<span class="figure missing">[${escape(p.figure)}]</span>`;
      const title = `${f.labelZh}: ${f.exact}${f.lowerBound ? ' (下限)' : ''} — ${f.provenance.view} ${f.provenance.selector}`;
      return `<a class="figure" href="#figure=${encodeURIComponent(f.id)}" data-figure="${escape(f.id)}" title="${escape(title)}">${escape(f.display)}</a>`;
    })
    .join('');
}

export function renderHtml(doc: ReportDocument, options: { standalone?: boolean } = {}): string {
  const body: string[] = [`<h1>${escape(doc.title)}</h1>`];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        body.push(`<h${block.level + 1}>${escape(block.text)}</h${block.level + 1}>`);
        break;
      case 'paragraph':
        body.push(`<p>${inline(block.parts, doc)}</p>`);
        break;
      case 'list':
        body.push(`<ul>${block.items.map((i) => `<li>${inline(i, doc)}</li>`).join('')}</ul>`);
        break;
      case 'table':
        body.push(
          `<table><caption>${escape(block.caption)}</caption><thead><tr>${block.columns
            .map((c) => `<th>${escape(c)}</th>`)
            .join('')}</tr></thead><tbody>${block.rows
            .map((r) => `<tr>${r.map((c) => `<td>${inline([c], doc)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
        );
        break;
      case 'signature':
        body.push(`<p class="signature">${escape(block.unitName)}<br>${escape(block.date)}</p>`);
        break;
    }
  }
  const article = `<article class="evaluation-report">${body.join('\n')}</article>`;
  if (!options.standalone) return article;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(doc.title)}</title>
<style>body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:52em;margin:2em auto;line-height:1.8}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.2em .6em;text-align:right}
th{background:#eee}a.figure{color:inherit;text-decoration:underline dotted}.signature{text-align:right;margin-top:3em}</style>
</head><body>${article}</body></html>`;
}
