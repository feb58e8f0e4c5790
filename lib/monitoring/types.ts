// The shapes stored in monitoring_windows / monitoring_references (jsonb columns) and shared by the jobs, the
// alert evaluation, the API and the pages.

/** Realized performance of a window's labelled predictions, at the policy threshold stored with each prediction. */
export interface RealizedPerformance {
  n: number;
  positives: number;
  base_rate: number;
  mean_predicted: number;
  /** null when the window's labels hold one class only. */
  auc: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number;
  log_loss: number;
  brier: number;
  /** Expected calibration error over 10 equal-width probability bins. */
  ece: number;
  calibration: { bin: number; lower: number; upper: number; n: number; mean_predicted: number; observed: number }[];
  confusion: { tp: number; fp: number; tn: number; fn: number };
  threshold: number;
}

/** CBPE (NannyML's confidence-based performance estimation): expected confusion matrix from calibrated probabilities. */
export interface EstimatedPerformance {
  n: number;
  auc: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number;
  expected_positives: number;
  confusion: { tp: number; fp: number; tn: number; fn: number };
  threshold: number;
  /** ±3 standard errors from the reference's chunk-to-chunk spread scaled to this window's size (NannyML's band). */
  auc_band?: { lower: number; upper: number } | null;
}

/** The reference's labelled performance: the baseline that decay is measured against. */
export interface ReferencePerformance {
  auc: number | null;
  precision: number | null;
  recall: number | null;
  log_loss: number | null;
  /** Standard deviation of AUC across reference chunks of ~1 month's size, for CBPE's band; null if unknown. */
  auc_std?: number | null;
  base_rate: number | null;
  /** Which split these come from, e.g. `test 2026-02`. */
  split: string;
}
