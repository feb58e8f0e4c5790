// Probability calibration fitted on the validation split.
//
// Platt scaling is what the product serves: P = sigmoid(a·margin + b) is an affine map of the trees' log-odds, so it
// folds exactly into the ensemble (scale every leaf by a, base value → a·base + b) and the served ONNX graph stays a
// plain tree ensemble. Isotonic regression is fitted too, only to report how much a non-parametric calibration
// would have changed — it cannot be folded into the trees.

export interface Platt { a: number; b: number }
export interface Isotonic { x: number[]; y: number[] }

/**
 * Platt scaling exactly as scikit-learn's `_sigmoid_calibration`: Platt's smoothed targets (N₊+1)/(N₊+2) for
 * positives and 1/(N₋+2) for negatives (his guard against overfitting the extremes), and the (A, B) minimising the
 * cross-entropy of P = 1/(1 + exp(A·f + B)); we return a = −A, b = −B. Solved by Newton's method with backtracking
 * (Lin, Lin & Weng 2007, "A note on Platt's probabilistic outputs for support vector machines": numerically stable
 * loss and a tiny ridge on the Hessian). sklearn's BFGS stops at a gradient norm of 1e-5; we iterate to the
 * optimum, so results agree with sklearn to ~1e-7 and with the exact minimiser to rounding.
 */
export function fitPlatt(margins: ArrayLike<number>, y: ArrayLike<number>): Platt {
  const n = margins.length;
  if (y.length !== n) throw new Error(`${n} margins for ${y.length} labels`);
  let prior1 = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(margins[i]!)) throw new Error(`margin ${i} is not finite`);
    if (y[i]! > 0) prior1++;
  }
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = (i: number) => (y[i]! > 0 ? hi : lo);
  // Cross-entropy against the targets, written so that neither exp() can overflow.
  const loss = (A: number, B: number) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = margins[i]! * A + B;
      f += z >= 0 ? t(i) * z + Math.log1p(Math.exp(-z)) : (t(i) - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  };
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = loss(A, B);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const f = margins[i]!;
      const z = f * A + B;
      // p = P(y=1) = 1/(1+e^z), q = 1 − p, each from the side where exp() cannot overflow.
      const e = Math.exp(-Math.abs(z));
      const p = z >= 0 ? e / (1 + e) : 1 / (1 + e);
      const q = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      const d2 = p * q;
      h11 += f * f * d2;
      h22 += d2;
      h21 += f * d2;
      const d1 = t(i) - p;
      g1 += f * d1;
      g2 += d1;
    }
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    if (!(Math.abs(dA) + Math.abs(dB) > 1e-15 * (1 + Math.abs(A) + Math.abs(B)))) break;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = loss(nA, nB);
      // Near the optimum the loss changes by less than its own rounding (a sum of n terms), so a strict decrease
      // cannot be seen; a full Newton step that does not raise the loss beyond rounding is then taken anyway.
      if (nf < fval + 1e-4 * step * gd || (step === 1 && nf <= fval + 1e-13 * Math.max(1, Math.abs(fval)))) {
        A = nA;
        B = nB;
        fval = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    // No acceptable step along a Newton direction: the loss is flat to rounding, we are at the optimum.
    if (!moved) break;
  }
  return { a: -A, b: -B };
}

/** The calibrated probability for a margin: sigmoid(a·margin + b). */
export function applyPlatt({ a, b }: Platt, margin: number): number {
  const z = a * margin + b;
  const v = 1 / (1 + Math.exp(-Math.abs(z)));
  return z < 0 ? 1 - v : v;
}

/**
 * Isotonic regression of labels on scores as scikit-learn's IsotonicRegression(out_of_bounds='clip') fits it:
 * rows sorted by (score, label); scores closer than 1e-15 (float64 resolution) merged into one point with the mean
 * label and their count as weight; pool-adjacent-violators on those points (sklearn's in-place variant, which also
 * pools equal neighbours); then interior points whose value equals both neighbours' dropped. Returns the
 * breakpoints (`X_thresholds_`, `y_thresholds_`).
 */
export function fitIsotonic(p: ArrayLike<number>, y: ArrayLike<number>): Isotonic {
  const n = p.length;
  if (y.length !== n) throw new Error(`${n} scores for ${y.length} labels`);
  if (n === 0) throw new Error('isotonic regression needs at least one row');
  for (let i = 0; i < n; i++) if (!Number.isFinite(p[i]!)) throw new Error(`score ${i} is not finite`);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => p[i]! - p[j]! || y[i]! - y[j]!);

  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  let cx = p[order[0]!]!;
  let sy = 0;
  let sw = 0;
  for (const i of order) {
    if (p[i]! - cx >= 1e-15) {
      xs.push(cx);
      ys.push(sy / sw);
      ws.push(sw);
      cx = p[i]!;
      sy = 0;
      sw = 0;
    }
    sy += y[i]!;
    sw += 1;
  }
  xs.push(cx);
  ys.push(sy / sw);
  ws.push(sw);

  // Pool adjacent violators. Blocks are [i .. target[i]] with target[end] = start; a block's value and weight live
  // at its first index. Backtracking after each merge keeps it a single O(n) pass.
  const m = ys.length;
  const target = Int32Array.from({ length: m }, (_, i) => i);
  for (let i = 0; i < m; ) {
    let k = target[i]! + 1;
    if (k === m) break;
    if (ys[i]! < ys[k]!) {
      i = k;
      continue;
    }
    let sumWy = ws[i]! * ys[i]!;
    let sumW = ws[i]!;
    for (;;) {
      const prev = ys[k]!;
      sumWy += ws[k]! * ys[k]!;
      sumW += ws[k]!;
      k = target[k]! + 1;
      if (k === m || prev < ys[k]!) {
        ys[i] = sumWy / sumW;
        ws[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1]!;
        break;
      }
    }
  }
  for (let i = 0; i < m; ) {
    const k = target[i]! + 1;
    for (let j = i + 1; j < k; j++) ys[j] = ys[i]!;
    i = k;
  }

  const keep = ys.map((v, i) => i === 0 || i === m - 1 || v !== ys[i - 1] || v !== ys[i + 1]);
  return { x: xs.filter((_, i) => keep[i]), y: ys.filter((_, i) => keep[i]) };
}

/** Calibrated probabilities: linear interpolation between breakpoints, scores outside them clipped to the ends. */
export function applyIsotonic(model: Isotonic, p: ArrayLike<number>): Float64Array {
  const { x, y } = model;
  const m = x.length;
  const out = new Float64Array(p.length);
  for (let r = 0; r < p.length; r++) {
    const v = Math.min(Math.max(p[r]!, x[0]!), x[m - 1]!);
    if (Number.isNaN(p[r]!)) out[r] = NaN;
    else if (m === 1) out[r] = y[0]!;
    else {
      // scipy's interp1d: the first breakpoint >= v (binary search), kept within 1 … m−1.
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      const j = Math.min(Math.max(lo, 1), m - 1);
      const slope = (y[j]! - y[j - 1]!) / (x[j]! - x[j - 1]!);
      out[r] = slope * (v - x[j - 1]!) + y[j - 1]!;
    }
  }
  return out;
}
