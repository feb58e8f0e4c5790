// Hand-worked campaigns (CLV $200 or per customer, d = $10, f = $1, γ = 0.3: E(p) = 67p − 11 when CLV is flat),
// ties and capacity, the fixed cost, the baselines, the break-even rate, the realized profit, and the input checks.
import { describe, expect, it } from 'vitest';
import { expectedContactValue } from '@/lib/serving/action';
import { betaIncInv } from './beta';
import { RoiInputError } from './errors';
import { evaluateRoi } from './evaluate';
import { DEFAULT_ROI_INPUTS, type RoiInputs } from './inputs';
import { prepareScores } from './prepare';

const FLAT: RoiInputs = { ...DEFAULT_ROI_INPUTS, clv: { kind: 'flat', value: 200 } };
const Q05 = betaIncInv(0.05, 6, 14);
const Q95 = betaIncInv(0.95, 6, 14);

function thrown(f: () => unknown): RoiInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof RoiInputError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('evaluateRoi on hand-worked campaigns', () => {
  // E = 22.5, 2.4, −4.3, −7.65 → profits 0, 22.5, 24.9, 20.6, 12.95 (given in shuffled order).
  const prepared = prepareScores([0.1, 0.5, 0.05, 0.2], { labels: [1, 1, 0, 0] });

  it('finds the best threshold, its spend, ROI and band', () => {
    const r = evaluateRoi(prepared, FLAT);
    expect(r.optimum.contacted).toBe(2);
    expect(r.optimum.threshold).toBe(0.2);
    expect(r.optimum.expected_profit).toBeCloseTo(24.9, 12);
    // Offers taken: 0.3·0.7 saved churners + 1.3 non-churners; spend = 2·$1 + 1.51·$10.
    expect(r.optimum.expected_offers_taken).toBeCloseTo(1.51, 12);
    expect(r.optimum.spend).toBeCloseTo(17.1, 12);
    expect(r.optimum.roi).toBeCloseTo(24.9 / 17.1, 12);
    // profit(2; γ) = 133γ − 15 (Σp(CLV − d) = 0.7·190; −d·1.3 − 2f).
    expect(r.band.p05).toBeCloseTo(133 * Q05 - 15, 10);
    expect(r.band.p95).toBeCloseTo(133 * Q95 - 15, 10);
    expect(r.optimum.p05).toBe(r.band.p05);
    expect(r.acceptance).toMatchObject({ rate: 0.3, beta: { alpha: 6, beta: 14 } });
    expect(r.acceptance.q05).toBeCloseTo(0.14746957, 7);
    expect(r.curve.map((c) => [c.contacted, c.threshold])).toEqual([[0, null], [1, 0.5], [2, 0.2], [3, 0.1], [4, 0.05]]);
    expect(r.curve.map((c) => c.expected_profit)).toEqual([0, 22.5, 24.9, 20.6, 12.95].map((v) => expect.closeTo(v, 12)));
    expect(r.capacity_bound).toBe(false);
  });

  it('compares with contacting nobody, everybody, and as many at random', () => {
    const r = evaluateRoi(prepared, FLAT);
    expect(r.baselines.contact_none).toBe(0);
    expect(r.baselines.contact_all).toEqual({ contacted: 4, expected_profit: expect.closeTo(12.95, 12) });
    expect(r.baselines.random).toEqual({ contacted: 2, expected_profit: expect.closeTo(12.95 / 2, 12) });
  });

  it('gives the break-even acceptance rate: the first campaign whose profit line crosses 0', () => {
    // profit(k; γ) = 95γ − 6, 133γ − 15, 152γ − 25, 161.5γ − 35.5 → the top customer alone breaks even at 6/95.
    expect(evaluateRoi(prepared, FLAT).break_even_acceptance_rate).toBeCloseTo(6 / 95, 12);
    // A fixed cost of $30 on top: k = 2 breaks even first, at 45/133 — above 0.3, so at 0.3 nobody is contacted.
    const fixed = evaluateRoi(prepared, { ...FLAT, fixedCost: 30 });
    expect(fixed.break_even_acceptance_rate).toBeCloseTo(45 / 133, 12);
    expect(fixed.optimum).toMatchObject({ contacted: 0, threshold: null, expected_profit: 0, roi: null, spend: 0 });
    expect(fixed.baselines.contact_all.expected_profit).toBeCloseTo(12.95 - 30, 12);
    expect(fixed.baselines.random.expected_profit).toBe(0);
    expect(evaluateRoi(prepared, { ...FLAT, clv: { kind: 'flat', value: 5 } }).break_even_acceptance_rate).toBeNull();
  });

  it('charges the fixed cost once, when anyone is contacted', () => {
    const r = evaluateRoi(prepared, { ...FLAT, fixedCost: 5 });
    expect(r.optimum.expected_profit).toBeCloseTo(19.9, 12);
    expect(r.optimum.spend).toBeCloseTo(22.1, 12);
    expect(r.curve[0]!.expected_profit).toBe(0);
    expect(r.curve[1]!.expected_profit).toBeCloseTo(17.5, 12);
  });

  it('reports the realized profit with labels: γ(CLV − d) − f per churner, −(d + f) per non-churner', () => {
    // By score: 0.5 (churned) +56, 0.2 (stayed) −11, 0.1 (churned) +56, 0.05 (stayed) −11.
    const r = evaluateRoi(prepared, FLAT);
    expect(r.realized_profit).toBeCloseTo(0.3 * 190 - 1 - 11, 12);
    expect(r.curve.map((c) => c.realized_profit)).toEqual([0, 56, 45, 101, 90].map((v) => expect.closeTo(v, 12)));
    expect(evaluateRoi(prepareScores([0.5]), FLAT).realized_profit).toBeUndefined();
  });

  it('stops at the capacity and says when it binds', () => {
    const r = evaluateRoi(prepared, { ...FLAT, capacity: 1 });
    expect(r.optimum).toMatchObject({ contacted: 1, threshold: 0.5, expected_profit: expect.closeTo(22.5, 12) });
    expect(r.capacity_bound).toBe(true);
    expect(r.uncapped).toEqual({ threshold: 0.2, contacted: 2, expected_profit: expect.closeTo(24.9, 12) });
    expect(r.baselines.random.contacted).toBe(1);
    expect(evaluateRoi(prepared, { ...FLAT, capacity: 3 }).capacity_bound).toBe(false);
    expect(evaluateRoi(prepared, { ...FLAT, capacity: 0 }).optimum.contacted).toBe(0);
  });
});

describe('ties', () => {
  // Two customers at 0.2: a threshold of 0.2 contacts both.
  const tied = prepareScores([0.2, 0.5, 0.05, 0.2]);
  it('moves only between tie blocks', () => {
    const r = evaluateRoi(tied, FLAT);
    expect(r.curve.map((c) => c.contacted)).toEqual([0, 1, 3, 4]);
    expect(r.optimum).toMatchObject({ contacted: 3, threshold: 0.2, expected_profit: expect.closeTo(27.3, 12) });
  });
  it('never splits a block to fit a capacity', () => {
    const r = evaluateRoi(tied, { ...FLAT, capacity: 2 });
    expect(r.optimum).toMatchObject({ contacted: 1, threshold: 0.5 });
    expect(r.capacity_bound).toBe(true);
  });
});

describe('per-customer CLV (12 × the monthly charge, as the predict route values a customer)', () => {
  const scores = [0.1, 0.4, 0.3];
  const charges = [20, 10, 30];
  it('sums action.ts’s expected contact value over the top k', () => {
    // CLV 240, 120, 360: E = −3.1, 6.2, 23.5 → by score: 6.2, 23.5, −3.1 → profits 0, 6.2, 29.7, 26.6.
    const r = evaluateRoi(prepareScores(scores, { clv: charges }), DEFAULT_ROI_INPUTS);
    expect(r.curve.map((c) => c.expected_profit)).toEqual([0, 6.2, 29.7, 26.6].map((v) => expect.closeTo(v, 12)));
    expect(r.optimum).toMatchObject({ contacted: 2, threshold: 0.3 });
    const byAction = [1, 2].reduce((s, i) => s + expectedContactValue(scores[i]!, charges[i]! * 12), 0);
    expect(r.optimum.expected_profit).toBeCloseTo(byAction, 12);
  });
  it('needs the amounts', () => {
    expect(thrown(() => evaluateRoi(prepareScores(scores), DEFAULT_ROI_INPUTS)).field).toBe('clv');
  });
});

describe('decimation', () => {
  it('keeps k = 0, the optimum and n within curvePoints', () => {
    const n = 5000;
    const scores = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const r = evaluateRoi(prepareScores(scores), { ...FLAT, capacity: 1234 }, { curvePoints: 50 });
    expect(r.curve.length).toBeLessThanOrEqual(50);
    expect(r.curve.length).toBeGreaterThan(40);
    const ks = r.curve.map((c) => c.contacted);
    expect(ks[0]).toBe(0);
    expect(ks.at(-1)).toBe(n);
    expect(ks).toContain(r.optimum.contacted);
    expect(ks).toContain(r.uncapped!.contacted);
    expect([...ks].sort((a, b) => a - b)).toEqual(ks);
  });
});

describe('no customers', () => {
  it('is a campaign of nobody', () => {
    const r = evaluateRoi(prepareScores([]), FLAT);
    expect(r.optimum).toMatchObject({ contacted: 0, expected_profit: 0, roi: null, spend: 0, threshold: null });
    expect(r.curve).toEqual([{ threshold: null, contacted: 0, expected_profit: 0, p05: 0, p95: 0 }]);
    expect(r.baselines.contact_all).toEqual({ contacted: 0, expected_profit: 0 });
    expect(r.break_even_acceptance_rate).toBeNull();
  });
});

describe('input checks name the field', () => {
  const p = prepareScores([0.5, 0.2]);
  it.each([
    [{ offerCost: -1 }, 'offer_cost'],
    [{ contactCost: Number.NaN }, 'contact_cost'],
    [{ acceptanceRate: 1.5 }, 'acceptance_rate'],
    [{ fixedCost: -5 }, 'fixed_cost'],
    [{ capacity: -1 }, 'capacity'],
    [{ capacity: 1.5 }, 'capacity'],
    [{ clv: { kind: 'flat', value: Infinity } }, 'clv'],
    [{ acceptanceBeta: { alpha: 0, beta: 14 } }, 'acceptance_beta.alpha'],
    [{ acceptanceBeta: { alpha: 6, beta: -1 } }, 'acceptance_beta.beta'],
    [{ acceptanceBeta: { alpha: 2, beta: 5 } }, 'acceptance_beta'],
  ] as [Partial<RoiInputs>, string][])('%o → %s', (change, field) => {
    expect(thrown(() => evaluateRoi(p, { ...FLAT, ...change })).field).toBe(field);
  });
  it('checks scores, labels, amounts and curve points', () => {
    expect(thrown(() => prepareScores([0.5, 1.2])).field).toBe('scores');
    expect(thrown(() => prepareScores([0.5, Number.NaN])).field).toBe('scores');
    expect(thrown(() => prepareScores([0.5, 0.2], { labels: [1] })).field).toBe('labels');
    expect(thrown(() => prepareScores([0.5, 0.2], { labels: [1, 2] })).field).toBe('labels');
    expect(thrown(() => prepareScores([0.5, 0.2], { clv: [1, 2, 3] })).field).toBe('clv');
    expect(thrown(() => prepareScores([0.5, 0.2], { clv: [1, -2] })).field).toBe('clv');
    expect(thrown(() => evaluateRoi(p, FLAT, { curvePoints: 2 })).field).toBe('curve_points');
  });
  it('accepts an explicit Beta whose mean is the acceptance rate', () => {
    const r = evaluateRoi(p, { ...FLAT, acceptanceRate: 0.25, acceptanceBeta: { alpha: 2, beta: 6 } });
    expect(r.acceptance.beta).toEqual({ alpha: 2, beta: 6 });
  });
});
