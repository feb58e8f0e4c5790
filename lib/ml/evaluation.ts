// Evaluation of binary churn scores: the scalar metrics the tracking store logs and the chart data the model pages
// draw (ROC, precision–recall, reliability diagram, lift/gains by decile). Curves follow scikit-learn 1.2 exactly
// (tests compare to its numbers in fixtures/evaluation.json): one threshold per distinct score, so tied scores move
// together, and the ROC's leading (0, 0) point carries threshold max(score) + 1 (sklearn ≥ 1.3 writes +∞ there,
// which JSON cannot hold). Labels are read as truthy = positive, as in lib/ml/metrics.ts.
import { auc, averagePrecision, brier, logLoss } from '@/lib/ml/metrics';

export interface RocCurve { fpr: number[]; tpr: number[]; thresholds: number[] }
export interface PrCurve { precision: number[]; recall: number[]; thresholds: number[] }
export interface RocPoint { fpr: number; tpr: number; threshold: number }
/** The last point (recall 0, precision 1) has no threshold, as in sklearn. */
export interface PrPoint { recall: number; precision: number; threshold: number | null }
export interface CalibrationBin { bin_lower: number; bin_upper: number; mean_predicted: number; observed_rate: number; count: number }
export interface LiftRow {
  decile: number; rows: number; positives: number; rate: number; lift: number; cumulative_gains_pct: number;
  min_score: number; max_score: number;
}

export interface BinaryEvaluation {
  rows: number; positives: number; base_rate: number; threshold: number;
  auc: number; pr_auc: number; log_loss: number; brier: number;
  accuracy: number; precision: number; recall: number; f1: number; ece: number;
  confusion: { tp: number; fp: number; tn: number; fn: number };
  roc: RocPoint[]; pr: PrPoint[]; calibration: CalibrationBin[]; lift: LiftRow[];
}

export const MAX_CURVE_POINTS = 200;

function check(p: ArrayLike<number>, y: ArrayLike<number>): void {
  if (p.length !== y.length) throw new Error(`${p.length} scores for ${y.length} labels`);
  for (let i = 0; i < p.length; i++) if (!Number.isFinite(p[i]!)) throw new Error(`score ${i} is not a finite number (${p[i]})`);
}

function descending(p: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: p.length }, (_, i) => i);
  return order.sort((a, b) => p[b]! - p[a]! || a - b);
}

/** scikit-learn's `_binary_clf_curve`: false/true positive counts at each distinct score, highest score first. */
export function binaryClfCurve(p: ArrayLike<number>, y: ArrayLike<number>, order = descending(p)): { fps: number[]; tps: number[]; thresholds: number[] } {
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    tp += y[order[k]!] ? 1 : 0;
    const s = p[order[k]!]!;
    if (k + 1 < order.length && p[order[k + 1]!] === s) continue;
    tps.push(tp);
    fps.push(k + 1 - tp);
    thresholds.push(s);
  }
  return { fps, tps, thresholds };
}

/**
 * The ROC curve as `roc_curve` returns it. `dropIntermediate` (sklearn's default, ours is off so the full curve is
 * the default) drops points collinear with their neighbours — lossless for a straight-line plot.
 */
export function rocCurve(p: ArrayLike<number>, y: ArrayLike<number>, opts: { dropIntermediate?: boolean; order?: Uint32Array } = {}): RocCurve {
  let { fps, tps, thresholds } = binaryClfCurve(p, y, opts.order);
  if (opts.dropIntermediate && fps.length > 2) {
    const keep = fps.map((_, i) => i === 0 || i === fps.length - 1 || fps[i - 1]! - 2 * fps[i]! + fps[i + 1]! !== 0 || tps[i - 1]! - 2 * tps[i]! + tps[i + 1]! !== 0);
    fps = fps.filter((_, i) => keep[i]);
    tps = tps.filter((_, i) => keep[i]);
    thresholds = thresholds.filter((_, i) => keep[i]);
  }
  const fpMax = fps.length ? fps[fps.length - 1]! : 0;
  const tpMax = tps.length ? tps[tps.length - 1]! : 0;
  return {
    fpr: [0, ...fps].map((v) => (fpMax > 0 ? v / fpMax : NaN)),
    tpr: [0, ...tps].map((v) => (tpMax > 0 ? v / tpMax : NaN)),
    thresholds: thresholds.length ? [thresholds[0]! + 1, ...thresholds] : [],
  };
}

/** `precision_recall_curve`: recall decreasing, ending at (recall 0, precision 1); thresholds increasing. */
export function precisionRecallCurve(p: ArrayLike<number>, y: ArrayLike<number>, order?: Uint32Array): PrCurve {
  const { fps, tps, thresholds } = binaryClfCurve(p, y, order);
  const tpMax = tps.length ? tps[tps.length - 1]! : 0;
  const precision = tps.map((tp, i) => (tp + fps[i]! > 0 ? tp / (tp + fps[i]!) : 0)).reverse();
  const recall = tps.map((tp) => (tpMax === 0 ? 1 : tp / tpMax)).reverse();
  return { precision: [...precision, 1], recall: [...recall, 0], thresholds: thresholds.reverse() };
}

/**
 * Equal-width bins on [0, 1] exactly as `calibration_curve(strategy='uniform')`: edges i·(1/nBins) as numpy's
 * linspace computes them (so the 0.3 edge is 0.30000000000000004), a score on an edge belongs to the lower bin
 * (bins are (lower, upper], the first [0, upper]), and empty bins are left out.
 */
export function calibrationBins(p: ArrayLike<number>, y: ArrayLike<number>, nBins = 10): CalibrationBin[] {
  check(p, y);
  const step = 1 / nBins;
  const edge = (i: number) => (i === nBins ? 1 : i * step);
  const count = new Float64Array(nBins);
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v < 0 || v > 1) throw new Error(`score ${i} (${v}) is outside [0, 1]`);
    let b = 0;
    while (b < nBins - 1 && edge(b + 1) < v) b++;
    count[b]!++;
    sumP[b]! += v;
    sumY[b]! += y[i] ? 1 : 0;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (!count[b]) continue;
    bins.push({ bin_lower: edge(b), bin_upper: edge(b + 1), mean_predicted: sumP[b]! / count[b]!, observed_rate: sumY[b]! / count[b]!, count: count[b]! });
  }
  return bins;
}

/**
 * Expected calibration error on the same bins: Σ_b (n_b / N) · |mean predicted_b − observed rate_b| over non-empty
 * bins (Naeini et al. 2015, with 10 equal-width bins). It reads as "how far, on average over customers, the score
 * is from the churn rate of customers with similar scores"; 0 is perfectly calibrated.
 */
export function expectedCalibrationError(p: ArrayLike<number>, y: ArrayLike<number>, nBins = 10): number {
  let e = 0;
  for (const b of calibrationBins(p, y, nBins)) e += (b.count / p.length) * Math.abs(b.mean_predicted - b.observed_rate);
  return e;
}

/**
 * Lift and cumulative gains by decile of score, highest scores first. Deciles are equal-sized by rank (decile k
 * holds ranks ⌊(k−1)N/10⌋ … ⌊kN/10⌋−1). A group of tied scores split by a decile boundary shares its positives in
 * proportion to the rows on each side — the expectation over random tie-breaking — so the table does not depend on
 * row order (positives can then be fractional). With fewer than 10 rows, empty deciles are left out.
 */
export function liftTable(p: ArrayLike<number>, y: ArrayLike<number>, groups = 10, order = descending(p)): LiftRow[] {
  const n = order.length;
  const expected = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    let pos = 0;
    while (j < n && p[order[j]!] === p[order[i]!]) pos += y[order[j++]!] ? 1 : 0;
    expected.fill(pos / (j - i), i, j);
    i = j;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i] ? 1 : 0;
  const base = total / n;
  const rows: LiftRow[] = [];
  let cum = 0;
  for (let k = 0; k < groups; k++) {
    const a = Math.floor((k * n) / groups);
    const b = Math.floor(((k + 1) * n) / groups);
    if (a === b) continue;
    let positives = 0;
    for (let i = a; i < b; i++) positives += expected[i]!;
    cum += positives;
    const rate = positives / (b - a);
    rows.push({
      decile: k + 1, rows: b - a, positives, rate, lift: rate / base, cumulative_gains_pct: (100 * cum) / total,
      min_score: p[order[b - 1]!]!, max_score: p[order[a]!]!,
    });
  }
  return rows;
}

/**
 * Indices of at most `maxPoints` points of a curve, first and last always kept, chosen by largest-triangle-three-
 * buckets (Steinarsson 2013): per bucket, the point that spans the largest triangle with the previously kept point
 * and the next bucket's centroid — which keeps corners and drops points on nearly straight runs.
 */
export function downsampleIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): number[] {
  const n = xs.length;
  if (n <= maxPoints || n <= 2) return Array.from({ length: n }, (_, i) => i);
  if (maxPoints < 3) return maxPoints <= 1 ? [0] : [0, n - 1];
  const out = [0];
  const every = (n - 2) / (maxPoints - 2);
  let a = 0;
  for (let i = 0; i < maxPoints - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let cx = 0;
    let cy = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      cx += xs[j]!;
      cy += ys[j]!;
    }
    cx /= nextEnd - nextStart;
    cy /= nextEnd - nextStart;
    const from = Math.floor(i * every) + 1;
    const to = Math.floor((i + 1) * every) + 1;
    let best = from;
    let bestArea = -1;
    for (let j = from; j < to; j++) {
      const area = Math.abs((xs[a]! - cx) * (ys[j]! - ys[a]!) - (xs[a]! - xs[j]!) * (cy - ys[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}

/** Everything the model pages chart and the tracking store logs, for scores `p` at decision rule p >= threshold. */
export function evaluateBinary(p: ArrayLike<number>, y: ArrayLike<number>, threshold: number): BinaryEvaluation {
  check(p, y);
  const n = p.length;
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const pos = y[i] ? 1 : 0;
    positives += pos;
    if (p[i]! >= threshold) {
      tp += pos;
      fp += 1 - pos;
    }
  }
  const fn = positives - tp;
  const tn = n - positives - fp;
  // sklearn's conventions for undefined ratios (zero_division=0) and its F-score formula.
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = positives > 0 ? tp / positives : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;

  const order = descending(p);
  const roc = rocCurve(p, y, { dropIntermediate: true, order });
  const pr = precisionRecallCurve(p, y, order);
  return {
    rows: n, positives, base_rate: positives / n, threshold,
    auc: auc(p, y), pr_auc: averagePrecision(p, y), log_loss: logLoss(p, y), brier: brier(p, y),
    accuracy: (tp + tn) / n, precision, recall, f1,
    ece: expectedCalibrationError(p, y),
    confusion: { tp, fp, tn, fn },
    roc: downsampleIndices(roc.fpr, roc.tpr, MAX_CURVE_POINTS).map((i) => ({ fpr: roc.fpr[i]!, tpr: roc.tpr[i]!, threshold: roc.thresholds[i]! })),
    pr: downsampleIndices(pr.recall, pr.precision, MAX_CURVE_POINTS).map((i) => ({ recall: pr.recall[i]!, precision: pr.precision[i]!, threshold: pr.thresholds[i] ?? null })),
    calibration: calibrationBins(p, y),
    lift: liftTable(p, y, 10, order),
  };
}
