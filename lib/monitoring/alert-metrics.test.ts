import { describe, expect, it } from 'vitest';
import { ALERT_METRICS } from '@/db/monitoring-schema';
import { compare, directionWarning, driftTests, METRICS, metricReading, metricValue } from './alert-metrics';
import { fakeWindow, REFERENCE } from './alerts.testing';

const w = fakeWindow({
  start: '2026-04',
  predictions: 1234,
  driftShare: 0.35,
  columns: {
    monthly_charge: { score: 0.42, null_current: 0.05, null_reference: 0.01 },
    plan: { score: 0.003, p_value: 0.003, drift: true, method: 'chisquare' },
    tenure_months: { score: 0.02, drift: false },
  },
  predictionScore: 0.13,
  meanScore: 0.27,
  realizedAuc: 0.78,
  realizedPrecision: 0.41,
  realizedRecall: 0.66,
  estimatedAuc: 0.81,
});

describe('metricValue', () => {
  it('covers exactly the metrics the schema allows', () => {
    expect([...METRICS].sort()).toEqual([...ALERT_METRICS].sort());
  });

  it.each([
    ['dataset_drift_share', undefined, 0.35],
    ['feature_drift_score', 'monthly_charge', 0.42],
    ['prediction_drift_score', undefined, 0.13],
    ['null_share', 'monthly_charge', 0.05],
    ['volume', undefined, 1234],
    ['realized_auc', undefined, 0.78],
    ['estimated_auc', undefined, 0.81],
    ['realized_precision', undefined, 0.41],
    ['realized_recall', undefined, 0.66],
    ['mean_score', undefined, 0.27],
  ] as const)('reads %s', (metric, feature, expected) => {
    expect(metricValue(w, REFERENCE, metric, feature)).toBe(expected);
  });

  it('measures changes and drops against the reference', () => {
    expect(metricValue(w, REFERENCE, 'null_share_change', 'monthly_charge')).toBeCloseTo(0.04, 12);
    expect(metricValue(w, REFERENCE, 'realized_auc_drop')).toBeCloseTo(0.86 - 0.78, 12);
    expect(metricValue(w, REFERENCE, 'estimated_auc_drop')).toBeCloseTo(0.86 - 0.81, 12);
  });

  it('answers null when the window or the reference cannot say', () => {
    const unlabelled = fakeWindow({ start: '2026-05', estimatedAuc: null });
    expect(metricValue(unlabelled, REFERENCE, 'realized_auc')).toBeNull();
    expect(metricValue(unlabelled, REFERENCE, 'realized_auc_drop')).toBeNull();
    expect(metricValue(unlabelled, REFERENCE, 'estimated_auc')).toBeNull();
    expect(metricValue(w, null, 'realized_auc_drop')).toBeNull();
    expect(metricValue(w, { performance: { ...REFERENCE.performance, auc: null } }, 'estimated_auc_drop')).toBeNull();
    expect(metricValue(w, REFERENCE, 'feature_drift_score', 'shoe_size')).toBeNull();
    expect(metricValue(w, REFERENCE, 'feature_drift_score')).toBeNull();
    expect(metricValue(w, REFERENCE, 'feature_drift_score', 'constructor')).toBeNull(); // not an own key
    const broken = { ...w, drift: { columns: { monthly_charge: { score: Number.NaN } } } };
    expect(metricValue(broken, REFERENCE, 'feature_drift_score', 'monthly_charge')).toBeNull();
  });

  it('says whether the column drifted and whether its score is a p-value', () => {
    expect(metricReading(w, REFERENCE, 'feature_drift_score', 'plan')).toEqual({ value: 0.003, drifted: true, method: 'chisquare', pValue: true });
    expect(metricReading(w, REFERENCE, 'feature_drift_score', 'tenure_months')).toMatchObject({ value: 0.02, drifted: false, pValue: false });
    expect(metricReading(w, REFERENCE, 'prediction_drift_score')).toMatchObject({ value: 0.13, drifted: true });
  });
});

describe('compare', () => {
  it('applies the four comparisons, including at the threshold', () => {
    expect([compare(1, 'gt', 1), compare(1, 'gte', 1), compare(1, 'lt', 1), compare(1, 'lte', 1)]).toEqual([false, true, false, true]);
    expect([compare(2, 'gt', 1), compare(0, 'lt', 1), compare(-1, 'lte', 0)]).toEqual([true, true, true]);
  });
});

describe('drift tests and rules that point the wrong way', () => {
  const tests = driftTests(w);

  it('reads each column’s test from the window', () => {
    expect(tests.features.plan).toEqual({ method: 'chisquare', pValue: true, threshold: 0.1 });
    expect(tests.features.monthly_charge).toEqual({ method: 'wasserstein', pValue: false, threshold: 0.1 });
    expect(tests.prediction).toMatchObject({ method: 'wasserstein', pValue: false });
    expect(driftTests(null)).toEqual({ features: {}, prediction: null });
  });

  it('warns about "≥" on a p-value and "<" on a distance, and about nothing else', () => {
    expect(directionWarning({ metric: 'feature_drift_score', feature: 'plan', comparison: 'gte' }, tests.features.plan)).toMatch(/^plan is tested with chisquare, whose score is a p-value: .* fires when there is no drift. Use “<”/);
    expect(directionWarning({ metric: 'feature_drift_score', feature: 'plan', comparison: 'lt' }, tests.features.plan)).toBeNull();
    expect(directionWarning({ metric: 'feature_drift_score', feature: 'monthly_charge', comparison: 'lte' }, tests.features.monthly_charge)).toMatch(/a distance/);
    expect(directionWarning({ metric: 'feature_drift_score', feature: 'monthly_charge', comparison: 'gt' }, tests.features.monthly_charge)).toBeNull();
    expect(directionWarning({ metric: 'null_share', feature: 'plan', comparison: 'gte' }, tests.features.plan)).toBeNull();
    expect(directionWarning({ metric: 'feature_drift_score', feature: 'x', comparison: 'gte' }, undefined)).toBeNull();
  });
});
