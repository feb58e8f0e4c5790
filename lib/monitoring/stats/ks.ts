// Two-sample Kolmogorov-Smirnov as scipy.stats.ks_2samp(a, b) with its defaults (two-sided, method 'auto').
// The p-value depends only on (n1, n2, D), and D only on the two ECDFs on the merged support, so everything here
// works from sorted distinct values + counts (profiles) and never needs the raw samples.

import { kstwoSf } from './kolmogorov';
import { gcd, roundHalfEven } from './special';

/** scipy's MAX_AUTO_N: 'auto' is exact when both samples have at most this many rows. */
export const KS_MAX_AUTO_N = 10000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/**
 * D = sup |F1 - F2| from two weighted ECDFs given as sorted distinct values and their counts. The ECDF values are
 * formed as count/n exactly like scipy's searchsorted(...)/n, so D is bit-identical to scipy's, ties included.
 */
export function ksStatistic(
  v1: ArrayLike<number>,
  c1: ArrayLike<number>,
  n1: number,
  v2: ArrayLike<number>,
  c2: ArrayLike<number>,
  n2: number,
): number {
  let i = 0;
  let j = 0;
  let cum1 = 0;
  let cum2 = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  const l1 = v1.length;
  const l2 = v2.length;
  while (i < l1 || j < l2) {
    // Advance both cumulative counts through the next support point (a tie advances both at once).
    const x = j >= l2 || (i < l1 && v1[i] <= v2[j]) ? v1[i] : v2[j];
    if (i < l1 && v1[i] === x) cum1 += c1[i++];
    if (j < l2 && v2[j] === x) cum2 += c2[j++];
    const diff = cum1 / n1 - cum2 / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  return negMin > maxS ? negMin : maxS;
}

/** Pr(D_{n,n} >= h/n) by the alternating Horner scheme scipy uses (_compute_prob_outside_square). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths leaving |x/m - y/n| < h/lcm (scipy _compute_outer_prob_inside_method, Hodges'
 * inside method with Viehmann's 1-p recursion); only a sliding window of one column is kept.
 */
function outerProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const width = maxj - minj;
    const shift = minj - lastminj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + shift] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) A.fill(1, width, Math.min(width + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1];
}

/** Exact two-sided p-value attempt; `ok` false sends the caller to the asymptotic branch like scipy. */
function exactTwoSided(n1: number, n2: number, d: number): { ok: boolean; d: number; p: number } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dr = h / lcm;
  if (h === 0) return { ok: true, d: dr, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInsideMethod(n1, n2, g, h);
  if (!Number.isFinite(p) || p < 0 || p > 1) return { ok: false, d: dr, p };
  return { ok: true, d: dr, p };
}

/** ks_2samp's p-value from the sizes and the statistic, with scipy's 'auto' choice of method. */
export function ksTwoSampleFromStatistic(d: number, n1: number, n2: number): KsResult {
  if (n1 <= 0 || n2 <= 0) throw new RangeError('ks_2samp needs two non-empty samples');
  let method: 'exact' | 'asymp' = Math.max(n1, n2) <= KS_MAX_AUTO_N ? 'exact' : 'asymp';
  let stat = d;
  let p = NaN;
  if (method === 'exact') {
    const r = exactTwoSided(n1, n2, d);
    stat = r.d; // scipy reports the lattice-rounded statistic h/lcm, even when it then falls back
    if (r.ok) p = r.p;
    else method = 'asymp';
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    p = kstwoSf(stat, roundHalfEven(en));
  }
  return { statistic: stat, pValue: Math.min(Math.max(p, 0), 1), method };
}

/** Full two-sample K-S from sorted distinct values + counts of each side. */
export function ksTwoSample(
  v1: ArrayLike<number>,
  c1: ArrayLike<number>,
  n1: number,
  v2: ArrayLike<number>,
  c2: ArrayLike<number>,
  n2: number,
): KsResult {
  return ksTwoSampleFromStatistic(ksStatistic(v1, c1, n1, v2, c2, n2), n1, n2);
}
