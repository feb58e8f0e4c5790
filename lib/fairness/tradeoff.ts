// The fairness/objective trade-off chart: what each thresholding option costs and how unequal it leaves the groups.
//
// Points: the current global threshold, the best single threshold (no per-group thresholds), the per-group optimum
// with no fairness constraint (small groups keep the global threshold there too, as in the mitigation; it is the
// ceiling no constrained option can beat), and the constrained optimum at a ladder
// of tolerances. The ladder is ratio lower bounds 0.6 … 0.95 with upper = 1/lower, or difference bounds 0.2 … 0.01
// when the chosen tolerance is a difference. The x axis is always the between-groups ratio min/max of the criterion
// metric(s). That is one comparable number whatever convention the criterion uses, and each point also carries
// `pass` under the chosen convention. The curves are prepared once and shared by every point, so the whole chart
// costs one sort of the rows plus a few cheap searches.
import { evaluateCriterion } from './criteria';
import { confusionAt, gainAt, ratesOf } from './curves';
import type { Prepared, ThresholdRows } from './curves';
import { disparityOf, prepare, solvePrepared } from './thresholds';
import type { ThresholdOptions } from './thresholds';
import { DEFAULT_MIN_GROUP_SIZE, DEFAULT_TOLERANCE } from './types';
import type { Confusion, Tolerance } from './types';

export interface TradeoffPoint {
  label: string;
  kind: 'current' | 'best_single' | 'unconstrained' | 'constrained';
  /** For constrained points: the tolerance it was solved under. */
  tolerance: Tolerance | null;
  feasible: boolean;
  /** Whether the point meets the chosen criterion under the chosen convention and tolerance (options.tolerance). */
  pass: boolean;
  /** Between-groups min/max of the criterion metric(s); null if undefined or infeasible. */
  disparity: number | null;
  difference: number | null;
  objective: number | null;
  accuracy: number | null;
  profit: number | null;
  thresholds: Record<string, number> | null;
}

export const RATIO_LADDER = [0.6, 0.7, 0.8, 0.9, 0.95];
export const DIFFERENCE_LADDER = [0.2, 0.1, 0.05, 0.02, 0.01];

export function tradeoff(rows: ThresholdRows, options: ThresholdOptions, ladder?: Tolerance[]): TradeoffPoint[] {
  const p = prepare(rows, options);
  const chosen = options.tolerance ?? DEFAULT_TOLERANCE;
  const tolerances = ladder ?? (chosen.kind === 'difference'
    ? DIFFERENCE_LADDER.map((max): Tolerance => ({ kind: 'difference', max }))
    : RATIO_LADDER.map((lower): Tolerance => ({ kind: 'ratio', lower, upper: 1 / lower })));
  const objective = options.objective ?? 'accuracy';
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const free = (c: Prepared['curves'][number]) => options.includeSmall || c.count >= minGroupSize;
  const best = p.curves.map((c) => {
    if (!free(c)) return c.globalK;
    let k = 0;
    for (let j = 1; j < c.thr.length; j++) if (gainAt(c, j, objective) > gainAt(c, k, objective)) k = j;
    return k;
  });
  const points: TradeoffPoint[] = [
    fixedPoint(p, options, `Current threshold ${p.globalThreshold.toFixed(2)}`, 'current', p.curves.map((c) => c.globalK)),
    // One threshold for everyone, small groups included: the best the team can do without per-group thresholds.
    fixedPoint(p, options, `Best single threshold ${Math.min(1, p.bestSingleThreshold).toFixed(2)}`, 'best_single', p.curves.map((c) => c.bestSingleK)),
    fixedPoint(p, options, 'Per-group best, no fairness constraint', 'unconstrained', best),
  ];
  if (options.criterion === 'calibration') return points;
  for (const tolerance of tolerances) {
    const r = solvePrepared(p, { ...options, tolerance });
    const label = tolerance.kind === 'ratio' ? `Ratio ≥ ${tolerance.lower.toFixed(2)}` : `Difference ≤ ${tolerance.max}`;
    if (!r.feasible) {
      points.push({ label, kind: 'constrained', tolerance, feasible: false, pass: false, disparity: null, difference: null, objective: null, accuracy: null, profit: null, thresholds: null });
      continue;
    }
    const pass = evaluateCriterion({ ...checkInput(p, options, p.curves.map((c) => r.perGroup.find((x) => x.group === c.name)!.after.confusion)), tolerance: chosen }).pass;
    points.push({
      label, kind: 'constrained', tolerance, feasible: true, pass, disparity: r.disparityAfter.ratio, difference: r.disparityAfter.difference,
      objective: r.after.objective, accuracy: r.after.accuracy, profit: r.after.profit, thresholds: r.thresholds,
    });
  }
  return points;
}

function checkInput(p: Prepared, options: ThresholdOptions, confusions: Confusion[]) {
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const all: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const groups = p.curves.map((c, g) => {
    const m = confusions[g]!;
    all.tp += m.tp;
    all.fp += m.fp;
    all.tn += m.tn;
    all.fn += m.fn;
    return { group: c.name, count: c.count, small: c.count < minGroupSize, metrics: ratesOf(m) };
  });
  return { criterion: options.criterion, convention: options.convention, reference: options.reference, includeSmall: options.includeSmall, groups, overall: ratesOf(all) };
}

function fixedPoint(p: Prepared, options: ThresholdOptions, label: string, kind: TradeoffPoint['kind'], choice: number[]): TradeoffPoint {
  const objective = options.objective ?? 'accuracy';
  const confusions = p.curves.map((c, g) => confusionAt(c, choice[g]!));
  const check = evaluateCriterion({ ...checkInput(p, options, confusions), tolerance: options.tolerance ?? DEFAULT_TOLERANCE });
  const d = disparityOf(check); // `range` is the between-groups view whatever the convention
  let obj = 0;
  let right = 0;
  let profit = 0;
  p.curves.forEach((c, g) => {
    const k = choice[g]!;
    obj += gainAt(c, k, objective);
    right += c.tp[k]! + c.neg - c.fp[k]!;
    if (c.profit) profit += c.profit[k]!;
  });
  return {
    label, kind, tolerance: null, feasible: true, pass: check.pass, disparity: d.ratio, difference: d.difference,
    objective: obj, accuracy: p.n > 0 ? right / p.n : null, profit: p.hasProfit ? profit : null,
    thresholds: Object.fromEntries(p.curves.map((c, g) => [c.name, c.thr[choice[g]!]!])),
  };
}
