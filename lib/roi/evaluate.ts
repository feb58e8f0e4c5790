// evaluateRoi: the retention campaign's profit curve over every score threshold, the expected-profit-maximising
// campaign (within the contact capacity), its ROI and 5–95% band over the acceptance rate's Beta, the baselines
// (contact nobody, everybody, or the same number at random), the break-even acceptance rate and, with labels, the
// profit the chosen campaign would actually have made. Profit model and notation: core.ts.
//
// Thresholds: `threshold` is the score of the k-th customer and the campaign contacts iff p ≥ threshold; k = 0
// (nobody) has threshold null. Customers with equal scores are contacted together, so k is only ever a tie block's
// end (prepare.ts `cuts`), for the optimum, the curve and the capacity (a capacity inside a block stops before it).
//
// The band at the optimum is the chosen campaign's profit if γ is at its Beta's 5th or 95th percentile (k fixed:
// what the campaign as planned would make), exact because profit is linear in γ. It brackets the expected profit
// whenever the Beta's 5–95% interval holds its mean — for the default Beta(20γ, 20(1 − γ)), any γ in [0.001, 0.999];
// beyond that the Beta is so skewed that its mean lies outside its own 90% interval.
//
// Cost: O(distinct scores) per call, allocating only the ≤ curvePoints curve. The curve is decimated evenly in k
// and always holds k = 0, the optimum (and the uncapped optimum when a capacity binds) and k = n; the optimum is
// exact over every cut, never read off the decimated curve.
import { bestCut, breakEvenGamma, interceptAt, offersTakenAt, profitAt, realizedAt, slopeAt, spendAt } from './core';
import { RoiInputError } from './errors';
import { resolveInputs, type BetaParams, type ResolvedInputs, type RoiInputs } from './inputs';
import type { Prepared } from './prepare';

export interface CurvePoint {
  threshold: number | null;
  contacted: number;
  expected_profit: number;
  p05: number;
  p95: number;
  /** With labels: what this campaign made on the observed churn (expected save rate). */
  realized_profit?: number;
}

export interface RoiOptimum {
  threshold: number | null;
  contacted: number;
  expected_profit: number;
  /** expected_profit ÷ spend; null when nothing is spent (nobody contacted, or every cost 0). */
  roi: number | null;
  p05: number;
  p95: number;
  /** A + f·k + d·(expected offers taken). */
  spend: number;
  expected_offers_taken: number;
}

export interface RoiResult {
  n: number;
  curve: CurvePoint[];
  optimum: RoiOptimum;
  band: { p05: number; p95: number };
  baselines: {
    contact_none: 0;
    contact_all: { contacted: number; expected_profit: number };
    /** The optimum's number of contacts chosen at random: the value of the model's ranking is optimum − random. */
    random: { contacted: number; expected_profit: number };
  };
  break_even_acceptance_rate: number | null;
  realized_profit?: number;
  /** True when a capacity stops the campaign short of the uncapped optimum (then `uncapped` is that optimum). */
  capacity_bound: boolean;
  uncapped?: { threshold: number | null; contacted: number; expected_profit: number };
  /** The Beta the band is from and its 5th/95th percentiles of γ. */
  acceptance: { rate: number; beta: BetaParams; q05: number; q95: number };
}

export const DEFAULT_CURVE_POINTS = 400;
export const MAX_CURVE_POINTS = 100_000;

function band(p: Prepared, r: ResolvedInputs, k: number): { p05: number; p95: number } {
  const a = interceptAt(p, r, k);
  const b = slopeAt(p, r, k);
  // The slope is negative when CLV < d: a higher γ then costs money, and the 5th percentile is at the 95th of γ.
  const lo = a + r.q05 * b;
  const hi = a + r.q95 * b;
  return lo <= hi ? { p05: lo, p95: hi } : { p05: hi, p95: lo };
}

/** Null when nothing is spent — or so little (a denormal cost) that the ratio overflows: JSON has no Infinity. */
function roiOf(profit: number, spend: number): number | null {
  const r = spend > 0 ? profit / spend : NaN;
  return Number.isFinite(r) ? r : null;
}

const thresholdOf = (p: Prepared, k: number) => (k === 0 ? null : p.score[k - 1]!);

/** Index of the cut nearest to k (cuts ascending). */
function nearestCut(cuts: Int32Array, k: number): number {
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && k - cuts[lo - 1]! <= cuts[lo]! - k ? lo - 1 : lo;
}

/** The cut indices the curve shows: all if they fit, else k = 0, n, the optima and the rest evenly spaced in k. */
function curveCuts(p: Prepared, m: number, optima: number[]): number[] {
  const total = p.cuts.length;
  if (total <= m) return Array.from({ length: total }, (_, j) => j);
  const picked = new Set<number>([0, total - 1, ...optima]);
  const interior = m - picked.size;
  for (let t = 1; t <= interior; t++) picked.add(nearestCut(p.cuts, Math.round((t * p.n) / (interior + 1))));
  return [...picked].sort((a, b) => a - b);
}

export function evaluateRoi(prepared: Prepared, inputs: RoiInputs, opts: { curvePoints?: number } = {}): RoiResult {
  const m = opts.curvePoints ?? DEFAULT_CURVE_POINTS;
  if (!Number.isInteger(m) || m < 4 || m > MAX_CURVE_POINTS) throw new RoiInputError('curve_points', `curve_points must be a whole number from 4 to ${MAX_CURVE_POINTS}, got ${m}`);
  const p = prepared;
  const r = resolveInputs(p, inputs);
  const best = bestCut(p, r);
  const k = p.cuts[best.at]!;
  const ku = p.cuts[best.unconstrainedAt]!;
  const capacityBound = ku > k && ku > r.K;
  // Per-customer CLV needs the amounts, which prepare() then also summed against the labels.
  const hasRealized = p.hasLabels;

  const curve: CurvePoint[] = curveCuts(p, m, capacityBound ? [best.at, best.unconstrainedAt] : [best.at]).map((j) => {
    const kj = p.cuts[j]!;
    const point: CurvePoint = { threshold: thresholdOf(p, kj), contacted: kj, expected_profit: profitAt(p, r, kj), ...band(p, r, kj) };
    if (hasRealized) point.realized_profit = realizedAt(p, r, kj);
    return point;
  });

  const profit = profitAt(p, r, k);
  const spend = spendAt(p, r, k);
  const b = band(p, r, k);
  const all = p.n > 0 ? profitAt(p, r, p.n) : 0;
  const perCustomerValue = p.n > 0 ? all + r.A : 0; // Σ E_i over everybody, without the fixed cost
  return {
    n: p.n,
    curve,
    optimum: { threshold: thresholdOf(p, k), contacted: k, expected_profit: profit, roi: roiOf(profit, spend), ...b, spend, expected_offers_taken: offersTakenAt(p, r, k) },
    band: b,
    baselines: {
      contact_none: 0,
      contact_all: { contacted: p.n, expected_profit: all },
      random: { contacted: k, expected_profit: k > 0 ? (k / p.n) * perCustomerValue - r.A : 0 },
    },
    break_even_acceptance_rate: breakEvenGamma(p, r),
    ...(hasRealized ? { realized_profit: realizedAt(p, r, k) } : {}),
    capacity_bound: capacityBound,
    ...(capacityBound ? { uncapped: { threshold: thresholdOf(p, ku), contacted: ku, expected_profit: profitAt(p, r, ku) } } : {}),
    acceptance: { rate: r.gamma, beta: r.beta, q05: r.q05, q95: r.q95 },
  };
}
