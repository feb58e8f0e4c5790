// Shared vocabulary of the fairness area: the group metrics, the criteria a data scientist can choose, the conventions
// disparities are expressed in, and the tolerance. The audit engine (audit.ts), the criterion check (criteria.ts), the
// threshold mitigation (thresholds.ts), the promotion gate and the pages all speak these types.

/** Rates derived from a group's confusion matrix (Aequitas/Fairlearn definitions); null when the denominator is 0. */
export const RATE_METRICS = ['base_rate', 'selection_rate', 'tpr', 'fpr', 'fnr', 'tnr', 'precision', 'for', 'fdr', 'accuracy'] as const;
export type RateMetric = (typeof RATE_METRICS)[number];

/** Score-based metrics (only when scores are given): ROC AUC, mean predicted probability, and mean predicted ÷ observed. */
export const SCORE_METRICS = ['auc', 'mean_score', 'calibration_ratio'] as const;
export type ScoreMetric = (typeof SCORE_METRICS)[number];

export type GroupMetric = RateMetric | ScoreMetric;

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** One group's (or the whole data's) metrics. `small` = fewer rows than the minimum group size: flagged, never hidden. */
export interface GroupResult {
  count: number;
  confusion: Confusion;
  metrics: Partial<Record<GroupMetric, number | null>>;
  small: boolean;
}

/** The criteria a model's fairness decision can choose (Aequitas's fairness tree names in brackets). */
export const CRITERIA = ['demographic_parity', 'equal_opportunity', 'equalized_odds', 'predictive_parity', 'fnr_parity', 'calibration'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** The group metric(s) each criterion asks to be equal across groups. */
export const CRITERION_METRICS: Record<Criterion, GroupMetric[]> = {
  demographic_parity: ['selection_rate'], // Impact parity (pprev)
  equal_opportunity: ['tpr'], // Recall / TPR parity
  equalized_odds: ['tpr', 'fpr'], // both error rates
  predictive_parity: ['precision'], // PPV parity
  fnr_parity: ['fnr'],
  calibration: ['calibration_ratio'], // mean predicted ÷ observed in every group, compared with 1 (see criteria.ts)
};

/**
 * How a disparity is expressed:
 * - between_groups (Fairlearn's default): the worst pair, max − min or min ÷ max;
 * - to_overall (Fairlearn): each group against the metric on all the data;
 * - vs_reference (Aequitas): each group ÷ (or −) a reference group's value.
 */
export type Convention = 'between_groups' | 'to_overall' | 'vs_reference';

/** Aequitas's reference-group choices: the largest group ('maj'), the group with the best (lowest-disparity) value ('min'), or a named one. */
export type ReferenceChoice = { kind: 'largest' } | { kind: 'best' } | { kind: 'group'; group: string };

/** A ratio band (the four-fifths convention is [0.8, 1.25]) or a largest allowed absolute difference. */
export type Tolerance = { kind: 'ratio'; lower: number; upper: number } | { kind: 'difference'; max: number };

export const DEFAULT_TOLERANCE: Tolerance = { kind: 'ratio', lower: 0.8, upper: 1.25 };
export const DEFAULT_MIN_GROUP_SIZE = 30;
