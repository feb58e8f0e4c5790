// What an alert rule measures, read from one stored monitoring window (and the version's reference for the "drop"
// metrics). Pure and client-safe: the rule form uses METRIC_INFO, the evaluator uses metricReading.
import type { AlertMetric, Comparison, MonitoringWindow, Severity, WindowKind } from '@/db/monitoring-schema';
import type { EstimatedPerformance, RealizedPerformance, ReferencePerformance } from './types';

export interface MetricInfo {
  label: string;
  /** Needs a feature (the rule's `feature`). */
  perFeature: boolean;
  /** The comparison that usually means "worse", suggested by the form. */
  worse: Comparison;
  help: string;
}

export const METRIC_INFO: Record<AlertMetric, MetricInfo> = {
  dataset_drift_share: { label: 'Share of drifted features', perFeature: false, worse: 'gte', help: 'Fraction of features whose drift test fired (0–1).' },
  feature_drift_score: {
    label: 'Feature drift score',
    perFeature: true,
    worse: 'gte',
    help: 'The drift test’s score for one feature. For distance methods (Wasserstein, Jensen–Shannon, PSI) higher means more drift; for p-value tests (K-S, chi-square, Z) LOWER means more drift — use “<”.',
  },
  prediction_drift_score: { label: 'Prediction (score) drift', perFeature: false, worse: 'gte', help: 'Drift of the churn score distribution against the reference scores (same caveat on p-value tests).' },
  null_share: { label: 'Missing share', perFeature: true, worse: 'gt', help: 'Share of the window’s predictions where the feature was missing (0–1).' },
  null_share_change: { label: 'Missing share change', perFeature: true, worse: 'gt', help: 'Missing share in the window minus the share in the reference.' },
  volume: { label: 'Prediction volume', perFeature: false, worse: 'lt', help: 'Number of predictions in the window.' },
  realized_auc: { label: 'Realized AUC', perFeature: false, worse: 'lt', help: 'AUC on the window’s labelled predictions (empty until labels arrive).' },
  realized_auc_drop: { label: 'Realized AUC drop', perFeature: false, worse: 'gt', help: 'Reference AUC minus realized AUC.' },
  estimated_auc: { label: 'Estimated AUC (CBPE)', perFeature: false, worse: 'lt', help: 'Label-free AUC estimate from the calibrated probabilities.' },
  estimated_auc_drop: { label: 'Estimated AUC drop', perFeature: false, worse: 'gt', help: 'Reference AUC minus estimated AUC.' },
  realized_precision: { label: 'Realized precision', perFeature: false, worse: 'lt', help: 'Precision at the policy threshold on labelled predictions.' },
  realized_recall: { label: 'Realized recall', perFeature: false, worse: 'lt', help: 'Recall at the policy threshold on labelled predictions.' },
  mean_score: { label: 'Mean churn score', perFeature: false, worse: 'gt', help: 'Average predicted churn probability in the window.' },
};

export const METRICS = Object.keys(METRIC_INFO) as AlertMetric[];
export const COMPARISON_SYMBOL: Record<Comparison, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
export const WINDOW_KIND_LABEL: Record<WindowKind, string> = { month: 'Monthly', week: 'Weekly', day: 'Daily', last_n: 'Rolling (last N predictions)' };

export function isPerFeature(metric: AlertMetric): boolean {
  return METRIC_INFO[metric].perFeature;
}

/** The per-column drift result stored in `window.drift.columns[feature]` and `window.predictionDrift`. */
export interface StoredColumnDrift {
  method?: string;
  statistic?: number | null;
  p_value?: number | null;
  score?: number | null;
  threshold?: number | null;
  drift?: boolean;
  null_share?: { reference?: number | null; current?: number | null };
}

export interface MetricReading {
  /** null when the window cannot say (no labels yet, unknown feature, reference AUC unknown): a null never breaches. */
  value: number | null;
  /** Per-column metrics: whether that column's own drift test fired, and its method. */
  drifted?: boolean;
  method?: string;
  /** The column's score is a p-value (lower means more drift). */
  pValue?: boolean;
}

export type WindowForMetrics = Pick<MonitoringWindow, 'drift' | 'driftShare' | 'predictionDrift' | 'predictions' | 'realized' | 'estimated' | 'meanScore'>;
export type ReferenceForMetrics = { performance: ReferencePerformance | Record<string, unknown> } | null;

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

function column(window: WindowForMetrics, feature: string | undefined): StoredColumnDrift | null {
  if (!feature) return null;
  const columns = (window.drift as { columns?: Record<string, StoredColumnDrift> } | null)?.columns;
  const c = columns && Object.hasOwn(columns, feature) ? columns[feature] : undefined;
  return c && typeof c === 'object' ? c : null;
}

function columnReading(c: StoredColumnDrift | null, value: number | null): MetricReading {
  if (!c) return { value: null };
  return { value, drifted: c.drift === true, ...(c.method ? { method: c.method } : {}), pValue: num(c.p_value) !== null };
}

/** The metric's value in the window, with the drift verdict of the column for per-column metrics. */
export function metricReading(window: WindowForMetrics, reference: ReferenceForMetrics, metric: AlertMetric, feature?: string): MetricReading {
  const realized = window.realized as Partial<RealizedPerformance> | null;
  const estimated = window.estimated as Partial<EstimatedPerformance> | null;
  const referenceAuc = num((reference?.performance as Partial<ReferencePerformance> | undefined)?.auc);
  switch (metric) {
    case 'dataset_drift_share':
      return { value: num(window.driftShare) };
    case 'feature_drift_score': {
      const c = column(window, feature);
      return columnReading(c, num(c?.score));
    }
    case 'prediction_drift_score': {
      const c = window.predictionDrift as StoredColumnDrift | null;
      return columnReading(c && typeof c === 'object' ? c : null, num(c?.score));
    }
    case 'null_share': {
      const c = column(window, feature);
      return columnReading(c, num(c?.null_share?.current));
    }
    case 'null_share_change': {
      const c = column(window, feature);
      return columnReading(c, diff(num(c?.null_share?.current), num(c?.null_share?.reference)));
    }
    case 'volume':
      return { value: num(window.predictions) };
    case 'realized_auc':
      return { value: num(realized?.auc) };
    case 'realized_auc_drop':
      return { value: diff(referenceAuc, num(realized?.auc)) };
    case 'estimated_auc':
      return { value: num(estimated?.auc) };
    case 'estimated_auc_drop':
      return { value: diff(referenceAuc, num(estimated?.auc)) };
    case 'realized_precision':
      return { value: num(realized?.precision) };
    case 'realized_recall':
      return { value: num(realized?.recall) };
    case 'mean_score':
      return { value: num(window.meanScore) };
  }
}

/** The metric's value in the window, or null when the window cannot say. */
export function metricValue(window: WindowForMetrics, reference: ReferenceForMetrics, metric: AlertMetric, feature?: string): number | null {
  return metricReading(window, reference, metric, feature).value;
}

export function compare(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
  }
}

/** How a column's drift is tested in the newest window: the method, whether its score is a p-value, its own threshold. */
export interface DriftTest {
  method: string;
  pValue: boolean;
  threshold: number | null;
}

export const SCORE_METRICS: readonly AlertMetric[] = ['feature_drift_score', 'prediction_drift_score'];

/**
 * A drift-score rule that points the wrong way for its column's test: "≥" on a p-value fires when there is NO drift
 * (a p-value falls as drift grows), "≤" on a distance fires when distributions agree. Null when it looks right.
 */
export function directionWarning(rule: { metric: AlertMetric; feature?: string | null; comparison: Comparison }, test: DriftTest | null | undefined): string | null {
  if (!test || !SCORE_METRICS.includes(rule.metric)) return null;
  const up = rule.comparison === 'gt' || rule.comparison === 'gte';
  const what = rule.metric === 'prediction_drift_score' ? 'The score' : (rule.feature ?? 'This feature');
  if (test.pValue && up) return `${what} is tested with ${test.method}, whose score is a p-value: it falls as drift grows, so “${COMPARISON_SYMBOL[rule.comparison]}” fires when there is no drift. Use “<” (the test’s own threshold is ${test.threshold ?? 0.05}).`;
  if (!test.pValue && !up) return `${what} is tested with ${test.method}, a distance: it grows with drift, so “${COMPARISON_SYMBOL[rule.comparison]}” fires when there is none. Use “≥”.`;
  return null;
}

/** The drift tests of a stored window's columns (and of the score), for the rule form and the warnings above. */
export function driftTests(window: Pick<WindowForMetrics, 'drift' | 'predictionDrift'> | null | undefined): { features: Record<string, DriftTest>; prediction: DriftTest | null } {
  const test = (c: StoredColumnDrift | null | undefined): DriftTest | null =>
    c && typeof c === 'object' && c.method ? { method: c.method, pValue: num(c.p_value) !== null, threshold: num(c.threshold) } : null;
  const columns = (window?.drift as { columns?: Record<string, StoredColumnDrift> } | null)?.columns ?? {};
  const features: Record<string, DriftTest> = {};
  for (const [name, c] of Object.entries(columns)) {
    const t = test(c);
    if (t) features[name] = t;
  }
  return { features, prediction: test(window?.predictionDrift as StoredColumnDrift | null) };
}
