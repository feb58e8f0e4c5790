// Synthetic scored rows for the threshold tests: per group, churn labels at a base rate and scores from a logistic
// model whose intercept the test chooses. A lower intercept means the model under-scores that group. Seeded, so it is
// reproducible.
import { mulberry32 } from '@/lib/ml/prng';
import type { ThresholdRows } from './curves';

export interface SyntheticGroup {
  name: string;
  n: number;
  baseRate: number;
  /** Logit intercept; a churner's logit is intercept + separation. */
  intercept: number;
  separation?: number;
  /** Round scores to this many decimals (creates ties). */
  decimals?: number;
}

/** The project's seeded PRNG (mulberry32). */
export const rng = mulberry32;

export interface SyntheticRows extends ThresholdRows {
  scores: Float64Array;
  labels: Uint8Array;
  groups: Int32Array;
  monthlyCharges: Float64Array;
}

export function synthetic(groups: SyntheticGroup[], seed = 1): SyntheticRows {
  const rand = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const total = groups.reduce((s, g) => s + g.n, 0);
  const scores = new Float64Array(total);
  const labels = new Uint8Array(total);
  const idx = new Int32Array(total);
  const monthlyCharges = new Float64Array(total);
  let i = 0;
  groups.forEach((g, gi) => {
    for (let j = 0; j < g.n; j++, i++) {
      const y = rand() < g.baseRate ? 1 : 0;
      const s = 1 / (1 + Math.exp(-(g.intercept + (g.separation ?? 3) * y + normal())));
      scores[i] = g.decimals === undefined ? s : Number(s.toFixed(g.decimals));
      labels[i] = y;
      idx[i] = gi;
      monthlyCharges[i] = 8 + Math.round(rand() * 12);
    }
  });
  return { scores, labels, groups: idx, groupNames: groups.map((g) => g.name), monthlyCharges };
}

/** Independent recomputation: a group's confusion counts under "contact iff score ≥ threshold". */
export function countsAt(rows: ThresholdRows, group: number, threshold: number) {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < rows.scores.length; i++) {
    if (rows.groups[i] !== group) continue;
    const contact = rows.scores[i]! >= threshold;
    if (rows.labels[i] === 1) {
      if (contact) tp++;
      else fn++;
    } else if (contact) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn, tpr: tp / (tp + fn), fpr: fp / (fp + tn), precision: tp / (tp + fp), selection: (tp + fp) / (tp + fp + tn + fn) };
}

/** Permute rows (all columns together). */
export function permute(rows: SyntheticRows, order: number[]): SyntheticRows {
  return {
    scores: Float64Array.from(order, (i) => rows.scores[i]!),
    labels: Uint8Array.from(order, (i) => rows.labels[i]!),
    groups: Int32Array.from(order, (i) => rows.groups[i]!),
    groupNames: rows.groupNames,
    monthlyCharges: Float64Array.from(order, (i) => rows.monthlyCharges[i]!),
  };
}
