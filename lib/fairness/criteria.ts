// Does the audited model meet the fairness criterion the data scientist chose, within the chosen tolerance?
//
// Every metric of CRITERION_METRICS[criterion] is compared, group by group, against a comparator that depends on the
// convention. ratio = value ÷ comparator, difference = value − comparator (signed; the tolerance uses |difference|).
//   between_groups  the comparator is the judged group with the HIGHEST value. The worst comparison is therefore the
//                   lowest group, whose ratio is Fairlearn's min/max and whose difference is −(max − min). `range`
//                   reports min, max, min/max and max − min exactly as Fairlearn does. A ratio band [l, u] passes iff
//                   min/max ≥ l and max/min ≤ u, i.e. every ratio ≥ max(l, 1/u).
//   to_overall      the comparator is the metric on all the data. The ratio is NOT inverted when > 1 (Fairlearn
//                   inverts it), because an asymmetric band [l, u] must see the direction.
//   vs_reference    the comparator is a reference group (Aequitas): the largest judged group ('largest', Aequitas 'maj'),
//                   a named group, or 'best'. Aequitas's 'min' takes the lowest value of every metric. Here 'best' means
//                   the best-off group for an ASSISTIVE intervention: the highest selection rate, TPR, TNR, precision,
//                   accuracy and AUC, and the lowest FPR, FNR, FDR and FOR (BETTER below). For the error rates this is
//                   exactly Aequitas's 'min'.
//   calibration     (criterion, any convention) the comparator is the ideal value 1. The ratio is calibration_ratio
//                   itself (mean predicted ÷ observed), and the difference is mean_score − base_rate, so the difference
//                   tolerance reads "mean predicted within ±max of the observed churn rate".
// Comparator 0: 0 ÷ 0 counts as ratio 1 (both equal). x ÷ 0 has no ratio (null): it is outside any ratio band, while
// a difference tolerance can still judge it.
// Groups with a null metric cannot be judged: they are listed (nullGroups) and counted neither as pass nor as fail.
// Small groups (flagged `small`, or count < minGroupSize) are compared and listed, but by default they are left out of
// the verdict and of the choice of comparator, because their rates are mostly noise. includeSmall puts them back.
// Comparisons use a relative slack of 1e-9, so a value exactly on the band's edge (0.8 computed as 0.7999999999) passes.
import { CRITERION_INFO, METRIC_LABELS } from './criterion-info';
import { FairnessOptionError } from './option-error';
import { fmt, fmtRatio, toleranceText } from './format';
import { CRITERION_METRICS, DEFAULT_TOLERANCE } from './types';
import type { Convention, Criterion, GroupMetric, ReferenceChoice, Tolerance } from './types';

export { CRITERION_INFO, METRIC_LABELS, suggestCriterion } from './criterion-info';
export type { CriterionInfo, SuggestInput, Suggestion } from './criterion-info';

export type Metrics = Partial<Record<GroupMetric, number | null>>;

export interface CriterionGroup {
  group: string;
  count: number;
  small: boolean;
  /** Why the group is too small to judge, when it is for a reason other than its row count (e.g. "9 churners"). */
  smallBecause?: string;
  metrics: Metrics;
}

export interface EvaluateCriterionInput {
  criterion: Criterion;
  convention: Convention;
  /** Only for vs_reference. Default: the largest group. */
  reference?: ReferenceChoice;
  tolerance?: Tolerance;
  groups: CriterionGroup[];
  overall: Metrics;
  /** When given, a group with count < minGroupSize counts as small even if its flag says otherwise. */
  minGroupSize?: number;
  includeSmall?: boolean;
}

export interface Comparison {
  group: string;
  value: number;
  ratio: number | null;
  difference: number;
  within: boolean;
  small: boolean;
  /** Whether this comparison takes part in the verdict (false for small groups unless includeSmall). */
  counted: boolean;
}

export interface MetricCheck {
  metric: GroupMetric;
  verdict: 'pass' | 'fail' | 'not_judged';
  pass: boolean;
  comparator: { kind: 'max_group' | 'overall' | 'reference' | 'ideal'; group: string | null; value: number | null; how?: string };
  /** Fairlearn's between-groups view over the judged groups: min, max, min/max, max − min (null if none judged). */
  range: { min: { group: string; value: number }; max: { group: string; value: number }; ratio: number | null; difference: number } | null;
  /** The counted comparison furthest outside (or closest to the edge of) the tolerance. */
  worst: { group: string; value: number; ratio: number | null; difference: number } | null;
  comparisons: Comparison[];
  nullGroups: string[];
}

export interface CriterionResult {
  criterion: Criterion;
  convention: Convention;
  tolerance: Tolerance;
  verdict: 'pass' | 'fail' | 'not_judged';
  pass: boolean;
  metrics: MetricCheck[];
  excludedSmall: string[];
  nullGroups: string[];
  summary: string;
}

/** Which direction is better-off for an assistive intervention; null = no direction (never a 'best' reference). */
export const BETTER: Record<GroupMetric, 'higher' | 'lower' | null> = {
  base_rate: null, selection_rate: 'higher', tpr: 'higher', tnr: 'higher', precision: 'higher', accuracy: 'higher', auc: 'higher',
  fpr: 'lower', fnr: 'lower', for: 'lower', fdr: 'lower', mean_score: null, calibration_ratio: null,
};

const SLACK = 1e-9;

export function validateTolerance(t: Tolerance): void {
  const ok = t.kind === 'ratio'
    ? Number.isFinite(t.lower) && Number.isFinite(t.upper) && t.lower > 0 && t.lower <= 1 && t.upper >= 1
    : Number.isFinite(t.max) && t.max >= 0;
  if (!ok) throw new FairnessOptionError('invalid_tolerance', 'tolerance', 'A ratio band needs 0 < lower ≤ 1 ≤ upper; a difference tolerance needs max ≥ 0.');
}

export function ratioOf(value: number, comparator: number): number | null {
  if (comparator === 0) return value === 0 ? 1 : null;
  return value / comparator;
}

/** Is one comparison inside the tolerance? between_groups ratios are ≤ 1 and also face the 1/upper bound. */
export function withinTolerance(ratio: number | null, difference: number, t: Tolerance, betweenGroups: boolean): boolean {
  if (t.kind === 'difference') return Math.abs(difference) <= t.max * (1 + SLACK) + SLACK;
  if (ratio === null) return false;
  const lower = betweenGroups ? Math.max(t.lower, 1 / t.upper) : t.lower;
  return ratio >= lower * (1 - SLACK) && ratio <= t.upper * (1 + SLACK);
}

/** How far outside the tolerance a comparison is (> 1 = outside). Used to pick the worst comparison. */
function badness(c: { ratio: number | null; difference: number }, t: Tolerance, betweenGroups: boolean): number {
  if (t.kind === 'difference') return t.max > 0 ? Math.abs(c.difference) / t.max : Math.abs(c.difference) * 1e12;
  if (c.ratio === null || c.ratio <= 0) return Infinity;
  const lower = betweenGroups ? Math.max(t.lower, 1 / t.upper) : t.lower;
  return Math.max(lower / c.ratio, c.ratio / t.upper);
}

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The reference group for one metric (vs_reference), among the counted groups. */
function pickReference(choice: ReferenceChoice, metric: GroupMetric, groups: CriterionGroup[], counted: (g: CriterionGroup) => boolean): CriterionGroup | null {
  if (choice.kind === 'group') {
    const g = groups.find((x) => x.group === choice.group);
    if (!g) throw new FairnessOptionError('unknown_reference', 'reference', `Reference group "${choice.group}" is not among the audited groups.`);
    return g;
  }
  const pool = groups.filter(counted);
  const byCount = (a: CriterionGroup, b: CriterionGroup) => b.count - a.count || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);
  const dir = BETTER[metric];
  if (choice.kind === 'largest' || dir === null) return [...pool].sort(byCount)[0] ?? null;
  const valued = pool.filter((g) => num(g.metrics[metric]) !== null);
  const sign = dir === 'higher' ? -1 : 1;
  return [...valued].sort((a, b) => sign * (num(a.metrics[metric])! - num(b.metrics[metric])!) || byCount(a, b))[0] ?? null;
}

function checkMetric(input: EvaluateCriterionInput, metric: GroupMetric, tol: Tolerance, isSmall: (g: CriterionGroup) => boolean): MetricCheck {
  const counted = (g: CriterionGroup) => input.includeSmall === true || !isSmall(g);
  const calibration = input.criterion === 'calibration';
  const between = !calibration && input.convention === 'between_groups';
  const nullGroups: string[] = [];
  const valued: { g: CriterionGroup; value: number; diff?: number | null }[] = [];
  for (const g of input.groups) {
    let value = num(g.metrics[metric]);
    let diff: number | null | undefined;
    if (calibration) {
      const ms = num(g.metrics.mean_score);
      const br = num(g.metrics.base_rate);
      if (value === null && ms !== null && br !== null && br > 0) value = ms / br;
      diff = ms !== null && br !== null ? ms - br : value !== null && br !== null ? (value - 1) * br : null;
      if (tol.kind === 'difference' && diff === null) value = null;
    }
    if (value === null) nullGroups.push(g.group);
    else valued.push({ g, value, diff });
  }
  const judged = valued.filter((v) => counted(v.g));
  let range: MetricCheck['range'] = null;
  if (judged.length > 0) {
    let lo = judged[0]!;
    let hi = judged[0]!;
    for (const v of judged) {
      if (v.value < lo.value) lo = v;
      if (v.value > hi.value) hi = v;
    }
    range = { min: { group: lo.g.group, value: lo.value }, max: { group: hi.g.group, value: hi.value }, ratio: ratioOf(lo.value, hi.value), difference: hi.value - lo.value };
  }

  let comparator: MetricCheck['comparator'];
  if (calibration) comparator = { kind: 'ideal', group: null, value: 1, how: 'perfect calibration' };
  else if (input.convention === 'between_groups') comparator = { kind: 'max_group', group: range?.max.group ?? null, value: range?.max.value ?? null };
  else if (input.convention === 'to_overall') comparator = { kind: 'overall', group: null, value: num(input.overall[metric]) };
  else {
    const choice = input.reference ?? { kind: 'largest' };
    const ref = pickReference(choice, metric, input.groups, counted);
    const how = choice.kind === 'largest' ? 'largest group' : choice.kind === 'best' ? `best ${METRIC_LABELS[metric]}` : 'chosen reference';
    comparator = { kind: 'reference', group: ref?.group ?? null, value: ref ? num(ref.metrics[metric]) : null, how };
  }

  const comparisons: Comparison[] = [];
  if (comparator.value !== null) {
    for (const v of valued) {
      const ratio = calibration ? v.value : ratioOf(v.value, comparator.value);
      const difference = calibration ? v.diff ?? NaN : v.value - comparator.value;
      const within = Number.isNaN(difference) ? false : withinTolerance(ratio, difference, tol, between);
      comparisons.push({ group: v.g.group, value: v.value, ratio, difference, within, small: isSmall(v.g), counted: counted(v.g) });
    }
  }
  const inVerdict = comparisons.filter((c) => c.counted && !Number.isNaN(c.difference));
  let worst: Comparison | null = null;
  for (const c of inVerdict) if (worst === null || badness(c, tol, between) > badness(worst, tol, between)) worst = c;
  const verdict = inVerdict.length === 0 ? 'not_judged' : inVerdict.every((c) => c.within) ? 'pass' : 'fail';
  return {
    metric, verdict, pass: verdict === 'pass', comparator, range, comparisons, nullGroups,
    worst: worst && { group: worst.group, value: worst.value, ratio: worst.ratio, difference: worst.difference },
  };
}

export function evaluateCriterion(input: EvaluateCriterionInput): CriterionResult {
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  validateTolerance(tolerance);
  const isSmall = (g: CriterionGroup) => g.small || (input.minGroupSize !== undefined && g.count < input.minGroupSize);
  const metrics = CRITERION_METRICS[input.criterion].map((m) => checkMetric(input, m, tolerance, isSmall));
  const verdicts = metrics.map((m) => m.verdict);
  const verdict = verdicts.includes('fail') ? 'fail' : verdicts.includes('not_judged') ? 'not_judged' : 'pass';
  const excludedSmall = input.includeSmall ? [] : input.groups.filter(isSmall).map((g) => g.group);
  const nullGroups = [...new Set(metrics.flatMap((m) => m.nullGroups))];
  const result = { criterion: input.criterion, convention: input.convention, tolerance, verdict, pass: verdict === 'pass', metrics, excludedSmall, nullGroups } as const;
  return { ...result, summary: summarize(result, input) };
}

function metricPhrase(m: MetricCheck, criterion: Criterion, convention: Convention, tol: Tolerance, several: boolean): string {
  const label = METRIC_LABELS[m.metric];
  const w = m.worst!;
  const measure = tol.kind === 'ratio' ? `ratio ${fmtRatio(w.ratio)}` : `difference ${fmt(Math.abs(w.difference))}`;
  const flag = several && m.verdict === 'fail' ? ' (outside)' : '';
  if (criterion === 'calibration') {
    return tol.kind === 'ratio'
      ? `mean predicted ÷ observed is furthest from 1 in ${w.group} at ${fmtRatio(w.value)} (difference ${fmt(w.difference)})${flag}`
      : `mean predicted minus observed churn rate is largest in ${w.group} at ${fmt(w.difference)} (ratio ${fmtRatio(w.value)})${flag}`;
  }
  if (convention === 'between_groups') {
    const r = m.range!;
    const pair = tol.kind === 'ratio' ? `ratio ${fmtRatio(r.ratio)}` : `difference ${fmt(r.difference)}`;
    return `${label} ranges from ${fmt(r.min.value)} (${r.min.group}) to ${fmt(r.max.value)} (${r.max.group}), ${pair}${flag}`;
  }
  const against = convention === 'to_overall'
    ? `the overall ${label} of ${fmt(m.comparator.value!)}`
    : `${m.comparator.group} (${m.comparator.how}, ${label} ${fmt(m.comparator.value!)})`;
  return `the group furthest from ${against} is ${w.group} at ${fmt(w.value)}, ${measure}${flag}`;
}

function summarize(r: Omit<CriterionResult, 'summary'>, input: EvaluateCriterionInput): string {
  const info = CRITERION_INFO[r.criterion];
  const band = toleranceText(r.tolerance, r.criterion === 'calibration' ? 'calibration' : r.convention);
  const sentences: string[] = [];
  const judged = r.metrics.filter((m) => m.verdict !== 'not_judged');
  if (r.verdict === 'not_judged' && judged.length === 0) {
    sentences.push(`${info.label} cannot be judged: no comparable group has a defined ${info.metricLabel}.`);
  } else {
    const phrases = judged.map((m) => metricPhrase(m, r.criterion, r.convention, r.tolerance, r.metrics.length > 1));
    const head = r.verdict === 'pass' ? 'holds' : r.verdict === 'fail' ? 'fails' : 'is only partly judged';
    sentences.push(`${info.label} ${head} ${band}: ${phrases.join('; ')}.`);
  }
  for (const m of r.metrics.filter((x) => x.verdict === 'not_judged' && x.comparator.value === null && x.comparator.kind !== 'max_group')) {
    const label = METRIC_LABELS[m.metric];
    const whose = m.comparator.kind === 'overall' ? 'the data as a whole has' : m.comparator.group ? `the reference group ${m.comparator.group} has` : 'there is no reference group with';
    sentences.push(`${label} cannot be compared: ${whose} no defined ${label}.`);
  }
  // Small groups already have their own sentence; they are not named twice.
  const nullNamed = r.nullGroups.filter((g) => !r.excludedSmall.includes(g));
  if (nullNamed.length > 0) {
    const what = r.metrics.filter((m) => m.nullGroups.some((g) => nullNamed.includes(g))).map((m) => METRIC_LABELS[m.metric]).join(' or ');
    sentences.push(`Not judged (no defined ${what}): ${nullNamed.join(', ')}.`);
  }
  if (r.excludedSmall.length > 0) {
    const sizes = input.groups.filter((g) => r.excludedSmall.includes(g.group)).map((g) => `${g.group} (${g.smallBecause ?? `n=${g.count}`})`);
    sentences.push(`Left out as too small to judge: ${sizes.join(', ')}.`);
  }
  return sentences.join(' ');
}
