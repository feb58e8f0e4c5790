// Small, dependency-free evaluation tools used to check the world's design targets: the AUC, and a plain logistic
// regression on standardised / one-hot features as the "linear baseline" the churn process is built to defeat.

import { FEATURES } from './features';
import type { CustomerFeatures } from './features';

/** ROC AUC with average ranks for ties (Mann-Whitney U). Labels: truthy = positive. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]]) {
        positives++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Maps feature rows to a numeric design: standardised numerics (nulls mean-imputed + missing flag), one-hot cats. */
export interface Encoder {
  dim: number;
  encode(row: CustomerFeatures, out: Float64Array, offset: number): void;
}

export function fitEncoder(rows: readonly CustomerFeatures[]): Encoder {
  const numeric = FEATURES.filter((f) => f.type === 'numeric').map((f) => f.name as keyof CustomerFeatures);
  const nullable = new Set(FEATURES.filter((f) => f.nullable).map((f) => f.name));
  const categorical = FEATURES.filter((f) => f.type === 'categorical');
  const booleans = FEATURES.filter((f) => f.type === 'boolean').map((f) => f.name as keyof CustomerFeatures);
  const mean: number[] = [];
  const sd: number[] = [];
  for (const name of numeric) {
    let s = 0;
    let ss = 0;
    let k = 0;
    for (const r of rows) {
      const v = r[name] as number | null;
      if (v === null) continue;
      s += v;
      ss += v * v;
      k++;
    }
    const m = k ? s / k : 0;
    mean.push(m);
    sd.push(Math.sqrt(Math.max(ss / Math.max(k, 1) - m * m, 1e-12)));
  }
  const missingCols = numeric.filter((n) => nullable.has(n));
  // One-hot with the first category dropped, so the design has no exact collinearity with the intercept.
  const catLevels = categorical.map((f) => (f.categories ?? []).slice(1));
  const dim = numeric.length + missingCols.length + catLevels.reduce((a, l) => a + l.length, 0) + booleans.length;

  return {
    dim,
    encode(row, out, offset) {
      let j = offset;
      for (let k = 0; k < numeric.length; k++) {
        const v = row[numeric[k]] as number | null;
        out[j++] = v === null ? 0 : (v - mean[k]) / sd[k];
      }
      for (const name of missingCols) out[j++] = row[name] === null ? 1 : 0;
      for (let c = 0; c < categorical.length; c++) {
        const value = row[categorical[c].name as keyof CustomerFeatures];
        for (const level of catLevels[c]) out[j++] = value === level ? 1 : 0;
      }
      for (const name of booleans) out[j++] = row[name] ? 1 : 0;
    },
  };
}

export interface LogisticModel {
  encoder: Encoder;
  /** Intercept first, then one weight per encoded column. */
  weights: Float64Array;
  predict(row: CustomerFeatures): number;
}

/** Solves A x = b in place for a symmetric positive-definite A (row-major n×n) by Cholesky. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / a[j * n + j];
    }
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * x[k];
    x[i] = s / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x;
}

/** L2-regularised logistic regression fitted by Newton-Raphson (IRLS); converges in a handful of iterations. */
export function fitLogistic(
  rows: readonly CustomerFeatures[],
  labels: ArrayLike<boolean | number>,
  opts: { l2?: number; iterations?: number } = {},
): LogisticModel {
  const l2 = opts.l2 ?? 1e-3;
  const iterations = opts.iterations ?? 8;
  const encoder = fitEncoder(rows);
  const p = encoder.dim + 1;
  const n = rows.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    x[i * p] = 1;
    encoder.encode(rows[i], x, i * p + 1);
  }
  const w = new Float64Array(p);
  for (let it = 0; it < iterations; it++) {
    const h = new Float64Array(p * p);
    const g = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const o = i * p;
      let z = 0;
      for (let j = 0; j < p; j++) z += w[j] * x[o + j];
      const mu = 1 / (1 + Math.exp(-z));
      const r = mu - (labels[i] ? 1 : 0);
      const v = Math.max(mu * (1 - mu), 1e-9);
      for (let j = 0; j < p; j++) {
        const xj = x[o + j];
        if (xj === 0) continue;
        g[j] += r * xj;
        const vx = v * xj;
        for (let k = 0; k <= j; k++) h[j * p + k] += vx * x[o + k];
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) h[k * p + j] = h[j * p + k];
      const ridge = j === 0 ? 0 : l2 * n;
      h[j * p + j] += ridge + 1e-9;
      g[j] += ridge * w[j];
    }
    const step = solveSpd(h, g, p);
    let change = 0;
    for (let j = 0; j < p; j++) {
      w[j] -= step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (change < 1e-6) break;
  }
  const buf = new Float64Array(p);
  return {
    encoder,
    weights: w,
    predict(row) {
      buf[0] = 1;
      encoder.encode(row, buf, 1);
      let z = 0;
      for (let j = 0; j < p; j++) z += w[j] * buf[j];
      return 1 / (1 + Math.exp(-z));
    },
  };
}
