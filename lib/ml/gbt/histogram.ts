// Gradient histograms: per feature and bin, the sums of gradients and hessians and the row count, interleaved
// (stride 3) in one Float64Array per node so that one row's update touches one cache line. Feature f's bins start
// at `layout.offset[f]` (in bins); only the features sampled for the current tree are filled.
//
// These loops are where most of the training time goes, so they are written out rather than abstracted: four
// features per pass (each row's index and gradient pair is loaded once for four columns, and four independent
// accumulation chains hide the latency of repeated hits on one bin), measured ~15% faster than two per pass and
// ~45% faster than one.

export interface HistLayout {
  /** Rows of the column-major binned matrix (column stride). */
  rows: number;
  /** Bin offset of each feature's histogram, counting its missing bin. */
  offset: Int32Array;
  /** Bins per feature including the missing bin (nBins + 1). */
  width: Int32Array;
  /** Total bins over all features; a histogram has 3 × total entries. */
  total: number;
}

export function histLayout(rows: number, nBins: Int32Array): HistLayout {
  const d = nBins.length;
  const offset = new Int32Array(d);
  const width = new Int32Array(d);
  let total = 0;
  for (let f = 0; f < d; f++) {
    offset[f] = total;
    width[f] = nBins[f]! + 1;
    total += width[f]!;
  }
  return { rows, offset, width, total };
}

function clearFeature(hist: Float64Array, layout: HistLayout, f: number): void {
  const o = layout.offset[f]! * 3;
  hist.fill(0, o, o + layout.width[f]! * 3);
}

/**
 * Histogram of rows idx[start..end). Gradients are read through the row index rather than first gathered into
 * node order (as scikit-learn does): a node's index range is increasing, so g[r] and h[r] are read forwards.
 */
export function buildHistogram(
  hist: Float64Array,
  layout: HistLayout,
  binned: Uint8Array,
  features: Int32Array,
  nSel: number,
  idx: Int32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
): void {
  const n = layout.rows;
  const off = layout.offset;
  for (let j = 0; j < nSel; j++) clearFeature(hist, layout, features[j]!);
  let j = 0;
  for (; j + 3 < nSel; j += 4) {
    const f1 = features[j]!;
    const f2 = features[j + 1]!;
    const f3 = features[j + 2]!;
    const f4 = features[j + 3]!;
    const b1 = f1 * n;
    const b2 = f2 * n;
    const b3 = f3 * n;
    const b4 = f4 * n;
    const o1 = off[f1]! * 3;
    const o2 = off[f2]! * 3;
    const o3 = off[f3]! * 3;
    const o4 = off[f4]! * 3;
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const gr = g[r]!;
      const hr = h[r]!;
      const k1 = o1 + binned[b1 + r]! * 3;
      const k2 = o2 + binned[b2 + r]! * 3;
      const k3 = o3 + binned[b3 + r]! * 3;
      const k4 = o4 + binned[b4 + r]! * 3;
      hist[k1] += gr;
      hist[k1 + 1] += hr;
      hist[k1 + 2] += 1;
      hist[k2] += gr;
      hist[k2 + 1] += hr;
      hist[k2 + 2] += 1;
      hist[k3] += gr;
      hist[k3 + 1] += hr;
      hist[k3 + 2] += 1;
      hist[k4] += gr;
      hist[k4 + 1] += hr;
      hist[k4 + 2] += 1;
    }
  }
  for (; j < nSel; j++) {
    const f = features[j]!;
    const b = f * n;
    const o = off[f]! * 3;
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const k = o + binned[b + r]! * 3;
      hist[k] += g[r]!;
      hist[k + 1] += h[r]!;
      hist[k + 2] += 1;
    }
  }
}

/**
 * Per-bin row counts over all rows (count slots only). They do not change between rounds, so the root of a
 * full-sample round copies them instead of counting again.
 */
export function countAll(layout: HistLayout, binned: Uint8Array): Float64Array {
  const counts = new Float64Array(layout.total * 3);
  const n = layout.rows;
  for (let f = 0; f < layout.offset.length; f++) {
    const b = f * n;
    const o = layout.offset[f]! * 3 + 2;
    for (let r = 0; r < n; r++) counts[o + binned[b + r]! * 3] += 1;
  }
  return counts;
}

/** Histogram of all rows 0..rows-1 (the root when the round uses every row): no index, no gather, counts copied. */
export function buildHistogramAll(
  hist: Float64Array,
  layout: HistLayout,
  binned: Uint8Array,
  features: Int32Array,
  nSel: number,
  g: Float32Array,
  h: Float32Array,
  counts: Float64Array,
): void {
  const n = layout.rows;
  const off = layout.offset;
  for (let j = 0; j < nSel; j++) {
    const f = features[j]!;
    const o = off[f]! * 3;
    const e = o + layout.width[f]! * 3;
    for (let k = o; k < e; k += 3) {
      hist[k] = 0;
      hist[k + 1] = 0;
      hist[k + 2] = counts[k + 2]!;
    }
  }
  let j = 0;
  for (; j + 3 < nSel; j += 4) {
    const f1 = features[j]!;
    const f2 = features[j + 1]!;
    const f3 = features[j + 2]!;
    const f4 = features[j + 3]!;
    const b1 = f1 * n;
    const b2 = f2 * n;
    const b3 = f3 * n;
    const b4 = f4 * n;
    const o1 = off[f1]! * 3;
    const o2 = off[f2]! * 3;
    const o3 = off[f3]! * 3;
    const o4 = off[f4]! * 3;
    for (let r = 0; r < n; r++) {
      const gr = g[r]!;
      const hr = h[r]!;
      const k1 = o1 + binned[b1 + r]! * 3;
      const k2 = o2 + binned[b2 + r]! * 3;
      const k3 = o3 + binned[b3 + r]! * 3;
      const k4 = o4 + binned[b4 + r]! * 3;
      hist[k1] += gr;
      hist[k1 + 1] += hr;
      hist[k2] += gr;
      hist[k2 + 1] += hr;
      hist[k3] += gr;
      hist[k3 + 1] += hr;
      hist[k4] += gr;
      hist[k4 + 1] += hr;
    }
  }
  for (; j < nSel; j++) {
    const f = features[j]!;
    const b = f * n;
    const o = off[f]! * 3;
    for (let r = 0; r < n; r++) {
      const k = o + binned[b + r]! * 3;
      hist[k] += g[r]!;
      hist[k + 1] += h[r]!;
    }
  }
}

/** parent -= child over the sampled features: turns the parent's histogram into the sibling's in place. */
export function subtractHistogram(parent: Float64Array, child: Float64Array, layout: HistLayout, features: Int32Array, nSel: number): void {
  for (let j = 0; j < nSel; j++) {
    const f = features[j]!;
    const o = layout.offset[f]! * 3;
    const e = o + layout.width[f]! * 3;
    for (let k = o; k < e; k++) parent[k] -= child[k]!;
  }
}
