// Property tests (fast-check) against a naive reference that sorts and sums E_i = p·γ·(CLV − d) − (1 − p)·d − f
// row by row: the optimum beats every campaign a threshold can run (the full curve, not the decimated one) and
// respects the capacity; more acceptance never lowers the best profit; row order does not matter; the band brackets
// the expected profit; ROI is profit ÷ spend; the radix sort agrees with a comparison sort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRoi, MAX_CURVE_POINTS } from './evaluate';
import { DEFAULT_ROI_INPUTS, type RoiInputs } from './inputs';
import { prepareScores, sortDescending } from './prepare';

const RUNS = { numRuns: 80, seed: 2024 };

interface Row {
  p: number;
  charge: number;
  y: number;
}
// Scores on a coarse grid half the time: plenty of ties.
const score = fc.oneof(fc.integer({ min: 0, max: 20 }).map((v) => v / 20), fc.double({ min: 0, max: 1, noNaN: true }));
const row = fc.record({ p: score, charge: fc.integer({ min: 1, max: 100 }), y: fc.integer({ min: 0, max: 1 }) });
const rows = fc.array(row, { minLength: 0, maxLength: 80 });
const inputs = fc.record({
  months: fc.integer({ min: 1, max: 24 }),
  offerCost: fc.double({ min: 0, max: 30, noNaN: true }),
  contactCost: fc.double({ min: 0, max: 5, noNaN: true }),
  acceptanceRate: fc.double({ min: 0.02, max: 0.98, noNaN: true }),
  fixedCost: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 200, noNaN: true })),
  capacity: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 90 })),
});
type Gen = { months: number; offerCost: number; contactCost: number; acceptanceRate: number; fixedCost: number; capacity: number | null };
const roi = (g: Gen): RoiInputs => ({ ...DEFAULT_ROI_INPUTS, ...g, clv: { kind: 'per_customer', months: g.months } });
const prep = (rs: Row[]) => prepareScores(rs.map((r) => r.p), { clv: rs.map((r) => r.charge), labels: rs.map((r) => r.y) });

/** Every campaign a threshold can run, summed row by row: [k, profit]. */
function naiveCurve(rs: Row[], g: Gen, gamma = g.acceptanceRate): [number, number][] {
  const sorted = [...rs].sort((a, b) => b.p - a.p);
  const out: [number, number][] = [[0, 0]];
  let sum = 0;
  sorted.forEach((r, i) => {
    const clv = r.charge * g.months;
    sum += r.p * gamma * (clv - g.offerCost) - (1 - r.p) * g.offerCost - g.contactCost;
    if (i === sorted.length - 1 || sorted[i + 1]!.p !== r.p) out.push([i + 1, sum - g.fixedCost]);
  });
  return out;
}
const tol = (v: number) => 1e-9 * (1 + Math.abs(v));

describe('ROI engine properties', () => {
  it('reports the best campaign within capacity, exactly, over the full curve', () => {
    fc.assert(
      fc.property(rows, inputs, (rs, g) => {
        const r = evaluateRoi(prep(rs), roi(g), { curvePoints: MAX_CURVE_POINTS });
        const naive = naiveCurve(rs, g);
        const allowed = naive.filter(([k]) => g.capacity === null || k <= g.capacity);
        const best = Math.max(...allowed.map(([, v]) => v));
        expect(Math.abs(r.optimum.expected_profit - best)).toBeLessThanOrEqual(tol(best));
        for (const [, v] of allowed) expect(r.optimum.expected_profit).toBeGreaterThanOrEqual(v - tol(v));
        expect(g.capacity === null || r.optimum.contacted <= g.capacity).toBe(true);
        // The undecimated curve is the naive one, point for point.
        expect(r.curve.map((c) => c.contacted)).toEqual(naive.map(([k]) => k));
        r.curve.forEach((c, i) => expect(Math.abs(c.expected_profit - naive[i]![1])).toBeLessThanOrEqual(tol(naive[i]![1])));
      }),
      RUNS,
    );
  });

  it('never lowers the best expected profit when the acceptance rate rises (CLV ≥ d)', () => {
    fc.assert(
      fc.property(rows, inputs, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (rs, g, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const gen = { ...g, offerCost: Math.min(g.offerCost, g.months) }; // charges ≥ 1, so CLV ≥ months ≥ d
        const p = prep(rs);
        const at = (gamma: number) => evaluateRoi(p, roi({ ...gen, acceptanceRate: gamma })).optimum.expected_profit;
        expect(at(hi)).toBeGreaterThanOrEqual(at(lo) - tol(at(lo)));
      }),
      RUNS,
    );
  });

  it('does not depend on row order', () => {
    fc.assert(
      fc.property(rows, inputs, fc.integer(), (rs, g, seed) => {
        const shuffled = rs.map((r, i) => ({ r, key: Math.sin(seed + i * 12.9898) })).sort((a, b) => a.key - b.key).map((x) => x.r);
        const a = evaluateRoi(prep(rs), roi(g));
        const b = evaluateRoi(prep(shuffled), roi(g));
        expect(b.optimum.contacted).toBe(a.optimum.contacted);
        expect(b.optimum.threshold).toBe(a.optimum.threshold);
        expect(b.curve.map((c) => c.contacted)).toEqual(a.curve.map((c) => c.contacted));
        for (const [x, y] of [
          [a.optimum.expected_profit, b.optimum.expected_profit],
          [a.band.p05, b.band.p05],
          [a.baselines.random.expected_profit, b.baselines.random.expected_profit],
          [a.realized_profit ?? 0, b.realized_profit ?? 0],
        ] as const) expect(Math.abs(x - y)).toBeLessThanOrEqual(tol(x));
      }),
      RUNS,
    );
  });

  it('brackets the expected profit with the band, and ROI is profit ÷ spend', () => {
    fc.assert(
      fc.property(rows, inputs, (rs, g) => {
        const r = evaluateRoi(prep(rs), roi(g));
        for (const c of [...r.curve, r.optimum]) {
          expect(c.p05).toBeLessThanOrEqual(c.expected_profit + tol(c.expected_profit));
          expect(c.p95).toBeGreaterThanOrEqual(c.expected_profit - tol(c.expected_profit));
        }
        const o = r.optimum;
        const offers = rs.length === 0 ? 0 : o.expected_offers_taken;
        expect(o.spend).toBeCloseTo(o.contacted === 0 ? 0 : g.fixedCost + g.contactCost * o.contacted + g.offerCost * offers, 9);
        if (o.roi === null) expect(o.spend).toBeLessThan(1e-300);
        else expect(o.roi * o.spend).toBeCloseTo(o.expected_profit, 9);
      }),
      RUNS,
    );
  });

  it('contacts nobody and makes nothing with no customers', () => {
    fc.assert(
      fc.property(inputs, (g) => {
        const r = evaluateRoi(prep([]), roi(g));
        expect(r.optimum.contacted).toBe(0);
        expect(r.optimum.expected_profit).toBe(0);
        expect(r.curve).toHaveLength(1);
      }),
      { ...RUNS, numRuns: 20 },
    );
  });

  it('sorts like a comparison sort, stably, past the radix threshold', () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 0, maxLength: 400 }), (s) => {
        const a = Float64Array.from(s, (v) => v + 0);
        const expected = Array.from(a.keys()).sort((i, j) => a[j]! - a[i]! || i - j);
        expect(Array.from(sortDescending(a))).toEqual(expected);
      }),
      RUNS,
    );
  });
});
