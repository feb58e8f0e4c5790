// Pure helpers of the slide renderer and present mode: value formats, heat colours, text fitting and the keyboard
// map. Kept apart from the components so they are unit-tested and shared by the editor, present and shared views.
import type { Block, BlockData, ValueFormat } from './types';
import { formatPct, formatUsd } from '@/lib/ui/format';

/** The slide's design size in CSS pixels; every view renders at this size and scales it (thumbnail to full screen). */
export const SLIDE_W = 1280;
export const SLIDE_H = 720;

/** "Slide 3 of 8": the accessible name of a slide (present mode and e2e rely on it). */
export const slideLabel = (index: number, total: number) => `Slide ${index + 1} of ${total}`;

/** The data a block shows: its snapshot when frozen (what the board saw), else what the server resolved just now. */
export function blockDataOf(block: Block, resolved: Record<string, BlockData> | undefined): BlockData | undefined {
  if (block.mode === 'frozen' && block.snapshot) return block.snapshot.data as BlockData;
  return resolved?.[block.id];
}

function num(v: number, digits: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * A value in its format. 'axis' is compact (tick labels: 12%, $1.2M, 3.4k); 'cell' is the full reading (12.3%,
 * $1,234,567, 0.123).
 */
export function formatValue(v: number | null | undefined, format: ValueFormat, style: 'axis' | 'cell' = 'cell'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (format === 'pct') return formatPct(v, style === 'axis' ? 0 : 1);
  if (format === 'usd') return formatUsd(v, style === 'axis' || Math.abs(v) >= 1e6);
  if (style === 'axis') return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 }) : num(v, 2);
  const a = Math.abs(v);
  return num(v, a >= 100 ? 0 : a >= 1 ? 2 : 3);
}

/** Recharts rows from a chart block: one row per label, one key per series (s0, s1, …). */
export function chartRows(d: Extract<BlockData, { type: 'chart' }>): Record<string, string | number | null>[] {
  return d.labels.map((label, i) => {
    const row: Record<string, string | number | null> = { label };
    d.series.forEach((s, k) => (row[`s${k}`] = s.values[i] ?? null));
    return row;
  });
}

export const SERIES_COLORS = ['#2563eb', '#f97316', '#059669', '#7c3aed', '#dc2626', '#0891b2'];

/** Light blue → deep blue between the smallest and largest finite value; grey when there is no value or no range. */
export function heatShade(v: number | null, min: number, max: number): string {
  if (v === null || !Number.isFinite(v) || !(max > min)) return 'rgb(241 245 249)';
  const t = Math.min(1, Math.max(0, (v - min) / (max - min)));
  const r = Math.round(239 + (96 - 239) * t);
  const g = Math.round(246 + (165 - 246) * t);
  const b = Math.round(255 + (250 - 255) * t);
  return `rgb(${r} ${g} ${b})`;
}

export function finiteRange(values: (number | null)[][]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const row of values) for (const v of row) if (v !== null && Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
  return { min, max };
}

/**
 * The largest font size (between min and max) at which `chars` characters in `lines` separate lines roughly fill
 * a w × h box: a character takes about 0.55 em of width, a line 1.45 em of height, and each line break wastes half
 * a line on average.
 */
export function fitFont(chars: number, lines: number, w: number, h: number, max: number, min: number): number {
  for (let f = max; f > min; f -= 1) {
    const perLine = Math.max(1, Math.floor(w / (0.55 * f)));
    const rows = Math.ceil(chars / perLine) + lines * 0.5;
    if (rows * 1.45 * f <= h) return f;
  }
  return min;
}

export type PresentAction = 'next' | 'prev' | 'first' | 'last' | 'exit' | 'fullscreen' | 'notes';

/** Present-mode keys (the PowerPoint/Keynote conventions, plus `n` for the notes and `f` for full screen). */
export function presentKeyAction(e: { key: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean }): PresentAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
    case 'Enter':
      return e.shiftKey && e.key === ' ' ? 'prev' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'exit';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'n':
    case 'N':
      return 'notes';
    default:
      return null;
  }
}

/** "5 Mar 2026, 14:02" in the viewer's time zone: when a frozen block's snapshot was taken. */
export function formatSnapshotDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
