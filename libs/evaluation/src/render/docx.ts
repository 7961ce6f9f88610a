import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

import { inlineText, type ReportDocument } from '../document/report-document';

const FONT = 'SimSun';
const run = (text: string, bold = false, size = 28) =>
  new TextRun({ text, bold, font: { eastAsia: FONT, ascii: FONT }, size });
/** Table text is 五号 (10.5 pt) so wide indicator tables stay readable. */
const cellRun = (text: string, bold = false) => run(text, bold, 21);
/** A4 text width in twips at the default margins. */
const TEXT_WIDTH = 9000;

/** Column widths in proportion to the longest text in each column, none narrower than 6 characters. */
function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const longest = rows[0]!.map((_, i) => Math.max(6, ...rows.map((r) => Math.min((r[i] ?? '').length, 30))));
  const total = longest.reduce((a, b) => a + b, 0);
  return longest.map((l) => Math.floor((l / total) * TEXT_WIDTH));
}
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

/** Word, as government offices exchange reports: 宋体 四号, centred title, tables with borders, signature at the right. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [run(doc.title, true)],
    }),
  ];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        children.push(
          new Paragraph({ heading: HEADINGS[block.level - 1], children: [run(block.text, true)] }),
        );
        break;
      case 'paragraph':
        children.push(
          new Paragraph({
            indent: { firstLine: 560 },
            children: [run(inlineText(block.parts, doc.figures))],
          }),
        );
        break;
      case 'list':
        for (const item of block.items) {
          children.push(
            new Paragraph({ indent: { left: 560 }, children: [run(inlineText(item, doc.figures))] }),
          );
        }
        break;
      case 'table':
        children.push(
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(block.caption, true)] }),
        );
        {
          const texts = [block.columns, ...block.rows.map((r) => r.map((c) => inlineText([c], doc.figures)))];
          const cell = (text: string, bold: boolean) =>
            new TableCell({
              borders: { top: border, bottom: border, left: border, right: border },
              children: [new Paragraph({ children: [cellRun(text, bold)] })],
            });
          children.push(
            new Table({
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              columnWidths: columnWidths(texts),
              rows: texts.map(
                (r, i) => new TableRow({ tableHeader: i === 0, children: r.map((t) => cell(t, i === 0)) }),
              ),
            }),
          );
        }
        break;
      case 'signature':
        children.push(new Paragraph({ children: [] }));
        children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(block.unitName)] }));
        children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(block.date)] }));
        break;
    }
  }
  const document = new Document({
    creator: 'traffic-police-ledger',
    title: doc.title,
    styles: { default: { document: { run: { font: { eastAsia: FONT, ascii: FONT }, size: 28 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
