import { inlineText, type ReportDocument } from '../document/report-document';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown for reading and diffing: figures print as numbers; the JSON rendering carries their provenance. */
export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [`# ${doc.title}`, ''];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level + 1)} ${block.text}`, '');
        break;
      case 'paragraph':
        out.push(inlineText(block.parts, doc.figures), '');
        break;
      case 'list':
        for (const item of block.items) out.push(`- ${inlineText(item, doc.figures)}`);
        out.push('');
        break;
      case 'table':
        out.push(`**${block.caption}**`, '');
        out.push(`| ${block.columns.map(cell).join(' | ')} |`);
        out.push(`| ${block.columns.map(() => '---').join(' | ')} |`);
        for (const row of block.rows)
          out.push(`| ${row.map((c) => cell(inlineText([c], doc.figures))).join(' | ')} |`);
        out.push('');
        break;
      case 'signature':
        out.push('', `${block.unitName}`, '', `${block.date}`, '');
        break;
    }
  }
  return out.join('\n');
}
