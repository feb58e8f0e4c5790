// Mitigation by per-group decision thresholds (post-processing, in the spirit of Fairlearn's ThresholdOptimizer):
// pick one threshold per group that maximises the objective (accuracy or realised retention profit) subject to the
// chosen criterion holding within the tolerance.
//
// Deterministic, not randomised. Fairlearn interpolates between two thresholds per group and flips a coin for
// customers in between. That is the price of meeting a constraint EXACTLY (Hardt et al.). We use a tolerance band, so
// exact equality is not needed. A retention team must also be able to say why a customer got an offer ("score ≥ the
// threshold for their group"), and every request must be reproducible. The cost is a small loss of objective against
// the randomised optimum, and infeasibility when a group's curve jumps over the band.
//
// Search (curves.ts gives each group's candidate cuts with counts and objective; search.ts does step 1 fast):
//   1. Propose. For a target level x, every group must land in a band [lo(x), hi(x)] that follows from the convention
//      and the tolerance. between_groups with ratio [l, u]: [x, x/l'], where l' = max(l, 1/u); difference: [x, x + max].
//      to_overall: [l·x, u·x] (difference: x ± max), where x stands for the overall value; the strict between_groups
//      band is tried as well, and it always verifies. vs_reference 'best': [l·x, x] when higher is better, [x, u·x]
//      when lower is better. vs_reference largest/named: x runs over the reference group's own cuts. Each group takes
//      its best-objective cut inside the band; if a group has none, the level is infeasible.
//   2. Verify. Proposals are tried in order of objective. The first one that evaluateCriterion (criteria.ts) passes on
//      its realised rates wins, so the answer meets the tolerance by the same check the audit uses. This matters
//      for to_overall, where the overall value depends on every group's threshold at once. The current global
//      threshold, the best single threshold and the per-group unconstrained optimum are always among the proposals.
// Small groups (count < minGroupSize) keep the global threshold unless includeSmall: a threshold fitted on a few
// dozen rows is noise, and the criterion check leaves them out of the verdict anyway. Groups whose criterion metric is
// undefined at every threshold (no churners, for TPR) also keep it. Calibration is not applicable: a threshold does
// not change scores.
import { evaluateCriterion, validateTolerance } from './criteria';
import type { CriterionResult } from './criteria';
import { confusionAt, gainAt, metricAt, prepareCurves, ratesOf } from './curves';
import { propose, totalObjective } from './search';
import type { Curve, ObjectiveKind, Prepared, ThresholdRows } from './curves';
import { CRITERION_METRICS, DEFAULT_MIN_GROUP_SIZE, DEFAULT_TOLERANCE } from './types';
import type { Confusion, Convention, Criterion, GroupMetric, RateMetric, ReferenceChoice, Tolerance } from './types';
import type { OfferEconomics } from '@/lib/serving/action';

export type { ObjectiveKind, ThresholdRows } from './curves';

export interface ThresholdOptions {
  criterion: Criterion;
  convention: Convention;
  reference?: ReferenceChoice;
  tolerance?: Tolerance;
  /**
   * What contacting a row is worth, relative to not contacting it (worth 0). Default 'accuracy': +1 for a churner
   * (an FN becomes a TP) and −1 for a non-churner (a TN becomes an FP), so the sum is TP − FP and maximising it maximises
   * accuracy. 'profit' (needs monthly charges): γ·(CLV_i − d) − f for a churner, −d − f for a non-churner, where
   * CLV_i = clvMonths × monthly charge_i (lib/serving/action.ts, DEFAULT_ECONOMICS unless `economics` is given).
   */
  objective?: ObjectiveKind;
  economics?: OfferEconomics;
  /** The threshold used today for everyone (the served model's). */
  globalThreshold: number;
  minGroupSize?: number;
  includeSmall?: boolean;
  /** Candidate cuts per group per quantile family (rows, churners, non-churners). Default 400. */
  maxCandidates?: number;
}

export interface GroupState {
  threshold: number;
  confusion: Confusion;
  rates: Record<RateMetric, number | null>;
  /** This group's share of the objective. */
  objective: number;
}

export interface GroupOutcome {
  group: string;
  count: number;
  small: boolean;
  /** Why the threshold was not optimised, if it was not. */
  kept: 'small' | 'undefined_metric' | null;
  /** Contact iff score ≥ threshold. 1 (or just above 1 when some score is exactly 1) means this group gets no offer. */
  threshold: number;
  selection_rate: number | null;
  before: GroupState;
  after: GroupState;
}

export interface Disparity {
  /** Worst min/max of the criterion metric(s) across judged groups, or null. */
  ratio: number | null;
  /** Largest max − min of the criterion metric(s) across judged groups, or null. */
  difference: number | null;
}

export interface Totals {
  objective: number;
  accuracy: number | null;
  profit: number | null;
}

export interface ThresholdResult {
  status: 'optimized' | 'infeasible' | 'not_applicable';
  feasible: boolean;
  reason: string | null;
  objectiveKind: ObjectiveKind;
  globalThreshold: number;
  thresholds: Record<string, number>;
  objective: number;
  objectiveBefore: number;
  after: Totals;
  before: Totals;
  perGroup: GroupOutcome[];
  disparityBefore: Disparity;
  disparityAfter: Disparity;
  checkBefore: CriterionResult;
  checkAfter: CriterionResult;
}

/** What one solve needs besides the prepared curves. */
interface Ctx {
  p: Prepared;
  o: ThresholdOptions & { tolerance: Tolerance; objective: ObjectiveKind; minGroupSize: number };
  metrics: GroupMetric[];
}

export function optimizeThresholds(rows: ThresholdRows, options: ThresholdOptions): ThresholdResult {
  return solvePrepared(prepare(rows, options), options);
}

export function prepare(rows: ThresholdRows, options: ThresholdOptions): Prepared {
  const objective = options.objective ?? 'accuracy';
  return prepareCurves(rows, { globalThreshold: options.globalThreshold, objective, economics: options.economics, maxCandidates: options.maxCandidates });
}

/** Solve on curves already prepared with the same objective and global threshold (tradeoff reuses them). */
export function solvePrepared(p: Prepared, options: ThresholdOptions): ThresholdResult {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  validateTolerance(tolerance);
  const ctx: Ctx = {
    p, metrics: CRITERION_METRICS[options.criterion],
    o: { ...options, tolerance, objective: options.objective ?? 'accuracy', minGroupSize: options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE },
  };
  const globalChoice = p.curves.map((c) => c.globalK);
  if (options.criterion === 'calibration') {
    return outcome(ctx, globalChoice, 'not_applicable', 'Per-group thresholds change who is contacted, not the scores, so they cannot make scores calibrated. Recalibrate the model per group instead.');
  }
  const kept = p.curves.map((c) => keptReason(ctx, c));
  const free = p.curves.map((_, g) => kept[g] === null);
  const proposals = propose(ctx, free);
  const best = p.curves.map((c, g) => (free[g] ? argmaxAll(ctx, c) : c.globalK));
  proposals.push(globalChoice, p.curves.map((c, g) => (free[g] ? c.bestSingleK : c.globalK)), best);
  const seen = new Set<string>();
  const unique = proposals.filter((choice) => (seen.has(choice.join()) ? false : (seen.add(choice.join()), true)));
  const scored = unique.map((choice, i) => ({ choice, i, obj: totalObjective(ctx, choice) }));
  scored.sort((a, b) => b.obj - a.obj || a.i - b.i);
  for (const s of scored) if (check(ctx, s.choice).verdict === 'pass') return outcome(ctx, s.choice, 'optimized', null);
  return outcome(ctx, globalChoice, 'infeasible', 'No set of per-group thresholds among the candidates meets the criterion within this tolerance; the global threshold is kept. Widen the tolerance or choose another criterion.');
}

function keptReason(ctx: Ctx, c: Curve): GroupOutcome['kept'] {
  if (!ctx.o.includeSmall && c.count < ctx.o.minGroupSize) return 'small';
  const defined = ctx.metrics.some((m) => Array.from({ length: c.thr.length }, (_, k) => k).some((k) => metricAt(c, k, m) !== null));
  return defined ? null : 'undefined_metric';
}

function argmaxAll(ctx: Ctx, c: Curve): number {
  let best = 0;
  for (let k = 1; k < c.thr.length; k++) if (gainAt(c, k, ctx.o.objective) > gainAt(c, best, ctx.o.objective)) best = k;
  return best;
}

function check(ctx: Ctx, choice: number[]): CriterionResult {
  const all: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const groups = ctx.p.curves.map((c, g) => {
    const m = confusionAt(c, choice[g]!);
    all.tp += m.tp;
    all.fp += m.fp;
    all.tn += m.tn;
    all.fn += m.fn;
    return { group: c.name, count: c.count, small: c.count < ctx.o.minGroupSize, metrics: ratesOf(m) };
  });
  const { criterion, convention, reference, tolerance, includeSmall } = ctx.o;
  return evaluateCriterion({ criterion, convention, reference, tolerance, includeSmall, groups, overall: ratesOf(all) });
}

function totals(ctx: Ctx, choice: number[]): Totals {
  let right = 0;
  let profit = 0;
  choice.forEach((k, g) => {
    const c = ctx.p.curves[g]!;
    right += c.tp[k]! + (c.neg - c.fp[k]!);
    if (c.profit) profit += c.profit[k]!;
  });
  return { objective: totalObjective(ctx, choice), accuracy: ctx.p.n > 0 ? right / ctx.p.n : null, profit: ctx.p.hasProfit ? profit : null };
}

export function disparityOf(r: CriterionResult): Disparity {
  const ranges = r.metrics.map((m) => m.range).filter((x) => x !== null);
  if (ranges.length === 0) return { ratio: null, difference: null };
  const ratios = ranges.map((x) => x.ratio);
  return { ratio: ratios.includes(null) ? null : Math.min(...(ratios as number[])), difference: Math.max(...ranges.map((x) => x.difference)) };
}

function state(ctx: Ctx, c: Curve, k: number): GroupState {
  const m = confusionAt(c, k);
  return { threshold: c.thr[k]!, confusion: m, rates: ratesOf(m), objective: gainAt(c, k, ctx.o.objective) };
}

function outcome(ctx: Ctx, choice: number[], status: ThresholdResult['status'], reason: string | null): ThresholdResult {
  const { curves } = ctx.p;
  const globalChoice = curves.map((c) => c.globalK);
  const perGroup: GroupOutcome[] = curves.map((c, g) => {
    const after = state(ctx, c, choice[g]!);
    const small = c.count < ctx.o.minGroupSize;
    const kept = status === 'optimized' ? keptReason(ctx, c) : null;
    return { group: c.name, count: c.count, small, kept, threshold: after.threshold, selection_rate: after.rates.selection_rate, before: state(ctx, c, c.globalK), after };
  });
  const checkBefore = check(ctx, globalChoice);
  const checkAfter = check(ctx, choice);
  const before = totals(ctx, globalChoice);
  const after = totals(ctx, choice);
  return {
    status, feasible: status === 'optimized', reason, objectiveKind: ctx.o.objective, globalThreshold: ctx.p.globalThreshold,
    thresholds: Object.fromEntries(perGroup.map((x) => [x.group, x.threshold])),
    objective: after.objective, objectiveBefore: before.objective, after, before, perGroup,
    disparityBefore: disparityOf(checkBefore), disparityAfter: disparityOf(checkAfter), checkBefore, checkAfter,
  };
}
