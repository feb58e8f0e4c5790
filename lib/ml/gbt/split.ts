// Best split of one node from its histogram. Gain (up to the irrelevant factor ½) is
//   G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ),
// right-hand sums are the node's totals minus the left ones (as scikit-learn does), and a candidate needs
// minSamplesLeaf rows and a hessian of at least MIN_HESSIAN on both sides.
import type { HistLayout } from './histogram';

export const MIN_HESSIAN = 1e-3;
/** Splits whose gain does not exceed this are not made. */
export const MIN_GAIN = 1e-7;

export interface SplitResult {
  gain: number;
  feature: number;
  /** Non-missing bins 0..bin go left. bin = nBins - 1 means every non-missing value goes left. */
  bin: number;
  missingLeft: boolean;
  gL: number;
  hL: number;
  nL: number;
  /** Rows of the node whose value of `feature` is missing. */
  nMissing: number;
}

export function emptySplit(): SplitResult {
  return { gain: 0, feature: -1, bin: 0, missingLeft: false, gL: 0, hL: 0, nL: 0, nMissing: 0 };
}

/**
 * Scans each sampled feature's bins left to right, evaluating at every cut both "missing goes right" and, when the
 * node has missing values for the feature, "missing goes left" — the learned missing direction. The last cut
 * (all non-missing left) is only a split when there are missing values to send right.
 *
 * An empty bin is skipped: cutting after it gives the same partition as cutting before it, so the kept
 * threshold is the edge just above the left child's largest bin (scikit-learn keeps the first of such ties too).
 * Returns false when no split has gain > MIN_GAIN; `out` is written only on success.
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistLayout,
  nBins: Int32Array,
  features: Int32Array,
  nSel: number,
  G: number,
  H: number,
  N: number,
  minSamplesLeaf: number,
  l2: number,
  out: SplitResult,
): boolean {
  const parent = (G * G) / (H + l2);
  let best = MIN_GAIN;
  let found = false;
  for (let j = 0; j < nSel; j++) {
    const f = features[j]!;
    const o = layout.offset[f]! * 3;
    const nb = nBins[f]!;
    const mo = o + nb * 3;
    const gm = hist[mo]!;
    const hm = hist[mo + 1]!;
    const nm = hist[mo + 2]!;
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let b = 0; b < nb; b++) {
      const k = o + b * 3;
      const c = hist[k + 2]!;
      if (c === 0) continue;
      gl += hist[k]!;
      hl += hist[k + 1]!;
      nl += c;
      if (N - nl < minSamplesLeaf) break; // only shrinks the right side further
      const last = b === nb - 1;
      if (last && nm === 0) break;
      // Missing right.
      if (nl >= minSamplesLeaf) {
        const hr = H - hl;
        if (hl >= MIN_HESSIAN && hr >= MIN_HESSIAN) {
          const gr = G - gl;
          const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent;
          if (gain > best) {
            best = gain;
            found = true;
            out.feature = f;
            out.bin = b;
            out.missingLeft = false;
            out.gL = gl;
            out.hL = hl;
            out.nL = nl;
            out.nMissing = nm;
          }
        }
      }
      // Missing left (the last cut with missing left would leave the right child empty).
      if (nm > 0 && !last) {
        const nl2 = nl + nm;
        if (nl2 >= minSamplesLeaf && N - nl2 >= minSamplesLeaf) {
          const gl2 = gl + gm;
          const hl2 = hl + hm;
          const hr = H - hl2;
          if (hl2 >= MIN_HESSIAN && hr >= MIN_HESSIAN) {
            const gr = G - gl2;
            const gain = (gl2 * gl2) / (hl2 + l2) + (gr * gr) / (hr + l2) - parent;
            if (gain > best) {
              best = gain;
              found = true;
              out.feature = f;
              out.bin = b;
              out.missingLeft = true;
              out.gL = gl2;
              out.hL = hl2;
              out.nL = nl2;
              out.nMissing = nm;
            }
          }
        }
      }
    }
  }
  if (found) out.gain = best;
  return found;
}
