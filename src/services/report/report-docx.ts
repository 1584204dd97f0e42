import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { barChartPng, barChartSvg, chartHeight, CHART_LAYOUT } from './bar-chart';
import type { ReportBlock, ReportDocument } from './report-document';

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/** Letter paper with one-inch margins leaves 6.5 in (624 px at 96 dpi). */
const CHART_WIDTH_PX = 620;

function table(b: Extract<ReportBlock, { kind: 'table' }>): FileChild[] {
  const align = (i: number) => (b.columns[i]?.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const header = new TableRow({
    // Marked as the header row: Word repeats it on every page and screen readers announce it.
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map(
      (c, i) =>
        new TableCell({
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F6' },
          children: [
            new Paragraph({
              alignment: align(i),
              children: [new TextRun({ text: c.label, bold: true })],
            }),
          ],
        }),
    ),
  });
  const rows = b.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map(
          (cell, i) =>
            new TableCell({
              children: [
                new Paragraph({
                  alignment: align(i),
                  children: [new TextRun({ text: cell, bold: i === 0 })],
                }),
              ],
            }),
        ),
      }),
  );
  return [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: b.caption, bold: true })] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
    new Paragraph({ text: '' }),
  ];
}

function chart(b: Extract<ReportBlock, { kind: 'chart' }>): FileChild[] {
  const height = Math.round((chartHeight(b.chart) * CHART_WIDTH_PX) / CHART_LAYOUT.width);
  return [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: b.chart.title, bold: true })] }),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(barChartSvg(b.chart, b.id), 'utf8'),
          fallback: { type: 'png', data: barChartPng(b.chart) },
          transformation: { width: CHART_WIDTH_PX, height },
          altText: { name: b.id, title: b.chart.title, description: b.chart.description },
        }),
      ],
    }),
  ];
}

function children(b: ReportBlock): FileChild[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], text: b.text })];
    case 'paragraph':
      return [new Paragraph({ text: b.text, spacing: { after: 120 } })];
    case 'list':
      return b.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case 'table':
      return table(b);
    case 'chart':
      return chart(b);
  }
}

/**
 * The report as a Word document: Word's own heading styles (so its navigation pane and a table of
 * contents work), header rows marked as such, charts as SVG with a PNG fallback and alternative
 * text, the document's language and title set.
 */
export async function renderReportDocx(doc: ReportDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'reap',
    title: doc.title,
    description: doc.subtitle.join(' '),
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: doc.lang } } },
      },
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: doc.title }),
          ...doc.subtitle.map((line) => new Paragraph({ text: line })),
          ...doc.blocks.flatMap(children),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
