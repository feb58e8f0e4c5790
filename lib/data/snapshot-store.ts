// Columnar, quantised storage of all snapshot rows. Values are stored in the exact units they are published in
// (cents, tenths of an hour, thousandths of a ratio), so a 1M-row world takes ~45 MB instead of the ~1 GB that
// row objects would, and decoding a row reproduces the same numbers every time.

import { CONTRACTS, PAYMENT_METHODS, PLANS, PRIMARY_DEVICES } from './features';
import type { Snapshot } from './features';

export interface GeneratedSnapshot extends Snapshot {
  /** The true churn probability the generative process used for this row. */
  p_true: number;
}

/** One row in integer codes, filled in place by the simulation (one instance is reused for every row). */
export class RowScratch {
  customer = 0;
  month = 0;
  tenure = 0;
  plan = 0;
  annual = false;
  chargeCents = 0;
  payment = 0;
  failed = 0;
  /** Watch hours in tenths as actually watched; the churn process uses this value. */
  watchTenths = 0;
  /** Whether the tracker recorded watch hours (false = null in the published row). */
  watchRecorded = true;
  sessions = 0;
  days = 0;
  devices = 1;
  profiles = 1;
  tickets = 0;
  /** Average rating in hundredths of a star, -1 = never rated. */
  ratingHundredths = -1;
  diversityMilli = 0;
  completionMilli = 0;
  downloads = 0;
  planChanges = 0;
  device = 0;
  promo = false;
  autoplayOff = false;
  churned = false;
  labelKnown = true;
  pTrue = 0;
}

const FLAG_PROMO = 1;
const FLAG_AUTOPLAY_OFF = 2;
const FLAG_CHURNED = 4;
const FLAG_LABEL_KNOWN = 8;
const FLAG_ANNUAL = 16;

type Column = Int32Array | Uint16Array | Int16Array | Uint8Array | Float64Array;

function resized<T extends Column>(a: T, n: number): T {
  const b = new (a.constructor as new (len: number) => T)(n);
  (b as Column).set(a as never);
  return b;
}

export class SnapshotStore {
  length = 0;
  private capacity: number;
  customer: Int32Array;
  month: Uint16Array;
  tenure: Uint16Array;
  plan: Uint8Array;
  chargeCents: Uint16Array;
  payment: Uint8Array;
  failed: Uint8Array;
  /** Recorded watch hours in tenths, -1 = null. */
  watchTenths: Int16Array;
  sessions: Uint16Array;
  days: Uint16Array;
  devices: Uint8Array;
  profiles: Uint8Array;
  tickets: Uint8Array;
  ratingHundredths: Int16Array;
  diversityMilli: Uint16Array;
  completionMilli: Uint16Array;
  downloads: Uint8Array;
  planChanges: Uint8Array;
  device: Uint8Array;
  flags: Uint8Array;
  pTrue: Float64Array;

  constructor(initialCapacity: number) {
    const n = Math.max(16, Math.ceil(initialCapacity));
    this.capacity = n;
    this.customer = new Int32Array(n);
    this.month = new Uint16Array(n);
    this.tenure = new Uint16Array(n);
    this.plan = new Uint8Array(n);
    this.chargeCents = new Uint16Array(n);
    this.payment = new Uint8Array(n);
    this.failed = new Uint8Array(n);
    this.watchTenths = new Int16Array(n);
    this.sessions = new Uint16Array(n);
    this.days = new Uint16Array(n);
    this.devices = new Uint8Array(n);
    this.profiles = new Uint8Array(n);
    this.tickets = new Uint8Array(n);
    this.ratingHundredths = new Int16Array(n);
    this.diversityMilli = new Uint16Array(n);
    this.completionMilli = new Uint16Array(n);
    this.downloads = new Uint8Array(n);
    this.planChanges = new Uint8Array(n);
    this.device = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.pTrue = new Float64Array(n);
  }

  private grow(): void {
    const n = Math.ceil(this.capacity * 1.5);
    this.capacity = n;
    this.customer = resized(this.customer, n);
    this.month = resized(this.month, n);
    this.tenure = resized(this.tenure, n);
    this.plan = resized(this.plan, n);
    this.chargeCents = resized(this.chargeCents, n);
    this.payment = resized(this.payment, n);
    this.failed = resized(this.failed, n);
    this.watchTenths = resized(this.watchTenths, n);
    this.sessions = resized(this.sessions, n);
    this.days = resized(this.days, n);
    this.devices = resized(this.devices, n);
    this.profiles = resized(this.profiles, n);
    this.tickets = resized(this.tickets, n);
    this.ratingHundredths = resized(this.ratingHundredths, n);
    this.diversityMilli = resized(this.diversityMilli, n);
    this.completionMilli = resized(this.completionMilli, n);
    this.downloads = resized(this.downloads, n);
    this.planChanges = resized(this.planChanges, n);
    this.device = resized(this.device, n);
    this.flags = resized(this.flags, n);
    this.pTrue = resized(this.pTrue, n);
  }

  append(r: RowScratch): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.customer[i] = r.customer;
    this.month[i] = r.month;
    this.tenure[i] = r.tenure;
    this.plan[i] = r.plan;
    this.chargeCents[i] = r.chargeCents;
    this.payment[i] = r.payment;
    this.failed[i] = r.failed;
    this.watchTenths[i] = r.watchRecorded ? r.watchTenths : -1;
    this.sessions[i] = r.sessions;
    this.days[i] = r.days;
    this.devices[i] = r.devices;
    this.profiles[i] = r.profiles;
    this.tickets[i] = r.tickets;
    this.ratingHundredths[i] = r.ratingHundredths;
    this.diversityMilli[i] = r.diversityMilli;
    this.completionMilli[i] = r.completionMilli;
    this.downloads[i] = r.downloads;
    this.planChanges[i] = r.planChanges;
    this.device[i] = r.device;
    this.flags[i] =
      (r.promo ? FLAG_PROMO : 0) |
      (r.autoplayOff ? FLAG_AUTOPLAY_OFF : 0) |
      (r.churned ? FLAG_CHURNED : 0) |
      (r.labelKnown ? FLAG_LABEL_KNOWN : 0) |
      (r.annual ? FLAG_ANNUAL : 0);
    this.pTrue[i] = r.pTrue;
  }

  /** Decodes row i; `customerIds` and `monthDates` are indexed by the stored customer and month (window) index. */
  row(i: number, customerIds: readonly string[], monthDates: readonly string[]): GeneratedSnapshot {
    const flags = this.flags[i];
    const watch = this.watchTenths[i];
    const rating = this.ratingHundredths[i];
    // Key order follows FEATURES so that serialised rows (and hashes of them) are stable.
    return {
      customer_id: customerIds[this.customer[i]],
      month: monthDates[this.month[i]],
      tenure_months: this.tenure[i],
      plan: PLANS[this.plan[i]],
      contract: CONTRACTS[flags & FLAG_ANNUAL ? 1 : 0],
      monthly_charge: this.chargeCents[i] / 100,
      payment_method: PAYMENT_METHODS[this.payment[i]],
      failed_payments_90d: this.failed[i],
      watch_hours_30d: watch < 0 ? null : watch / 10,
      sessions_30d: this.sessions[i],
      days_since_last_login: this.days[i],
      devices: this.devices[i],
      profiles: this.profiles[i],
      support_tickets_90d: this.tickets[i],
      avg_rating_given: rating < 0 ? null : rating / 100,
      content_diversity: this.diversityMilli[i] / 1000,
      completion_rate: this.completionMilli[i] / 1000,
      downloads_30d: this.downloads[i],
      plan_changes_12m: this.planChanges[i],
      primary_device: PRIMARY_DEVICES[this.device[i]],
      promo_used: (flags & FLAG_PROMO) !== 0,
      autoplay_off: (flags & FLAG_AUTOPLAY_OFF) !== 0,
      churned: flags & FLAG_LABEL_KNOWN ? (flags & FLAG_CHURNED) !== 0 : null,
      p_true: this.pTrue[i],
    };
  }

  /** Realised churn of row i regardless of whether the label is published yet (for the simulation's own use). */
  churnedRaw(i: number): boolean {
    return (this.flags[i] & FLAG_CHURNED) !== 0;
  }

  labelKnown(i: number): boolean {
    return (this.flags[i] & FLAG_LABEL_KNOWN) !== 0;
  }
}
