// Slide geometry shared by the PPTX and PDF renderers, in inches on a 13.33 × 7.5 in (16:9) slide; the PDF draws
// the same boxes at 72 pt per inch (a 960 × 540 pt page), so both files lay out identically. Pure.
import { LAYOUT_SLOTS, type BlockData, type Slide } from './types';

export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
export const MARGIN = 0.5;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a renderer draws: the deck's slides and each block's data by block id. */
export interface RenderInput {
  name: string;
  slides: Slide[];
  blocks: Record<string, BlockData>;
  generatedAt: string;
}

export const TITLE_BOX: Box = { x: MARGIN, y: 0.35, w: SLIDE_W - 2 * MARGIN, h: 0.7 };
export const SUBTITLE_BOX: Box = { x: MARGIN, y: 1.0, w: SLIDE_W - 2 * MARGIN, h: 0.4 };
export const FOOTER_Y = 7.05;
/** The title slide: a large centred title and its subtitle under a blue rule. */
export const COVER_TITLE: Box = { x: 1, y: 2.4, w: SLIDE_W - 2, h: 1.3 };
export const COVER_RULE: Box = { x: 1, y: 3.8, w: 1.6, h: 0.06 };
export const COVER_SUBTITLE: Box = { x: 1, y: 4.0, w: SLIDE_W - 2, h: 0.8 };

/** The boxes of a slide's blocks: none on a title slide, one full width, or two side by side. */
export function blockBoxes(slide: Pick<Slide, 'layout' | 'subtitle'>): Box[] {
  const slots = LAYOUT_SLOTS[slide.layout];
  if (slots === 0) return [];
  const top = slide.subtitle ? 1.55 : 1.25;
  const h = FOOTER_Y - 0.15 - top;
  const w = SLIDE_W - 2 * MARGIN;
  if (slots === 1) return [{ x: MARGIN, y: top, w, h }];
  const gap = 0.4;
  const half = (w - gap) / 2;
  return [
    { x: MARGIN, y: top, w: half, h },
    { x: MARGIN + half + gap, y: top, w: half, h },
  ];
}

/** A slide's blocks paired with their boxes and data (a block without data is skipped; extra blocks are not drawn). */
export function placedBlocks(slide: Slide, blocks: Record<string, BlockData>): { box: Box; data: BlockData }[] {
  const boxes = blockBoxes(slide);
  const out: { box: Box; data: BlockData }[] = [];
  slide.blocks.slice(0, boxes.length).forEach((b, i) => {
    const data = blocks[b.id];
    if (data) out.push({ box: boxes[i]!, data });
  });
  return out;
}

/** A block's own title strip, and what is left for its body (minus a note line at the bottom when it has one). */
export function splitBox(box: Box, data: BlockData): { title: Box | null; body: Box; note: Box | null } {
  const title = data.title ? { x: box.x, y: box.y, w: box.w, h: 0.4 } : null;
  const note = 'note' in data && data.note ? { x: box.x, y: box.y + box.h - 0.45, w: box.w, h: 0.45 } : null;
  const top = box.y + (title ? 0.45 : 0);
  const bottom = box.y + box.h - (note ? 0.5 : 0);
  return { title, body: { x: box.x, y: top, w: box.w, h: bottom - top }, note };
}

/** KPI tiles, at least MIN_TILE_W wide, in balanced rows (up to four across a full slide; two by two in half a slide). */
export const MIN_TILE_W = 2.3;
export function tileBoxes(body: Box, n: number): Box[] {
  if (n === 0) return [];
  const gap = 0.3;
  const fit = Math.max(1, Math.floor((body.w + gap) / (MIN_TILE_W + gap)));
  const rows = Math.ceil(n / Math.min(n, fit));
  const perRow = Math.ceil(n / rows);
  const w = (body.w - gap * (perRow - 1)) / perRow;
  const h = Math.min(1.8, (body.h - gap * (rows - 1)) / rows);
  return Array.from({ length: n }, (_, i) => ({ x: body.x + (i % perRow) * (w + gap), y: body.y + Math.floor(i / perRow) * (h + gap), w, h }));
}

/**
 * The largest font size (pt, from `max` down to `min`) at which one line of `text` fits `width` inches, by an average
 * glyph width of 0.6 em (0.7 bold; wide enough for the fonts LibreOffice substitutes) — PowerPoint's own
 * shrink-to-fit only applies once a text box is edited.
 */
export function fitFont(text: string, width: number, max: number, min = 9, bold = false): number {
  const em = bold ? 0.7 : 0.6;
  const fits = Math.floor((width * 72) / (Math.max(1, text.length) * em));
  return Math.max(min, Math.min(max, fits));
}

/** The largest font size (pt) at which these paragraphs, wrapped, fit a box of w × h inches (same glyph estimate). */
export function fitParagraphs(texts: readonly string[], w: number, h: number, max = 18, min = 10): number {
  for (let size = max; size > min; size--) {
    const perLine = Math.max(1, Math.floor((w * 72) / (size * 0.58)));
    const lines = texts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / perLine)), 0);
    if ((lines * size * 1.2 + texts.length * size * 0.5) / 72 <= h) return size;
  }
  return min;
}

/** Tables and heatmaps are cut to what fits; the note says how many rows were left out. */
export const MAX_TABLE_ROWS = 14;
