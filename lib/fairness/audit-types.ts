// The audit engine's input and output shapes. The output maps 1:1 onto the public API response, so names are
// snake_case and every number that can be undefined is `null` (never NaN or Infinity, which JSON cannot carry).
// A group's row is flat (count, every metric at the top level, small, confusion): what the API, the criterion check
// and the pages read. `toGroupResult` converts one to types.ts's nested GroupResult where that shape is wanted.

import type { Confusion, GroupMetric } from './types';

/**
 * A sensitive column already dictionary-encoded: row i belongs to labels[codes[i]]. This is what a worker thread
 * receives (a transferable typed array plus a short label list) instead of a million strings.
 */
export interface EncodedColumn {
  codes: ArrayLike<number>;
  labels: readonly string[];
}

export interface BootstrapOptions {
  /** Number of resamples, 1..10000 (>= 200 recommended for 95% percentile intervals). */
  n: number;
  seed: number;
  /** Interval level, default 0.95. */
  level?: number;
}

export interface AuditInput {
  /** 0 | 1 per row. */
  yTrue: ArrayLike<number>;
  /** Probabilities in [0, 1]; enables auc, mean_score and calibration_ratio. */
  yScore?: ArrayLike<number>;
  /** 0 | 1 per row; when absent, yPred = yScore >= threshold. */
  yPred?: ArrayLike<number>;
  /** Default 0.5; only used when yPred is absent. */
  threshold?: number;
  /** attribute -> group label per row (strings, or an EncodedColumn). */
  sensitive: Record<string, ArrayLike<string> | EncodedColumn>;
  /** e.g. [['age_band', 'gender']]: key "age_band&gender", group labels "65+&female". */
  intersections?: string[][];
  /** attribute key (or "a&b") -> reference group for the Aequitas convention; default = largest group. */
  reference?: Record<string, string>;
  bootstrap?: BootstrapOptions;
  /** Groups with fewer rows are flagged `small` (default DEFAULT_MIN_GROUP_SIZE = 30). */
  minGroupSize?: number;
}

/** Fairlearn MetricFrame group_min / group_max / difference / ratio for one metric, method='between_groups'. */
export interface BetweenGroups {
  min: number | null;
  max: number | null;
  min_group: string | null;
  max_group: string | null;
  /** max − min */
  difference: number | null;
  /** min ÷ max */
  ratio: number | null;
}

export const HEADLINE_DISPARITIES = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference', // agg='worst_case'
  'equalized_odds_difference_mean', // agg='mean'
  'equalized_odds_ratio', // agg='worst_case'
  'equalized_odds_ratio_mean', // agg='mean'
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
] as const;
export type HeadlineDisparity = (typeof HEADLINE_DISPARITIES)[number];
export type HeadlineValues = Record<HeadlineDisparity, number | null>;

export type MetricValues = Partial<Record<GroupMetric, number | null>>;

/**
 * One group (or the whole data): count, every metric of the audit (null when its denominator is 0; auc, mean_score
 * and calibration_ratio only when scores were given), the small flag and the confusion counts.
 */
export type GroupRow = { count: number } & MetricValues & { small: boolean; confusion: Confusion };

export interface VsReference {
  convention: 'vs_reference';
  reference: string;
  reference_rule: 'largest' | 'given';
  /** Aequitas `<metric>_disparity`: metric_g ÷ metric_ref. */
  ratios: Record<string, MetricValues>;
  /** metric_g − metric_ref (signed). */
  differences: Record<string, MetricValues>;
}

/** Disparities of one attribute or intersection. The top-level headline numbers use Fairlearn's between_groups. */
export interface AttributeDisparities extends HeadlineValues {
  convention: 'between_groups';
  groups: number;
  small_groups: string[];
  to_overall: HeadlineValues & { convention: 'to_overall' };
  vs_reference: VsReference;
  /** Aequitas's "min metric" reference, per metric: each group against the best-off group of that metric. */
  vs_best: {
    convention: 'vs_reference';
    reference_rule: 'best';
    /** metric → the best-off group (among groups of at least the minimum size), or null (no direction / no value). */
    best: Partial<Record<GroupMetric, string | null>>;
    ratios: Record<string, MetricValues>;
    differences: Record<string, MetricValues>;
  };
  /** Every metric, over all groups (small ones included), Fairlearn's semantics. */
  between_groups: Partial<Record<GroupMetric, BetweenGroups>>;
  /** The same over groups with count >= min_group_size only (null when no group is that large). */
  between_groups_excluding_small: Partial<Record<GroupMetric, BetweenGroups>>;
}

export type Interval = [number, number];

export interface AuditCi {
  overall: Partial<Record<GroupMetric, Interval | null>>;
  by_group: Record<string, Record<string, Partial<Record<GroupMetric, Interval | null>>>>;
  /** Flat names mirroring the disparity structure: 'demographic_parity_ratio', 'to_overall.equalized_odds_ratio',
   *  'between_groups.tpr.difference', 'vs_reference.ratios.<group>.<metric>', ... */
  disparities: Record<string, Record<string, Interval | null>>;
  n: number;
  seed: number;
  level: number;
  method: string;
  notes: string[];
}

export interface AuditResult {
  rows: number;
  /** How the predictions were obtained. */
  prediction_source: 'y_pred' | 'y_score >= threshold';
  threshold: number | null;
  min_group_size: number;
  /** The metrics present in every metrics object (score metrics only when y_score was given). */
  metrics: GroupMetric[];
  /** Plain-language definition of every convention used in `disparities`. */
  conventions: Record<string, string>;
  overall: GroupRow;
  /** attribute key -> group label -> row; groups sorted by label (UTF-16 code unit order). */
  by_group: Record<string, Record<string, GroupRow>>;
  disparities: Record<string, AttributeDisparities>;
  ci?: AuditCi;
}
