// Verbraken, Verbeke & Baesens' Expected Maximum Profit for customer churn (IEEE TKDE 25(5), 2013; R's EMP::empChurn)
// on the empirical curve, per customer: a model-selection metric in dollars that rewards a ranking for the profit
// its best threshold makes, averaged over the uncertain acceptance rate γ ~ Beta(α, β) (default Beta(6, 14)).
//
// With labels y, the campaign contacting the top k (a tie block's end) makes, per customer,
//     P_k(γ) = (1/n) · [ γ·Σ_{i≤k} y_i·(CLV_i − d)  −  d·(k − Σ_{i≤k} y_i) − f·k ]
// (saved churners are worth CLV − d, unsaved churners cost f, non-churners take the offer: d + f) — Verbraken's
// P(t; γ) = CLV·[(γ(1 − δ) − φ)·π0·F0(t) − (δ + φ)·π1·F1(t)] when CLV is flat. Then
//     MP  = max_k P_k(E[γ])                       (the fraction contacted there: mp_fraction)
//     EMP = ∫_0^1 max_k P_k(γ) · h(γ) dγ          (emp_fraction = the expected fraction contacted)
// k = 0 is a line too (P = 0), so EMP ≥ 0: not running a campaign is always an option. The maximum of lines is
// their upper envelope, a convex broken line; each piece integrates exactly against the Beta density with the
// regularized incomplete beta (∫ h = I_x(α, β), ∫ γh = mean·I_x(α + 1, β)) — no quadrature. Taking the maximum
// over the empirical points equals Verbraken's maximum over the ROC convex hull: a linear objective peaks at a vertex.
import { betaInc, betaMean } from './beta';
import { RoiInputError } from './errors';
import type { ClvSpec } from './inputs';
import { prepareScores, type Prepared } from './prepare';

export interface EmpInput {
  scores: ArrayLike<number>;
  labels: ArrayLike<number>;
  /** USD: one value for everyone, or one per customer. */
  clv: number | ArrayLike<number>;
  offerCost: number;
  contactCost: number;
  alpha?: number;
  beta?: number;
}

export interface EmpResult {
  /** Expected maximum profit per customer (USD) over γ ~ Beta(α, β). */
  emp: number;
  /** The expected share of customers the best campaign contacts. */
  emp_fraction: number;
  /** Maximum profit per customer at γ = E[γ], its share contacted and threshold (null: nobody). */
  mp: number;
  mp_fraction: number;
  mp_threshold: number | null;
  n: number;
  alpha: number;
  beta: number;
}

export interface EmpEconomics {
  clv: ClvSpec;
  offerCost: number;
  contactCost: number;
  alpha: number;
  beta: number;
}

function check(field: string, v: number, positive = false): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (positive && v === 0)) throw new RoiInputError(field, `${field} must be a finite number ${positive ? '> 0' : '≥ 0'}, got ${String(v)}`);
}

export function emp(input: EmpInput): EmpResult {
  if (!input.labels) throw new RoiInputError('labels', 'EMP needs the observed churn labels');
  const flat = typeof input.clv === 'number';
  const p = prepareScores(input.scores, { labels: input.labels, ...(flat ? {} : { clv: input.clv as ArrayLike<number> }) });
  const clv: ClvSpec = flat ? { kind: 'flat', value: input.clv as number } : { kind: 'per_customer', months: 1 };
  return empOf(p, { clv, offerCost: input.offerCost, contactCost: input.contactCost, alpha: input.alpha ?? 6, beta: input.beta ?? 14 });
}

/** EMP on prepared scores (with labels); the ROI route reports it with the request's economics. */
export function empOf(p: Prepared, econ: EmpEconomics): EmpResult {
  const { offerCost: d, contactCost: f, alpha, beta } = econ;
  if (!p.hasLabels) throw new RoiInputError('labels', 'EMP needs the observed churn labels');
  check('offer_cost', d);
  check('contact_cost', f);
  check('acceptance_beta.alpha', alpha, true);
  check('acceptance_beta.beta', beta, true);
  const perCustomer = econ.clv.kind === 'per_customer';
  const scale = econ.clv.kind === 'flat' ? econ.clv.value : econ.clv.months;
  check('clv', scale);
  if (perCustomer && !p.sumYV) throw new RoiInputError('clv', 'per-customer CLV needs each customer’s amount');
  const n = p.n;
  if (n === 0) return { emp: 0, emp_fraction: 0, mp: 0, mp_fraction: 0, mp_threshold: null, n, alpha, beta };

  // One line per campaign: slope and intercept of n·P_k(γ).
  const m = p.cuts.length;
  const slope = new Float64Array(m);
  const intercept = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const k = p.cuts[j]!;
    const y = p.sumY![k]!;
    slope[j] = scale * (perCustomer ? p.sumYV![k]! : y) - d * y;
    intercept[j] = -d * (k - y) - f * k;
  }

  // MP at the mean acceptance rate; ties to the smaller campaign.
  const g = betaMean(alpha, beta);
  let mpAt = 0;
  for (let j = 1; j < m; j++) if (intercept[j]! + g * slope[j]! > intercept[mpAt]! + g * slope[mpAt]!) mpAt = j;

  // Upper envelope: lines by slope ascending (equal slopes: the higher, then the smaller campaign, first).
  const order = new Uint32Array(m);
  for (let j = 0; j < m; j++) order[j] = j;
  order.sort((a, b) => slope[a]! - slope[b]! || intercept[b]! - intercept[a]! || a - b);
  const hull: number[] = [];
  for (const j of order) {
    const last = hull[hull.length - 1];
    if (last !== undefined && slope[last] === slope[j]) continue; // same slope, lower (or equal, later) line
    while (hull.length >= 2) {
      const l1 = hull[hull.length - 2]!;
      const l2 = hull[hull.length - 1]!;
      // l2 never wins if l3 overtakes l1 no later than l2 does.
      if ((intercept[l1]! - intercept[j]!) * (slope[l2]! - slope[l1]!) <= (intercept[l1]! - intercept[l2]!) * (slope[j]! - slope[l1]!)) hull.pop();
      else break;
    }
    hull.push(j);
  }

  let total = 0;
  let fraction = 0;
  let left = 0;
  let cdfLeft = 0;
  let partialLeft = 0;
  for (let i = 0; i < hull.length && left < 1; i++) {
    const j = hull[i]!;
    const next = hull[i + 1];
    const cross = next === undefined ? 1 : (intercept[j]! - intercept[next]!) / (slope[next]! - slope[j]!);
    const right = Math.min(1, cross);
    if (right <= left) continue;
    const cdfRight = betaInc(right, alpha, beta);
    const partialRight = g * betaInc(right, alpha + 1, beta);
    total += intercept[j]! * (cdfRight - cdfLeft) + slope[j]! * (partialRight - partialLeft);
    fraction += p.cuts[j]! * (cdfRight - cdfLeft);
    left = right;
    cdfLeft = cdfRight;
    partialLeft = partialRight;
  }
  const kMp = p.cuts[mpAt]!;
  return {
    emp: total / n,
    emp_fraction: fraction / n,
    mp: (intercept[mpAt]! + g * slope[mpAt]!) / n,
    mp_fraction: kMp / n,
    mp_threshold: kMp === 0 ? null : p.score[kMp - 1]!,
    n,
    alpha,
    beta,
  };
}
