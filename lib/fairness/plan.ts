// The evaluation plan shared by the point estimate and every bootstrap replicate: from per-group confusion counts
// (+ rank sums and score sums) to the flat vector of group metrics followed by every attribute's disparities.
// One code path for both guarantees that a CI is always the interval of exactly the number it sits next to.

import { directions, disparityLayout, writeDisparities } from './disparity';
import type { DisparityLayout, HeadlineColumns } from './disparity';
import type { Grouping } from './groups';
import { writeGroupMetrics } from './metrics';
import type { GroupMetric } from './types';

/** Confusion counts per group are stored as [tn, fp, fn, tp] (index = y·2 + pred). */
export const TN = 0;
export const FP = 1;
export const FN = 2;
export const TP = 3;

export interface Plan {
  groupings: Grouping[];
  nGroups: number;
  metrics: GroupMetric[];
  withScores: boolean;
  cols: HeadlineColumns;
  /** Per global group: 1 = count below the minimum group size. */
  small: Uint8Array;
  /** Per grouping (index 0 = overall, unused): the reference group's local index. */
  ref: Int32Array;
  layouts: DisparityLayout[];
  /** Offset of each grouping's disparity block in the stat vector (after the nGroups × nMetrics group metrics). */
  dispOffset: Int32Array;
  /** Length of the whole stat vector. */
  size: number;
}

export function makePlan(groupings: Grouping[], nGroups: number, metrics: GroupMetric[], withScores: boolean, small: Uint8Array, ref: Int32Array): Plan {
  const nM = metrics.length;
  const layouts: DisparityLayout[] = [];
  const dispOffset = new Int32Array(groupings.length);
  let size = nGroups * nM;
  groupings.forEach((g, k) => {
    layouts.push(disparityLayout(g.labels.length, nM));
    if (k === 0) return; // no disparities for the overall pseudo-grouping
    dispOffset[k] = size;
    size += layouts[k].size;
  });
  const cols = { selection: metrics.indexOf('selection_rate'), tpr: metrics.indexOf('tpr'), fpr: metrics.indexOf('fpr'), better: directions(metrics) };
  return { groupings, nGroups, metrics, withScores, cols, small, ref, layouts, dispOffset, size };
}

/**
 * conf: nGroups × 4 counts; u / scoreSum: per group (ignored without scores). Writes plan.size numbers into out:
 * group metrics first (global group g, metric m at g·nMetrics + m), then each grouping's disparities.
 */
export function evaluate(plan: Plan, conf: Float64Array, u: Float64Array | null, scoreSum: Float64Array | null, out: Float64Array): void {
  const nM = plan.metrics.length;
  for (let g = 0; g < plan.nGroups; g++) {
    const c = g * 4;
    writeGroupMetrics(conf[c + TP], conf[c + FP], conf[c + TN], conf[c + FN], plan.withScores, u ? u[g] : NaN, scoreSum ? scoreSum[g] : NaN, out, g * nM);
  }
  const overall = out.subarray(0, nM);
  for (let k = 1; k < plan.groupings.length; k++) {
    const { offset, labels } = plan.groupings[k];
    const v = out.subarray(offset * nM, (offset + labels.length) * nM);
    const small = plan.small.subarray(offset, offset + labels.length);
    writeDisparities(plan.layouts[k], v, overall, small, plan.ref[k], plan.cols, out, plan.dispOffset[k]);
  }
}
