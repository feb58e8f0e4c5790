// Number formatting and small BlockData helpers shared by the resolvers and both export renderers, so a value reads
// the same on the web slide, in PowerPoint and in the PDF. Pure.
import type { BlockData, ValueFormat } from './types';

/** The product palette (Tailwind blue-600, red-600, slate) without '#', as pptxgenjs wants it. */
export const PALETTE = {
  blue: '2563eb',
  blueLight: '93c5fd',
  blueTint: 'eff6ff',
  red: 'dc2626',
  redTint: 'fee2e2',
  slate900: '0f172a',
  slate700: '334155',
  slate500: '64748b',
  slate300: 'cbd5e1',
  slate200: 'e2e8f0',
  slate100: 'f1f5f9',
  white: 'ffffff',
} as const;
/** Series colours in order: blue, red, slate, then lighter blue and amber. */
export const SERIES_COLORS = [PALETTE.blue, PALETTE.red, PALETTE.slate500, PALETTE.blueLight, 'f59e0b', '16a34a'];

/** "4.1%", "$12,345", "1,234" or "0.812"; "n/a" for a missing value. */
export function formatValue(v: number | null | undefined, f: ValueFormat): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (f === 'pct') return `${(v * 100).toFixed(1)}%`;
  if (f === 'usd') return `${v < 0 ? '−' : ''}$${Math.round(Math.abs(v)).toLocaleString('en-US')}`;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) < 10 ? 3 : 1 });
}

/** A short form for axis ticks: "$12k", "$1.2M", "40%", "0.25". */
export function formatTick(v: number, f: ValueFormat): string {
  if (f === 'pct') return `${Number((v * 100).toPrecision(3))}%`;
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  const short = a >= 1e6 ? `${Number((a / 1e6).toPrecision(3))}M` : a >= 1e4 ? `${Number((a / 1e3).toPrecision(3))}k` : `${Number(a.toPrecision(3))}`;
  return `${sign}${f === 'usd' ? '$' : ''}${short}`;
}

/** The Excel number format of a chart's value axis in PowerPoint. */
export function excelFormat(f: ValueFormat): string {
  return f === 'pct' ? '0.0%' : f === 'usd' ? '$#,##0' : 'General';
}

/** A 0-including axis range with round ticks covering [min, max] (negative profits included). */
export function niceRange(min: number, max: number, count = 5): { min: number; max: number; ticks: number[] } {
  let lo = Math.min(0, Number.isFinite(min) ? min : 0);
  let hi = Math.max(0, Number.isFinite(max) ? max : 0);
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / (count - 1);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { min: lo, max: hi, ticks };
}

/** A text block, the way every resolver says there is nothing to show. */
export function textBlock(title: string, ...paragraphs: string[]): BlockData {
  return { type: 'text', title, paragraphs, bullets: [] };
}

/** Free text: lines starting with "- " (or "• ") are bullets, other non-empty lines paragraphs. */
export function parseText(text: string, title?: string): BlockData {
  const paragraphs: string[] = [];
  const bullets: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[-•*]\s+/.test(line)) bullets.push(line.replace(/^[-•*]\s+/, ''));
    else paragraphs.push(line);
  }
  return { type: 'text', ...(title ? { title } : {}), paragraphs, bullets };
}

/** Every `step`-th item plus the last, so a long curve stays readable and a PowerPoint chart stays small. */
export function thin<T>(xs: readonly T[], max: number): T[] {
  if (xs.length <= max) return [...xs];
  const step = Math.ceil(xs.length / max);
  const out = xs.filter((_, i) => i % step === 0);
  if (out.at(-1) !== xs.at(-1)) out.push(xs.at(-1)!);
  return out;
}

/** A file name from a deck name: "Board pack – Q1" → "board-pack-q1". */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'deck';
}

/** One short sentence about a block's data, for generated speaker notes. */
export function describeData(d: BlockData): string {
  switch (d.type) {
    case 'kpis':
      return d.items.map((i) => `${i.label}: ${i.value}`).join('; ') + '.';
    case 'text':
      return [...d.paragraphs, ...d.bullets].slice(0, 4).map((x) => x.replace(/[.;:]?$/, '')).join('; ') + '.';
    case 'table':
      return `${d.title}: ${d.rows.length} rows.`;
    case 'heatmap': {
      const flagged = d.flagged.flat().filter(Boolean).length;
      return `${d.title}: ${flagged} flagged cell${flagged === 1 ? '' : 's'} across ${d.rows.length} features and ${d.cols.length} windows.`;
    }
    case 'chart': {
      const s = d.series[0];
      if (!s) return d.title;
      const vals = s.values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null);
      if (!vals.length) return d.title;
      const top = vals.reduce((a, b) => (b.v > a.v ? b : a));
      return `${d.title}: highest ${s.name} ${formatValue(top.v, d.format)} at ${d.labels[top.i]}.`;
    }
  }
}
