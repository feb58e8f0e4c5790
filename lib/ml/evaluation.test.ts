import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/ml/prng';
import fixture from './fixtures/evaluation.json';
import {
  binaryClfCurve, calibrationBins, downsampleIndices, evaluateBinary, expectedCalibrationError, liftTable,
  MAX_CURVE_POINTS, precisionRecallCurve, rocCurve,
} from './evaluation';

const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);
const allClose = (a: readonly number[], b: readonly number[], tol = 1e-12) => {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => close(v, b[i]!, tol));
};
/** Trapezoidal area under a piecewise-linear curve. */
const area = (x: readonly number[], y: readonly number[]) => x.slice(1).reduce((s, xi, i) => s + (xi - x[i]!) * (y[i + 1]! + y[i]!) / 2, 0);

describe.each(fixture.cases)('against scikit-learn: $name', ({ p, y, threshold, expected: ex }) => {
  const e = evaluateBinary(p, y, threshold);

  it('matches the scalar metrics within 1e-9', () => {
    for (const k of ['auc', 'pr_auc', 'log_loss', 'brier', 'accuracy', 'precision', 'recall', 'f1', 'ece'] as const) close(e[k], ex[k]);
    expect(e.rows).toBe(ex.rows);
    expect(e.positives).toBe(ex.positives);
    close(e.base_rate, ex.positives / ex.rows, 1e-15);
    expect(e.confusion.tp + e.confusion.fp + e.confusion.tn + e.confusion.fn).toBe(ex.rows);
  });

  it('matches roc_curve point for point, with and without drop_intermediate', () => {
    const full = rocCurve(p, y);
    allClose(full.fpr, ex.roc_full.fpr);
    allClose(full.tpr, ex.roc_full.tpr);
    allClose(full.thresholds, ex.roc_full.thresholds, 0);
    const dropped = rocCurve(p, y, { dropIntermediate: true });
    allClose(dropped.fpr, ex.roc_dropped.fpr);
    allClose(dropped.tpr, ex.roc_dropped.tpr);
    allClose(dropped.thresholds, ex.roc_dropped.thresholds, 0);
    // One point per distinct score, plus the (0, 0) start.
    expect(full.fpr).toHaveLength(new Set(p).size + 1);
  });

  it('matches precision_recall_curve point for point', () => {
    const pr = precisionRecallCurve(p, y);
    allClose(pr.precision, ex.pr.precision);
    allClose(pr.recall, ex.pr.recall);
    allClose(pr.thresholds, ex.pr.thresholds, 0);
  });

  it('matches calibration_curve(n_bins=10, strategy="uniform")', () => {
    const bins = calibrationBins(p, y);
    allClose(bins.map((b) => b.observed_rate), ex.calibration.prob_true);
    allClose(bins.map((b) => b.mean_predicted), ex.calibration.prob_pred);
    expect(bins.map((b) => b.count)).toEqual(ex.calibration.counts);
    close(expectedCalibrationError(p, y), ex.ece);
  });

  it('matches the reference lift table (ties split in proportion)', () => {
    expect(e.lift).toHaveLength(ex.lift.length);
    e.lift.forEach((row, i) => {
      const r = ex.lift[i]!;
      expect([row.decile, row.rows, row.min_score, row.max_score]).toEqual([r.decile, r.rows, r.min_score, r.max_score]);
      for (const k of ['positives', 'rate', 'lift', 'cumulative_gains_pct'] as const) close(row[k], r[k]);
    });
  });

  it('charts at most 200 points, keeping the ends and the area', () => {
    expect(e.roc.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(e.roc[0]).toEqual({ fpr: 0, tpr: 0, threshold: ex.roc_full.thresholds[0] });
    expect(e.roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    close(area(e.roc.map((q) => q.fpr), e.roc.map((q) => q.tpr)), ex.auc, 2e-3);
    expect(e.pr.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(e.pr.at(-1)).toEqual({ recall: 0, precision: 1, threshold: null });
    expect(e.pr[0]).toEqual({ recall: 1, precision: ex.pr.precision[0], threshold: ex.pr.thresholds[0] });
  });
});

describe('curves', () => {
  it('give tied scores one threshold', () => {
    expect(binaryClfCurve([0.5, 0.5, 0.5], [1, 0, 1])).toEqual({ fps: [1], tps: [2], thresholds: [0.5] });
    const roc = rocCurve([0.5, 0.5], [1, 0]);
    expect(roc).toEqual({ fpr: [0, 1], tpr: [0, 1], thresholds: [1.5, 0.5] });
  });

  it('follow sklearn when a class is absent (NaN rates, recall 1)', () => {
    expect(rocCurve([0.2, 0.7], [0, 0]).tpr.every(Number.isNaN)).toBe(true);
    expect(precisionRecallCurve([0.2, 0.7], [0, 0]).recall).toEqual([1, 1, 0]);
  });

  it('refuse scores outside [0, 1] for calibration and non-finite scores', () => {
    expect(() => calibrationBins([1.2], [1])).toThrow(/outside/);
    expect(() => evaluateBinary([NaN], [1], 0.5)).toThrow(/finite/);
    expect(() => evaluateBinary([0.1], [1, 0], 0.5)).toThrow(/1 scores for 2 labels/);
  });

  it('report lift with an order-independent split of tied scores', () => {
    // 20 rows, all tied: every decile gets the overall rate, whatever the row order.
    const p = new Array(20).fill(0.4);
    const y = Array.from({ length: 20 }, (_, i) => (i < 5 ? 1 : 0));
    for (const row of liftTable(p, y)) {
      expect(row.rows).toBe(2);
      close(row.rate, 0.25, 1e-15);
      close(row.lift, 1, 1e-15);
    }
    expect(liftTable(p, y).at(-1)!.cumulative_gains_pct).toBeCloseTo(100, 12);
  });
});

describe('downsampleIndices', () => {
  it('keeps ends, stays increasing, and preserves the shape of a long ROC curve', () => {
    const rand = mulberry32(9);
    const n = 50_000;
    const y = Array.from({ length: n }, () => (rand() < 0.3 ? 1 : 0));
    const p = y.map((v) => 1 / (1 + Math.exp(-(v * 1.2 + rand() * 2 - 1.3))));
    const roc = rocCurve(p, y);
    const idx = downsampleIndices(roc.fpr, roc.tpr, 200);
    expect(idx.length).toBeLessThanOrEqual(200);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(roc.fpr.length - 1);
    idx.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(idx[i]!));
    close(area(idx.map((i) => roc.fpr[i]!), idx.map((i) => roc.tpr[i]!)), area(roc.fpr, roc.tpr), 1e-3);
    // The point of the curve farthest from the diagonal (Youden's J) is a corner the sample must nearly keep.
    const j = (i: number) => roc.tpr[i]! - roc.fpr[i]!;
    const best = Math.max(...roc.fpr.map((_, i) => j(i)));
    expect(Math.max(...idx.map(j))).toBeGreaterThan(best - 5e-3);
  });

  it('returns short curves unchanged', () => {
    expect(downsampleIndices([0, 1, 2], [0, 1, 2], 200)).toEqual([0, 1, 2]);
  });
});
