// The tornado chart: how much the best campaign's expected profit moves when one input moves and the rest stay put.
// Each row re-optimises (the campaign is re-planned for the changed input), so a row is "what we would make if this
// input were low/high and we knew it" — the right question for which assumption to pin down first.
//
// Ranges: ±25% of the value for CLV (its months or flat value), offer cost, contact cost, fixed cost and capacity
// (rounded to whole contacts); for the acceptance rate, its Beta's 5th and 95th percentiles — the spread the band
// already claims, rather than a symmetric ±25% that could leave [0, 1]. A zero input has no ±25% range (fixed cost
// defaults to 0): its row is listed with swing 0. Rows are sorted by swing, largest first (ties: input order).
import { bestCut } from './core';
import { resolveEconomics, resolveInputs, type RoiInputs } from './inputs';
import type { Prepared } from './prepare';

export type SensitivityInput = 'clv' | 'offer_cost' | 'contact_cost' | 'acceptance_rate' | 'fixed_cost' | 'capacity';

export interface SensitivityRow {
  input: SensitivityInput;
  label: string;
  /** The input's value: for clv, the months (per customer) or USD (flat). */
  base: number;
  low: number;
  high: number;
  /** The optimum's expected profit with the input at low / high. */
  profit_low: number;
  profit_high: number;
  /** |profit_high − profit_low|. */
  swing: number;
  range: '±25%' | 'beta_5_95';
}

export interface SensitivityResult {
  base_profit: number;
  rows: SensitivityRow[];
}

const LOW = 0.75;
const HIGH = 1.25;

export function sensitivity(prepared: Prepared, inputs: RoiInputs): SensitivityResult {
  const r = resolveInputs(prepared, inputs);
  const profitWith = (changed: Partial<RoiInputs>) => bestCut(prepared, resolveEconomics(prepared, { ...inputs, ...changed })).profit;
  const rows: SensitivityRow[] = [];
  const add = (input: SensitivityInput, label: string, base: number, low: number, high: number, at: (v: number) => number, range: SensitivityRow['range'] = '±25%') => {
    const profit_low = at(low);
    const profit_high = at(high);
    rows.push({ input, label, base, low, high, profit_low, profit_high, swing: Math.abs(profit_high - profit_low), range });
  };

  const clv = inputs.clv;
  if (clv.kind === 'flat') add('clv', 'Customer lifetime value (USD)', clv.value, clv.value * LOW, clv.value * HIGH, (value) => profitWith({ clv: { kind: 'flat', value } }));
  // months = 1 is how the API passes CLVs given in USD: the row then scales them.
  else add('clv', clv.months === 1 ? 'Customer lifetime value (× the given CLVs)' : 'Customer lifetime value (months of charges)', clv.months, clv.months * LOW, clv.months * HIGH, (months) => profitWith({ clv: { kind: 'per_customer', months } }));
  add('offer_cost', 'Offer cost (USD)', r.d, r.d * LOW, r.d * HIGH, (offerCost) => profitWith({ offerCost }));
  add('contact_cost', 'Contact cost (USD)', r.f, r.f * LOW, r.f * HIGH, (contactCost) => profitWith({ contactCost }));
  // γ moves alone: the Beta only shapes the band, which the optimum's profit does not depend on.
  add('acceptance_rate', 'Acceptance rate', r.gamma, r.q05, r.q95, (g) => bestCut(prepared, r, g).profit, 'beta_5_95');
  add('fixed_cost', 'Fixed campaign cost (USD)', r.A, r.A * LOW, r.A * HIGH, (fixedCost) => profitWith({ fixedCost }));
  if (inputs.capacity !== null && inputs.capacity !== undefined) {
    const c = inputs.capacity;
    add('capacity', 'Contact capacity', c, Math.round(c * LOW), Math.round(c * HIGH), (capacity) => profitWith({ capacity }));
  }
  const order = new Map(rows.map((row, i) => [row, i]));
  rows.sort((a, b) => b.swing - a.swing || order.get(a)! - order.get(b)!);
  return { base_profit: bestCut(prepared, r).profit, rows };
}
