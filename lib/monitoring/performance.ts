// Realized performance (once labels arrive) and CBPE, NannyML's confidence-based performance estimation, which
// needs no labels: with calibrated probabilities p, a row predicted positive is a true positive with probability p
// and a false positive with probability 1 − p (a row predicted negative: false negative p, true negative 1 − p), so
// the expected confusion matrix is a sum of probabilities. Its assumptions are the model's calibration and no
// concept drift — which is why the realized line departing from the estimate is the sign of concept drift.
import { auc } from '@/lib/ml/metrics';
import { brier, logLoss } from '@/lib/ml/metrics';
import { calibrationBins, expectedCalibrationError } from '@/lib/ml/evaluation';
import type { EstimatedPerformance, RealizedPerformance } from './types';

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const f1Of = (tp: number, fp: number, fn: number): number | null => (2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null);

/** Scores and 0/1 labels of the labelled rows, with the threshold each prediction was decided at. */
export function realizedPerformance(p: ArrayLike<number>, y: ArrayLike<number>, thresholds: ArrayLike<number>): RealizedPerformance | null {
  const n = p.length;
  if (n === 0) return null;
  let tp = 0, fp = 0, tn = 0, fn = 0, positives = 0, sumP = 0, sumT = 0;
  for (let i = 0; i < n; i++) {
    const pos = p[i]! >= thresholds[i]!;
    const yi = y[i] ? 1 : 0;
    positives += yi;
    sumP += p[i]!;
    sumT += thresholds[i]!;
    if (pos && yi) tp++;
    else if (pos) fp++;
    else if (yi) fn++;
    else tn++;
  }
  const a = auc(p, y);
  return {
    n,
    positives,
    base_rate: positives / n,
    mean_predicted: sumP / n,
    auc: Number.isFinite(a) ? a : null,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: f1Of(tp, fp, fn),
    accuracy: (tp + tn) / n,
    log_loss: logLoss(p, y),
    brier: brier(p, y),
    ece: expectedCalibrationError(p, y),
    calibration: calibrationBins(p, y).map((b, i) => ({ bin: i, lower: b.bin_lower, upper: b.bin_upper, n: b.count, mean_predicted: b.mean_predicted, observed: b.observed_rate })),
    confusion: { tp, fp, tn, fn },
    threshold: sumT / n,
  };
}

/**
 * Expected ROC AUC without labels (NannyML's `estimate_roc_auc`): walk the rows from the highest score down; at each
 * distinct score the expected true positives so far are Σp and the expected false positives Σ(1 − p); the expected
 * ROC curve through those points is integrated with the trapezoid rule. Tied scores form one step.
 */
export function estimatedAuc(p: ArrayLike<number>): number | null {
  const n = p.length;
  if (n === 0) return null;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => p[b]! - p[a]!);
  let totalP = 0;
  for (let i = 0; i < n; i++) totalP += p[i]!;
  const totalN = n - totalP;
  if (totalP <= 0 || totalN <= 0) return null;
  let tp = 0, fp = 0, prevTpr = 0, prevFpr = 0, area = 0;
  let i = 0;
  while (i < n) {
    const s = p[order[i]!]!;
    while (i < n && p[order[i]!]! === s) {
      tp += p[order[i]!]!;
      fp += 1 - p[order[i]!]!;
      i++;
    }
    const tpr = tp / totalP;
    const fpr = fp / totalN;
    area += ((fpr - prevFpr) * (tpr + prevTpr)) / 2;
    prevTpr = tpr;
    prevFpr = fpr;
  }
  return area;
}

/**
 * Hanley & McNeil's standard error of an AUC for a sample with nPos positives and nNeg negatives. Used for the ±3 SE
 * band around the estimate (NannyML draws its bands at three sampling errors).
 */
export function aucStandardError(a: number, nPos: number, nNeg: number): number | null {
  if (nPos < 1 || nNeg < 1) return null;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (nPos - 1) * (q1 - a * a) + (nNeg - 1) * (q2 - a * a)) / (nPos * nNeg);
  return Math.sqrt(Math.max(0, v));
}

export function estimatedPerformance(p: ArrayLike<number>, thresholds: ArrayLike<number>): EstimatedPerformance {
  const n = p.length;
  let tp = 0, fp = 0, tn = 0, fn = 0, sumT = 0, expectedPositives = 0;
  for (let i = 0; i < n; i++) {
    const q = p[i]!;
    expectedPositives += q;
    sumT += thresholds[i]!;
    if (q >= thresholds[i]!) {
      tp += q;
      fp += 1 - q;
    } else {
      fn += q;
      tn += 1 - q;
    }
  }
  const a = estimatedAuc(p);
  const se = a === null ? null : aucStandardError(a, expectedPositives, n - expectedPositives);
  return {
    n,
    auc: a,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: f1Of(tp, fp, fn),
    accuracy: n ? (tp + tn) / n : 0,
    expected_positives: expectedPositives,
    confusion: { tp, fp, tn, fn },
    threshold: n ? sumT / n : 0,
    auc_band: a !== null && se !== null ? { lower: Math.max(0, a - 3 * se), upper: Math.min(1, a + 3 * se) } : null,
  };
}
