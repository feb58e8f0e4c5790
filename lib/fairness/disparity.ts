// Disparities of one attribute (or intersection) from its group-metric matrix, under the three conventions:
// - between_groups (Fairlearn MetricFrame default): difference = max − min, ratio = min ÷ max;
// - to_overall (Fairlearn method='to_overall'): difference = max_g |m_g − m_overall|, ratio = min_g r_g with
//   r_g = m_g ÷ m_overall inverted when > 1;
// - vs_reference (Aequitas bias.py): ratio = m_g ÷ m_ref, difference = m_g − m_ref;
// - vs_best (Aequitas reference_groups='min'-style, per metric): the same against the best-off group of that metric —
//   the highest selection rate, TPR, TNR, precision, accuracy or AUC, the lowest FPR, FNR, FOR or FDR — chosen among
//   groups of at least the minimum size (all groups when none is), so a tiny group's noise is never the yardstick.
//   Metrics with no better direction (base rate, mean score, calibration ratio) have none.
// Equalized odds (Fairlearn agg): worst_case = max(TPR diff, FPR diff) / min(TPR ratio, FPR ratio); mean = the mean
// of the two. Aggregations run over groups whose metric is defined; undefined inputs give NaN (→ null).
//
// All numbers are written into a flat Float64Array in a fixed layout, so a bootstrap replicate costs one call and
// no allocation; `disparityNames` gives the same layout's names (the CI keys) and `disparityObject` turns a
// point-estimate vector into the API structure.

import type { AttributeDisparities, BetweenGroups, HeadlineValues, MetricValues } from './audit-types';
import { HEADLINE_DISPARITIES } from './audit-types';
import { nullable } from './metrics';
import type { GroupMetric } from './types';

export const BETWEEN_FIELDS = ['min', 'max', 'difference', 'ratio'] as const;

/** Offsets of each block in the flat vector of one attribute. */
export interface DisparityLayout {
  nGroups: number;
  nMetrics: number;
  headline: number; // 8 numbers, between_groups
  toOverall: number; // 8 numbers
  between: number; // 4 per metric
  betweenLarge: number; // 4 per metric, excluding small groups
  refRatios: number; // nGroups × nMetrics
  refDiffs: number; // nGroups × nMetrics
  bestRatios: number; // nGroups × nMetrics
  bestDiffs: number; // nGroups × nMetrics
  size: number;
}

export function disparityLayout(nGroups: number, nMetrics: number): DisparityLayout {
  const between = 16;
  const betweenLarge = between + 4 * nMetrics;
  const refRatios = betweenLarge + 4 * nMetrics;
  const refDiffs = refRatios + nGroups * nMetrics;
  const bestRatios = refDiffs + nGroups * nMetrics;
  const bestDiffs = bestRatios + nGroups * nMetrics;
  return { nGroups, nMetrics, headline: 0, toOverall: 8, between, betweenLarge, refRatios, refDiffs, bestRatios, bestDiffs, size: bestDiffs + nGroups * nMetrics };
}

/** Column indices of the metrics the headline disparities use. */
export interface HeadlineColumns {
  selection: number;
  tpr: number;
  fpr: number;
  /** Per metric column: 1 = higher is better-off, −1 = lower is, 0 = no direction (no best-off group). */
  better: Int8Array;
}

const DIRECTION: Partial<Record<GroupMetric, 1 | -1>> = {
  selection_rate: 1, tpr: 1, tnr: 1, precision: 1, accuracy: 1, auc: 1,
  fpr: -1, fnr: -1, for: -1, fdr: -1,
};

export function directions(metrics: readonly GroupMetric[]): Int8Array {
  return Int8Array.from(metrics.map((m) => DIRECTION[m] ?? 0));
}

/** The best-off group of metric m (first in label order on ties), among non-small groups if there are any; −1 if none. */
function bestGroup(v: Float64Array, nG: number, nM: number, m: number, dir: number, small: Uint8Array): number {
  if (dir === 0) return -1;
  for (const pass of [0, 1]) {
    let best = -1;
    for (let g = 0; g < nG; g++) {
      const x = v[g * nM + m];
      if (x !== x || (pass === 0 && small[g] === 1)) continue;
      if (best < 0 || dir * (x - v[best * nM + m]) > 0) best = g;
    }
    if (best >= 0) return best;
  }
  return -1;
}

/** min, max, max − min, min ÷ max over defined values (optionally skipping small groups). */
function between(v: Float64Array, nG: number, nM: number, m: number, skip: Uint8Array | null, out: Float64Array, o: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (let g = 0; g < nG; g++) {
    const x = v[g * nM + m];
    if (x !== x || (skip !== null && skip[g] === 1)) continue; // NaN = undefined
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (min === Infinity) {
    out[o] = out[o + 1] = out[o + 2] = out[o + 3] = NaN;
    return;
  }
  out[o] = min;
  out[o + 1] = max;
  out[o + 2] = max - min;
  out[o + 3] = max === 0 ? NaN : min / max; // 0 ÷ 0 when every group is 0: undefined
}

/** Fairlearn to_overall: [difference, ratio] of one metric. */
function toOverall(v: Float64Array, nG: number, nM: number, m: number, overall: number): [number, number] {
  if (overall !== overall) return [NaN, NaN];
  let diff = -Infinity;
  let ratio = Infinity;
  for (let g = 0; g < nG; g++) {
    const x = v[g * nM + m];
    if (x !== x) continue;
    const d = Math.abs(x - overall);
    if (d > diff) diff = d;
    if (overall !== 0) {
      let r = x / overall;
      if (r > 1) r = 1 / r;
      if (r < ratio) ratio = r;
    }
  }
  return [diff === -Infinity ? NaN : diff, ratio === Infinity ? NaN : ratio];
}

/** The 8 headline numbers from [dp diff, dp ratio, tpr diff, tpr ratio, fpr diff, fpr ratio]. */
function headline(dpD: number, dpR: number, tD: number, tR: number, fD: number, fR: number, out: Float64Array, o: number): void {
  out[o] = dpD;
  out[o + 1] = dpR;
  out[o + 2] = tD !== tD || fD !== fD ? NaN : Math.max(tD, fD); // worst_case; undefined if either part is
  out[o + 3] = (tD + fD) / 2;
  out[o + 4] = tR !== tR || fR !== fR ? NaN : Math.min(tR, fR);
  out[o + 5] = (tR + fR) / 2;
  out[o + 6] = tD;
  out[o + 7] = tR;
}

/**
 * v: nGroups × nMetrics (row per group), overall: nMetrics values, small: 1 = group below the minimum size,
 * ref: index of the reference group. Writes layout.size numbers at out[off..].
 */
export function writeDisparities(
  L: DisparityLayout,
  v: Float64Array,
  overall: Float64Array,
  small: Uint8Array,
  ref: number,
  cols: HeadlineColumns,
  out: Float64Array,
  off: number,
): void {
  const { nGroups: nG, nMetrics: nM } = L;
  for (let m = 0; m < nM; m++) {
    between(v, nG, nM, m, null, out, off + L.between + 4 * m);
    between(v, nG, nM, m, small, out, off + L.betweenLarge + 4 * m);
  }
  const b = (m: number, k: number) => out[off + L.between + 4 * m + k];
  headline(b(cols.selection, 2), b(cols.selection, 3), b(cols.tpr, 2), b(cols.tpr, 3), b(cols.fpr, 2), b(cols.fpr, 3), out, off + L.headline);
  const [sD, sR] = toOverall(v, nG, nM, cols.selection, overall[cols.selection]);
  const [tD, tR] = toOverall(v, nG, nM, cols.tpr, overall[cols.tpr]);
  const [fD, fR] = toOverall(v, nG, nM, cols.fpr, overall[cols.fpr]);
  headline(sD, sR, tD, tR, fD, fR, out, off + L.toOverall);
  for (let g = 0; g < nG; g++) {
    for (let m = 0; m < nM; m++) {
      const x = v[g * nM + m];
      const r = v[ref * nM + m];
      out[off + L.refRatios + g * nM + m] = r === 0 ? NaN : x / r; // NaN propagates from either side
      out[off + L.refDiffs + g * nM + m] = x - r;
    }
  }
  for (let m = 0; m < nM; m++) {
    const b = bestGroup(v, nG, nM, m, cols.better[m]!, small);
    const r = b < 0 ? NaN : v[b * nM + m];
    for (let g = 0; g < nG; g++) {
      const x = v[g * nM + m];
      out[off + L.bestRatios + g * nM + m] = r === 0 ? NaN : x / r;
      out[off + L.bestDiffs + g * nM + m] = x - r;
    }
  }
}

/** Names of the flat vector's entries, in layout order (the keys of ci.disparities[attribute]). */
export function disparityNames(L: DisparityLayout, metrics: readonly GroupMetric[], labels: readonly string[]): string[] {
  const names: string[] = [...HEADLINE_DISPARITIES, ...HEADLINE_DISPARITIES.map((h) => `to_overall.${h}`)];
  for (const block of ['between_groups', 'between_groups_excluding_small']) {
    for (const m of metrics) for (const f of BETWEEN_FIELDS) names.push(`${block}.${m}.${f}`);
  }
  for (const block of ['vs_reference', 'vs_best']) {
    for (const kind of ['ratios', 'differences']) {
      for (const g of labels) for (const m of metrics) names.push(`${block}.${kind}.${g}.${m}`);
    }
  }
  if (names.length !== L.size) throw new Error('disparity layout and names disagree');
  return names;
}

function headlineObject(flat: Float64Array, o: number): HeadlineValues {
  const h = {} as HeadlineValues;
  HEADLINE_DISPARITIES.forEach((name, i) => (h[name] = nullable(flat[o + i])));
  return h;
}

/** The group at the min / max of metric m (first in label order on ties, like pandas idxmin / idxmax). */
function extremeGroups(v: Float64Array, nG: number, nM: number, m: number, skip: Uint8Array | null, labels: readonly string[]) {
  let lo = -1;
  let hi = -1;
  for (let g = 0; g < nG; g++) {
    const x = v[g * nM + m];
    if (x !== x || (skip !== null && skip[g] === 1)) continue;
    if (lo < 0 || x < v[lo * nM + m]) lo = g;
    if (hi < 0 || x > v[hi * nM + m]) hi = g;
  }
  return { min_group: lo < 0 ? null : labels[lo], max_group: hi < 0 ? null : labels[hi] };
}

/** The API structure of one attribute's point-estimate disparities. */
export function disparityObject(
  L: DisparityLayout,
  flat: Float64Array,
  v: Float64Array,
  small: Uint8Array,
  metrics: readonly GroupMetric[],
  labels: readonly string[],
  ref: number,
  refRule: 'largest' | 'given',
  better: Int8Array,
): AttributeDisparities {
  const nM = metrics.length;
  const block = (o: number, skip: Uint8Array | null) => {
    const res: Partial<Record<GroupMetric, BetweenGroups>> = {};
    metrics.forEach((m, k) => {
      const e = extremeGroups(v, L.nGroups, nM, k, skip, labels);
      const at = (f: number) => nullable(flat[o + 4 * k + f]);
      res[m] = { min: at(0), max: at(1), ...e, difference: at(2), ratio: at(3) };
    });
    return res;
  };
  const perGroup = (o: number) => {
    const res: Record<string, MetricValues> = {};
    labels.forEach((g, gi) => {
      const row: MetricValues = {};
      metrics.forEach((m, k) => (row[m] = nullable(flat[o + gi * nM + k])));
      res[g] = row;
    });
    return res;
  };
  return {
    convention: 'between_groups',
    ...headlineObject(flat, L.headline),
    groups: L.nGroups,
    small_groups: labels.filter((_, g) => small[g] === 1),
    to_overall: { convention: 'to_overall', ...headlineObject(flat, L.toOverall) },
    vs_reference: {
      convention: 'vs_reference',
      reference: labels[ref],
      reference_rule: refRule,
      ratios: perGroup(L.refRatios),
      differences: perGroup(L.refDiffs),
    },
    vs_best: {
      convention: 'vs_reference',
      reference_rule: 'best',
      best: Object.fromEntries(metrics.map((m, k) => [m, labels[bestGroup(v, L.nGroups, nM, k, better[k]!, small)] ?? null])),
      ratios: perGroup(L.bestRatios),
      differences: perGroup(L.bestDiffs),
    },
    between_groups: block(L.between, null),
    between_groups_excluding_small: block(L.betweenLarge, small),
  };
}
