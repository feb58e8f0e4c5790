// What an ROI evaluation is asked about: the campaign's economics and their uncertainty, StreamFlow's defaults, and
// the checks that turn nonsense (negative costs, γ outside [0, 1], a Beta with no mass) into RoiInputError naming
// the field in the API's snake_case vocabulary.
//
// Defaults are the value model the predict route already uses (lib/serving/action.ts, DEFAULT_ECONOMICS): CLV = 12 ×
// the monthly charge, offer d = $10, contact f = $1, save rate γ = 0.3 — so the ROI page's optimum contacts exactly
// the customers the predict route recommends an offer for (E_i > 0), unless a fixed cost or a capacity says otherwise.
//
// Fixed cost A defaults to 0: action.ts has none, Verbraken et al.'s EMP has none, and a non-zero default would be
// an invented number (setting up a campaign costs what it costs the user). A only decides whether a campaign is worth
// running at all and lowers its profit and ROI; it never moves the optimal threshold among k > 0.
//
// The band's Beta: `acceptanceBeta` null means Beta(κγ, κ(1−γ)) with κ = 20 — Verbraken's Beta(6, 14) at γ = 0.3,
// and centred on the slider wherever it moves. An explicit Beta must have mean γ: expected profit is linear in γ, so
// the profit expected over the Beta IS the profit at its mean, and a band around a different γ would not contain it.
import { betaIncInv } from './beta';
import { RoiInputError } from './errors';
import type { Prepared } from './prepare';

export type ClvSpec =
  /** Every customer is worth `value` USD when saved. */
  | { kind: 'flat'; value: number }
  /** CLV_i = months × the customer's amount given to prepareScores (`clv`: the monthly charge; months = 1 for CLVs in USD). */
  | { kind: 'per_customer'; months: number };

export interface BetaParams {
  alpha: number;
  beta: number;
}

export interface RoiInputs {
  clv: ClvSpec;
  /** d: the offer's cost (USD), paid by every contacted customer who takes it — saved churners and non-churners. */
  offerCost: number;
  /** f: the cost of one contact (USD). */
  contactCost: number;
  /** γ: the share of contacted would-be churners who take the offer and stay (0–1). */
  acceptanceRate: number;
  /** The uncertainty about γ; null → Beta(20γ, 20(1−γ)). */
  acceptanceBeta: BetaParams | null;
  /** A: the campaign's fixed cost (USD), charged once when anyone is contacted. */
  fixedCost: number;
  /** K: the most customers the team can contact; null = unlimited. */
  capacity: number | null;
}

export const DEFAULT_BETA_CONCENTRATION = 20;

export const DEFAULT_ROI_INPUTS: Readonly<RoiInputs> = Object.freeze({
  clv: Object.freeze({ kind: 'per_customer', months: 12 }) as ClvSpec,
  offerCost: 10,
  contactCost: 1,
  acceptanceRate: 0.3,
  acceptanceBeta: null,
  fixedCost: 0,
  capacity: null,
});

/** Validated numbers in the form the evaluators use. */
export interface Economics {
  /** CLV_i = clvScale × value_i (per customer) or clvScale (flat). */
  clvScale: number;
  perCustomer: boolean;
  d: number;
  f: number;
  gamma: number;
  A: number;
  /** Largest k allowed (n when unlimited). */
  K: number;
}

export interface ResolvedInputs extends Economics {
  beta: BetaParams;
  q05: number;
  q95: number;
}

function finiteAtLeast0(field: string, v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RoiInputError(field, `${what} must be a finite number, got ${String(v)}`);
  if (v < 0) throw new RoiInputError(field, `${what} must not be negative, got ${v}`);
  return v;
}

/** Checks everything but the Beta (the sensitivity sweep re-uses this with one input changed). */
export function resolveEconomics(p: Prepared, inputs: RoiInputs): Economics {
  const clv = inputs.clv;
  let clvScale: number;
  let perCustomer: boolean;
  if (clv?.kind === 'flat') {
    clvScale = finiteAtLeast0('clv', clv.value, 'clv');
    perCustomer = false;
  } else if (clv?.kind === 'per_customer') {
    clvScale = finiteAtLeast0('clv', clv.months, 'clv months');
    if (!p.hasClv) throw new RoiInputError('clv', 'per-customer CLV needs each customer’s amount (prepareScores(scores, { clv }))');
    perCustomer = true;
  } else {
    throw new RoiInputError('clv', "clv must be { kind: 'flat', value } or { kind: 'per_customer', months }");
  }
  const d = finiteAtLeast0('offer_cost', inputs.offerCost, 'offer_cost');
  const f = finiteAtLeast0('contact_cost', inputs.contactCost, 'contact_cost');
  const gamma = finiteAtLeast0('acceptance_rate', inputs.acceptanceRate, 'acceptance_rate');
  if (gamma > 1) throw new RoiInputError('acceptance_rate', `acceptance_rate must be in [0, 1], got ${gamma}`);
  const A = finiteAtLeast0('fixed_cost', inputs.fixedCost ?? 0, 'fixed_cost');
  let K = p.n;
  if (inputs.capacity !== null && inputs.capacity !== undefined) {
    const c = finiteAtLeast0('capacity', inputs.capacity, 'capacity');
    if (!Number.isInteger(c)) throw new RoiInputError('capacity', `capacity must be a whole number of contacts, got ${c}`);
    K = Math.min(c, p.n);
  }
  return { clvScale, perCustomer, d, f, gamma, A, K };
}

/** The Beta the band comes from: the given one (its mean must be γ) or Beta(20γ, 20(1−γ)). */
export function resolveBeta(gamma: number, given: BetaParams | null | undefined): BetaParams {
  if (!given) {
    // γ = 0 or 1 has no spread to speak of; a hair inside keeps the Beta proper (its quantiles are then ≈ γ).
    const g = Math.min(Math.max(gamma, 1e-9), 1 - 1e-9);
    return { alpha: DEFAULT_BETA_CONCENTRATION * g, beta: DEFAULT_BETA_CONCENTRATION * (1 - g) };
  }
  for (const k of ['alpha', 'beta'] as const) {
    const v = given[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new RoiInputError(`acceptance_beta.${k}`, `acceptance_beta.${k} must be a finite number > 0, got ${String(v)}`);
  }
  const mean = given.alpha / (given.alpha + given.beta);
  if (Math.abs(mean - gamma) > 1e-6) {
    throw new RoiInputError('acceptance_beta', `the Beta's mean α/(α+β) = ${mean.toPrecision(6)} must equal acceptance_rate ${gamma}: expected profit is the profit at the mean γ, so the band must be around it`);
  }
  return { alpha: given.alpha, beta: given.beta };
}

export function resolveInputs(p: Prepared, inputs: RoiInputs): ResolvedInputs {
  const e = resolveEconomics(p, inputs);
  const beta = resolveBeta(e.gamma, inputs.acceptanceBeta);
  return { ...e, beta, q05: betaIncInv(0.05, beta.alpha, beta.beta), q95: betaIncInv(0.95, beta.alpha, beta.beta) };
}
