// Summaries of a SHAP matrix for the model pages: global importance, dependence scatter data, and contributions
// summed back to the original features when a pipeline expanded them (one-hot columns).
import { mulberry32 } from '@/lib/ml/prng';

/** Mean |SHAP| per feature over `rows` rows of a row-major rows × nFeatures matrix. */
export function globalImportance(values: ArrayLike<number>, rows: number, nFeatures: number): Float64Array {
  const out = new Float64Array(nFeatures);
  if (rows === 0) return out;
  for (let r = 0; r < rows; r++) for (let j = 0; j < nFeatures; j++) out[j]! += Math.abs(values[r * nFeatures + j]!);
  for (let j = 0; j < nFeatures; j++) out[j]! /= rows;
  return out;
}

/**
 * Points for a dependence plot of one feature: its value against its SHAP value. With more than `maxPoints` rows,
 * a uniform sample without replacement drawn by `seed` (so the chart is stable between runs of the same model);
 * points are returned in row order. A missing (NaN) value comes back as null, so JSON keeps it and the chart can
 * show missing rows apart instead of dropping them.
 */
export function dependence(
  values: ArrayLike<number>, x: ArrayLike<number>, rows: number, nFeatures: number,
  feature: number, maxPoints: number, seed: number,
): { x: (number | null)[]; shap: number[] } {
  if (feature < 0 || feature >= nFeatures) throw new Error(`feature ${feature} out of range 0..${nFeatures - 1}`);
  let picked: Uint32Array;
  if (rows <= maxPoints) {
    picked = Uint32Array.from({ length: rows }, (_, i) => i);
  } else {
    // Partial Fisher–Yates: the first k slots become a uniform k-subset.
    const k = Math.max(0, Math.floor(maxPoints));
    const idx = Uint32Array.from({ length: rows }, (_, i) => i);
    const rand = mulberry32(seed);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rand() * (rows - i));
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    picked = idx.subarray(0, k).sort();
  }
  const xs: (number | null)[] = [];
  const shap: number[] = [];
  for (const r of picked) {
    const v = x[r * nFeatures + feature]!;
    xs.push(Number.isNaN(v) ? null : v);
    shap.push(values[r * nFeatures + feature]!);
  }
  return { x: xs, shap };
}

/**
 * Sums per-column contributions of one row into the original features they came from (e.g. the one-hot columns
 * of `plan`), so the explanation speaks in the customer record's terms. `columnFeature[c]` names column c's
 * feature; null marks a column that belongs to no feature (an intercept-like column) — it is left out, so the
 * grouped values no longer add up to the margin by exactly that column's contribution.
 */
export function groupContributions(values: ArrayLike<number>, columnFeature: readonly (string | null)[]): Record<string, number> {
  if (values.length !== columnFeature.length) throw new Error(`${values.length} contributions for ${columnFeature.length} columns`);
  const out: Record<string, number> = {};
  columnFeature.forEach((f, c) => {
    if (f === null) return;
    out[f] = (Object.hasOwn(out, f) ? out[f]! : 0) + values[c]!;
  });
  return out;
}
