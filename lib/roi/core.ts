// The profit model every ROI evaluator shares, on the prefix sums of prepare.ts.
//
// Contacting customer i (churn probability p_i, value CLV_i) is worth
//     E_i = p_i·γ·(CLV_i − d) − (1 − p_i)·d − f        (lib/serving/action.ts; not contacting is worth 0)
// and the campaign contacting the top k is worth Σ_{i≤k} E_i − A (A only when k > 0). With S_p = Σ p and
// S_pclv = Σ p·CLV over the top k:
//     profit(k; γ) = γ·(S_pclv − d·S_p)  −  d·(k − S_p) − f·k − A·[k > 0]
//                  = γ·slope(k) + intercept(k)
// linear in γ, so the Beta band at any k is exact from two quantiles, and the best campaign for each γ is the upper
// envelope of lines (EMP). The same form with labels y instead of p (S_y, S_yclv) is the realized profit with the
// expected save rate: Σ y_i·(γ(CLV_i − d) − f) + (1 − y_i)·(−d − f) − A.
import type { Economics } from './inputs';
import type { Prepared } from './prepare';

/** Σ_{i≤k} p_i·CLV_i. */
export function sumPClv(p: Prepared, e: Economics, k: number): number {
  return e.clvScale * (e.perCustomer ? p.sumPV![k]! : p.sumP[k]!);
}

export function slopeAt(p: Prepared, e: Economics, k: number): number {
  return sumPClv(p, e, k) - e.d * p.sumP[k]!;
}

export function interceptAt(p: Prepared, e: Economics, k: number): number {
  return -e.d * (k - p.sumP[k]!) - e.f * k - (k > 0 ? e.A : 0);
}

export function profitAt(p: Prepared, e: Economics, k: number, gamma = e.gamma): number {
  return gamma * slopeAt(p, e, k) + interceptAt(p, e, k);
}

/** Expected offers taken: saved churners (p·γ) and every contacted non-churner (1 − p). */
export function offersTakenAt(p: Prepared, e: Economics, k: number): number {
  return e.gamma * p.sumP[k]! + (k - p.sumP[k]!);
}

export function spendAt(p: Prepared, e: Economics, k: number): number {
  return k === 0 ? 0 : e.A + e.f * k + e.d * offersTakenAt(p, e, k);
}

/** With labels: the profit the top k would have made with the expected save rate (γ times each observed churner). */
export function realizedAt(p: Prepared, e: Economics, k: number): number {
  const y = p.sumY![k]!;
  const yClv = e.clvScale * (e.perCustomer ? p.sumYV![k]! : y);
  return e.gamma * (yClv - e.d * y) - e.d * (k - y) - e.f * k - (k > 0 ? e.A : 0);
}

export interface Best {
  /** Index into prepared.cuts of the best campaign within capacity, and of the best with no capacity. */
  at: number;
  unconstrainedAt: number;
  profit: number;
}

/**
 * The expected-profit-maximising campaign among the cuts, exactly (one pass, O(number of distinct scores)). Ties go
 * to the smaller campaign: the same money for fewer contacts. The hot loop of every slider move, so the profit is
 * expanded into coefficients of the prefix sums — profit(k) = cP·S_p + cV·S_pv − (d + f)·k − A — and the arrays
 * read directly rather than through profitAt.
 */
export function bestCut(p: Prepared, e: Economics, gamma = e.gamma): Best {
  const { cuts, sumP } = p;
  const pv = e.perCustomer ? p.sumPV! : sumP;
  const cP = e.d * (1 - gamma) + (e.perCustomer ? 0 : gamma * e.clvScale);
  const cV = e.perCustomer ? gamma * e.clvScale : 0;
  const cK = -(e.d + e.f);
  const { A, K } = e;
  const m = cuts.length;
  let at = 0;
  let unconstrainedAt = 0;
  let unconstrained = 0;
  // Cuts ascend in k, so the best within capacity is the running maximum until k passes K; after that only the
  // uncapped maximum moves.
  for (let j = 1; j < m; j++) {
    const k = cuts[j]!;
    const v = cP * sumP[k]! + cV * pv[k]! + cK * k - A;
    if (v > unconstrained) {
      unconstrained = v;
      unconstrainedAt = j;
      if (k <= K) at = j;
    }
  }
  return { at, unconstrainedAt, profit: at === 0 ? 0 : profitAt(p, e, cuts[at]!, gamma) };
}

/** The smallest γ in [0, 1] at which some campaign within capacity (k > 0) breaks even; null if none does. */
export function breakEvenGamma(p: Prepared, e: Economics): number | null {
  const { cuts, sumP } = p;
  const pv = e.perCustomer ? p.sumPV! : sumP;
  const { clvScale: scale, d, f, A, K } = e;
  const m = cuts.length;
  let min = Infinity;
  for (let j = 1; j < m; j++) {
    const k = cuts[j]!;
    if (k > K) break;
    const sp = sumP[k]!;
    const a = -d * (k - sp) - f * k - A;
    const b = scale * pv[k]! - d * sp;
    // γ·b + a ≥ 0 from γ = −a/b on (b > 0); already at γ = 0 when a ≥ 0 (only when every cost is 0).
    if (a >= 0) return 0;
    if (b > 0 && -a < min * b) min = -a / b;
  }
  return min <= 1 ? min : null;
}
