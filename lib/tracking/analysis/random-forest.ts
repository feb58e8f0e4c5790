// Random-forest regression used only for its impurity-decrease feature importance (Breiman 2001; what scikit-learn's
// `feature_importances_` reports). No tree is stored and nothing is ever predicted, so split thresholds are never
// materialised: a split is just "bins <= b go left".
//
// Features arrive pre-binned (≤ 256 ordered bins per column, see importance.ts). Histogram splits make each node cost
// O(samples × candidate columns) instead of a sort per node, which is what keeps 100 trees over thousands of runs fast.

import { mulberry32 } from '@/lib/ml/prng';

export interface BinnedColumn {
  /** Which original parameter this column belongs to; one-hot columns of a categorical param share a group. */
  group: number;
  /** Ordered bin per sample, 0 .. nBins - 1. */
  bins: Uint8Array;
  nBins: number;
}

export interface ForestInput {
  columns: readonly BinnedColumn[];
  groups: number;
  target: ArrayLike<number>;
}

export interface ForestOptions {
  trees: number;
  seed: number;
  maxDepth: number;
  /** Size of the random parameter subset tried at each node. */
  featuresPerSplit: number;
  minLeaf: number;
  /** Nodes with fewer (bootstrap) samples are not split. */
  minSplit: number;
}


/**
 * Impurity-decrease importance per group, normalised to sum 1 (all zeros when no tree could split, e.g. a constant
 * target). Like scikit-learn, each tree's importances are normalised before averaging so that trees grown on
 * high-variance bootstrap samples do not dominate.
 */
export function forestImportance(input: ForestInput, opts: ForestOptions): Float64Array {
  const { columns, groups } = input;
  const n = input.target.length;
  const total = new Float64Array(groups);
  if (n < 2 || groups === 0) return total;

  // Centering keeps node sums small, so `sum - sL` keeps its precision on metrics with a large offset (a loss of
  // 1e6 ± 1e-3).
  let mean = 0;
  for (let i = 0; i < n; i++) mean += input.target[i]!;
  mean /= n;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = input.target[i]! - mean;

  const groupColumns: BinnedColumn[][] = Array.from({ length: groups }, () => []);
  for (const c of columns) groupColumns[c.group]!.push(c);

  const rand = mulberry32(opts.seed);
  const mtry = Math.max(1, Math.min(groups, Math.floor(opts.featuresPerSplit)));
  const ctx: TreeContext = {
    y,
    groupColumns,
    rand,
    mtry,
    maxDepth: opts.maxDepth,
    minLeaf: Math.max(1, opts.minLeaf),
    minSplit: Math.max(2, opts.minSplit),
    idx: new Int32Array(n),
    ys: new Float64Array(n),
    order: Int32Array.from({ length: groups }, (_, g) => g),
    binCount: new Float64Array(256),
    binSum: new Float64Array(256),
    treeImportance: new Float64Array(groups),
  };

  for (let t = 0; t < opts.trees; t++) {
    for (let i = 0; i < n; i++) ctx.idx[i] = Math.floor(rand() * n);
    ctx.treeImportance.fill(0);
    growTree(ctx);
    let sum = 0;
    for (let g = 0; g < groups; g++) sum += ctx.treeImportance[g]!;
    if (sum > 0) for (let g = 0; g < groups; g++) total[g]! += ctx.treeImportance[g]! / sum;
  }
  let sum = 0;
  for (let g = 0; g < groups; g++) sum += total[g]!;
  if (sum > 0) for (let g = 0; g < groups; g++) total[g]! /= sum;
  return total;
}

interface TreeContext {
  y: Float64Array;
  groupColumns: BinnedColumn[][];
  rand: () => number;
  mtry: number;
  maxDepth: number;
  minLeaf: number;
  minSplit: number;
  /** Bootstrap sample (indices into y, with repeats); each node owns a contiguous slice, partitioned in place. */
  idx: Int32Array;
  /** ys[i] = y[idx[i]] for the node being split, so the per-column loops read targets sequentially. */
  ys: Float64Array;
  order: Int32Array;
  binCount: Float64Array;
  binSum: Float64Array;
  treeImportance: Float64Array;
}

interface Split {
  gain: number;
  column: BinnedColumn;
  bin: number;
}

function growTree(ctx: TreeContext): void {
  const { y, idx, ys } = ctx;
  // Explicit stack of (start, end, depth): recursion depth is bounded by maxDepth anyway, but this avoids closures.
  const stack: number[] = [0, idx.length, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    const count = end - start;
    if (depth >= ctx.maxDepth || count < ctx.minSplit || count < 2 * ctx.minLeaf) continue;

    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      const v = y[idx[i]!]!;
      ys[i] = v;
      sum += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi), Math.abs(lo))) continue; // pure node

    const split = bestSplit(ctx, start, end, sum);
    if (split === null) continue;
    ctx.treeImportance[split.column.group]! += split.gain;

    // Hoare-style in-place partition: bins <= split.bin to the front.
    const bins = split.column.bins;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (bins[idx[i]!]! <= split.bin) i++;
      else {
        const tmp = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = tmp;
        j--;
      }
    }
    stack.push(start, i, depth + 1, i, end, depth + 1);
  }
}

function bestSplit(ctx: TreeContext, start: number, end: number, sum: number): Split | null {
  const { ys, idx, order, binCount, binSum, minLeaf, rand } = ctx;
  const groups = order.length;
  const count = end - start;
  let bestGain = 0;
  let bestColumn: BinnedColumn | null = null;
  let bestBin = -1;
  // Partial Fisher–Yates over the parameters. Like scikit-learn, keep drawing past mtry while no valid split has been
  // found, so a node is only a leaf when no parameter at all can split it.
  for (let k = 0; k < groups; k++) {
    if (k >= ctx.mtry && bestColumn !== null) break;
    const r = k + Math.floor(rand() * (groups - k));
    const g = order[r]!;
    order[r] = order[k]!;
    order[k] = g;

    for (const column of ctx.groupColumns[g]!) {
      const bins = column.bins;
      if (column.nBins === 2) {
        // One-hot columns have a single possible split, so running sums replace the histogram.
        let n1 = 0;
        let s1 = 0;
        for (let i = start; i < end; i++) {
          const b = bins[idx[i]!]!;
          n1 += b;
          s1 += b * ys[i]!;
        }
        const gain = splitGain(count - n1, sum - s1, count, sum, minLeaf);
        if (gain > bestGain) {
          bestGain = gain;
          bestColumn = column;
          bestBin = 0;
        }
        continue;
      }
      // Only the occupied bin range is scanned and cleared: deep nodes are small and rarely span every bin.
      let lo = 255;
      let hi = 0;
      for (let i = start; i < end; i++) {
        const b = bins[idx[i]!]!;
        binCount[b]! += 1;
        binSum[b]! += ys[i]!;
        if (b < lo) lo = b;
        if (b > hi) hi = b;
      }
      let nL = 0;
      let sL = 0;
      for (let b = lo; b < hi; b++) {
        if (binCount[b] === 0) continue; // same partition as the previous threshold
        nL += binCount[b]!;
        sL += binSum[b]!;
        const gain = splitGain(nL, sL, count, sum, minLeaf);
        if (gain > bestGain) {
          bestGain = gain;
          bestColumn = column;
          bestBin = b;
        }
      }
      // A plain loop: TypedArray#fill is a builtin call, costly relative to the few bins usually touched.
      for (let b = lo; b <= hi; b++) {
        binCount[b] = 0;
        binSum[b] = 0;
      }
    }
  }
  return bestColumn === null ? null : { gain: bestGain, column: bestColumn, bin: bestBin };
}

/**
 * SSE decrease of splitting a node (count, sum) into left (nL, sL) and the rest: nL·nR/n · (meanL − meanR)². Always
 * ≥ 0 and free of the cancellation in sL²/nL + sR²/nR − s²/n. 0 when either side is below the minimum leaf size.
 */
function splitGain(nL: number, sL: number, count: number, sum: number, minLeaf: number): number {
  const nR = count - nL;
  if (nL < minLeaf || nR < minLeaf) return 0;
  const diff = sL / nL - (sum - sL) / nR;
  return ((nL * nR) / count) * diff * diff;
}
