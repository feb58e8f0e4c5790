// Exact ROC AUC of every group in one pass over the rows sorted by score, equal to sklearn's roc_auc_score
// (trapezoidal ROC area = Mann–Whitney U ÷ (P·N), a tie between a positive and a negative counting 1/2).
//
// Speed: the scores are sorted once with an LSD radix sort on their IEEE-754 bits (non-negative doubles order like
// their bit patterns), which is O(n) and exact. Then, walking the sorted rows in blocks of equal score, each row
// updates its group in every grouping (overall, each attribute, each intersection): a positive adds the number of
// its group's negatives strictly below it, plus half of those tied with it. U stays an exact multiple of 1/2.
// The same pass sums scores per cell (in sorted order, so the sums do not depend on row order) and, for the
// bootstrap, counts rows per (cell, score bin, class, prediction) with quantile bins that never split a tie block.

/** Row indices sorted by ascending score. score must hold non-negative values (no -0). */
export function sortByScore(score: Float64Array): { order: Uint32Array; sorted: Float64Array } {
  const n = score.length;
  const bits = new Uint32Array(score.buffer, score.byteOffset, n * 2); // little-endian: [lo, hi] per double
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = bits[2 * i];
    hi[i] = bits[2 * i + 1];
    idx[i] = i;
  }
  // Four 16-bit digits; histograms of all four in one pass.
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    counts[lo[i] & 0xffff]++;
    counts[65536 + (lo[i] >>> 16)]++;
    counts[131072 + (hi[i] & 0xffff)]++;
    counts[196608 + (hi[i] >>> 16)]++;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let idx2 = new Uint32Array(n);
  for (let d = 0; d < 4; d++) {
    const base = d * 65536;
    const word = d < 2 ? 0 : 1;
    const shift = d % 2 === 0 ? 0 : 16;
    // A digit that is the same for every row does not reorder anything: skip the pass.
    let skip = false;
    for (let v = 0; v < 65536; v++) {
      if (counts[base + v] === n) skip = true;
      if (counts[base + v] !== 0) break;
    }
    if (skip) continue;
    let sum = 0;
    for (let v = 0; v < 65536; v++) {
      const c = counts[base + v];
      counts[base + v] = sum;
      sum += c;
    }
    const key = word === 0 ? lo : hi;
    for (let i = 0; i < n; i++) {
      const digit = (key[i] >>> shift) & 0xffff;
      const to = counts[base + digit]++;
      lo2[to] = lo[i];
      hi2[to] = hi[i];
      idx2[to] = idx[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  const sorted = new Float64Array(n);
  const out = new Uint32Array(sorted.buffer);
  for (let i = 0; i < n; i++) {
    out[2 * i] = lo[i];
    out[2 * i + 1] = hi[i];
  }
  return { order: idx, sorted };
}

export interface ScorePass {
  /** Mann–Whitney U per global group. */
  u: Float64Array;
  /** Σ score per cell, summed in score order. */
  cellScoreSum: Float64Array;
  /** Bootstrap only: per cell × category counts and score sums, category = (bin·2 + y)·2 + pred. */
  catCount: Int32Array | null;
  catScoreSum: Float64Array | null;
}

/**
 * tag[row] = (cell·2 + y)·2 + pred. cellGlobal: nCells × K global group ids. bins > 0 also fills the bootstrap
 * category tables with `bins` quantile bins (a tie block goes whole into the bin of its first row).
 */
export function scorePass(
  order: Uint32Array,
  sorted: Float64Array,
  tag: Int32Array,
  nCells: number,
  cellGlobal: Int32Array,
  K: number,
  nGroups: number,
  bins: number,
): ScorePass {
  const n = order.length;
  const u = new Float64Array(nGroups);
  const negBelow = new Float64Array(nGroups);
  const negTied = new Float64Array(nGroups);
  const cellScoreSum = new Float64Array(nCells);
  const width = 4 * bins;
  const catCount = bins > 0 ? new Int32Array(nCells * width) : null;
  const catScoreSum = bins > 0 ? new Float64Array(nCells * width) : null;
  let i = 0;
  while (i < n) {
    const s = sorted[i];
    let j = i + 1;
    while (j < n && sorted[j] === s) j++;
    if (j === i + 1) {
      // Singleton block, the common case with continuous scores.
      const t = tag[order[i]];
      const base = (t >> 2) * K;
      if (t & 2) for (let k = 0; k < K; k++) u[cellGlobal[base + k]] += negBelow[cellGlobal[base + k]];
      else for (let k = 0; k < K; k++) negBelow[cellGlobal[base + k]]++;
    } else {
      for (let r = i; r < j; r++) {
        const t = tag[order[r]];
        if (t & 2) continue;
        const base = (t >> 2) * K;
        for (let k = 0; k < K; k++) negTied[cellGlobal[base + k]]++;
      }
      for (let r = i; r < j; r++) {
        const t = tag[order[r]];
        if (!(t & 2)) continue;
        const base = (t >> 2) * K;
        for (let k = 0; k < K; k++) {
          const g = cellGlobal[base + k];
          u[g] += negBelow[g] + 0.5 * negTied[g];
        }
      }
      for (let r = i; r < j; r++) {
        const t = tag[order[r]];
        if (t & 2) continue;
        const base = (t >> 2) * K;
        for (let k = 0; k < K; k++) {
          const g = cellGlobal[base + k];
          negBelow[g]++;
          negTied[g] = 0;
        }
      }
    }
    const bin = bins > 0 ? Math.floor((i * bins) / n) : 0;
    for (let r = i; r < j; r++) {
      const t = tag[order[r]];
      const cell = t >> 2;
      cellScoreSum[cell] += s;
      if (catCount !== null) {
        const at = cell * width + bin * 4 + (t & 3);
        catCount[at]++;
        catScoreSum![at] += s;
      }
    }
    i = j;
  }
  return { u, cellScoreSum, catCount, catScoreSum };
}
