// Realized metrics against hand-computed confusion matrices, and CBPE: exact on a tiny case, and unbiased on a
// calibrated sample (labels drawn from the scores) — then blind to concept drift, which is the point of showing both.
import { describe, expect, it } from 'vitest';
import { auc } from '@/lib/ml/metrics';
import { aucStandardError, estimatedAuc, estimatedPerformance, realizedPerformance } from './performance';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('realized performance', () => {
  it('counts the confusion matrix at each row’s threshold', () => {
    const p = [0.9, 0.6, 0.4, 0.2, 0.1];
    const y = [1, 0, 1, 0, 0];
    const r = realizedPerformance(p, y, [0.5, 0.5, 0.5, 0.5, 0.5])!;
    expect(r.confusion).toEqual({ tp: 1, fp: 1, tn: 2, fn: 1 });
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(0.5);
    expect(r.accuracy).toBe(0.6);
    expect(r.auc).toBeCloseTo(5 / 6, 12); // positives 0.9 and 0.4 against negatives 0.6, 0.2, 0.1: 5 of 6 pairs
    expect(r.base_rate).toBe(0.4);
    // A lower threshold for the third row makes it a true positive.
    expect(realizedPerformance(p, y, [0.5, 0.5, 0.3, 0.5, 0.5])!.confusion).toEqual({ tp: 2, fp: 1, tn: 2, fn: 0 });
  });

  it('gives null AUC and precision when they are undefined, and null for no rows', () => {
    const r = realizedPerformance([0.1, 0.2], [0, 0], [0.5, 0.5])!;
    expect(r.auc).toBeNull();
    expect(r.precision).toBeNull();
    expect(r.recall).toBeNull();
    expect(realizedPerformance([], [], [])).toBeNull();
  });
});

describe('CBPE', () => {
  it('sums probabilities into the expected confusion matrix', () => {
    const e = estimatedPerformance([0.8, 0.3, 0.1], [0.5, 0.5, 0.5]);
    expect(e.confusion.tp).toBeCloseTo(0.8, 12);
    expect(e.confusion.fp).toBeCloseTo(0.2, 12);
    expect(e.confusion.fn).toBeCloseTo(0.4, 12);
    expect(e.confusion.tn).toBeCloseTo(1.6, 12);
    expect(e.precision).toBeCloseTo(0.8, 12);
    expect(e.recall).toBeCloseTo(0.8 / 1.2, 12);
    expect(e.expected_positives).toBeCloseTo(1.2, 12);
  });

  it('estimates AUC by the expected ROC curve (exact on two rows)', () => {
    // Sorted 0.8, 0.2; expected positives 1.0, negatives 1.0. First step: TPR 0.8, FPR 0.2 → area 0.2·0.8/2 = 0.08;
    // second: TPR 1, FPR 1 → area 0.8·(0.8 + 1)/2 = 0.72. Total 0.80.
    expect(estimatedAuc([0.8, 0.2])).toBeCloseTo(0.8, 12);
    // Tied scores form one step: two rows at 0.5 are a diagonal.
    expect(estimatedAuc([0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(estimatedAuc([])).toBeNull();
  });

  it('is unbiased when the scores are calibrated, and stays put under concept drift while the realized AUC falls', () => {
    const rnd = lcg(7);
    const n = 40_000;
    const p = new Float64Array(n);
    const y = new Uint8Array(n);
    const yDrift = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const z = -3 + 2.2 * (rnd() + rnd() + rnd() - 1.5) * 1.4;
      p[i] = 1 / (1 + Math.exp(-z));
      y[i] = rnd() < p[i]! ? 1 : 0;
      yDrift[i] = rnd() < 0.5 * p[i]! + 0.5 * 0.05 ? 1 : 0; // half of the signal gone: P(Y|X) changed
    }
    const t = new Float64Array(n).fill(0.2);
    const est = estimatedPerformance(p, t);
    const real = realizedPerformance(p, y, t)!;
    expect(Math.abs(est.auc! - real.auc!)).toBeLessThan(0.015);
    expect(Math.abs(est.precision! - real.precision!)).toBeLessThan(0.03);
    expect(Math.abs(est.recall! - real.recall!)).toBeLessThan(0.03);
    expect(est.auc_band!.lower).toBeLessThan(real.auc!);
    expect(est.auc_band!.upper).toBeGreaterThan(real.auc!);
    const drifted = realizedPerformance(p, yDrift, t)!;
    expect(est.auc! - drifted.auc!).toBeGreaterThan(0.03);
    expect(auc(p, yDrift)).toBeCloseTo(drifted.auc!, 12);
  });

  it('has a standard error that shrinks with the sample', () => {
    expect(aucStandardError(0.8, 100, 1000)!).toBeGreaterThan(aucStandardError(0.8, 1000, 10000)!);
    expect(aucStandardError(0.8, 0, 10)).toBeNull();
  });
});
