// Feature binning for the histogram trainer: per-feature bin edges fitted on the training rows, and the mapping of a
// row-major float32 matrix to a column-major Uint8Array of bin codes.
//
// The edges are float32 values and a value's bin is found by comparing its float32 form against them, exactly as a
// tree routes a row (`Math.fround(x) <= threshold`). So for ANY input, not just the training rows,
// `bin(x) <= b  <=>  Math.fround(x) <= edges[b]`; the trainer can therefore route rows by bin code and write
// `edges[b]` as the tree threshold, and predictions from the exported trees reproduce training-time routing exactly.
import { mulberry32 } from '@/lib/ml/prng';

/** scikit-learn fits bin edges on a 200k-row subsample; we do the same, with a seeded draw. */
export const BINNING_SUBSAMPLE = 200_000;
const MAX_F32 = 3.4028234663852886e38;
const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

export interface BinMapper {
  nFeatures: number;
  /** Per feature: increasing float32 edges; bin b holds values in (edges[b-1], edges[b]], the last bin is unbounded. */
  edges: Float32Array[];
  /** Per feature: number of non-missing bins (edges.length + 1). The missing bin is code `nBins[f]`. */
  nBins: Int32Array;
  /** Per feature: whether the rows the edges were fitted on had any missing value. */
  hasMissing: Uint8Array;
}

/** Largest float32 that is <= v (v a finite double or ±Infinity). */
export function floorF32(v: number): number {
  const f = Math.fround(v);
  if (f <= v) return f;
  // fround rounded up, so the answer is f's float32 predecessor: one step down in the bit pattern (towards zero
  // when positive, away from it when negative; below ±0 it is the smallest negative subnormal).
  F32[0] = f;
  I32[0] = f > 0 ? I32[0]! - 1 : f === 0 ? -2147483647 : I32[0]! + 1;
  return F32[0]!;
}

/**
 * Candidate cut points of one column's sorted non-missing values, as scikit-learn 1.2's `_find_binning_thresholds`:
 * midpoints between consecutive distinct values when there are at most `maxBins` of them, else the
 * (k / maxBins)-quantiles, k = 1..maxBins-1, with numpy's "midpoint" interpolation.
 */
function cutPoints(sorted: Float32Array, maxBins: number): number[] {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push((distinct[i]! + distinct[i + 1]!) / 2);
  } else {
    const step = 100 / maxBins;
    for (let k = 1; k < maxBins; k++) {
      const vi = ((k * step) / 100) * (n - 1);
      const lo = Math.floor(vi);
      cuts.push(vi === lo ? sorted[lo]! : (sorted[lo]! + sorted[lo + 1]!) / 2);
    }
  }
  return cuts;
}

/**
 * Float32 edges from double cut points: each cut c becomes the largest float32 <= c, which puts exactly the same
 * float32 values on each side (v <= c <=> v <= floorF32(c) for float32 v). Duplicates (quantiles of heavily tied
 * data, or cuts closer than a float32 ulp) are dropped rather than kept as empty bins.
 */
function toEdges(cuts: number[]): Float32Array {
  const out: number[] = [];
  for (const c of cuts) {
    const e = c === Infinity ? MAX_F32 : floorF32(c);
    if (out.length === 0 || e > out[out.length - 1]!) out.push(e);
  }
  return Float32Array.from(out);
}

/** Fits per-feature edges on the training rows (a seeded 200k subsample when there are more). */
export function fitBins(x: Float32Array, rows: number, nFeatures: number, maxBins: number, seed: number): BinMapper {
  let sample: Int32Array | null = null;
  if (rows > BINNING_SUBSAMPLE) {
    // Selection sampling: exactly BINNING_SUBSAMPLE rows without replacement, in row order.
    const rand = mulberry32(seed ^ 0x5bd1e995);
    sample = new Int32Array(BINNING_SUBSAMPLE);
    let need = BINNING_SUBSAMPLE;
    for (let r = 0, k = 0; r < rows && need > 0; r++) {
      if (rand() * (rows - r) < need) {
        sample[k++] = r;
        need--;
      }
    }
  }
  const m = sample ? sample.length : rows;
  const col = new Float32Array(m); // float32 sorts faster than float64 and holds the inputs exactly
  const edges: Float32Array[] = [];
  const nBins = new Int32Array(nFeatures);
  const hasMissing = new Uint8Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    let k = 0;
    for (let i = 0; i < m; i++) {
      const v = x[(sample ? sample[i]! : i) * nFeatures + f]!;
      if (Number.isNaN(v)) hasMissing[f] = 1;
      else col[k++] = v;
    }
    const sorted = col.subarray(0, k).sort();
    const e = k ? toEdges(cutPoints(sorted, maxBins)) : new Float32Array(0);
    edges.push(e);
    nBins[f] = e.length + 1;
  }
  return { nFeatures, edges, nBins, hasMissing };
}

/**
 * Sorts keys[0, k) with their row ids by LSD radix sort, 8 bits per pass, skipping passes in which every key has
 * the same digit (small-integer features need one or two). Returns the arrays that hold the result.
 */
function radixSort(k: number, keys: Uint32Array, ids: Int32Array, keys2: Uint32Array, ids2: Int32Array, count: Int32Array) {
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < k; i++) count[(keys[i]! >>> shift) & 255]++;
    if (count[(keys[0]! >>> shift) & 255] === k) continue;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < k; i++) {
      const key = keys[i]!;
      const pos = count[(key >>> shift) & 255]!++;
      keys2[pos] = key;
      ids2[pos] = ids[i]!;
    }
    [keys, keys2] = [keys2, keys];
    [ids, ids2] = [ids2, ids];
  }
  return { keys, ids };
}

/**
 * fitBins + applyBins for the training matrix in one sort per column: a radix sort of the values with their row
 * ids yields both the sorted values the edges come from and, walking them in order against the edges, every
 * row's bin without a binary search. (Above the 200k-row subsample the edges come from a sample, so this falls
 * back to fitBins + applyBins.) The result is identical to the two calls: the tests check it.
 */
export function binTraining(x: Float32Array, rows: number, nFeatures: number, maxBins: number, seed: number): { mapper: BinMapper; binned: Uint8Array } {
  if (rows > BINNING_SUBSAMPLE) {
    const mapper = fitBins(x, rows, nFeatures, maxBins, seed);
    return { mapper, binned: applyBins(mapper, x, rows) };
  }
  const binned = new Uint8Array(rows * nFeatures);
  const vals = new Float32Array(rows);
  const bits = new Uint32Array(vals.buffer);
  const keys = new Uint32Array(rows);
  const ids = new Int32Array(rows);
  const keys2 = new Uint32Array(rows);
  const ids2 = new Int32Array(rows);
  const count = new Int32Array(256);
  const missing: number[] = [];
  const edges: Float32Array[] = [];
  const nBins = new Int32Array(nFeatures);
  const hasMissing = new Uint8Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    let k = 0;
    missing.length = 0;
    for (let r = 0; r < rows; r++) {
      const v = x[r * nFeatures + f]!;
      if (Number.isNaN(v)) {
        missing.push(r);
        continue;
      }
      vals[0] = v;
      const b = bits[0]!;
      // Float32 bit patterns made unsigned-sortable: negatives flipped entirely, positives get the sign bit set.
      keys[k] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
      ids[k++] = r;
    }
    const sorted = k ? radixSort(k, keys, ids, keys2, ids2, count) : { keys, ids };
    for (let i = 0; i < k; i++) {
      const key = sorted.keys[i]!;
      bits[i] = key & 0x80000000 ? (key ^ 0x80000000) >>> 0 : ~key >>> 0;
    }
    const e = k ? toEdges(cutPoints(vals.subarray(0, k), maxBins)) : new Float32Array(0);
    edges.push(e);
    nBins[f] = e.length + 1;
    hasMissing[f] = missing.length ? 1 : 0;
    const base = f * rows;
    for (let i = 0, p = 0; i < k; i++) {
      const v = vals[i]!;
      while (p < e.length && v > e[p]!) p++;
      binned[base + sorted.ids[i]!] = p;
    }
    for (const r of missing) binned[base + r] = e.length + 1;
  }
  return { mapper: { nFeatures, edges, nBins, hasMissing }, binned };
}

/** Bin code of one value: the first edge >= v, or the missing bin for NaN. */
export function binOf(edges: Float32Array, v: number): number {
  if (Number.isNaN(v)) return edges.length + 1;
  const x = Math.fround(v);
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Column-major bin codes (feature f of row r at f * rows + r) of a row-major matrix. */
export function applyBins(mapper: BinMapper, x: Float32Array, rows: number): Uint8Array {
  const d = mapper.nFeatures;
  const out = new Uint8Array(rows * d);
  for (let f = 0; f < d; f++) {
    const e = mapper.edges[f]!;
    const base = f * rows;
    for (let r = 0; r < rows; r++) out[base + r] = binOf(e, x[r * d + f]!);
  }
  return out;
}

/**
 * The float32 tree threshold for "bin <= b goes left". b = nBins - 1 is the split that sends every non-missing
 * value left (and missing right): its threshold is +Infinity, which every non-NaN float32 satisfies.
 */
export function thresholdOf(mapper: BinMapper, f: number, b: number): number {
  const e = mapper.edges[f]!;
  return b < e.length ? e[b]! : Infinity;
}
