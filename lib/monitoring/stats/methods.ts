// The Evidently stat tests, computed from two profiles. Each function mirrors the legacy Evidently implementation
// (src/evidently/legacy/calculations/stattests/*.py) and the scipy/numpy calls it makes; comments name the
// numpy/scipy detail being reproduced where the order of floating-point operations matters.

import { ksTwoSample, type KsResult } from './ks';
import type { CategoricalProfile, ColumnProfile, NumericProfile } from './profile';
import { nonNullCount } from './profile';
import { chi2Sf, CompensatedSum, ndtr } from './special';

/** Typed-array view of a numeric profile, cached per profile object (stored profiles are treated as immutable). */
export interface NumericView {
  values: Float64Array;
  counts: Float64Array;
  total: number;
}
const viewCache = new WeakMap<NumericProfile, NumericView>();

export function numericView(p: NumericProfile): NumericView {
  let v = viewCache.get(p);
  if (!v) {
    v = { values: Float64Array.from(p.values), counts: Float64Array.from(p.counts), total: nonNullCount(p) };
    viewCache.set(p, v);
  }
  return v;
}

export function ks(ref: NumericProfile, cur: NumericProfile): KsResult {
  const a = numericView(ref);
  const b = numericView(cur);
  return ksTwoSample(a.values, a.counts, a.total, b.values, b.counts, b.total);
}

/** numpy.std(ref) (ddof = 0), two-pass over the distinct values like numpy's mean-then-deviations. */
export function referenceStd(ref: NumericProfile): number {
  const { values, counts, total } = numericView(ref);
  const s = new CompensatedSum();
  for (let i = 0; i < values.length; i++) s.add(values[i] * counts[i]);
  const mean = s.value / total;
  const ss = new CompensatedSum();
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean;
    ss.add(d * d * counts[i]);
  }
  return Math.sqrt(ss.value / total);
}

/** scipy.stats.wasserstein_distance(u, v): integral of |U - V| over the merged support, from weighted ECDFs. */
export function wasserstein(ref: NumericProfile, cur: NumericProfile): number {
  const a = numericView(ref);
  const b = numericView(cur);
  const sum = new CompensatedSum();
  let i = 0;
  let j = 0;
  let cum1 = 0;
  let cum2 = 0;
  const l1 = a.values.length;
  const l2 = b.values.length;
  let prev = 0;
  while (i < l1 || j < l2) {
    const x = j >= l2 || (i < l1 && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
    // The ECDF gap holds on [prev, x); scipy's searchsorted(..., 'right') / n gives the same cdf values.
    if (i + j > 0) sum.add(Math.abs(cum1 / a.total - cum2 / b.total) * (x - prev));
    if (i < l1 && a.values[i] === x) cum1 += a.counts[i++];
    if (j < l2 && b.values[j] === x) cum2 += b.counts[j++];
    prev = x;
  }
  return sum.value;
}

/** Evidently's normed Wasserstein: distance / max(std(ref), 0.001). */
export function wassersteinNormed(ref: NumericProfile, cur: NumericProfile): number {
  return wasserstein(ref, cur) / Math.max(referenceStd(ref), 0.001);
}

/** Per-bucket counts of both sides; `labels` name the buckets (distinct values or bin edges). */
export interface Buckets {
  ref: Float64Array;
  cur: Float64Array;
  nRef: number;
  nCur: number;
  /** Sorted distinct values (numeric) or sorted category keys; for histograms the bin edges. */
  labels: (number | string)[];
  kind: 'values' | 'histogram';
}

/** One bucket per distinct non-null value of ref U cur, sorted (numbers numerically, strings by code unit). */
export function valueBuckets(ref: ColumnProfile, cur: ColumnProfile): Buckets {
  if (ref.type === 'numeric' && cur.type === 'numeric') {
    const a = numericView(ref);
    const b = numericView(cur);
    const labels: number[] = [];
    const rc: number[] = [];
    const cc: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.values.length || j < b.values.length) {
      const x = j >= b.values.length || (i < a.values.length && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
      labels.push(x);
      rc.push(i < a.values.length && a.values[i] === x ? a.counts[i++] : 0);
      cc.push(j < b.values.length && b.values[j] === x ? b.counts[j++] : 0);
    }
    return { ref: Float64Array.from(rc), cur: Float64Array.from(cc), nRef: a.total, nCur: b.total, labels, kind: 'values' };
  }
  const rCat = (ref as CategoricalProfile).categories;
  const cCat = (cur as CategoricalProfile).categories;
  const keys = [...new Set([...Object.keys(rCat), ...Object.keys(cCat)])].sort();
  return {
    ref: Float64Array.from(keys, (k) => rCat[k] ?? 0),
    cur: Float64Array.from(keys, (k) => cCat[k] ?? 0),
    nRef: nonNullCount(ref),
    nCur: nonNullCount(cur),
    labels: keys,
    kind: 'values',
  };
}

/**
 * np.histogram_bin_edges(concat(ref, cur), bins='sturges') then np.histogram on each side. Edges are built with
 * numpy's exact arithmetic (width = ptp/(log2 N + 1), n = ceil(ptp/width), edge_i = start + i*step, last = max)
 * and counted with numpy's rule: [e_i, e_i+1) except the last bin, which is closed.
 */
export function sturgesBuckets(ref: NumericProfile, cur: NumericProfile): Buckets {
  const a = numericView(ref);
  const b = numericView(cur);
  const N = a.total + b.total;
  let first = Math.min(a.values[0], b.values[0]);
  let last = Math.max(a.values[a.values.length - 1], b.values[b.values.length - 1]);
  const ptp = last - first;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = ptp / (Math.log2(N) + 1);
  const nBins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / nBins;
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i < nBins; i++) edges[i] = i * step + first;
  edges[nBins] = last;
  const count = (v: NumericView): Float64Array => {
    const out = new Float64Array(nBins);
    let bin = 0;
    for (let i = 0; i < v.values.length; i++) {
      const x = v.values[i];
      // Values are sorted, so the bin index only moves forward.
      while (bin < nBins - 1 && x >= edges[bin + 1]) bin++;
      out[bin] += v.counts[i];
    }
    return out;
  };
  return { ref: count(a), cur: count(b), nRef: a.total, nCur: b.total, labels: Array.from(edges), kind: 'histogram' };
}

/** Evidently get_binned_data: Sturges histogram for numeric columns whose reference has > 20 distinct values. */
export function evidentlyBuckets(ref: ColumnProfile, cur: ColumnProfile): Buckets {
  if (ref.type === 'numeric' && cur.type === 'numeric' && ref.values.length > 20) return sturgesBuckets(ref, cur);
  return valueBuckets(ref, cur);
}

/** counts / n, then Evidently's feel_zeroes: empty buckets get min_nonzero/1e6 (if <= 1e-4) else 1e-4. */
function percents(counts: Float64Array, n: number, fillZeroes: boolean): Float64Array {
  const out = new Float64Array(counts.length);
  let minNonZero = Infinity;
  for (let i = 0; i < counts.length; i++) {
    out[i] = counts[i] / n;
    if (out[i] !== 0 && out[i] < minNonZero) minNonZero = out[i];
  }
  if (fillZeroes) {
    const fill = minNonZero <= 0.0001 ? minNonZero / 10 ** 6 : 0.0001;
    for (let i = 0; i < out.length; i++) if (out[i] === 0) out[i] = fill;
  }
  return out;
}

/** x*ln(x/y) with scipy.special.rel_entr's conventions for zeros. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/** scipy.spatial.distance.jensenshannon(p, q) (natural log) on Evidently's binning without zero filling. */
export function jensenShannon(bk: Buckets): number {
  const p = percents(bk.ref, bk.nRef, false);
  const q = percents(bk.cur, bk.nCur, false);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i];
    sq += q[i];
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp;
    const qi = q[i] / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  return Math.sqrt((left + right) / 2);
}

/** Evidently PSI: sum((ref% - cur%) * ln(ref% / cur%)) on zero-filled percents. */
export function psi(bk: Buckets): number {
  const r = percents(bk.ref, bk.nRef, true);
  const c = percents(bk.cur, bk.nCur, true);
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return s;
}

export interface PValueResult {
  statistic: number;
  pValue: number;
  /** Set when the result is a convention rather than a test outcome (e.g. constant column). */
  note?: string;
}

/**
 * Evidently chisquare: f_exp = ref counts * (n_cur / n_ref) over ref U cur, scipy.stats.chisquare(f_obs, f_exp).
 * A category unseen in the reference has f_exp = 0, so the statistic is +Infinity and p = 0 (as scipy gives).
 * A single category has df = 0, where scipy returns p = NaN; we return p = 1 (nothing can have drifted).
 */
export function chiSquare(bk: Buckets): PValueResult {
  const k = bk.ref.length;
  const kNorm = bk.nCur / bk.nRef;
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const exp = bk.ref[i] * kNorm;
    const d = bk.cur[i] - exp;
    stat += (d * d) / exp;
  }
  if (k <= 1) return { statistic: stat, pValue: 1, note: 'single category: scipy gives p = NaN, reported as 1' };
  return { statistic: stat, pValue: chi2Sf(stat, k - 1) };
}

/**
 * Evidently z: pooled two-proportion z-test, two-sided p = 2 * (1 - Phi(|z|)). Evidently codes the first category
 * of the sorted union as 0 and every other category as 1, so "success" = not the first sorted category (for
 * binary data: the second one). The p-value does not depend on that choice; the sign of z does.
 */
export function zTest(bk: Buckets): PValueResult {
  const k = bk.ref.length;
  if (k <= 1) return { statistic: 0, pValue: 1, note: 'both samples hold the same single value' };
  const n1 = bk.nRef;
  const n2 = bk.nCur;
  const p1 = (n1 - bk.ref[0]) / n1;
  const p2 = (n2 - bk.cur[0]) / n2;
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: 2 * (1 - ndtr(Math.abs(z))) };
}
