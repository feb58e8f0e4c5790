// The StreamFlow world: a seeded simulation of a subscription base, month by month. generateWorld runs the whole
// simulation once into a compact columnar store; snapshots() decodes rows lazily, so iterating is cheap and
// identical every time.

import { customerId, formatMonth, formatMonthDate, parseMonth } from './calendar';
import { createCustomer } from './customer-state';
import type { CustomerState } from './customer-state';
import { AGE_BANDS, GENDERS, REGIONS } from './features';
import type { Customer } from './features';
import { eventsInWindow } from './events';
import type { WorldEvent } from './events';
import { stepCustomer } from './lifecycle';
import { Rng } from './random';
import { RowScratch, SnapshotStore } from './snapshot-store';
import type { GeneratedSnapshot } from './snapshot-store';

export type { GeneratedSnapshot } from './snapshot-store';
export type { WorldEvent } from './events';

export interface WorldOptions {
  /** PRNG seed (integer). Default 42. */
  seed?: number;
  /** Customers active in the first month. Default 20000. */
  activeCustomers?: number;
  /** First snapshot month, 'YYYY-MM'. Default '2025-01'. */
  startMonth?: string;
  /** Number of monthly snapshots. Default 22 (2025-01..2026-10). */
  months?: number;
}

export interface World {
  options: Required<WorldOptions>;
  /** Snapshot months, 'YYYY-MM-01', oldest first. */
  months: string[];
  /** Everyone who appears in any snapshot, in customer_id order. */
  customers: Customer[];
  /** Total number of rows snapshots() yields. */
  snapshotCount: number;
  /** All rows in month order, then customer order; re-iterable and identical on every pass. */
  snapshots(): Generator<GeneratedSnapshot>;
  /** The designed-in events that fall inside the window. */
  events: WorldEvent[];
}

export const DEFAULT_WORLD_OPTIONS: Required<WorldOptions> = {
  seed: 42,
  activeCustomers: 20000,
  startMonth: '2025-01',
  months: 22,
};

export const MAX_MONTHS = 120;
export const MAX_ACTIVE_CUSTOMERS = 2_000_000;
/** Monthly growth on top of replacing last month's churners. */
const GROWTH_RATE = 0.005;
/** Annual-contract base probability: the standing base holds more annual customers than the sign-up flow. */
const ANNUAL_BASE_INITIAL = 0.27;
const ANNUAL_BASE_SIGNUP = 0.14;
/** Months simulated before the window opens (not published). */
const BURN_IN_MONTHS = 48;
/** Longest tenure in the seed population, so the oldest customers at the window start joined ~6 years earlier. */
const MAX_INITIAL_TENURE = 72 - BURN_IN_MONTHS;

/** Fills defaults and rejects invalid options with a RangeError naming the option. */
export function resolveWorldOptions(options: WorldOptions = {}): Required<WorldOptions> {
  const seed = options.seed ?? DEFAULT_WORLD_OPTIONS.seed;
  const activeCustomers = options.activeCustomers ?? DEFAULT_WORLD_OPTIONS.activeCustomers;
  const months = options.months ?? DEFAULT_WORLD_OPTIONS.months;
  const startMonth = options.startMonth ?? DEFAULT_WORLD_OPTIONS.startMonth;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(activeCustomers) || activeCustomers < 1 || activeCustomers > MAX_ACTIVE_CUSTOMERS) {
    throw new RangeError(`activeCustomers must be an integer in 1..${MAX_ACTIVE_CUSTOMERS}, got ${activeCustomers}`);
  }
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new RangeError(`months must be an integer in 1..${MAX_MONTHS}, got ${months}`);
  }
  return { seed, activeCustomers, months, startMonth: formatMonth(parseMonth(startMonth)) };
}

/** Folds any safe integer into the 32 bits xoroshiro128plus takes, so seeds beyond 2^32 still differ. */
function seed32(seed: number): number {
  const hi = Math.floor(seed / 4294967296);
  return (seed ^ Math.imul(hi, 0x9e3779b1)) | 0;
}

/** Tenure in the seed population: a head of recent sign-ups plus a long tail back to the service's launch. */
function drawInitialTenure(rng: Rng): number {
  for (;;) {
    const t = rng.uniform() < 0.3 ? rng.geometric(0.22) : Math.floor(-24 * Math.log(1 - rng.uniform()));
    if (t <= MAX_INITIAL_TENURE) return t;
  }
}

export function generateWorld(options: WorldOptions = {}): World {
  const opts = resolveWorldOptions(options);
  const rng = new Rng(seed32(opts.seed));
  const start = parseMonth(opts.startMonth);
  const customers: Customer[] = [];
  const store = new SnapshotStore(opts.activeCustomers * opts.months * 1.1);
  const row = new RowScratch();

  /** Registers a customer in the published list at their first snapshot; returns their list position. */
  const addCustomer = (c: CustomerState): number => {
    customers.push({
      customer_id: customerId(c.index),
      signup_month: formatMonthDate(c.signupMonth),
      age_band: AGE_BANDS[c.age],
      gender: GENDERS[c.gender],
      region: REGIONS[c.region],
    });
    return customers.length - 1;
  };

  // The simulation starts BURN_IN_MONTHS before the window so that the base the window opens on has been shaped
  // by churn (survivors are more engaged, annual shares settle); otherwise churn would trend down for a year.
  const simStart = start - BURN_IN_MONTHS;
  let nextId = 0;
  const signUp = (signupMonth: number, firstSeenMonth: number, annualBase: number): CustomerState =>
    createCustomer(rng, { index: nextId++, signupMonth, firstSeenMonth, annualBase });

  // Longest-standing customers get the lowest ids, as if ids had been handed out at sign-up.
  const seedSize = Math.max(1, Math.round(opts.activeCustomers * Math.pow(1 + GROWTH_RATE, -BURN_IN_MONTHS)));
  const tenures: number[] = [];
  for (let i = 0; i < seedSize; i++) tenures.push(drawInitialTenure(rng));
  tenures.sort((a, b) => b - a);
  let active = tenures.map((t) => signUp(simStart - t, simStart, ANNUAL_BASE_INITIAL));

  let lastChurners = 0;
  let lastActive = 0;
  for (let month = simStart; month < start + opts.months; month++) {
    const m = month - start;
    if (month > simStart) {
      // During the burn-in, sign-ups steer the base along a path that reaches activeCustomers at the window start,
      // where they top it up exactly; inside the window they replace last month's churners plus growth.
      let signups: number;
      const target = opts.activeCustomers * Math.pow(1 + GROWTH_RATE, m);
      if (m < 0) signups = rng.poisson(Math.max(0, target - active.length));
      else if (m === 0) signups = Math.max(0, opts.activeCustomers - active.length);
      else signups = rng.poisson(lastChurners + GROWTH_RATE * lastActive);
      for (let i = 0; i < signups; i++) active.push(signUp(month, month, ANNUAL_BASE_SIGNUP));
    }
    // Labels become known a month after the snapshot; the churn is still drawn so the population evolves the same.
    const inWindow = m >= 0;
    const labelKnown = m < opts.months - 1;
    const survivors: CustomerState[] = [];
    let churners = 0;
    for (let i = 0; i < active.length; i++) {
      const c = active[i];
      stepCustomer(c, rng, month, row);
      if (inWindow) {
        if (c.listIndex < 0) c.listIndex = addCustomer(c);
        row.customer = c.listIndex;
        row.month = m;
        row.labelKnown = labelKnown;
        store.append(row);
      }
      if (row.churned) churners++;
      else survivors.push(c);
    }
    lastChurners = churners;
    lastActive = active.length;
    active = survivors;
  }

  const monthDates: string[] = [];
  for (let m = 0; m < opts.months; m++) monthDates.push(formatMonthDate(start + m));
  const ids = customers.map((c) => c.customer_id);
  const rowCount = store.length;

  return {
    options: opts,
    months: monthDates,
    customers,
    snapshotCount: rowCount,
    *snapshots(): Generator<GeneratedSnapshot> {
      for (let i = 0; i < rowCount; i++) yield store.row(i, ids, monthDates);
    },
    events: eventsInWindow(start, start + opts.months - 1),
  };
}
