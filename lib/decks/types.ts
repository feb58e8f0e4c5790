// The slide-deck document: a deck is a list of slides; a slide has a layout, a title, speaker notes and blocks; a block
// references a live product object (ROI, drift, fairness, runs, model card, overview KPIs) or holds free text. A block
// is live (resolved from the database whenever it is shown or exported) or frozen (it carries a snapshot of its data
// taken at a date, so a board pack never changes after the meeting).
//
// Every block resolves to renderer-neutral BlockData; the web view, PPTX (pptxgenjs, native charts) and PDF (pdfkit,
// vector) renderers all draw BlockData, so the three outputs agree.
import { z } from 'zod';

export const LAYOUTS = ['title', 'title_chart', 'two_charts', 'kpis', 'bullets'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** How many blocks each layout holds (title: none; the others one, two charts: two). */
export const LAYOUT_SLOTS: Record<Layout, number> = { title: 0, title_chart: 1, two_charts: 2, kpis: 1, bullets: 1 };
export const LAYOUT_LABELS: Record<Layout, string> = { title: 'Title', title_chart: 'Title + chart', two_charts: 'Two charts', kpis: 'KPI tiles', bullets: 'Bullets' };

export const BLOCK_KINDS = [
  'roi_curve',
  'roi_summary',
  'drift_heatmap',
  'feature_drift',
  'fairness_table',
  'fairness_disparity',
  'run_comparison',
  'model_card_summary',
  'overview_kpis',
  'text',
] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export const BLOCK_LABELS: Record<BlockKind, string> = {
  roi_curve: 'ROI: profit curve',
  roi_summary: 'ROI: summary',
  drift_heatmap: 'Drift heatmap',
  feature_drift: "A feature's drift",
  fairness_table: 'Fairness: group metrics',
  fairness_disparity: 'Fairness: disparity chart',
  run_comparison: 'Run comparison',
  model_card_summary: 'Model card summary',
  overview_kpis: 'Overview KPIs',
  text: 'Free text',
};

/** Renderer-neutral data of a block. */
export type ValueFormat = 'pct' | 'usd' | 'num';
export type BlockData =
  | { type: 'chart'; chart: 'bar' | 'hbar' | 'line'; title: string; xLabel?: string; yLabel?: string; format: ValueFormat; labels: string[]; series: { name: string; values: (number | null)[] }[]; note?: string }
  | { type: 'table'; title: string; columns: string[]; rows: string[][]; note?: string }
  | { type: 'kpis'; title?: string; items: { label: string; value: string; hint?: string }[]; note?: string }
  | { type: 'text'; title?: string; paragraphs: string[]; bullets: string[] }
  | { type: 'heatmap'; title: string; rows: string[]; cols: string[]; values: (number | null)[][]; flagged: boolean[][]; format: ValueFormat; note?: string };

const id = z.string().min(1).max(64);
const blockData: z.ZodType<BlockData> = z.any();

export const blockSchema = z.strictObject({
  id,
  kind: z.enum(BLOCK_KINDS),
  /** Kind-specific parameters, e.g. {feature: 'monthly_charge'} or {attribute: 'age_band', metric: 'fpr'} or {text: '…'}. */
  params: z.record(z.string(), z.union([z.string().max(5000), z.number(), z.boolean(), z.array(z.string().max(200)).max(20)])).default({}),
  mode: z.enum(['live', 'frozen']).default('live'),
  snapshot: z.strictObject({ at: z.string(), data: blockData }).optional(),
});
export type Block = z.infer<typeof blockSchema>;

export const slideSchema = z.strictObject({
  id,
  layout: z.enum(LAYOUTS),
  title: z.string().max(200).default(''),
  subtitle: z.string().max(400).default(''),
  notes: z.string().max(10_000).default(''),
  blocks: z.array(blockSchema).max(2).default([]),
});
export type Slide = z.infer<typeof slideSchema>;

export const MAX_SLIDES = 100;
export const deckBody = z.strictObject({ name: z.string().trim().min(1).max(200), slides: z.array(slideSchema).max(MAX_SLIDES) });
export type DeckDocument = z.infer<typeof deckBody>;

/** POST /api/v1/decks: a name, and optionally the slides (an empty deck otherwise). */
export const createDeckBody = deckBody.extend({ slides: deckBody.shape.slides.default([]) });
/** PUT /api/v1/decks/{id}: the whole document and the version it was edited from (a stale version is a 409). */
export const updateDeckBody = deckBody.extend({ version: z.number().int().positive() });
export type UpdateDeckBody = z.infer<typeof updateDeckBody>;
