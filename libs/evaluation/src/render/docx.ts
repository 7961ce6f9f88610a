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
const run = (text: string, bold = false) =>
  new TextRun({ text, bold, font: { eastAsia: FONT, ascii: FONT }, size: 28 });
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
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                tableHeader: true,
                children: block.columns.map(
                  (c) =>
                    new TableCell({
                      borders: { top: border, bottom: border, left: border, right: border },
                      children: [new Paragraph({ children: [run(c, true)] })],
                    }),
                ),
              }),
              ...block.rows.map(
                (r) =>
                  new TableRow({
                    children: r.map(
                      (c) =>
                        new TableCell({
                          borders: { top: border, bottom: border, left: border, right: border },
                          children: [new Paragraph({ children: [run(inlineText([c], doc.figures))] })],
                        }),
                    ),
                  }),
              ),
            ],
          }),
        );
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
