// The Beta distribution against scipy (fixtures/beta_fixtures.json; regenerate with fixtures/make_fixtures.py), and
// its identities: the CDF of the density, symmetry, and the inverse round trip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaInc, betaIncInv, betaPartialMean, betaPdf } from './beta';

interface Fixture {
  meta: { scipy: string };
  cdf: { a: number; b: number; x: number; cdf: number }[];
  ppf: { a: number; b: number; q: number; x: number }[];
}
const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'beta_fixtures.json'), 'utf8')) as Fixture;

const relClose = (actual: number, expected: number, rel: number) => Math.abs(actual - expected) <= rel * Math.abs(expected) || actual === expected;

describe('Beta distribution against scipy ' + fixture.meta.scipy, () => {
  it(`gives beta.cdf to 1e-12 relative (${fixture.cdf.length} points)`, () => {
    for (const { a, b, x, cdf } of fixture.cdf) expect(relClose(betaInc(x, a, b), cdf, 1e-12), `I_${x}(${a}, ${b}) = ${betaInc(x, a, b)}, scipy ${cdf}`).toBe(true);
  });
  it(`gives beta.ppf to 1e-12 relative (${fixture.ppf.length} points)`, () => {
    for (const { a, b, q, x } of fixture.ppf) expect(relClose(betaIncInv(q, a, b), x, 1e-12), `ppf(${q}; ${a}, ${b}) = ${betaIncInv(q, a, b)}, scipy ${x}`).toBe(true);
  });
  it('has Verbraken’s default band: Beta(6, 14) 5% and 95% at 0.1475 and 0.4758', () => {
    expect(betaIncInv(0.05, 6, 14)).toBeCloseTo(0.14746957, 8);
    expect(betaIncInv(0.95, 6, 14)).toBeCloseTo(0.47579711, 8);
  });
});

describe('Beta identities', () => {
  const ab = fc.double({ min: 0.2, max: 60, noNaN: true });
  const unit = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
  // Lower tail (the upper one is solved as 1 − the lower tail of Beta(b, a), and x near 1 cannot be represented
  // finely enough to round-trip q to 1e-12 — the scipy fixture covers it).
  it('inverts: I(I⁻¹(q)) = q', () => {
    fc.assert(
      fc.property(ab, ab, fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (a, b, q) => {
        expect(Math.abs(betaInc(betaIncInv(q, a, b), a, b) - q)).toBeLessThan(1e-12 * q + 1e-15);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
  // 1 − x is rounded: near 0 with a small `a` the CDF is steep, so scipy differs by ~1e-13 here too.
  it('is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    fc.assert(
      fc.property(ab, ab, unit, (a, b, x) => {
        expect(Math.abs(betaInc(x, a, b) - (1 - betaInc(1 - x, b, a)))).toBeLessThan(1e-12);
      }),
      { numRuns: 300, seed: 8 },
    );
  });
  it('integrates its density (and γ times it) to the CDF and the partial mean', () => {
    // Simpson on Beta(6, 14) from 0 to x.
    const a = 6;
    const b = 14;
    for (const x of [0.1, 0.3, 0.7]) {
      const n = 2000;
      const h = x / n;
      let s = 0;
      let sm = 0;
      for (let i = 0; i <= n; i++) {
        const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
        s += w * betaPdf(i * h, a, b);
        sm += w * i * h * betaPdf(i * h, a, b);
      }
      expect((s * h) / 3).toBeCloseTo(betaInc(x, a, b), 10);
      expect((sm * h) / 3).toBeCloseTo(betaPartialMean(x, a, b), 10);
    }
  });
  it('handles the ends', () => {
    expect(betaInc(0, 2, 3)).toBe(0);
    expect(betaInc(1, 2, 3)).toBe(1);
    expect(betaIncInv(0, 2, 3)).toBe(0);
    expect(betaIncInv(1, 2, 3)).toBe(1);
    expect(betaInc(0.5, 0, 3)).toBeNaN();
  });
});
