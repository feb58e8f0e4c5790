// The true churn process: a hand-written log-odds function with thresholds, saturation and interactions, so that a
// flexible model (trees) can get close to it and a linear logistic model cannot. README.md documents the same
// formula; CHURN_COEFFICIENTS is the single source of the numbers.

import type { CustomerState } from './customer-state';
import { AGE_SESSION_NORM, SESSION_NORM_REFERENCE } from './demographics';
import {
  LIST_PRICE_CENTS_AFTER,
  LIST_PRICE_CENTS_BEFORE,
  PLAN_BASIC,
  PLAN_PREMIUM,
  PRICE_INCREASE_MONTH,
} from './events';
import type { RowScratch } from './snapshot-store';

export const CHURN_COEFFICIENTS = {
  intercept: -4.9,
  /** Direct effects of the sensitive attributes (not visible to a model). */
  age: [0.25, 0.1, 0, -0.1, -0.15],
  region: [0, 0.35, 0.05, -0.05, -0.3],
  /** Early-tenure hazard: earlyTenure * exp(-tenure / earlyTenureMonths). */
  earlyTenure: 2.2,
  earlyTenureMonths: 3,
  /** Failed-payment threshold: one failure barely matters, two or more do. */
  failedOne: 0,
  failedTwoPlus: 2.0,
  /** Saturating absence: absence * (1 - exp(-relDays / absenceDays)), relDays scaled to the age band's norm. */
  absence: 2.3,
  absenceDays: 10,
  /** Contract × charge: monthly contracts carry a base risk and a rising slope in the charge (centred at $12). */
  monthlyContract: 0.5,
  monthlyChargeSlope: 0.16,
  monthlyChargeCentre: 12,
  annualContract: -0.6,
  /** Annual customers on dearer plans are the committed ones: the charge slope flips sign. */
  annualChargeSlope: -0.08,
  /**
   * Engagement relative to the age band, a hinge on rel = log((sessions+2)/(norm+2)):
   * -relEngagementBelow * clamp(rel, -2.5, 0) - relEngagementAbove * clamp(rel, 0, 1.5).
   */
  relEngagementBelow: 1.3,
  relEngagementAbove: 0.2,
  /** Low watch × tickets: ticketsLowWatch * min(tickets, 6) * sigmoid((lowWatchHours - watch) / lowWatchScale). */
  ticketsLowWatch: 0.8,
  lowWatchHours: 12,
  lowWatchScale: 3,
  /** Promo expiry: promo users in their first two months at full price. */
  promoExpiry: 1.6,
  /** Plan × devices mismatches. */
  premiumSingleDevice: 0.7,
  basicManyDevices: 0.5,
  completion: -0.6,
  completionCentre: 0.6,
  diversity: -0.8,
  diversityCentre: 0.5,
  /** Single-series bingers: finish what they watch but watch narrowly, then leave. */
  bingeLeave: 1.6,
  bingeCompletionAbove: 0.65,
  bingeDiversityBelow: 0.4,
  /** card, paypal, bank_transfer, gift_card. */
  payment: [0, 0.05, -0.25, 0.6],
  planChanges: 0.12,
  profiles: -0.12,
  noRating: 0.1,
  lowRating: 0.5,
  lowRatingBelow: 2.5,
  /** Price-increase concept drift for monthly contracts (see priceShock). */
  shockBase: 0.05,
  shockPerDollar: 0.2,
  shockLoyalFactor: 1.6,
  shockNewFactor: 0.3,
  /** Mean-one log-normal multiplier exp(s * sd - sd^2 / 2) on the latent price sensitivity s. */
  shockSensitivitySd: 1.0,
  shockLoyalTenure: 12,
  shockDecayMonths: 3,
} as const;

const K = CHURN_COEFFICIENTS;

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Extra log-odds for monthly-contract customers after the price increase: customers re-evaluate the service, more
 * so the bigger their plan's increase and the longer they have been loyal, scaled by a latent (unobservable) price
 * sensitivity and fading as exp(-k / 3) over the months k since the increase. It is a change in the feature→churn
 * relation (concept drift), not just in the features, and it hits customers a pre-increase model ranks as safe.
 */
export function priceShock(month: number, plan: number, annual: boolean, tenure: number, sensitivity: number): number {
  const k = month - PRICE_INCREASE_MONTH;
  if (k < 0 || annual) return 0;
  const increaseDollars = (LIST_PRICE_CENTS_AFTER[plan] - LIST_PRICE_CENTS_BEFORE[plan]) / 100;
  const loyal = tenure >= K.shockLoyalTenure ? K.shockLoyalFactor : K.shockNewFactor;
  const sd = K.shockSensitivitySd;
  const reaction = Math.exp(sensitivity * sd - (sd * sd) / 2);
  return (K.shockBase + K.shockPerDollar * increaseDollars) * loyal * reaction * Math.exp(-k / K.shockDecayMonths);
}

/**
 * Latent churn log-odds z for a customer-month (`month` is the absolute month number). Uses the true watch hours
 * even when the record is blank.
 */
export function churnLogit(r: RowScratch, c: CustomerState, month: number): number {
  const tenure = r.tenure;
  const charge = r.chargeCents / 100;
  const watch = r.watchTenths / 10;
  const norm = AGE_SESSION_NORM[c.age];

  let z = K.intercept + K.age[c.age] + K.region[c.region];
  z += K.earlyTenure * Math.exp(-tenure / K.earlyTenureMonths);
  z += r.failed >= 2 ? K.failedTwoPlus : r.failed === 1 ? K.failedOne : 0;

  const relDays = (r.days * norm) / SESSION_NORM_REFERENCE;
  z += K.absence * (1 - Math.exp(-relDays / K.absenceDays));

  z += r.annual
    ? K.annualContract + K.annualChargeSlope * (charge - K.monthlyChargeCentre)
    : K.monthlyContract + K.monthlyChargeSlope * (charge - K.monthlyChargeCentre);

  const rel = Math.log((r.sessions + 2) / (norm + 2));
  z -= K.relEngagementBelow * clamp(rel, -2.5, 0) + K.relEngagementAbove * clamp(rel, 0, 1.5);

  const lowWatch = 1 / (1 + Math.exp((watch - K.lowWatchHours) / K.lowWatchScale));
  z += K.ticketsLowWatch * Math.min(r.tickets, 6) * lowWatch;

  if (c.promoLength > 0 && tenure >= c.promoLength && tenure < c.promoLength + 2) z += K.promoExpiry;

  if (r.plan === PLAN_PREMIUM && r.devices <= 1) z += K.premiumSingleDevice;
  if (r.plan === PLAN_BASIC && r.devices >= 4) z += K.basicManyDevices;

  z += K.completion * (r.completionMilli / 1000 - K.completionCentre);
  z += K.diversity * (r.diversityMilli / 1000 - K.diversityCentre);
  if (r.completionMilli >= K.bingeCompletionAbove * 1000 && r.diversityMilli <= K.bingeDiversityBelow * 1000) {
    z += K.bingeLeave;
  }
  z += K.payment[r.payment];
  z += K.planChanges * r.planChanges;
  z += K.profiles * (r.profiles - 1);
  if (r.ratingHundredths < 0) z += K.noRating;
  else if (r.ratingHundredths < K.lowRatingBelow * 100) z += K.lowRating;

  z += priceShock(month, r.plan, r.annual, tenure, c.priceSensitivity);
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
