// The deck as a PDF (pdfkit): one 960 × 540 pt page per slide, the boxes of layout.ts at 72 pt per inch, drawn as
// vectors — chart axes, gridlines, bars and lines, table grids, heatmap cells, KPI tiles and wrapped text — in the
// product palette. Slide numbers and the deck name are in the footer; speaker notes are not printed (they are in the
// .pptx). Every text call is given a box height, so pdfkit never spills text onto an extra page.
import PDFDocument from 'pdfkit';
import { formatTick, formatValue, niceRange, PALETTE, SERIES_COLORS } from './format';
import { COVER_RULE, COVER_SUBTITLE, COVER_TITLE, fitFont, fitParagraphs, FOOTER_Y, MARGIN, MAX_TABLE_ROWS, placedBlocks, SLIDE_W, splitBox, SUBTITLE_BOX, tileBoxes, TITLE_BOX, type Box, type RenderInput } from './layout';
import type { BlockData } from './types';

type Doc = InstanceType<typeof PDFDocument>;
const PT = 72;
const c = (hex: string) => `#${hex}`;
const pt = (b: Box): Box => ({ x: b.x * PT, y: b.y * PT, w: b.w * PT, h: b.h * PT });
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** The standard PDF fonts only encode WinAnsi: a few typographic characters are replaced with their ASCII forms. */
export function pdfSafe(s: string): string {
  return s
    .replace(/[≥]/g, '>=')
    .replace(/[≤]/g, '<=')
    .replace(/[−]/g, '-')
    .replace(/[×]/g, 'x')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2022\u2026\u20ac]/g, '?');
}

interface TextOpts {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'center' | 'right';
  italic?: boolean;
  wrap?: boolean;
}

/** Text inside a box (points): clipped to the box with an ellipsis, one line unless `wrap`. */
function text(doc: Doc, s: string, b: Box, o: TextOpts = {}) {
  const size = o.size ?? 11;
  doc.font(o.bold ? BOLD : o.italic ? 'Helvetica-Oblique' : REGULAR).fontSize(size).fillColor(c(o.color ?? PALETTE.slate900));
  const h = Math.max(b.h, size * 1.3);
  doc.text(pdfSafe(s), b.x, b.y, { width: b.w, height: h, align: o.align ?? 'left', ellipsis: true, lineBreak: o.wrap ?? false });
}

function legend(doc: Doc, names: string[], colors: string[], x: number, y: number) {
  let cx = x;
  names.forEach((n, i) => {
    doc.rect(cx, y + 2, 10, 8).fill(c(colors[i % colors.length]!));
    doc.font(REGULAR).fontSize(9);
    const w = doc.widthOfString(pdfSafe(n));
    text(doc, n, { x: cx + 14, y, w: w + 4, h: 12 }, { size: 9, color: PALETTE.slate700 });
    cx += w + 32;
  });
}

function drawChart(doc: Doc, d: Extract<BlockData, { type: 'chart' }>, box: Box) {
  const colors = d.chart === 'line' && d.series.length === 3 ? [PALETTE.blue, PALETTE.blueLight, PALETTE.blueLight] : SERIES_COLORS;
  const all = d.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const range = niceRange(Math.min(...all, 0), Math.max(...all, 0));
  const legendH = d.series.length > 1 ? 18 : 0;
  const hbar = d.chart === 'hbar';
  doc.font(REGULAR).fontSize(9);
  const catW = hbar ? Math.min(box.w * 0.3, Math.max(...d.labels.map((l) => doc.widthOfString(pdfSafe(l))), 20) + 8) : 0;
  const valW = hbar ? 0 : Math.max(...range.ticks.map((t) => doc.widthOfString(formatTick(t, d.format)))) + 8;
  const axisTitle = !hbar && d.yLabel ? 14 : 0;
  const plot: Box = { x: box.x + axisTitle + valW + catW, y: box.y + 6, w: box.w - axisTitle - valW - catW - 8, h: box.h - 6 - legendH - (hbar ? 18 : 34) };
  const n = Math.max(1, d.labels.length);
  const scale = (v: number) => (v - range.min) / (range.max - range.min);
  // Value gridlines and tick labels.
  doc.lineWidth(0.5);
  for (const t of range.ticks) {
    if (hbar) {
      const x = plot.x + scale(t) * plot.w;
      doc.moveTo(x, plot.y).lineTo(x, plot.y + plot.h).strokeColor(c(PALETTE.slate200)).stroke();
      text(doc, formatTick(t, d.format), { x: x - 30, y: plot.y + plot.h + 4, w: 60, h: 11 }, { size: 9, color: PALETTE.slate500, align: 'center' });
    } else {
      const y = plot.y + plot.h - scale(t) * plot.h;
      doc.moveTo(plot.x, y).lineTo(plot.x + plot.w, y).strokeColor(c(PALETTE.slate200)).stroke();
      text(doc, formatTick(t, d.format), { x: plot.x - valW - 2, y: y - 5, w: valW - 2, h: 11 }, { size: 9, color: PALETTE.slate500, align: 'right' });
    }
  }
  // Zero / base axis.
  doc.lineWidth(1).strokeColor(c(PALETTE.slate500));
  if (hbar) doc.moveTo(plot.x + scale(0) * plot.w, plot.y).lineTo(plot.x + scale(0) * plot.w, plot.y + plot.h).stroke();
  else doc.moveTo(plot.x, plot.y + plot.h - scale(0) * plot.h).lineTo(plot.x + plot.w, plot.y + plot.h - scale(0) * plot.h).stroke();
  const band = (hbar ? plot.h : plot.w) / n;
  // Category labels (every k-th when they would overlap).
  const every = hbar ? Math.ceil(12 / Math.max(1, band)) : Math.max(1, Math.ceil((n * 46) / plot.w));
  d.labels.forEach((l, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    if (hbar) text(doc, l, { x: box.x, y: plot.y + i * band + band / 2 - 5, w: catW - 6, h: 11 }, { size: 9, color: PALETTE.slate700, align: 'right' });
    else text(doc, l, { x: plot.x + i * band + band / 2 - 40, y: plot.y + plot.h + 4, w: 80, h: 11 }, { size: 9, color: PALETTE.slate700, align: 'center' });
  });
  if (!hbar && d.xLabel) text(doc, d.xLabel, { x: plot.x, y: plot.y + plot.h + 17, w: plot.w, h: 12 }, { size: 9, color: PALETTE.slate500, align: 'center' });
  if (!hbar && d.yLabel) {
    doc.save().rotate(-90, { origin: [box.x + 10, plot.y + plot.h / 2] });
    text(doc, d.yLabel, { x: box.x + 10 - plot.h / 2, y: plot.y + plot.h / 2 - 10, w: plot.h, h: 12 }, { size: 9, color: PALETTE.slate500, align: 'center' });
    doc.restore();
  }
  if (d.chart === 'line') {
    d.series.forEach((s, si) => {
      doc.lineWidth(si === 0 ? 2 : 1.2).strokeColor(c(colors[si % colors.length]!));
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v)) return void (pen = false);
        const x = plot.x + i * band + band / 2;
        const y = plot.y + plot.h - scale(v) * plot.h;
        if (pen) doc.lineTo(x, y);
        else doc.moveTo(x, y);
        pen = true;
      });
      doc.stroke();
    });
  } else {
    const k = d.series.length;
    const inner = band * 0.7;
    d.series.forEach((s, si) => {
      s.values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v)) return;
        const lo = Math.min(scale(0), scale(v));
        const len = Math.abs(scale(v) - scale(0));
        const off = i * band + (band - inner) / 2 + (si * inner) / k;
        if (hbar) doc.rect(plot.x + lo * plot.w, plot.y + off, Math.max(0.5, len * plot.w), inner / k).fill(c(colors[si % colors.length]!));
        else doc.rect(plot.x + off, plot.y + plot.h - (lo + len) * plot.h, inner / k, Math.max(0.5, len * plot.h)).fill(c(colors[si % colors.length]!));
        if (k === 1 && n <= 12) {
          const label = formatValue(v, d.format);
          if (hbar) text(doc, label, { x: plot.x + (lo + len) * plot.w + 4, y: plot.y + off + inner / 2 - 5, w: 70, h: 11 }, { size: 9, color: PALETTE.slate700 });
          else text(doc, label, { x: plot.x + off - 20, y: plot.y + plot.h - (lo + len) * plot.h - 13, w: inner + 40, h: 11 }, { size: 9, color: PALETTE.slate700, align: 'center' });
        }
      });
    });
  }
  if (legendH) legend(doc, d.series.map((s) => s.name), colors, plot.x, box.y + box.h - 14);
}

function grid(doc: Doc, b: Box, cols: number[], rows: number, rowH: number) {
  doc.lineWidth(0.5).strokeColor(c(PALETTE.slate300));
  for (let r = 0; r <= rows; r++) doc.moveTo(b.x, b.y + r * rowH).lineTo(b.x + b.w, b.y + r * rowH).stroke();
  let x = b.x;
  for (const w of [0, ...cols]) {
    x += w;
    doc.moveTo(x, b.y).lineTo(x, b.y + rows * rowH).stroke();
  }
}

function drawTable(doc: Doc, d: Extract<BlockData, { type: 'table' }>, b: Box) {
  const shown = d.rows.slice(0, MAX_TABLE_ROWS);
  const more = d.rows.length - shown.length;
  const rowH = Math.min(26, b.h / (shown.length + 1 + (more ? 1 : 0)));
  const size = rowH < 18 ? 8 : 10;
  const first = b.w * (d.columns.length > 4 ? 0.28 : 0.4);
  const cols = [first, ...d.columns.slice(1).map(() => (b.w - first) / Math.max(1, d.columns.length - 1))];
  doc.rect(b.x, b.y, b.w, rowH).fill(c(PALETTE.slate100));
  const line = (cells: string[], y: number, bold: boolean) => {
    let x = b.x;
    cells.forEach((v, i) => {
      text(doc, v, { x: x + 5, y: y + (rowH - size) / 2 - 1, w: cols[i]! - 10, h: size + 2 }, { size, bold, align: i === 0 ? 'left' : 'right' });
      x += cols[i]!;
    });
  };
  line(d.columns, b.y, true);
  shown.forEach((r, i) => line(r, b.y + (i + 1) * rowH, false));
  grid(doc, { ...b, w: b.w }, cols, shown.length + 1, rowH);
  if (more) text(doc, `… ${more} more rows`, { x: b.x + 5, y: b.y + (shown.length + 1) * rowH + 4, w: b.w, h: 12 }, { size: 9, italic: true, color: PALETTE.slate500 });
}

function drawHeatmap(doc: Doc, d: Extract<BlockData, { type: 'heatmap' }>, b: Box) {
  const rowH = Math.min(22, b.h / (d.rows.length + 1));
  const size = rowH < 16 ? 7 : 9;
  const first = Math.min(140, b.w * 0.2);
  const cw = (b.w - first) / Math.max(1, d.cols.length);
  doc.rect(b.x, b.y, b.w, rowH).fill(c(PALETTE.slate100));
  text(doc, 'Feature', { x: b.x + 4, y: b.y + (rowH - size) / 2 - 1, w: first - 8, h: size + 2 }, { size, bold: true });
  d.cols.forEach((col, j) => text(doc, col, { x: b.x + first + j * cw + 1, y: b.y + (rowH - size) / 2 - 1, w: cw - 2, h: size + 2 }, { size, bold: true, align: 'center' }));
  d.rows.forEach((r, i) => {
    const y = b.y + (i + 1) * rowH;
    text(doc, r, { x: b.x + 4, y: y + (rowH - size) / 2 - 1, w: first - 8, h: size + 2 }, { size });
    d.cols.forEach((_, j) => {
      const v = d.values[i]?.[j] ?? null;
      const flagged = d.flagged[i]?.[j] ?? false;
      const x = b.x + first + j * cw;
      if (flagged || (v !== null && v >= 0.5)) doc.rect(x, y, cw, rowH).fill(c(flagged ? PALETTE.red : 'fef3c7'));
      text(doc, v === null ? '-' : formatValue(v, d.format), { x: x + 1, y: y + (rowH - size) / 2 - 1, w: cw - 2, h: size + 2 }, { size, bold: flagged, align: 'center', color: flagged ? PALETTE.white : PALETTE.slate700 });
    });
  });
  grid(doc, b, [first, ...d.cols.map(() => cw)], d.rows.length + 1, rowH);
}

function drawKpis(doc: Doc, d: Extract<BlockData, { type: 'kpis' }>, b: Box) {
  tileBoxes(b, d.items.length).forEach((t, i) => {
    const item = d.items[i]!;
    const p = pt(t);
    doc.lineWidth(1).roundedRect(p.x, p.y, p.w, p.h, 6).fillAndStroke(c(PALETTE.blueTint), c(PALETTE.blueLight));
    text(doc, item.label, { x: p.x + 11, y: p.y + 10, w: p.w - 22, h: 16 }, { size: fitFont(item.label, t.w - 0.35, 12, 8), color: PALETTE.slate500 });
    // The value shrinks until it fits its tile (a tile never shows a cut-off number).
    let size = 26;
    doc.font(BOLD);
    while (size > 12 && doc.fontSize(size).widthOfString(pdfSafe(item.value)) > p.w - 22) size -= 2;
    text(doc, item.value, { x: p.x + 11, y: p.y + 34 + (26 - size) / 2, w: p.w - 22, h: 32 }, { size, bold: true, color: PALETTE.blue });
    if (item.hint) text(doc, item.hint, { x: p.x + 11, y: p.y + 74, w: p.w - 22, h: Math.max(12, p.h - 80) }, { size: 10, color: PALETTE.slate500, wrap: true });
  });
}

function drawText(doc: Doc, d: Extract<BlockData, { type: 'text' }>, b: Box) {
  const size = fitParagraphs([...d.paragraphs, ...d.bullets], (b.w - 18) / PT, b.h / PT, 16, 9);
  doc.font(REGULAR).fontSize(size);
  let y = b.y;
  const bottom = b.y + b.h;
  const put = (s: string, bullet: boolean) => {
    const x = b.x + (bullet ? 18 : 0);
    const w = b.w - (bullet ? 18 : 0);
    const h = Math.min(doc.heightOfString(pdfSafe(s), { width: w }), bottom - y);
    if (h < size) return;
    if (bullet) doc.circle(b.x + 6, y + size * 0.45, 2.5).fill(c(PALETTE.blue));
    text(doc, s, { x, y, w, h }, { size, wrap: true });
    y += h + size * 0.5;
  };
  for (const p of d.paragraphs) put(p, false);
  for (const p of d.bullets) put(p, true);
}

function drawBlock(doc: Doc, data: BlockData, box: Box) {
  const { title, body, note } = splitBox(box, data);
  if (title) text(doc, data.title!, pt(title), { size: fitFont(data.title!, title.w, 14, 10, true), bold: true, color: PALETTE.slate700 });
  const b = pt(body);
  if (data.type === 'chart') drawChart(doc, data, b);
  else if (data.type === 'table') drawTable(doc, data, b);
  else if (data.type === 'heatmap') drawHeatmap(doc, data, b);
  else if (data.type === 'kpis') drawKpis(doc, data, body);
  else drawText(doc, data, b);
  if (note && 'note' in data && data.note) text(doc, data.note, pt(note), { size: 9, italic: true, color: PALETTE.slate500, wrap: true });
}

/** The deck as a PDF file. */
export function renderPdf(input: RenderInput): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: pdfSafe(input.name), Creator: 'StreamFlow churn platform', CreationDate: new Date(input.generatedAt) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  input.slides.forEach((s, i) => {
    doc.addPage({ size: [960, 540], margin: 0 });
    if (s.layout === 'title') {
      // The cover title sits on the blue rule: bottom-aligned in its box, as in the .pptx.
      const t = pt(COVER_TITLE);
      const title = pdfSafe(s.title || input.name);
      const th = Math.min(t.h, doc.font(BOLD).fontSize(38).heightOfString(title, { width: t.w }));
      text(doc, title, { ...t, y: t.y + t.h - th, h: th }, { size: 38, bold: true, wrap: true });
      const r = pt(COVER_RULE);
      doc.rect(r.x, r.y, r.w, r.h).fill(c(PALETTE.blue));
      if (s.subtitle) text(doc, s.subtitle, pt(COVER_SUBTITLE), { size: 18, color: PALETTE.slate500, wrap: true });
    } else {
      if (s.title) text(doc, s.title, pt(TITLE_BOX), { size: 26, bold: true });
      if (s.subtitle) text(doc, s.subtitle, pt(SUBTITLE_BOX), { size: 14, color: PALETTE.slate500 });
      for (const { box, data } of placedBlocks(s, input.blocks)) drawBlock(doc, data, box);
    }
    const fy = FOOTER_Y * PT + 6;
    text(doc, input.name, { x: MARGIN * PT, y: fy, w: 500, h: 12 }, { size: 8, color: PALETTE.slate500 });
    text(doc, `${i + 1} / ${input.slides.length}`, { x: (SLIDE_W - MARGIN) * PT - 80, y: fy, w: 80, h: 12 }, { size: 9, color: PALETTE.slate500, align: 'right' });
  });
  doc.end();
  return done;
}
