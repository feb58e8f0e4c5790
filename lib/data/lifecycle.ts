// One month in a customer's life: first the slow state changes (plan, contract, payment trouble, engagement drift),
// then the month's observable features, then the churn draw. The number and order of random draws per customer
// depend only on the customer's own state, which keeps worlds reproducible.

import { churnLogit, sigmoid } from './churn-process';
import { PAYMENT_TROUBLE_ENTER, PAYMENT_TROUBLE_EXIT, PLAN_CHANGE_RATE } from './customer-state';
import type { CustomerState } from './customer-state';
import {
  AGE_SESSION_NORM,
  DEVICE_CUMULATIVE_BY_AGE,
  DEVICE_HOURS_PER_SESSION,
  MOBILE_PLAN_DEVICE_CUMULATIVE,
  PAYMENT_CUMULATIVE,
  PAYMENT_FAILURE_FACTOR,
  REGION_FAILED_PAYMENT_FACTOR,
} from './demographics';
import {
  MOBILE_LAUNCH_MONTH,
  NATURAL_WATCH_NULL_SHARE,
  PLAN_BASIC,
  PLAN_MOBILE,
  PLAN_PREMIUM,
  PLAN_STANDARD,
  TRACKING_BUG_MONTH,
  TRACKING_BUG_TV_NULL_SHARE,
  chargeCents,
  paysNewPrices,
} from './events';
import type { Rng } from './random';
import type { RowScratch } from './snapshot-store';

const BASIC_TO_MOBILE_RATE = 0.02;
const MONTHLY_TO_ANNUAL_RATE = 0.003;
/** Share of annual customers who drop back to monthly billing at a renewal. */
const ANNUAL_TO_MONTHLY_AT_RENEWAL = 0.08;
const PAYMENT_SWITCH_RATE = 0.004;
/** Switching autoplay off is rarer than switching it back on: about 15% keep it off in the long run. */
const AUTOPLAY_OFF_RATE = 0.0018;
const AUTOPLAY_ON_RATE = 0.01;
const ENGAGEMENT_AR = 0.75;
const ENGAGEMENT_INNOVATION = 0.35;
const DEVICE_TV = 0;
const DEVICE_MOBILE = 1;
const DEVICE_TABLET = 3;

function popcount12(mask: number): number {
  let n = 0;
  for (let m = mask & 0xfff; m !== 0; m &= m - 1) n++;
  return n;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function redrawDevicePreference(c: CustomerState, rng: Rng): void {
  c.devicePreference =
    c.plan === PLAN_MOBILE
      ? rng.pickCumulative(MOBILE_PLAN_DEVICE_CUMULATIVE)
      : rng.pickCumulative(DEVICE_CUMULATIVE_BY_AGE[c.age]);
}

/** Slow state changes between last month's snapshot and this one. */
function evolveState(c: CustomerState, rng: Rng, month: number, tenure: number): void {
  c.fail2 = c.fail1;
  c.fail1 = c.fail0;
  c.ticket2 = c.ticket1;
  c.ticket1 = c.ticket0;
  c.planChangeMask = (c.planChangeMask << 1) & 0xfff;

  const enter = PAYMENT_TROUBLE_ENTER * REGION_FAILED_PAYMENT_FACTOR[c.region];
  c.paymentTrouble = rng.uniform() < (c.paymentTrouble ? 1 - PAYMENT_TROUBLE_EXIT : enter);
  c.engagementDrift = ENGAGEMENT_AR * c.engagementDrift + ENGAGEMENT_INNOVATION * rng.normal();
  if (tenure === 0) return;

  const u = rng.uniform();
  if (c.plan === PLAN_BASIC && month >= MOBILE_LAUNCH_MONTH && u < BASIC_TO_MOBILE_RATE) {
    c.plan = PLAN_MOBILE;
    c.planChangeMask |= 1;
    redrawDevicePreference(c, rng);
  } else if (rng.uniform() < PLAN_CHANGE_RATE) {
    const up = rng.uniform() < 0.5;
    const leavingMobile = c.plan === PLAN_MOBILE;
    if (c.plan === PLAN_MOBILE || c.plan === PLAN_PREMIUM) c.plan = c.plan === PLAN_MOBILE ? PLAN_BASIC : PLAN_STANDARD;
    else if (c.plan === PLAN_BASIC) c.plan = PLAN_STANDARD;
    else c.plan = up ? PLAN_PREMIUM : PLAN_BASIC;
    c.planChangeMask |= 1;
    // Leaving the mobile plan means watching on other screens again.
    if (c.plan === PLAN_BASIC && leavingMobile) redrawDevicePreference(c, rng);
  }

  if (!c.annual) c.annual = rng.uniform() < MONTHLY_TO_ANNUAL_RATE;
  else if (tenure % 12 === 0) c.annual = rng.uniform() >= ANNUAL_TO_MONTHLY_AT_RENEWAL;
  if (rng.uniform() < PAYMENT_SWITCH_RATE) c.payment = rng.pickCumulative(PAYMENT_CUMULATIVE[c.age][c.region]);
  if (rng.uniform() < (c.autoplayOff ? AUTOPLAY_ON_RATE : AUTOPLAY_OFF_RATE)) c.autoplayOff = !c.autoplayOff;
}

/**
 * Advances customer `c` to absolute month `month` and writes its snapshot (features, p_true, churn draw) into `row`.
 * `row.customer`, `row.month` and `row.labelKnown` are the caller's business.
 */
export function stepCustomer(c: CustomerState, rng: Rng, month: number, row: RowScratch): void {
  const tenure = month - c.signupMonth;
  evolveState(c, rng, month, tenure);
  const norm = AGE_SESSION_NORM[c.age];

  row.tenure = tenure;
  row.plan = c.plan;
  row.annual = c.annual;
  row.payment = c.payment;
  const promoActive = c.promoLength > 0 && tenure < c.promoLength;
  row.chargeCents = chargeCents(
    c.plan,
    c.annual,
    paysNewPrices(month, c.annual, c.signupMonth),
    promoActive ? c.promoDiscount : 0,
  );

  c.fail0 = rng.poisson((c.paymentTrouble ? 0.7 : 0.02) * PAYMENT_FAILURE_FACTOR[c.payment]);
  row.failed = Math.min(10, c.fail0 + c.fail1 + c.fail2);

  // Engagement is log-normal around the age band's norm: the norm is the median of a band's sessions.
  const engagement = c.engagementBase + c.engagementDrift;
  const sessions = Math.min(300, rng.poisson(norm * Math.exp(engagement)));
  row.sessions = sessions;
  c.inactiveStreak = sessions === 0 ? c.inactiveStreak + 1 : 0;
  const maxDays = 30 * tenure + 29;
  const days =
    sessions > 0
      ? Math.min(29, rng.geometric(1 - Math.exp(-sessions / 40)))
      : 30 * (c.inactiveStreak - 1) + 30 + rng.int(30);
  row.days = Math.min(365, maxDays, days);

  const device =
    rng.uniform() < 0.94
      ? c.devicePreference
      : rng.pickCumulative(c.plan === PLAN_MOBILE ? MOBILE_PLAN_DEVICE_CUMULATIVE : DEVICE_CUMULATIVE_BY_AGE[c.age]);
  row.device = device;
  const du = rng.uniform();
  row.devices =
    c.plan === PLAN_MOBILE
      ? du < 0.35
        ? 2
        : 1
      : clamp(c.deviceBase + (du < 0.05 ? -1 : du < 0.12 ? 1 : 0), 1, 10);
  row.profiles = c.profiles;

  const hours = sessions * DEVICE_HOURS_PER_SESSION[device] * c.hoursPerSession * Math.exp(0.15 * rng.normal());
  row.watchTenths = Math.min(4000, Math.round(hours * 10));
  const trackingBug = month === TRACKING_BUG_MONTH && device === DEVICE_TV;
  row.watchRecorded = rng.uniform() >= (trackingBug ? TRACKING_BUG_TV_NULL_SHARE : NATURAL_WATCH_NULL_SHARE);

  c.ticket0 = rng.poisson(
    c.ticketPropensity + 0.35 * c.fail0 + (row.devices >= 4 ? 0.04 : 0) + (device === DEVICE_TV ? 0.02 : 0),
  );
  row.tickets = Math.min(20, c.ticket0 + c.ticket1 + c.ticket2);

  const rating = c.ratingMean + 0.15 * rng.normal();
  row.ratingHundredths = c.rater ? Math.round(clamp(rating, 1, 5) * 100) : -1;
  const relSessions = Math.log((sessions + 1) / (norm + 1));
  row.diversityMilli = Math.round(1000 * logistic(c.diversityBase + 0.35 * relSessions + 0.3 * rng.normal()));
  row.completionMilli = Math.round(1000 * logistic(c.completionBase + 0.3 * engagement + 0.3 * rng.normal()));
  const mobileViewing = device === DEVICE_MOBILE || device === DEVICE_TABLET ? 1.8 : 1;
  row.downloads = Math.min(200, rng.poisson(sessions * c.downloadRate * mobileViewing));
  row.planChanges = popcount12(c.planChangeMask);
  row.promo = c.promoLength > 0;
  row.autoplayOff = c.autoplayOff;

  const p = sigmoid(churnLogit(row, c, month));
  row.pTrue = p;
  row.churned = rng.uniform() < p;
}
