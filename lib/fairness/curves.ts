// Per-group threshold curves for the threshold mitigation (thresholds.ts): for each group, a list of candidate cuts
// "contact every customer of the group whose score ≥ t", each with its confusion counts and objective. The rule is
// p ≥ threshold, as in lib/serving/policy.ts.
//
// One sort of all rows (score descending), then one pass with running sums, gives every group's counts at every
// distinct score: O(n log n) once. The cuts are then thinned to about 3 × maxCandidates per group. A cut is kept when
// it crosses a quantile boundary of the group's rows, of its churners or of its non-churners, so selection rate, TPR and
// FPR all move in steps of at most 1/maxCandidates. A group with fewer distinct scores keeps every cut, and the result
// is then exact. Three cuts are always kept: "contact nobody" (k = 0), the cut that the current global threshold makes,
// and the cut of the best single threshold. These two are labelled with the global threshold value itself, so a group
// left as it was shows exactly the global threshold.
//
// Ties in the sort are broken by label and then by monthly charge. Rows that still tie are then identical, so the
// running sums add the same numbers in the same order whatever the input order. The result is invariant under row
// permutation bit for bit, not only up to rounding.
import { FairnessOptionError } from './option-error';
import { DEFAULT_ECONOMICS } from '@/lib/serving/action';
import type { OfferEconomics } from '@/lib/serving/action';
import type { Confusion, GroupMetric, RateMetric } from './types';

export type ObjectiveKind = 'accuracy' | 'profit';

export interface ThresholdRows {
  /** Churn probability per row, in [0, 1]. */
  scores: ArrayLike<number>;
  /** 1 = churned, 0 = stayed. */
  labels: ArrayLike<number>;
  /** Index into groupNames per row (one attribute, or an intersection key built by the caller). */
  groups: ArrayLike<number>;
  groupNames: string[];
  /** Monthly charge per row (USD). Needed for the profit objective: CLV_i = clvMonths × monthly charge_i. */
  monthlyCharges?: ArrayLike<number> | null;
}

/** One group's candidate cuts, k = 0 (contact nobody) … last (contact everyone), threshold decreasing with k. */
export interface Curve {
  name: string;
  count: number;
  pos: number;
  neg: number;
  thr: Float64Array;
  contacted: Float64Array;
  tp: Float64Array;
  fp: Float64Array;
  /** Realised profit of contacting the cut (USD), or null without monthly charges. */
  profit: Float64Array | null;
  globalK: number;
  bestSingleK: number;
}

export interface Prepared {
  curves: Curve[];
  n: number;
  hasProfit: boolean;
  globalThreshold: number;
  /** The single threshold with the best objective on these rows (a distinct score, or `nobody`). */
  bestSingleThreshold: number;
  /** The threshold that contacts nobody: 1, or just above 1 if some score is exactly 1. */
  nobody: number;
}

/** What contacting one row adds to the objective, relative to not contacting it (which is worth 0). */
export function rowGain(objective: ObjectiveKind, label: number, monthlyCharge: number, e: OfferEconomics): number {
  if (objective === 'accuracy') return label === 1 ? 1 : -1; // a hit turns an FN into a TP (+1), a miss a TN into an FP (−1)
  return label === 1 ? e.saveRate * (e.clvMonths * monthlyCharge - e.offerCost) - e.contactCost : -e.offerCost - e.contactCost;
}

/**
 * Checks the rows and returns the monthly charges to value them by, or null. A missing charge (NaN, as the audit data
 * stores it for a model without that input) makes profit unknowable: the profit objective refuses it, while the accuracy
 * objective just reports profit as null.
 */
function validate(rows: ThresholdRows, objective: ObjectiveKind): ArrayLike<number> | null {
  const n = rows.scores.length;
  if (rows.labels.length !== n || rows.groups.length !== n || (rows.monthlyCharges && rows.monthlyCharges.length !== n)) {
    throw new FairnessOptionError('invalid_rows', 'scores', 'scores, labels, groups (and monthly charges) must have the same length.');
  }
  const G = rows.groupNames.length;
  let missing = rows.monthlyCharges ? 0 : n;
  for (let i = 0; i < n; i++) {
    const s = rows.scores[i]!;
    const y = rows.labels[i]!;
    const g = rows.groups[i]!;
    if (!(s >= 0 && s <= 1)) throw new FairnessOptionError('invalid_rows', 'scores', `Row ${i}: score ${s} is not a probability in [0, 1].`);
    if (y !== 0 && y !== 1) throw new FairnessOptionError('invalid_rows', 'labels', `Row ${i}: label ${y} is not 0 or 1.`);
    if (!Number.isInteger(g) || g < 0 || g >= G) throw new FairnessOptionError('invalid_rows', 'groups', `Row ${i}: group index ${g} is not in 0..${G - 1}.`);
    if (rows.monthlyCharges && !Number.isFinite(rows.monthlyCharges[i]!)) missing++;
  }
  if (missing > 0 && objective === 'profit') {
    throw new FairnessOptionError('missing_charges', 'monthly_charges', `The profit objective needs a monthly charge on every row; ${missing} of ${n} rows have none.`);
  }
  return missing > 0 ? null : rows.monthlyCharges!;
}

/** Index of the last cut (in a descending threshold list) that a threshold t still contacts, −1 = none. */
function lastAtOrAbove(desc: number[], t: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (desc[mid]! >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function prepareCurves(
  rows: ThresholdRows,
  opts: { globalThreshold: number; objective: ObjectiveKind; economics?: OfferEconomics; maxCandidates?: number },
): Prepared {
  const charges = validate(rows, opts.objective);
  if (!(opts.globalThreshold >= 0 && opts.globalThreshold <= 1)) throw new FairnessOptionError('invalid_option', 'global_threshold', 'The global threshold must be in [0, 1].');
  const e = opts.economics ?? DEFAULT_ECONOMICS;
  const K = Math.max(2, opts.maxCandidates ?? 400);
  const { scores, labels, groups } = rows;
  const n = scores.length;
  const G = rows.groupNames.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]! || labels[b]! - labels[a]! || (charges ? charges[b]! - charges[a]! : 0));

  // Full per-group cut lists (one entry per distinct score), and the best single threshold on all rows.
  const full = Array.from({ length: G }, () => ({ thr: [] as number[], c: [] as number[], tp: [] as number[], fp: [] as number[], pr: [] as number[] }));
  const run = new Float64Array(G * 4); // per group: contacted, tp, fp, profit
  let maxScore = 0;
  let total = 0;
  let best = 0;
  let bestSingleThreshold = NaN; // NaN = nobody, resolved below
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const s = scores[i]!;
    const y = labels[i]!;
    const g = groups[i]!;
    const charge = charges ? charges[i]! : 0;
    maxScore = Math.max(maxScore, s);
    total += rowGain(opts.objective, y, charge, e);
    if (r === n - 1 || scores[order[r + 1]!]! !== s) {
      if (total > best) {
        best = total;
        bestSingleThreshold = s;
      }
    }
    const o = g * 4;
    run[o] += 1;
    run[o + 1] += y;
    run[o + 2] += 1 - y;
    if (charges) run[o + 3] += rowGain('profit', y, charge, e);
    const f = full[g]!;
    const last = f.thr.length - 1;
    if (last >= 0 && f.thr[last] === s) {
      f.c[last] = run[o]!;
      f.tp[last] = run[o + 1]!;
      f.fp[last] = run[o + 2]!;
      f.pr[last] = run[o + 3]!;
    } else {
      f.thr.push(s);
      f.c.push(run[o]!);
      f.tp.push(run[o + 1]!);
      f.fp.push(run[o + 2]!);
      f.pr.push(run[o + 3]!);
    }
  }
  const nobody = maxScore < 1 ? 1 : 1 + Number.EPSILON;
  if (Number.isNaN(bestSingleThreshold)) bestSingleThreshold = nobody;

  const curves: Curve[] = rows.groupNames.map((name, g) => {
    const f = full[g]!;
    const m = f.thr.length;
    const count = m ? f.c[m - 1]! : 0;
    const pos = m ? f.tp[m - 1]! : 0;
    const neg = m ? f.fp[m - 1]! : 0;
    const gFull = lastAtOrAbove(f.thr, opts.globalThreshold);
    const bFull = lastAtOrAbove(f.thr, bestSingleThreshold);
    const keep: number[] = [];
    const bucket = (v: number, of: number) => (of > 0 ? Math.floor((v * K) / of) : 0);
    for (let j = 0; j < m; j++) {
      const pc = j ? f.c[j - 1]! : 0;
      const ptp = j ? f.tp[j - 1]! : 0;
      const pfp = j ? f.fp[j - 1]! : 0;
      if (j === m - 1 || j === gFull || j === bFull || bucket(f.c[j]!, count) > bucket(pc, count) ||
          bucket(f.tp[j]!, pos) > bucket(ptp, pos) || bucket(f.fp[j]!, neg) > bucket(pfp, neg)) keep.push(j);
    }
    const size = keep.length + 1;
    const curve: Curve = {
      name, count, pos, neg,
      thr: new Float64Array(size), contacted: new Float64Array(size), tp: new Float64Array(size), fp: new Float64Array(size),
      profit: charges ? new Float64Array(size) : null, globalK: 0, bestSingleK: 0,
    };
    curve.thr[0] = nobody;
    keep.forEach((j, idx) => {
      const k = idx + 1;
      curve.thr[k] = f.thr[j]!;
      curve.contacted[k] = f.c[j]!;
      curve.tp[k] = f.tp[j]!;
      curve.fp[k] = f.fp[j]!;
      if (curve.profit) curve.profit[k] = f.pr[j]!;
      if (j === bFull) curve.bestSingleK = k;
      if (j === gFull) curve.globalK = k;
    });
    // Same contact set, clearer label: a cut equal to a global threshold's carries that threshold.
    curve.thr[curve.bestSingleK] = bestSingleThreshold;
    curve.thr[curve.globalK] = opts.globalThreshold;
    return curve;
  });
  return { curves, n, hasProfit: charges !== null, globalThreshold: opts.globalThreshold, bestSingleThreshold, nobody };
}

export function gainAt(c: Curve, k: number, objective: ObjectiveKind): number {
  return objective === 'accuracy' ? c.tp[k]! - c.fp[k]! : c.profit![k]!;
}

/** A criterion metric at cut k; null where its denominator is 0 (as in the audit). */
export function metricAt(c: Curve, k: number, metric: GroupMetric): number | null {
  switch (metric) {
    case 'selection_rate': return c.count > 0 ? c.contacted[k]! / c.count : null;
    case 'tpr': return c.pos > 0 ? c.tp[k]! / c.pos : null;
    case 'fnr': return c.pos > 0 ? (c.pos - c.tp[k]!) / c.pos : null;
    case 'fpr': return c.neg > 0 ? c.fp[k]! / c.neg : null;
    case 'precision': return c.contacted[k]! > 0 ? c.tp[k]! / c.contacted[k]! : null;
    default: return null;
  }
}

export function confusionAt(c: Curve, k: number): Confusion {
  return { tp: c.tp[k]!, fp: c.fp[k]!, fn: c.pos - c.tp[k]!, tn: c.neg - c.fp[k]! };
}

/** The rate metrics of a confusion matrix (Aequitas/Fairlearn definitions), null on a zero denominator. */
export function ratesOf(m: Confusion): Record<RateMetric, number | null> {
  const d = (a: number, b: number) => (b > 0 ? a / b : null);
  const n = m.tp + m.fp + m.tn + m.fn;
  return {
    base_rate: d(m.tp + m.fn, n), selection_rate: d(m.tp + m.fp, n), tpr: d(m.tp, m.tp + m.fn), fpr: d(m.fp, m.fp + m.tn),
    fnr: d(m.fn, m.fn + m.tp), tnr: d(m.tn, m.tn + m.fp), precision: d(m.tp, m.tp + m.fp), for: d(m.fn, m.fn + m.tn),
    fdr: d(m.fp, m.fp + m.tp), accuracy: d(m.tp + m.tn, n),
  };
}

/** Range-argmax over a fixed array in O(1) per query after O(m log m) preparation (sparse table). */
export class RangeArgmax {
  private readonly table: Int32Array[];
  constructor(private readonly v: Float64Array) {
    const m = v.length;
    this.table = [Int32Array.from({ length: m }, (_, i) => i)];
    for (let w = 1; 2 * w <= m; w *= 2) {
      const prev = this.table[this.table.length - 1]!;
      const next = new Int32Array(m - 2 * w + 1);
      for (let i = 0; i < next.length; i++) next[i] = this.pick(prev[i]!, prev[i + w]!);
      this.table.push(next);
    }
  }
  /** Ties go to the lower index, so answers are deterministic. */
  private pick(a: number, b: number): number {
    return this.v[b]! > this.v[a]! || (this.v[b] === this.v[a] && b < a) ? b : a;
  }
  /** Index of the maximum in [a, b] (inclusive), or −1 if empty. */
  query(a: number, b: number): number {
    if (a > b || a < 0 || b >= this.v.length) return -1;
    const lvl = 31 - Math.clz32(b - a + 1);
    return this.pick(this.table[lvl]![a]!, this.table[lvl]![b - (1 << lvl) + 1]!);
  }
}

/** First index with v[i] ≥ x in a non-decreasing array. */
export function lowerBound(v: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with v[i] > x in a non-decreasing array. */
export function upperBound(v: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
