// The recommended retention action for one scored customer and what contacting them is expected to be worth.
//
// Value model (the ROI issue's retention-offer model): contacting a customer whose churn probability is p and
// offering a discount is worth, on average,
//
//     E = p·γ·(CLV − d) − (1 − p)·d − f
//
//   p    churn probability (calibrated)
//   γ    save rate: the share of would-be churners who accept the offer and stay
//   CLV  the revenue kept when a churner is saved
//   d    the offer's cost (paid by a saved churner, and by a non-churner who takes the discount anyway)
//   f    the cost of making the contact (agent time, message)
//
// Until the ROI issue makes them configurable, StreamFlow's documented defaults are used: CLV = 12 × monthly charge
// (a year of revenue saved), d = $10, f = $1, γ = 0.3.
import type { Prediction } from './predict';

export interface OfferEconomics {
  /** Months of revenue a saved churner is worth (CLV = monthly charge × this). */
  clvMonths: number;
  /** Offer (discount) cost in USD. */
  offerCost: number;
  /** Cost of one contact in USD. */
  contactCost: number;
  /** Share of would-be churners who accept the offer and stay (0–1). */
  saveRate: number;
}

export const DEFAULT_ECONOMICS: Readonly<OfferEconomics> = Object.freeze({ clvMonths: 12, offerCost: 10, contactCost: 1, saveRate: 0.3 });

export type ActionCode = 'offer' | 'contact_negative_value' | 'none';

export const ACTION_LABELS: Record<ActionCode, string> = {
  offer: 'Contact with a retention offer',
  contact_negative_value: 'Contact (policy) — expected value negative',
  none: 'No action',
};

export interface RecommendedAction {
  code: ActionCode;
  label: string;
  /** E in USD: what contacting this customer with the offer is expected to be worth (negative: it costs more); null
   * when the record has no monthly charge to value the customer by (a model that does not take it as an input). */
  expected_value: number | null;
  /** The CLV used (USD), or null as above. */
  customer_value: number | null;
  economics: OfferEconomics;
}

/** E = p·γ·(CLV − d) − (1 − p)·d − f. */
export function expectedContactValue(p: number, clv: number, e: OfferEconomics = DEFAULT_ECONOMICS): number {
  return p * e.saveRate * (clv - e.offerCost) - (1 - p) * e.offerCost - e.contactCost;
}

/** The action for a prediction: the policy decides whether to contact; the value model says whether it pays. */
export function recommendAction(
  prediction: Pick<Prediction, 'churn_probability' | 'decision'>,
  monthlyCharge: number | null,
  e: OfferEconomics = DEFAULT_ECONOMICS,
): RecommendedAction {
  const clv = typeof monthlyCharge === 'number' && Number.isFinite(monthlyCharge) ? monthlyCharge * e.clvMonths : null;
  const value = clv === null ? null : expectedContactValue(prediction.churn_probability, clv, e);
  // Without a value the policy alone decides.
  const code: ActionCode = !prediction.decision.contact ? 'none' : value === null || value > 0 ? 'offer' : 'contact_negative_value';
  return { code, label: ACTION_LABELS[code], expected_value: value, customer_value: clv, economics: { ...e } };
}
