// EMP by hand on four customers, against quadrature of the same maximum on random data, and its bounds: ≥ 0 (not
// contacting is an option), ≥ MP (Jensen: the maximum of lines is convex in γ), ≤ the perfect-information profit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaInc, betaMean, betaPartialMean, betaPdf } from './beta';
import { emp } from './emp';
import { RoiInputError } from './errors';

describe('EMP by hand', () => {
  // CLV $200, d = $10, f = $1. By score: churner, non-churner, churner, non-churner. Per customer (× 4):
  //   k = 1: 190γ − 1,  k = 2: 190γ − 12 (never best),  k = 3: 380γ − 13,  k = 4: 380γ − 24 (never best), k = 0: 0.
  // Envelope: nobody below γ = 1/190, the top customer up to 12/190, the top three above. scipy's quad of
  //   ¼ [∫_{1/190}^{12/190} (190γ − 1) h + ∫_{12/190}^{1} (380γ − 13) h], h = Beta(6, 14)
  // gives 25.25039561224514; the expected share contacted ¼ [1·P(1/190 < γ < 12/190) + 3·P(γ > 12/190)] = 0.7495800508085078.
  const input = { scores: [0.3, 0.9, 0.1, 0.8], labels: [1, 1, 0, 0], clv: 200, offerCost: 10, contactCost: 1 };
  it('integrates the envelope exactly', () => {
    const r = emp(input);
    expect(r.emp).toBeCloseTo(25.25039561224514, 11);
    expect(r.emp_fraction).toBeCloseTo(0.7495800508085078, 11);
    // At E[γ] = 0.3: the top three make (114 − 13) / 4.
    expect(r).toMatchObject({ mp: expect.closeTo(25.25, 12), mp_fraction: 0.75, mp_threshold: 0.3, n: 4, alpha: 6, beta: 14 });
  });
  it('treats a per-customer CLV of 200 each like the flat 200', () => {
    const r = emp({ ...input, clv: [200, 200, 200, 200] });
    expect(r.emp).toBeCloseTo(25.25039561224514, 11);
  });
  it('is MP when γ is nearly certain', () => {
    const r = emp({ ...input, alpha: 0.3 * 1e6, beta: 0.7 * 1e6 });
    expect(r.emp).toBeCloseTo(r.mp, 6);
  });
  it('is 0 with no customers and needs labels', () => {
    expect(emp({ ...input, scores: [], labels: [] })).toMatchObject({ emp: 0, mp: 0, n: 0 });
    expect(() => emp({ ...input, labels: undefined as unknown as number[] })).toThrow(RoiInputError);
    expect(() => emp({ ...input, alpha: 0 })).toThrow(RoiInputError);
  });
});

interface Row {
  p: number;
  y: number;
  clv: number;
}
const row = fc.record({ p: fc.integer({ min: 0, max: 30 }).map((v) => v / 30), y: fc.integer({ min: 0, max: 1 }), clv: fc.integer({ min: 0, max: 400 }) });
const rows = fc.array(row, { minLength: 1, maxLength: 40 });
const costs = fc.record({ d: fc.double({ min: 0, max: 40, noNaN: true }), f: fc.double({ min: 0, max: 5, noNaN: true }), a: fc.double({ min: 0.5, max: 30, noNaN: true }), b: fc.double({ min: 0.5, max: 30, noNaN: true }) });

/** Midpoint quadrature of max_k P_k(γ)·h(γ), the curve summed row by row. */
function quadrature(rs: Row[], d: number, f: number, a: number, b: number, nodes = 20000): number {
  const sorted = [...rs].sort((x, y) => y.p - x.p);
  const lines: [number, number][] = [[0, 0]];
  let slope = 0;
  let intercept = 0;
  sorted.forEach((r, i) => {
    slope += r.y * (r.clv - d);
    intercept -= r.y ? f : d + f;
    if (i === sorted.length - 1 || sorted[i + 1]!.p !== r.p) lines.push([slope, intercept]);
  });
  let s = 0;
  for (let i = 0; i < nodes; i++) {
    const g = (i + 0.5) / nodes;
    s += Math.max(...lines.map(([m, c]) => c + m * g)) * betaPdf(g, a, b);
  }
  return s / nodes / rs.length;
}

describe('EMP properties', () => {
  const run = (rs: Row[], c: { d: number; f: number; a: number; b: number }) =>
    emp({ scores: rs.map((r) => r.p), labels: rs.map((r) => r.y), clv: rs.map((r) => r.clv), offerCost: c.d, contactCost: c.f, alpha: c.a, beta: c.b });

  it('agrees with quadrature of the empirical maximum', () => {
    // Shapes with a finite density at the ends, so the midpoint rule converges.
    const smooth = costs.map((c) => ({ ...c, a: c.a + 1, b: c.b + 1 }));
    fc.assert(
      fc.property(rows, smooth, (rs, c) => {
        const q = quadrature(rs, c.d, c.f, c.a, c.b);
        expect(Math.abs(run(rs, c).emp - q)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(q)));
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('is between max(0, MP) and the perfect-information profit', () => {
    fc.assert(
      fc.property(rows, costs, (rs, c) => {
        const r = run(rs, c);
        expect(r.emp).toBeGreaterThanOrEqual(-1e-9);
        expect(r.emp).toBeGreaterThanOrEqual(r.mp - 1e-9 * (1 + Math.abs(r.mp)));
        expect(r.emp_fraction).toBeGreaterThanOrEqual(0);
        expect(r.emp_fraction).toBeLessThanOrEqual(1 + 1e-12);
        // Perfect information contacts exactly the churners worth saving: ∫ Σ y·max(0, γ(CLV − d) − f) h / n, each
        // term exact: zero below γ0 = f / (CLV − d), the line above it.
        let bound = 0;
        for (const x of rs) {
          if (!x.y || x.clv <= c.d) continue;
          const g0 = Math.min(1, c.f / (x.clv - c.d));
          bound += (x.clv - c.d) * (betaMean(c.a, c.b) - betaPartialMean(g0, c.a, c.b)) - c.f * (1 - betaInc(g0, c.a, c.b));
        }
        bound /= rs.length;
        expect(r.emp).toBeLessThanOrEqual(bound + 1e-9 * (1 + bound));
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it('rewards the perfect ranking most when CLV is flat', () => {
    fc.assert(
      fc.property(rows, costs, (rs, c) => {
        const flat = { labels: rs.map((r) => r.y), clv: 250, offerCost: c.d, contactCost: c.f, alpha: c.a, beta: c.b };
        const model = emp({ ...flat, scores: rs.map((r) => r.p) });
        const perfect = emp({ ...flat, scores: rs.map((r) => r.y) });
        expect(model.emp).toBeLessThanOrEqual(perfect.emp + 1e-9 * (1 + perfect.emp));
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});
