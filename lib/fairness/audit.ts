// Fairness audit engine: per-group confusion-matrix rates, exact ROC AUC and calibration of a churn model's
// predictions, for each sensitive attribute and each requested intersection, plus disparities under Fairlearn's
// conventions (between_groups, to_overall; equalized-odds worst_case and mean) and Aequitas's reference-group
// convention, with optional stratified bootstrap CIs for every number. See /work/shared/reference/fairness.md.
//
// Decisions (also in README.md):
// - Undefined metrics (zero denominator, AUC of a one-class group) are null, never NaN/Infinity, never a throw.
//   Aggregations skip null groups; a ratio whose denominator is 0 or null is null; a composite (equalized odds)
//   is null if either part is.
// - Small groups (count < minGroupSize) are flagged and *included* everywhere, as Fairlearn includes them; each
//   attribute also carries `between_groups_excluding_small` (same numbers over the non-small groups) and the list
//   `small_groups`, so a page can show both without recomputing.
// - vs_reference: reference = the given label, else the largest group (first in label order on a tie; counts are
//   fixed under the stratified bootstrap, so the reference never changes between replicates).
// - Row order never matters: labels are sorted, cells numbered canonically, scores summed in score order.
// Cost: O(n) row passes + one radix sort when scores are given; everything after that is per cell / per group.

import type { AuditCi, AuditInput, AuditResult, GroupRow, Interval } from './audit-types';
import { scorePass, sortByScore } from './auc';
import type { ScorePass } from './auc';
import { bootstrapIntervals, cellKinds, MAX_BOOTSTRAP_CELLS } from './bootstrap';
import { disparityNames, disparityObject } from './disparity';
import { FairnessInputError } from './errors';
import { buildCells } from './groups';
import { metricList, nullable } from './metrics';
import { evaluate, FN, FP, makePlan, TN, TP } from './plan';
import type { GroupMetric, GroupResult } from './types';
import { validateColumns } from './validate';

export { FairnessInputError } from './errors';
export type * from './audit-types';

/** Quantile score bins used by the bootstrap's AUC (fewer when cells × bins would exceed BIN_TABLE_LIMIT). */
export const BOOTSTRAP_SCORE_BINS = 256;
const BIN_TABLE_LIMIT = 1 << 24;

export const CONVENTIONS: Record<string, string> = {
  between_groups:
    "Fairlearn MetricFrame method='between_groups' (the top-level disparity numbers and `between_groups`): difference = max − min, ratio = min ÷ max over groups whose metric is defined.",
  to_overall: "Fairlearn method='to_overall': difference = max over groups of |m_g − m_overall|; ratio = min over groups of m_g ÷ m_overall, inverted when above 1.",
  vs_reference: 'Aequitas reference-group disparity: ratio = m_g ÷ m_ref (<metric>_disparity), difference = m_g − m_ref (signed); the reference is the given group or the largest.',
  vs_best:
    "Aequitas's 'min metric' reference, per metric: each group ÷ (and −) the best-off group of that metric (highest selection rate, TPR, TNR, precision, accuracy, AUC; lowest FPR, FNR, FOR, FDR), chosen among groups of at least min_group_size.",
  equalized_odds: "Fairlearn agg='worst_case' (equalized_odds_difference/_ratio): max(TPR diff, FPR diff) and min(TPR ratio, FPR ratio); agg='mean' (*_mean): the mean of the two.",
  demographic_parity: 'selection_rate (Aequitas pprev, P(ŷ=1 | group)) difference / ratio.',
  equal_opportunity: 'tpr difference / ratio.',
  small_groups: 'Groups with count < min_group_size are flagged `small` and included in every disparity; `between_groups_excluding_small` leaves them out.',
  nulls: 'A metric with a zero denominator is null, as is a ratio with a zero or null denominator and AUC for a group with one class; aggregations skip null groups.',
};

const interval = (lo: number, hi: number): Interval | null => (Number.isNaN(lo) ? null : [lo, hi]);

export function audit(input: AuditInput): AuditResult {
  const cols = validateColumns(input);
  const { n, y, pred, score } = cols;
  const idx = buildCells(input, n);
  const { nCells, cellOfRow, groupings, nGroups, cellGlobal } = idx;
  const K = groupings.length;
  const withScores = score !== null;
  const metrics = metricList(withScores);
  const nM = metrics.length;

  // Per row: tag = (cell·2 + y)·2 + pred; per cell: confusion counts [tn, fp, fn, tp].
  const tag = new Int32Array(n);
  const cellConf = new Float64Array(nCells * 4);
  for (let i = 0; i < n; i++) {
    const t = ((cellOfRow[i] * 2 + y[i]) << 1) | pred[i];
    tag[i] = t;
    cellConf[(t >> 2) * 4 + (t & 3)]++;
  }

  let bins = 0;
  if (cols.boot) bins = withScores ? Math.max(1, Math.min(BOOTSTRAP_SCORE_BINS, Math.floor(BIN_TABLE_LIMIT / (4 * nCells)))) : 1;
  let pass: ScorePass | null = null;
  if (score) {
    const { order, sorted } = sortByScore(score);
    pass = scorePass(order, sorted, tag, nCells, cellGlobal, K, nGroups, bins);
  }

  // Groups = sums of cells, in canonical cell order.
  const conf = new Float64Array(nGroups * 4);
  const scoreSum = new Float64Array(nGroups);
  for (let c = 0; c < nCells; c++) {
    for (let k = 0; k < K; k++) {
      const g = cellGlobal[c * K + k];
      for (let o = 0; o < 4; o++) conf[g * 4 + o] += cellConf[c * 4 + o];
      if (pass) scoreSum[g] += pass.cellScoreSum[c];
    }
  }
  const count = (g: number) => conf[g * 4] + conf[g * 4 + 1] + conf[g * 4 + 2] + conf[g * 4 + 3];
  const small = new Uint8Array(nGroups);
  for (let g = 0; g < nGroups; g++) small[g] = count(g) < cols.minGroupSize ? 1 : 0;

  // Reference groups: given, else the largest (first label on a tie).
  const ref = new Int32Array(K);
  const refRule: ('largest' | 'given')[] = groupings.map(() => 'largest');
  for (const key of Object.keys(input.reference ?? {})) {
    if (!groupings.some((g, k) => k > 0 && g.key === key)) throw new FairnessInputError(`reference.${key}`, `reference names '${key}', which is not an audited attribute or intersection`);
  }
  for (let k = 1; k < K; k++) {
    const { key, labels, offset } = groupings[k];
    const given = input.reference?.[key];
    if (given !== undefined) {
      const at = labels.indexOf(given);
      if (at < 0) throw new FairnessInputError(`reference.${key}`, `reference group '${given}' does not occur in ${key}`);
      ref[k] = at;
      refRule[k] = 'given';
    } else {
      for (let g = 1; g < labels.length; g++) if (count(offset + g) > count(offset + ref[k])) ref[k] = g;
    }
  }

  const plan = makePlan(groupings, nGroups, metrics, withScores, small, ref);
  const point = new Float64Array(plan.size);
  evaluate(plan, conf, pass ? pass.u : null, pass ? scoreSum : null, point);

  const groupRow = (g: number): GroupRow => {
    const row: Record<string, unknown> = { count: count(g) };
    metrics.forEach((name, j) => (row[name] = nullable(point[g * nM + j])));
    const c = g * 4;
    row.small = small[g] === 1;
    row.confusion = { tp: conf[c + TP], fp: conf[c + FP], tn: conf[c + TN], fn: conf[c + FN] };
    return row as GroupRow;
  };
  const result: AuditResult = {
    rows: n,
    prediction_source: input.yPred != null ? 'y_pred' : 'y_score >= threshold',
    threshold: cols.threshold,
    min_group_size: cols.minGroupSize,
    metrics,
    conventions: CONVENTIONS,
    overall: groupRow(0),
    by_group: {},
    disparities: {},
  };
  for (let k = 1; k < K; k++) {
    const { key, labels, offset } = groupings[k];
    const groups: Record<string, GroupRow> = {};
    labels.forEach((l, g) => (groups[l] = groupRow(offset + g)));
    result.by_group[key] = groups;
    const v = point.subarray(offset * nM, (offset + labels.length) * nM);
    const flat = point.subarray(plan.dispOffset[k], plan.dispOffset[k] + plan.layouts[k].size);
    result.disparities[key] = disparityObject(plan.layouts[k], flat, v, small.subarray(offset, offset + labels.length), metrics, labels, ref[k], refRule[k], plan.cols.better);
  }

  if (cols.boot) {
    const { n: reps, seed, level } = cols.boot;
    if (reps * plan.size > MAX_BOOTSTRAP_CELLS) {
      throw new FairnessInputError('bootstrap.n', `bootstrap.n × ${plan.size} statistics exceeds ${MAX_BOOTSTRAP_CELLS}; lower bootstrap.n or audit fewer intersections`);
    }
    const kinds = pass ? cellKinds(nCells, bins, pass.catCount!, pass.catScoreSum) : cellKinds(nCells, 1, cellConf, null);
    const { lo, hi } = bootstrapIntervals(plan, kinds, cellGlobal, point, reps, seed, level);
    const metricCi = (g: number) => {
      const res: Partial<Record<GroupMetric, Interval | null>> = {};
      metrics.forEach((name, j) => (res[name] = interval(lo[g * nM + j], hi[g * nM + j])));
      return res;
    };
    const ci: AuditCi = {
      overall: metricCi(0),
      by_group: {},
      disparities: {},
      n: reps,
      seed,
      level,
      method: `stratified percentile bootstrap within ${nCells} cells (${Object.keys(input.sensitive).join(' × ')})`,
      notes: [
        'Rows are resampled within each cell, so every group keeps its count; count has no interval.',
        'Confusion-matrix metrics: exact multinomial resampling of each cell’s (y, prediction) outcomes.',
        withScores
          ? `auc: computed in each replicate from ${bins} quantile score bins (ties within a bin count ½), while the point estimate is exact; mean_score uses per-bin mean scores.`
          : 'No scores: no auc / mean_score intervals.',
        'An interval is null when the point estimate is null or the statistic is undefined in more than half of the replicates.',
        'Extremes over groups (between_groups min / max / difference / ratio and the headline disparities) are biased away from parity in the bootstrap (the spread of noisy group estimates exceeds the true spread), so with many or small groups their percentile interval can exclude the point estimate: read that as "groups too small to rank", not as a bug.',
      ],
    };
    for (let k = 1; k < K; k++) {
      const { key, labels, offset } = groupings[k];
      const byGroup: AuditCi['by_group'][string] = {};
      labels.forEach((l, g) => (byGroup[l] = metricCi(offset + g)));
      ci.by_group[key] = byGroup;
      const names = disparityNames(plan.layouts[k], metrics, labels);
      const d: Record<string, Interval | null> = {};
      names.forEach((name, j) => (d[name] = interval(lo[plan.dispOffset[k] + j], hi[plan.dispOffset[k] + j])));
      ci.disparities[key] = d;
    }
    result.ci = ci;
  }
  return result;
}

/** types.ts's nested GroupResult from a flat row (for code that wants `metrics` as one object). */
export function toGroupResult(row: GroupRow): GroupResult {
  const { count, small, confusion, ...metrics } = row;
  return { count, small, confusion, metrics };
}
