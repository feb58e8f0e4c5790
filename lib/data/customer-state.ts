// The persistent, mostly hidden state of one customer. Features are re-derived from it every month, so a customer's
// months are correlated (same household, same habits) instead of being independent draws.

import {
  AGE_ANNUAL_SHIFT,
  AGE_CUMULATIVE,
  AGE_DEVICE_MEAN,
  AGE_DOWNLOAD_RATE,
  AGE_MOBILE_PLAN_SHARE,
  AGE_PROFILE_MEAN,
  DEVICE_CUMULATIVE_BY_AGE,
  GENDER_CUMULATIVE,
  MOBILE_PLAN_DEVICE_CUMULATIVE,
  PAYMENT_CUMULATIVE,
  PLAN_CUMULATIVE,
  REGION_CENTRAL,
  REGION_CUMULATIVE,
  REGION_SOUTH,
} from './demographics';
import { MOBILE_LAUNCH_MONTH, PLAN_BASIC, PLAN_MOBILE, PLAN_PREMIUM } from './events';
import type { Rng } from './random';

/** Payment trouble is a sticky state (an expired card, a tight month) so failed payments cluster in time. */
export const PAYMENT_TROUBLE_ENTER = 0.015;
export const PAYMENT_TROUBLE_EXIT = 0.25;
const PROMO_SHARE_MONTHLY_SIGNUPS = 0.3;
const RATER_SHARE = 0.9;
const AUTOPLAY_OFF_SHARE = 0.15;
/** Monthly chance of an upgrade or downgrade between basic, standard and premium. */
export const PLAN_CHANGE_RATE = 0.012;

export class CustomerState {
  // Class fields (not an object literal) keep one hidden class in V8 for the hot loop.
  /** Sign-up order; the customer_id is derived from it (customers who left before the window leave gaps). */
  index = 0;
  /** Position in the published customer list, -1 until the customer's first snapshot in the window. */
  listIndex = -1;
  age = 0;
  gender = 0;
  region = 0;
  signupMonth = 0;
  plan = 0;
  annual = false;
  payment = 0;
  /** Promo length in months (0 = joined without a promo). */
  promoLength = 0;
  promoDiscount = 0;
  autoplayOff = false;
  rater = false;
  ratingMean = 0;
  /** Persistent engagement relative to the age band's norm (log scale). */
  engagementBase = 0;
  /** Slowly wandering AR(1) part of engagement. */
  engagementDrift = 0;
  /** Latent price sensitivity (standard normal, never observed): who reacts to a price rise. */
  priceSensitivity = 0;
  hoursPerSession = 1;
  devicePreference = 0;
  deviceBase = 1;
  profiles = 1;
  diversityBase = 0;
  completionBase = 0;
  downloadRate = 0;
  paymentTrouble = false;
  ticketPropensity = 0;
  /** Failed payments / tickets in this month and the two before it (the 90-day windows). */
  fail0 = 0;
  fail1 = 0;
  fail2 = 0;
  ticket0 = 0;
  ticket1 = 0;
  ticket2 = 0;
  /** Bit i set = plan changed i months ago (bit 0 = this month); the low 12 bits are the 12-month window. */
  planChangeMask = 0;
  /** Consecutive months without a single session. */
  inactiveStreak = 0;
}

export interface NewCustomerContext {
  index: number;
  /** Absolute month of sign-up. */
  signupMonth: number;
  /** Month the customer first appears in a snapshot (= signupMonth for new sign-ups). */
  firstSeenMonth: number;
  /** Base annual-contract probability; the seed population gets a higher one (annual customers survive longer). */
  annualBase: number;
}

function clampInt(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Draws a customer's attributes, household and habits; for the seed population also a plausible recent past. */
export function createCustomer(rng: Rng, ctx: NewCustomerContext): CustomerState {
  const c = new CustomerState();
  c.index = ctx.index;
  c.signupMonth = ctx.signupMonth;
  c.age = rng.pickCumulative(AGE_CUMULATIVE);
  c.gender = rng.pickCumulative(GENDER_CUMULATIVE);
  c.region = rng.pickCumulative(REGION_CUMULATIVE);

  const mobileAvailable = ctx.firstSeenMonth >= MOBILE_LAUNCH_MONTH;
  const picksMobile = rng.uniform() < AGE_MOBILE_PLAN_SHARE[c.age];
  c.plan = mobileAvailable && picksMobile ? PLAN_MOBILE : rng.pickCumulative(PLAN_CUMULATIVE);

  const annualP = ctx.annualBase + AGE_ANNUAL_SHIFT[c.age] + (c.region === REGION_CENTRAL ? 0.08 : 0);
  c.annual = rng.uniform() < annualP;
  c.payment = rng.pickCumulative(PAYMENT_CUMULATIVE[c.age][c.region]);

  // Promos are only offered on monthly contracts: half are 3 months at 50% off, half 6 months at 30% off.
  const promo = rng.uniform();
  if (!c.annual && promo < PROMO_SHARE_MONTHLY_SIGNUPS) {
    const short = promo < PROMO_SHARE_MONTHLY_SIGNUPS / 2;
    c.promoLength = short ? 3 : 6;
    c.promoDiscount = short ? 0.5 : 0.3;
  }
  c.autoplayOff = rng.uniform() < AUTOPLAY_OFF_SHARE;
  c.rater = rng.uniform() < RATER_SHARE;
  c.ratingMean = 3.7 + 0.55 * rng.normal();

  c.engagementBase = 0.55 * rng.normal();
  c.engagementDrift = 0.5 * rng.normal(); // ≈ the stationary sd of the AR(1) drift in lifecycle.ts
  c.priceSensitivity = rng.normal();
  c.devicePreference =
    c.plan === PLAN_MOBILE
      ? rng.pickCumulative(MOBILE_PLAN_DEVICE_CUMULATIVE)
      : rng.pickCumulative(DEVICE_CUMULATIVE_BY_AGE[c.age]);
  c.hoursPerSession = Math.exp(0.25 * rng.normal());
  c.deviceBase = clampInt(1 + rng.poisson(AGE_DEVICE_MEAN[c.age] - 1 + (c.plan === PLAN_PREMIUM ? 0.5 : 0)), 1, 10);
  const profileShift = c.plan === PLAN_PREMIUM ? 0.6 : c.plan === PLAN_BASIC || c.plan === PLAN_MOBILE ? -0.3 : 0;
  c.profiles = clampInt(1 + rng.poisson(Math.max(0, AGE_PROFILE_MEAN[c.age] - 1 + profileShift)), 1, 6);
  c.diversityBase = 0.3 + 0.7 * rng.normal();
  c.completionBase = 0.5 + 0.7 * rng.normal();
  c.downloadRate = AGE_DOWNLOAD_RATE[c.age] * Math.exp(0.5 * rng.normal());
  c.ticketPropensity = 0.06 * Math.exp(0.8 * rng.normal());

  // Seed-population customers joined before the simulation starts: give them a past (trouble state, 90-day counts,
  // plan changes) so the first simulated months do not start from a blank slate.
  const monthsBefore = ctx.firstSeenMonth - ctx.signupMonth;
  if (monthsBefore > 0) {
    const troubleP = c.region === REGION_SOUTH ? 0.14 : 0.08;
    c.paymentTrouble = rng.uniform() < troubleP;
    const failMean = c.paymentTrouble ? 0.7 : 0.02;
    // Stored as "last month" values: the first monthly step shifts them one month further back.
    c.fail0 = rng.poisson(failMean);
    c.fail1 = monthsBefore >= 2 ? rng.poisson(failMean) : 0;
    c.ticket0 = rng.poisson(c.ticketPropensity);
    c.ticket1 = monthsBefore >= 2 ? rng.poisson(c.ticketPropensity) : 0;
    for (let i = 1; i <= 11 && i <= monthsBefore; i++) {
      if (rng.uniform() < PLAN_CHANGE_RATE) c.planChangeMask |= 1 << (i - 1);
    }
  }
  return c;
}
