// Group metrics from confusion counts (Aequitas group.py / Fairlearn base metrics). Internally every metric is a
// float with NaN standing for "undefined" (zero denominator), so the point estimate and each bootstrap replicate
// go through exactly the same arithmetic on flat Float64Arrays; NaN becomes null only at the API boundary.

import { RATE_METRICS, SCORE_METRICS } from './types';
import type { GroupMetric } from './types';

/** The metric columns of an audit, in output order: the rates, then the score metrics when scores were given. */
export function metricList(withScores: boolean): GroupMetric[] {
  return withScores ? [...RATE_METRICS, ...SCORE_METRICS] : [...RATE_METRICS];
}

const div = (a: number, b: number): number => (b === 0 ? NaN : a / b);

/**
 * Writes one group's metrics into out[off .. off + 10 (or 13)) in metricList order.
 * u = Mann–Whitney U of the group's positives vs its negatives (ties count 1/2), scoreSum = Σ y_score.
 * Pass u = NaN / scoreSum = NaN when there are no scores (and a 10-wide row).
 */
export function writeGroupMetrics(
  tp: number,
  fp: number,
  tn: number,
  fn: number,
  withScores: boolean,
  u: number,
  scoreSum: number,
  out: Float64Array,
  off: number,
): void {
  const n = tp + fp + tn + fn;
  const pos = tp + fn;
  const neg = fp + tn;
  const baseRate = div(pos, n);
  out[off] = baseRate;
  out[off + 1] = div(tp + fp, n); // selection_rate (Aequitas pprev)
  out[off + 2] = div(tp, pos); // tpr
  out[off + 3] = div(fp, neg); // fpr
  out[off + 4] = div(fn, pos); // fnr
  out[off + 5] = div(tn, neg); // tnr
  out[off + 6] = div(tp, tp + fp); // precision
  out[off + 7] = div(fn, fn + tn); // for
  out[off + 8] = div(fp, tp + fp); // fdr
  out[off + 9] = div(tp + tn, n); // accuracy
  if (!withScores) return;
  // AUC is undefined with a single class, as in sklearn (which raises); here it is null.
  out[off + 10] = pos === 0 || neg === 0 ? NaN : u / (pos * neg);
  const mean = div(scoreSum, n);
  out[off + 11] = mean;
  out[off + 12] = baseRate === 0 ? NaN : mean / baseRate; // calibration_ratio: mean predicted ÷ observed
}

/** NaN / ±Infinity → null, for JSON. */
export const nullable = (v: number): number | null => (Number.isFinite(v) ? v : null);
