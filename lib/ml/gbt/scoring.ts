// Per-round scoring helpers: routing binned rows through a freshly grown tree, the sigmoid/log-loss pass that
// also produces the next round's gradients, and an AUC fast enough to run every round.
import type { GrownTree } from './grower';

/** Leaf reached by row r of a column-major binned matrix with n rows (same routing as the float thresholds). */
export function leafByBins(t: GrownTree, nBins: Int32Array, binned: Uint8Array, n: number, r: number): number {
  const { feature, left, right, missingLeft } = t.tree;
  const cut = t.splitBin;
  let node = 0;
  for (let f = feature[0]!; f >= 0; f = feature[node]!) {
    const b = binned[f * n + r]!;
    const goLeft = b === nBins[f]! ? missingLeft[node] === 1 : b <= cut[node]!;
    node = goLeft ? left[node]! : right[node]!;
  }
  return node;
}

/** Adds the tree's leaf value to every row's float32 running sum, routing by bins. */
export function addTreeByBins(t: GrownTree, nBins: Int32Array, binned: Uint8Array, n: number, acc: Float32Array): void {
  const value = t.tree.value;
  for (let r = 0; r < n; r++) acc[r] = acc[r]! + value[leafByBins(t, nBins, binned, n, r)]!;
}

const EPS = 1e-15;

/**
 * margin = fround(acc + base) as `marginOf` computes it; writes P(y=1) into p when given and, when g/h are given,
 * the log-loss gradient p − y and hessian p(1 − p). Returns the mean log loss, clipped as `metrics.logLoss`.
 */
export function lossAndGradients(
  acc: Float32Array,
  base32: number,
  y: Uint8Array,
  p: Float64Array | null,
  g: Float32Array | null,
  h: Float32Array | null,
): number {
  const n = acc.length;
  let loss = 0;
  // The log of a product of 16 probabilities (each ≥ 1e-15, so the product stays far from underflow) replaces 16
  // logs: Math.log was a third of this pass, which runs over every training row every round.
  let prod = 1;
  let k = 0;
  for (let r = 0; r < n; r++) {
    // sigmoid() from tree-ensemble, inlined by hand.
    const z = Math.fround(acc[r]! + base32);
    const v = 1 / (1 + Math.exp(-Math.abs(z)));
    const q = z < 0 ? 1 - v : v;
    if (p) p[r] = q;
    const c = q < EPS ? EPS : q > 1 - EPS ? 1 - EPS : q;
    prod *= y[r] ? c : 1 - c;
    if (++k === 16) {
      loss -= Math.log(prod);
      prod = 1;
      k = 0;
    }
    if (g) {
      g[r] = q - y[r]!;
      h![r] = q * (1 - q);
    }
  }
  loss -= Math.log(prod);
  return loss / n;
}

/**
 * ROC AUC with ties counted half (equal to `metrics.auc`), in O(n log n) with native typed-array sorts instead of a
 * comparator sort: the positives' and negatives' scores are sorted separately and merged.
 */
export function fastAuc(scores: Float64Array, y: Uint8Array, posBuf: Float64Array, negBuf: Float64Array): number {
  let np = 0;
  let nn = 0;
  for (let i = 0; i < scores.length; i++) {
    if (y[i]) posBuf[np++] = scores[i]!;
    else negBuf[nn++] = scores[i]!;
  }
  if (np === 0 || nn === 0) return NaN;
  const pos = posBuf.subarray(0, np).sort();
  const neg = negBuf.subarray(0, nn).sort();
  let below = 0; // negatives strictly below the current positive score
  let u = 0;
  for (let i = 0; i < np; ) {
    const v = pos[i]!;
    let j = i;
    while (j < np && pos[j] === v) j++;
    while (below < nn && neg[below]! < v) below++;
    let eq = below;
    while (eq < nn && neg[eq] === v) eq++;
    u += (j - i) * (below + (eq - below) / 2);
    i = j;
  }
  return u / (np * nn);
}
