// Stratified percentile bootstrap within cells (the finest intersection of all sensitive attributes).
//
// Why within cells: Fairlearn resamples all rows, so a small group can vanish from a resample (and its metric with
// it). Resampling each cell separately keeps every cell's row count, hence every group's and the overall count,
// fixed and consistent (a group's count is the sum of its cells').
//
// Why multinomials: resampling a cell's m rows with replacement only matters through how many copies of each
// distinct row *kind* are drawn, and that is one multinomial draw over the kinds with the observed proportions.
// A kind is (score bin, y, prediction): the confusion outcome plus a quantile bin of the score. So a replicate costs
// one binomial per non-empty kind per cell (≲ 2·bins per cell), not one uniform per row. Consequences, by design:
// - confusion-matrix metrics are bootstrapped exactly (same distribution as resampling rows);
// - AUC in a replicate is computed from the binned scores (ties inside a bin count ½), whereas the point estimate
//   is the exact AUC; mean_score in a replicate uses each kind's mean score (within-kind variation is dropped).
// Percentile intervals (numpy's default 'linear' quantile) over the replicates where a statistic is defined; an
// interval is null when the point estimate is null or the statistic is undefined in over half the replicates.

import { multinomial } from './binomial';
import { evaluate, FN, FP, TN, TP } from './plan';
import type { Plan } from './plan';
import { mulberry32 } from '@/lib/ml/prng';

/** Non-empty kinds per cell, CSR: kinds of cell c are [offset[c], offset[c+1]). code = bin·4 + y·2 + pred. */
export interface CellKinds {
  offset: Int32Array;
  code: Int32Array;
  count: Float64Array;
  meanScore: Float64Array;
  cellCount: Float64Array;
  bins: number;
}

/** Compresses dense nCells × (4·bins) tables to the non-empty kinds. */
export function cellKinds(nCells: number, bins: number, count: ArrayLike<number>, scoreSum: ArrayLike<number> | null): CellKinds {
  const width = 4 * bins;
  let nonEmpty = 0;
  for (let i = 0; i < nCells * width; i++) if (count[i] > 0) nonEmpty++;
  const offset = new Int32Array(nCells + 1);
  const code = new Int32Array(nonEmpty);
  const cnt = new Float64Array(nonEmpty);
  const meanScore = new Float64Array(nonEmpty);
  const cellCount = new Float64Array(nCells);
  let k = 0;
  for (let c = 0; c < nCells; c++) {
    offset[c] = k;
    for (let j = 0; j < width; j++) {
      const x = count[c * width + j];
      if (x === 0) continue;
      code[k] = j;
      cnt[k] = x;
      meanScore[k] = scoreSum ? scoreSum[c * width + j] / x : 0;
      cellCount[c] += x;
      k++;
    }
  }
  offset[nCells] = k;
  return { offset, code, count: cnt, meanScore, cellCount, bins };
}

/** numpy.quantile(method='linear') of sorted xs[0..m). */
function quantile(xs: Float64Array, m: number, q: number): number {
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return xs[lo] + (h - lo) * (xs[hi] - xs[lo]);
}

/** Exactly-representable 32-bit seed from any safe integer (seeds 2^32 apart still differ). */
const seed32 = (seed: number) => (seed ^ Math.imul(Math.floor(seed / 4294967296), 0x9e3779b1)) >>> 0;

/** Refuse a replicate matrix larger than this many numbers (256 MB). */
export const MAX_BOOTSTRAP_CELLS = 1 << 25;

/**
 * Runs `reps` replicates; returns per-stat [lo, hi] (NaN = no interval) for the plan's stat vector.
 * cellGlobal: nCells × K global group ids (K = plan.groupings.length).
 */
export function bootstrapIntervals(
  plan: Plan,
  kinds: CellKinds,
  cellGlobal: Int32Array,
  point: Float64Array,
  reps: number,
  seed: number,
  level: number,
): { lo: Float64Array; hi: Float64Array } {
  const rand = mulberry32(seed32(seed));
  const K = plan.groupings.length;
  const G = plan.nGroups;
  const S = plan.size;
  const nCells = kinds.cellCount.length;
  const B = kinds.bins;
  const withScores = plan.withScores;
  const all = new Float64Array(reps * S);
  const conf = new Float64Array(G * 4);
  const sums = new Float64Array(G);
  const u = new Float64Array(G);
  const hist = withScores ? new Float64Array(G * 2 * B) : null;
  const draw = new Float64Array(kinds.code.length);
  const cellConf = new Float64Array(4);
  const out = new Float64Array(S);

  for (let r = 0; r < reps; r++) {
    conf.fill(0);
    sums.fill(0);
    if (hist) hist.fill(0);
    for (let c = 0; c < nCells; c++) {
      const from = kinds.offset[c];
      const to = kinds.offset[c + 1];
      multinomial(kinds.count, from, to, kinds.cellCount[c], rand, draw);
      cellConf.fill(0);
      let cellSum = 0;
      const base = c * K;
      for (let k = from; k < to; k++) {
        const x = draw[k];
        if (x === 0) continue;
        const code = kinds.code[k];
        cellConf[code & 3] += x;
        if (hist) {
          cellSum += x * kinds.meanScore[k];
          const h = (code >> 2) * 2 + ((code >> 1) & 1); // bin·2 + y
          for (let j = 0; j < K; j++) hist[cellGlobal[base + j] * 2 * B + h] += x;
        }
      }
      for (let j = 0; j < K; j++) {
        const g = cellGlobal[base + j];
        conf[g * 4 + TN] += cellConf[TN];
        conf[g * 4 + FP] += cellConf[FP];
        conf[g * 4 + FN] += cellConf[FN];
        conf[g * 4 + TP] += cellConf[TP];
        sums[g] += cellSum;
      }
    }
    if (hist) {
      // Binned Mann–Whitney U per group: positives in a bin beat the negatives of lower bins and tie with their own.
      for (let g = 0; g < G; g++) {
        let negBelow = 0;
        let acc = 0;
        const o = g * 2 * B;
        for (let b = 0; b < B; b++) {
          const neg = hist[o + 2 * b];
          acc += hist[o + 2 * b + 1] * (negBelow + 0.5 * neg);
          negBelow += neg;
        }
        u[g] = acc;
      }
    }
    evaluate(plan, conf, withScores ? u : null, withScores ? sums : null, out);
    all.set(out, r * S);
  }

  const lo = new Float64Array(S).fill(NaN);
  const hi = new Float64Array(S).fill(NaN);
  const col = new Float64Array(reps);
  const alpha = (1 - level) / 2;
  for (let s = 0; s < S; s++) {
    if (Number.isNaN(point[s])) continue;
    let m = 0;
    for (let r = 0; r < reps; r++) {
      const v = all[r * S + s];
      if (v === v) col[m++] = v;
    }
    if (m === 0 || 2 * m < reps) continue;
    const xs = col.subarray(0, m).sort();
    lo[s] = quantile(xs, m, alpha);
    hi[s] = quantile(xs, m, 1 - alpha);
  }
  return { lo, hi };
}
