// The deck as a PowerPoint file (pptxgenjs, 16:9 LAYOUT_WIDE 13.33 × 7.5 in), generated on the server (pptxgenjs
// cannot be bundled for the browser, see the serving reference §B7). Everything stays editable in PowerPoint: charts
// are native chart parts with their data embedded (bar, horizontal bar, line), tables are native tables, the drift
// heatmap is a table with filled cells (flagged cells red), KPI tiles are shapes with text. Speaker notes go to the
// notes pages, and every slide but the title carries its number.
import PptxGenJS from 'pptxgenjs';
import { excelFormat, formatValue, PALETTE, SERIES_COLORS } from './format';
import { COVER_RULE, COVER_SUBTITLE, COVER_TITLE, fitFont, fitParagraphs, FOOTER_Y, MARGIN, MAX_TABLE_ROWS, placedBlocks, SLIDE_W, splitBox, SUBTITLE_BOX, tileBoxes, TITLE_BOX, type Box, type RenderInput } from './layout';
import type { BlockData } from './types';

type Pptx = InstanceType<typeof PptxGenJS>;
type PSlide = ReturnType<Pptx['addSlide']>;
type TableRows = Parameters<PSlide['addTable']>[0];
const FONT = 'Calibri';

function drawChart(pptx: Pptx, slide: PSlide, d: Extract<BlockData, { type: 'chart' }>, b: Box) {
  // Categories where every series is missing are left out (PowerPoint draws a blank point as zero on bar charts).
  const keep = d.labels.map((_, i) => d.series.some((s) => s.values[i] !== null && s.values[i] !== undefined));
  // Horizontal bar charts draw the first category at the bottom: reversed, the first group is on top, as in the table.
  const order = <T,>(xs: T[]) => (d.chart === 'hbar' ? xs.reverse() : xs);
  const labels = order(d.labels.filter((_, i) => keep[i]));
  const data = d.series.map((s) => ({ name: s.name, labels, values: order(s.values.filter((_, i) => keep[i])) as number[] }));
  const common = {
    x: b.x, y: b.y, w: b.w, h: b.h,
    // One colour per series (pptxgenjs colours every bar differently when a single series is given several).
    chartColors: d.chart === 'line' && d.series.length === 3 ? [PALETTE.blue, PALETTE.blueLight, PALETTE.blueLight] : SERIES_COLORS.slice(0, Math.max(1, d.series.length)),
    showLegend: d.series.length > 1,
    legendPos: 'b' as const,
    legendFontSize: 10,
    catAxisLabelFontSize: 10,
    valAxisLabelFontSize: 10,
    catAxisLabelColor: PALETTE.slate700,
    valAxisLabelColor: PALETTE.slate700,
    valAxisLabelFormatCode: excelFormat(d.format),
    valGridLine: { color: PALETTE.slate200, size: 0.5 },
    catGridLine: { style: 'none' as const },
    showValAxisTitle: !!d.yLabel && d.chart !== 'hbar',
    valAxisTitle: d.chart === 'hbar' ? d.xLabel : d.yLabel,
    valAxisTitleFontSize: 10,
    showCatAxisTitle: !!d.xLabel && d.chart !== 'hbar',
    catAxisTitle: d.xLabel,
    catAxisTitleFontSize: 10,
  };
  if (d.chart === 'line') {
    slide.addChart(pptx.ChartType.line, data, { ...common, lineSize: 2, lineDataSymbol: labels.length > 16 ? 'none' : 'circle', lineDataSymbolSize: 5 });
  } else {
    const few = labels.length <= 12 && d.series.length === 1;
    const nonNegative = data.every((x) => x.values.every((v) => v === null || v >= 0));
    slide.addChart(pptx.ChartType.bar, data, {
      ...common,
      barDir: d.chart === 'hbar' ? 'bar' : 'col',
      barGapWidthPct: 60,
      // Bars start at zero (as in the PDF and the web view), so small differences are not exaggerated.
      ...(nonNegative ? { valAxisMinVal: 0 } : {}),
      showValue: few,
      dataLabelFormatCode: excelFormat(d.format),
      dataLabelFontSize: 9,
      dataLabelColor: PALETTE.slate700,
    });
  }
}

const cell = (text: string, opts: Record<string, unknown> = {}) => ({ text, options: { fontFace: FONT, fontSize: 11, color: PALETTE.slate900, valign: 'middle' as const, ...opts } });
const border = { type: 'solid' as const, pt: 0.5, color: PALETTE.slate300 };

function drawTable(slide: PSlide, d: Extract<BlockData, { type: 'table' }>, b: Box) {
  const shown = d.rows.slice(0, MAX_TABLE_ROWS);
  const rowH = Math.min(0.4, b.h / (shown.length + 1));
  const rows: TableRows = [
    d.columns.map((c, i) => cell(c, { bold: true, fill: { color: PALETTE.slate100 }, align: i === 0 ? 'left' : 'right' })),
    ...shown.map((r) => r.map((v, i) => cell(v, { align: i === 0 ? 'left' : 'right' }))),
  ];
  if (d.rows.length > shown.length) rows.push([cell(`… ${d.rows.length - shown.length} more rows`, { italic: true, color: PALETTE.slate500, colspan: d.columns.length })]);
  slide.addTable(rows, { x: b.x, y: b.y, w: b.w, rowH, border, fontSize: 11, autoPage: false });
}

function drawHeatmap(slide: PSlide, d: Extract<BlockData, { type: 'heatmap' }>, b: Box) {
  const rowH = Math.min(0.32, b.h / (d.rows.length + 1));
  const size = rowH < 0.24 ? 7 : 9;
  const first = Math.min(2, b.w * 0.2);
  const colW = [first, ...d.cols.map(() => (b.w - first) / Math.max(1, d.cols.length))];
  const rows: TableRows = [
    [cell('Feature', { bold: true, fontSize: size, fill: { color: PALETTE.slate100 } }), ...d.cols.map((c) => cell(c, { bold: true, fontSize: size, align: 'center', fill: { color: PALETTE.slate100 } }))],
    ...d.rows.map((r, i) => [
      cell(r, { fontSize: size }),
      ...d.cols.map((_, j) => {
        const v = d.values[i]?.[j] ?? null;
        const flagged = d.flagged[i]?.[j] ?? false;
        return cell(v === null ? '—' : formatValue(v, d.format), { fontSize: size, align: 'center', color: flagged ? PALETTE.white : PALETTE.slate700, bold: flagged, fill: { color: flagged ? PALETTE.red : v !== null && v >= 0.5 ? 'fef3c7' : PALETTE.white } });
      }),
    ]),
  ];
  slide.addTable(rows, { x: b.x, y: b.y, w: b.w, colW, rowH, border, margin: 0.02, autoPage: false });
}

function drawKpis(pptx: Pptx, slide: PSlide, d: Extract<BlockData, { type: 'kpis' }>, b: Box) {
  tileBoxes(b, d.items.length).forEach((t, i) => {
    const item = d.items[i]!;
    slide.addShape(pptx.ShapeType.roundRect, { x: t.x, y: t.y, w: t.w, h: t.h, rectRadius: 0.08, fill: { color: PALETTE.blueTint }, line: { color: PALETTE.blueLight, width: 1 } });
    const inner = t.w - 0.5; // the box minus its insets
    slide.addText(item.label, { x: t.x + 0.15, y: t.y + 0.1, w: t.w - 0.3, h: 0.35, fontFace: FONT, fontSize: fitFont(item.label, inner, 13, 9), color: PALETTE.slate500, valign: 'top' });
    slide.addText(item.value, { x: t.x + 0.15, y: t.y + 0.42, w: t.w - 0.3, h: 0.6, fontFace: FONT, fontSize: fitFont(item.value, inner, 30, 12, true), bold: true, color: PALETTE.blue, valign: 'middle' });
    if (item.hint && t.h - 1.1 >= 0.25) slide.addText(item.hint, { x: t.x + 0.15, y: t.y + 1.05, w: t.w - 0.3, h: t.h - 1.1, fontFace: FONT, fontSize: 11, color: PALETTE.slate500, valign: 'top' });
  });
}

function drawText(slide: PSlide, d: Extract<BlockData, { type: 'text' }>, b: Box) {
  const runs = [
    ...d.paragraphs.map((p) => ({ text: p, options: { breakLine: true, paraSpaceAfter: 8 } })),
    ...d.bullets.map((p) => ({ text: p, options: { bullet: true, breakLine: true, paraSpaceAfter: 6 } })),
  ];
  if (!runs.length) return;
  const fontSize = fitParagraphs([...d.paragraphs, ...d.bullets], b.w - 0.4, b.h, 18, 10);
  slide.addText(runs, { x: b.x, y: b.y, w: b.w, h: b.h, fontFace: FONT, fontSize, color: PALETTE.slate900, valign: 'top', fit: 'shrink' });
}

function drawBlock(pptx: Pptx, slide: PSlide, data: BlockData, box: Box) {
  const { title, body, note } = splitBox(box, data);
  if (title) slide.addText(data.title!, { ...title, fontFace: FONT, fontSize: fitFont(data.title!, title.w, 15, 10, true), bold: true, color: PALETTE.slate700, valign: 'top' });
  if (data.type === 'chart') drawChart(pptx, slide, data, body);
  else if (data.type === 'table') drawTable(slide, data, body);
  else if (data.type === 'heatmap') drawHeatmap(slide, data, body);
  else if (data.type === 'kpis') drawKpis(pptx, slide, data, body);
  else drawText(slide, data, body);
  if (note && 'note' in data && data.note) slide.addText(data.note, { ...note, fontFace: FONT, fontSize: 10, italic: true, color: PALETTE.slate500, valign: 'bottom' });
}

/** The deck as a .pptx file. */
export async function renderPptx(input: RenderInput): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = input.name;
  pptx.company = 'StreamFlow';
  pptx.subject = `Generated ${input.generatedAt.slice(0, 10)} by the StreamFlow churn platform`;
  for (const s of input.slides) {
    const slide = pptx.addSlide();
    if (s.layout === 'title') {
      slide.addText(s.title || input.name, { ...COVER_TITLE, fontFace: FONT, fontSize: 40, bold: true, color: PALETTE.slate900, valign: 'bottom', fit: 'shrink' });
      slide.addShape(pptx.ShapeType.rect, { ...COVER_RULE, fill: { color: PALETTE.blue }, line: { color: PALETTE.blue } });
      if (s.subtitle) slide.addText(s.subtitle, { ...COVER_SUBTITLE, fontFace: FONT, fontSize: 20, color: PALETTE.slate500, valign: 'top' });
    } else {
      if (s.title) slide.addText(s.title, { ...TITLE_BOX, fontFace: FONT, fontSize: 28, bold: true, color: PALETTE.slate900, valign: 'top', fit: 'shrink' });
      if (s.subtitle) slide.addText(s.subtitle, { ...SUBTITLE_BOX, fontFace: FONT, fontSize: 15, color: PALETTE.slate500, valign: 'top' });
      for (const { box, data } of placedBlocks(s, input.blocks)) drawBlock(pptx, slide, data, box);
    }
    slide.addText(input.name, { x: MARGIN, y: FOOTER_Y, w: 8, h: 0.3, fontFace: FONT, fontSize: 9, color: PALETTE.slate500 });
    slide.slideNumber = { x: SLIDE_W - MARGIN - 0.8, y: FOOTER_Y, w: 0.8, h: 0.3, fontFace: FONT, fontSize: 10, color: PALETTE.slate500, align: 'right' };
    if (s.notes.trim()) slide.addNotes(s.notes);
  }
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}
