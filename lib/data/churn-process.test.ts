import { describe, expect, it } from 'vitest';
import { CHURN_COEFFICIENTS, churnLogit, priceShock } from './churn-process';
import { CustomerState } from './customer-state';
import { auc, fitLogistic } from './evaluation';
import type { LogisticModel } from './evaluation';
import { PLAN_BASIC, PLAN_PREMIUM, PLAN_STANDARD, PRICE_INCREASE_MONTH } from './events';
import type { Customer } from './features';
import { generateWorld } from './generator';
import type { GeneratedSnapshot } from './generator';
import { RowScratch } from './snapshot-store';

// The default world (seed 42, 20000 customers, 22 months): the numbers asserted here are the ones README.md quotes.
const world = generateWorld();
const customerById = new Map<string, Customer>(world.customers.map((c) => [c.customer_id, c]));
const pTrue: number[] = [];
const churned: boolean[] = [];
const keep = new Set(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2026-01', '2026-02', '2026-03'].map((m) => `${m}-01`));
const byMonth = new Map<string, GeneratedSnapshot[]>();
const monthlyRates: number[] = [];
{
  let current = '';
  let n = 0;
  let k = 0;
  for (const r of world.snapshots()) {
    if (r.month !== current) {
      if (n > 0 && current !== world.months.at(-1)) monthlyRates.push(k / n);
      current = r.month;
      n = 0;
      k = 0;
    }
    n++;
    if (r.churned) k++;
    if (r.churned !== null) {
      pTrue.push(r.p_true);
      churned.push(r.churned);
    }
    if (keep.has(r.month)) {
      const list = byMonth.get(r.month);
      if (list) list.push(r);
      else byMonth.set(r.month, [r]);
    }
  }
}
const rowsOf = (...months: string[]): GeneratedSnapshot[] => months.flatMap((m) => byMonth.get(`${m}-01`) ?? []);
const train = rowsOf('2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08');
const model: LogisticModel = fitLogistic(train, train.map((r) => r.churned === true));

function evaluate(rows: GeneratedSnapshot[]): { logistic: number; bayes: number; predicted: number; observed: number } {
  const predictions = rows.map((r) => model.predict(r));
  const labels = rows.map((r) => r.churned === true);
  return {
    logistic: auc(predictions, labels),
    bayes: auc(rows.map((r) => r.p_true), labels),
    predicted: predictions.reduce((a, b) => a + b, 0) / rows.length,
    observed: labels.filter(Boolean).length / rows.length,
  };
}

describe('churn process in the default world', () => {
  it('keeps the monthly churn rate between 3% and 8%', () => {
    expect(monthlyRates).toHaveLength(21);
    expect(Math.min(...monthlyRates)).toBeGreaterThan(0.03);
    expect(Math.max(...monthlyRates)).toBeLessThan(0.08);
  });

  it('has a Bayes-optimal AUC (p_true against realised churn) between 0.85 and 0.90', () => {
    const bayes = auc(pTrue, churned);
    expect(bayes).toBeGreaterThan(0.85);
    expect(bayes).toBeLessThan(0.9);
  });

  it('is calibrated: realised churn matches the mean p_true', () => {
    const meanP = pTrue.reduce((a, b) => a + b, 0) / pTrue.length;
    const rate = churned.filter(Boolean).length / churned.length;
    expect(Math.abs(meanP - rate)).toBeLessThan(0.002);
  });

  it('defeats a linear logistic model by at least 0.03 AUC on later months', () => {
    const holdout = evaluate(rowsOf('2025-09', '2025-10'));
    expect(holdout.logistic).toBeGreaterThan(0.75); // the baseline itself works...
    expect(holdout.logistic).toBeLessThan(holdout.bayes - 0.03); // ...but misses the non-linear structure
  });

  it('makes a model trained before the price increase decay after it', () => {
    const before = evaluate(rowsOf('2026-01', '2026-02'));
    const after = evaluate(rowsOf('2026-03'));
    expect(before.observed / before.predicted).toBeGreaterThan(0.8);
    expect(before.observed / before.predicted).toBeLessThan(1.2);
    expect(after.observed / after.predicted).toBeGreaterThan(1.25);
    expect(after.logistic).toBeLessThan(before.logistic - 0.01);
  });

  it('makes a raw-feature model flag older customers falsely more often', () => {
    const rows = rowsOf('2025-09', '2025-10');
    const scores = rows.map((r) => model.predict(r));
    const threshold = [...scores].sort((a, b) => b - a)[Math.floor(rows.length * 0.1)];
    const stats = (band: string) => {
      let negatives = 0;
      let falsePositives = 0;
      let predicted = 0;
      let observed = 0;
      rows.forEach((r, i) => {
        if (customerById.get(r.customer_id)!.age_band !== band) return;
        predicted += scores[i];
        if (r.churned) observed++;
        else {
          negatives++;
          if (scores[i] >= threshold) falsePositives++;
        }
      });
      return { fpr: falsePositives / negatives, overPrediction: predicted / observed };
    };
    const old = stats('65+');
    const middle = stats('35-49');
    expect(old.fpr).toBeGreaterThan(middle.fpr + 0.02);
    expect(old.overPrediction).toBeGreaterThan(1.15);
    expect(old.overPrediction).toBeGreaterThan(middle.overPrediction + 0.15);
  });
});

describe('churnLogit shape', () => {
  const customer = new CustomerState();
  customer.age = 2;
  const base = (): RowScratch => {
    const r = new RowScratch();
    Object.assign(r, { tenure: 24, plan: PLAN_STANDARD, chargeCents: 1399, sessions: 25, watchTenths: 300, devices: 3 });
    Object.assign(r, { profiles: 2, diversityMilli: 600, completionMilli: 600, ratingHundredths: 380 });
    return r;
  };
  const z = (patch: Partial<RowScratch>, month = PRICE_INCREASE_MONTH - 1) =>
    churnLogit(Object.assign(base(), patch), customer, month);

  it('has a threshold at two failed payments', () => {
    expect(z({ failed: 1 }) - z({ failed: 0 })).toBeLessThan(0.3);
    expect(z({ failed: 2 }) - z({ failed: 1 })).toBeGreaterThan(1.5);
    expect(z({ failed: 5 })).toBe(z({ failed: 2 }));
  });

  it('has an early-tenure hazard that decays and a promo-expiry bump', () => {
    expect(z({ tenure: 0 }) - z({ tenure: 24 })).toBeGreaterThan(CHURN_COEFFICIENTS.earlyTenure * 0.9);
    const promo = new CustomerState();
    Object.assign(promo, { age: 2, promoLength: 3 });
    const zp = (tenure: number) => churnLogit(Object.assign(base(), { tenure, promo: true }), promo, 0);
    expect(zp(3) - zp(2)).toBeGreaterThan(0.5); // hazard rises when the promo price ends
    expect(zp(5)).toBeLessThan(zp(4));
  });

  it('saturates in days since the last login', () => {
    const step1 = z({ days: 10 }) - z({ days: 0 });
    const step2 = z({ days: 60 }) - z({ days: 50 });
    expect(step1).toBeGreaterThan(0.5);
    expect(step2).toBeLessThan(step1 / 20);
  });

  it('interacts the charge with the contract and tickets with low viewing', () => {
    const monthlySlope = z({ chargeCents: 1999 }) - z({ chargeCents: 899 });
    const annualSlope = z({ chargeCents: 1999, annual: true }) - z({ chargeCents: 899, annual: true });
    expect(monthlySlope).toBeGreaterThan(0.5);
    expect(annualSlope).toBeLessThan(0);
    const ticketsLow = z({ tickets: 4, watchTenths: 20 }) - z({ tickets: 0, watchTenths: 20 });
    const ticketsHigh = z({ tickets: 4, watchTenths: 800 }) - z({ tickets: 0, watchTenths: 800 });
    expect(ticketsLow).toBeGreaterThan(1.5);
    expect(ticketsHigh).toBeLessThan(0.1);
  });

  it('judges engagement relative to the age band', () => {
    const older = new CustomerState();
    older.age = 4;
    const sessions = 11;
    const zOld = churnLogit(Object.assign(base(), { sessions }), older, 0);
    const zMiddle = churnLogit(Object.assign(base(), { sessions }), customer, 0);
    const direct = CHURN_COEFFICIENTS.age[4] - CHURN_COEFFICIENTS.age[2];
    expect(zOld - direct).toBeLessThan(zMiddle - 0.5);
  });

  it('adds a price shock only to monthly contracts from the increase on, fading over months', () => {
    expect(priceShock(PRICE_INCREASE_MONTH - 1, PLAN_PREMIUM, false, 24, 0)).toBe(0);
    expect(priceShock(PRICE_INCREASE_MONTH, PLAN_PREMIUM, true, 24, 0)).toBe(0);
    const s0 = priceShock(PRICE_INCREASE_MONTH, PLAN_PREMIUM, false, 24, 0);
    const s3 = priceShock(PRICE_INCREASE_MONTH + 3, PLAN_PREMIUM, false, 24, 0);
    expect(s0).toBeGreaterThan(0.3);
    expect(s3).toBeLessThan(s0 * 0.4);
    expect(priceShock(PRICE_INCREASE_MONTH, PLAN_BASIC, false, 24, 0)).toBeLessThan(s0);
    expect(priceShock(PRICE_INCREASE_MONTH, PLAN_PREMIUM, false, 2, 0)).toBeLessThan(s0);
  });
});
