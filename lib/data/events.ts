// The designed-in events of the StreamFlow world. They sit on fixed absolute months (not offsets from the window
// start) so that every world, whatever its window, tells the same story; an event outside the window simply
// does not happen in that world.

import { formatMonthDate, parseMonth } from './calendar';

export interface WorldEvent {
  id: string;
  /** First day of the month the event takes effect, 'YYYY-MM-01'. */
  month: string;
  title: string;
  description: string;
}

export const MOBILE_LAUNCH_MONTH = parseMonth('2025-11');
export const PRICE_INCREASE_MONTH = parseMonth('2026-03');
export const TRACKING_BUG_MONTH = parseMonth('2026-06');

// Plan codes follow the PLANS order in features.ts: basic, standard, premium, mobile.
export const PLAN_BASIC = 0;
export const PLAN_STANDARD = 1;
export const PLAN_PREMIUM = 2;
export const PLAN_MOBILE = 3;

/** List prices in cents before / from the price increase. Mobile is deliberately left unchanged. */
export const LIST_PRICE_CENTS_BEFORE = [899, 1399, 1999, 699] as const;
export const LIST_PRICE_CENTS_AFTER = [999, 1599, 2299, 699] as const;
/** Annual contracts are billed at this share of the monthly list price. */
export const ANNUAL_PRICE_FACTOR = 0.9;

/**
 * Whether a customer pays the new list prices in `month`. Monthly contracts move at the increase; annual contracts
 * are price-locked until their next renewal (the sign-up anniversary), so their charges drift up over 12 months.
 */
export function paysNewPrices(month: number, annual: boolean, signupMonth: number): boolean {
  const since = month - PRICE_INCREASE_MONTH;
  if (since < 0) return false;
  if (!annual) return true;
  const renewalOffset = (((signupMonth - PRICE_INCREASE_MONTH) % 12) + 12) % 12;
  return since >= renewalOffset;
}

/** What the customer is charged this month, in cents. */
export function chargeCents(plan: number, annual: boolean, newPrices: boolean, promoDiscount: number): number {
  const list = newPrices ? LIST_PRICE_CENTS_AFTER[plan] : LIST_PRICE_CENTS_BEFORE[plan];
  const contractFactor = annual ? ANNUAL_PRICE_FACTOR : 1;
  return Math.round(list * contractFactor * (1 - promoDiscount));
}

/** Share of TV-primary customers whose watch hours the broken TV-app release failed to record. */
export const TRACKING_BUG_TV_NULL_SHARE = 0.35;
/** Background rate at which the tracker loses a customer's watch hours in a normal month. */
export const NATURAL_WATCH_NULL_SHARE = 0.003;

const EVENT_CATALOGUE: readonly { month: number; id: string; title: string; description: string }[] = [
  {
    month: MOBILE_LAUNCH_MONTH,
    id: 'mobile-plan-launch',
    title: 'Mobile plan launch',
    description:
      'A cheaper mobile-only plan ($6.99) becomes available. About 30% of new sign-ups choose it and about 2% of ' +
      'basic customers move to it each month; mobile customers use 1-2 devices and mostly watch on a phone. ' +
      'Expect a shift in the plan, devices, primary_device and monthly_charge distributions from this month on.',
  },
  {
    month: PRICE_INCREASE_MONTH,
    id: 'price-increase',
    title: 'Price increase',
    description:
      'List prices rise: basic $8.99→$9.99, standard $13.99→$15.99, premium $19.99→$22.99 (mobile unchanged). ' +
      'Monthly contracts pay the new price at once, annual contracts at their next renewal. Besides the higher ' +
      'charges (covariate drift), monthly-contract customers become more likely to churn than their features imply ' +
      '(concept drift), an effect that fades over about three months.',
  },
  {
    month: TRACKING_BUG_MONTH,
    id: 'tv-tracking-bug',
    title: 'TV-app tracking bug',
    description:
      'A TV-app release fails to report viewing: watch_hours_30d is missing for about 35% of customers whose ' +
      'primary device is the TV, in this month only. Actual viewing (and churn) is unaffected; only the record ' +
      'is blank.',
  },
];

/** The events that fall inside [firstMonth, lastMonth] (absolute month numbers), in month order. */
export function eventsInWindow(firstMonth: number, lastMonth: number): WorldEvent[] {
  return EVENT_CATALOGUE.filter((e) => e.month >= firstMonth && e.month <= lastMonth)
    .sort((a, b) => a.month - b.month)
    .map((e) => ({ id: e.id, month: formatMonthDate(e.month), title: e.title, description: e.description }));
}
