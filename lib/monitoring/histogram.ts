// Display histograms: a window's distribution on bins fixed by the reference, so the feature page can overlay
// reference and window without reading rows. Bins depend on the reference profile only, so every window of a
// version shares them. (The drift statistics use their own exact binning; these are for the eye.)
import type { ColumnProfile } from './stats';

export interface DisplayHistogram {
  kind: 'bins' | 'values';
  /** 'bins': edges (length counts + 1); 'values': one label per count. */
  edges?: number[];
  labels?: string[];
  counts: number[];
  /** Values below the reference's minimum / above its maximum ('bins' only). */
  below: number;
  above: number;
  nulls: number;
  /** Rows, nulls included. */
  n: number;
}

const NUMERIC_BINS = 24;
const MAX_DISTINCT_AS_VALUES = 20;

function nonNull(p: ColumnProfile): number {
  return p.type === 'numeric' ? p.counts.reduce((a, b) => a + b, 0) : Object.values(p.categories).reduce((a, b) => a + b, 0);
}

function labelOf(v: number | string): string {
  return typeof v === 'number' ? String(v) : v;
}

/** The window's histogram on the reference's bins (pass the reference itself to draw the reference). */
export function displayHistogram(ref: ColumnProfile, cur: ColumnProfile): DisplayHistogram {
  const n = nonNull(cur) + cur.nulls;
  if (ref.type === 'categorical' || cur.type === 'categorical') {
    const refCats = ref.type === 'categorical' ? Object.keys(ref.categories).sort() : [];
    const curCats = cur.type === 'categorical' ? cur.categories : {};
    const labels = [...refCats, ...Object.keys(curCats).filter((c) => !refCats.includes(c)).sort()];
    return { kind: 'values', labels, counts: labels.map((c) => curCats[c] ?? 0), below: 0, above: 0, nulls: cur.nulls, n };
  }
  if (ref.values.length <= MAX_DISTINCT_AS_VALUES) {
    const labels = ref.values.map(labelOf);
    const counts = new Array<number>(labels.length).fill(0);
    const index = new Map(ref.values.map((v, i) => [v, i]));
    const extra = new Map<number, number>();
    cur.values.forEach((v, i) => {
      const k = index.get(v);
      if (k !== undefined) counts[k]! += cur.counts[i]!;
      else extra.set(v, (extra.get(v) ?? 0) + cur.counts[i]!);
    });
    for (const [v, c] of [...extra].sort((a, b) => a[0] - b[0])) {
      labels.push(labelOf(v));
      counts.push(c);
    }
    return { kind: 'values', labels, counts, below: 0, above: 0, nulls: cur.nulls, n };
  }
  const lo = ref.values[0]!;
  const hi = ref.values[ref.values.length - 1]!;
  const width = (hi - lo) / NUMERIC_BINS;
  const edges = Array.from({ length: NUMERIC_BINS + 1 }, (_, i) => (i === NUMERIC_BINS ? hi : lo + i * width));
  const counts = new Array<number>(NUMERIC_BINS).fill(0);
  let below = 0;
  let above = 0;
  cur.values.forEach((v, i) => {
    const c = cur.counts[i]!;
    if (v < lo) below += c;
    else if (v > hi) above += c;
    else counts[Math.min(NUMERIC_BINS - 1, Math.floor((v - lo) / width))]! += c;
  });
  return { kind: 'bins', edges, counts, below, above, nulls: cur.nulls, n };
}
