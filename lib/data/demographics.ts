// Population tables: how the sensitive attributes are distributed and how they shape behaviour.
// Indices follow the order of AGE_BANDS, GENDERS, REGIONS, PAYMENT_METHODS and PRIMARY_DEVICES in features.ts.

import { cumulativeWeights } from './random';

export const AGE_WEIGHTS = [0.14, 0.26, 0.3, 0.19, 0.11];
// Gender is deliberately independent of every behaviour and of churn: it is the control group of the fairness audit.
export const GENDER_WEIGHTS = [0.485, 0.475, 0.015, 0.025];
export const REGION_WEIGHTS = [0.22, 0.2, 0.2, 0.22, 0.16];

export const AGE_65_PLUS = 4;
export const REGION_SOUTH = 1;
export const REGION_CENTRAL = 4;

/**
 * Typical sessions_30d of an age band. It drives how much each band uses the app AND is the yardstick the churn
 * process measures a customer's engagement against, which is what makes raw-feature models unfair to older bands.
 */
export const AGE_SESSION_NORM = [28, 26, 22, 15, 11];
/** Sessions norm the days-since-login effect is scaled to (a 25-34 year old is roughly the reference). */
export const SESSION_NORM_REFERENCE = 24;
/** Mean devices per household by age band. */
export const AGE_DEVICE_MEAN = [2.9, 3.1, 3.3, 2.2, 1.7];
/** Mean profiles per account by age band (families in 35-49). */
export const AGE_PROFILE_MEAN = [1.5, 2.0, 2.8, 2.0, 1.6];
/** Downloads per session by age band (offline viewing is a young, mobile habit). */
export const AGE_DOWNLOAD_RATE = [0.3, 0.22, 0.14, 0.06, 0.03];
/** Share of post-launch sign-ups who pick the mobile plan, by age band (about 30% overall). */
export const AGE_MOBILE_PLAN_SHARE = [0.42, 0.34, 0.28, 0.22, 0.18];
/** Additive shift of the annual-contract probability by age band. */
export const AGE_ANNUAL_SHIFT = [-0.06, -0.02, 0, 0.04, 0.06];

/** Plan mix (basic, standard, premium) of customers who do not choose mobile. */
export const PLAN_CUMULATIVE = cumulativeWeights([0.28, 0.4, 0.32]);

// Primary-device preference (tv, mobile, web, tablet) by age band: older customers watch on the TV.
const DEVICE_WEIGHTS_BY_AGE = [
  [0.25, 0.45, 0.2, 0.1],
  [0.38, 0.32, 0.2, 0.1],
  [0.48, 0.22, 0.17, 0.13],
  [0.58, 0.12, 0.14, 0.16],
  [0.64, 0.07, 0.1, 0.19],
];
export const DEVICE_CUMULATIVE_BY_AGE = DEVICE_WEIGHTS_BY_AGE.map(cumulativeWeights);
/** Mobile-plan customers watch on a phone, sometimes a tablet. */
export const MOBILE_PLAN_DEVICE_CUMULATIVE = cumulativeWeights([0, 0.85, 0, 0.15]);

// Payment methods (card, paypal, bank_transfer, gift_card): older customers use bank transfers, the young and the
// south use more gift cards.
const PAYMENT_BASE = [0.55, 0.25, 0.12, 0.08];
function paymentWeights(age: number, region: number): number[] {
  const w = PAYMENT_BASE.slice();
  if (age >= 3) w[2] *= 2;
  if (age === 0) {
    w[1] *= 1.2;
    w[3] *= 1.5;
  }
  if (region === REGION_SOUTH) w[3] *= 1.8;
  return w;
}
export const PAYMENT_CUMULATIVE: Float64Array[][] = AGE_WEIGHTS.map((_, age) =>
  REGION_WEIGHTS.map((__, region) => cumulativeWeights(paymentWeights(age, region))),
);

export const AGE_CUMULATIVE = cumulativeWeights(AGE_WEIGHTS);
export const GENDER_CUMULATIVE = cumulativeWeights(GENDER_WEIGHTS);
export const REGION_CUMULATIVE = cumulativeWeights(REGION_WEIGHTS);

/** Per-region multiplier on the rate of failed payments (south: more, central: fewer). */
export const REGION_FAILED_PAYMENT_FACTOR = [1, 1.8, 1, 1, 0.8];
/** Per-payment-method multiplier on the rate of failed payments. */
export const PAYMENT_FAILURE_FACTOR = [1, 0.9, 0.7, 1.6];
/** Mean hours per session by primary device (tv, mobile, web, tablet). */
export const DEVICE_HOURS_PER_SESSION = [1.7, 0.7, 1.1, 1.2];
