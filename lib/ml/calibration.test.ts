import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/calibration.json';
import { applyIsotonic, applyPlatt, fitIsotonic, fitPlatt } from './calibration';

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol);

describe.each(fixture.platt)('fitPlatt against scikit-learn: $name', ({ margins, y, sklearn, optimum }) => {
  const fit = fitPlatt(margins, y);

  it("matches sklearn's _sigmoid_calibration within 1e-6", () => {
    close(fit.a, sklearn.a, 1e-6);
    close(fit.b, sklearn.b, 1e-6);
  });

  it('reaches the exact optimum of the same objective', () => {
    close(fit.a, optimum.a, 1e-9);
    close(fit.b, optimum.b, 1e-9);
  });
});

describe('fitPlatt', () => {
  it('gives a constant score the smoothed base rate', () => {
    const y = [1, 0, 0, 0, 1, 0];
    const { a, b } = fitPlatt(new Array(6).fill(0.7), y);
    // Targets: 2 positives at 3/4, 4 negatives at 1/6 → the best constant is their mean, 1/3.
    close(applyPlatt({ a, b }, 0.7), (2 * 0.75 + 4 / 6) / 6, 1e-9);
  });

  it('is finite when the classes are separable', () => {
    const { a, b } = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(a).toBeGreaterThan(0);
  });

  it('recovers a known calibration map from a large sample', () => {
    // Labels drawn with log-odds 0.5·margin − 1: the fit should land near (0.5, −1).
    let s = 12345;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const m = Array.from({ length: 40000 }, () => rand() * 12 - 6);
    const y = m.map((f) => (rand() < 1 / (1 + Math.exp(-(0.5 * f - 1))) ? 1 : 0));
    const { a, b } = fitPlatt(m, y);
    close(a, 0.5, 0.03);
    close(b, -1, 0.06);
  });

  it('rejects mismatched inputs and non-finite margins', () => {
    expect(() => fitPlatt([0, 1], [1])).toThrow(/2 margins for 1 labels/);
    expect(() => fitPlatt([0, NaN], [1, 0])).toThrow(/not finite/);
  });
});

describe.each(fixture.isotonic)('fitIsotonic against scikit-learn: $name', ({ p, y, x_thresholds, y_thresholds, grid, predict_grid, predict_train }) => {
  const iso = fitIsotonic(p, y);

  it('has the same breakpoints', () => {
    expect(iso.x).toEqual(x_thresholds);
    expect(iso.y).toHaveLength(y_thresholds.length);
    iso.y.forEach((v, i) => close(v, y_thresholds[i]!, 1e-12));
  });

  it('predicts the same within 1e-9, clipping outside the fitted range', () => {
    applyIsotonic(iso, grid).forEach((v, i) => close(v, predict_grid[i]!, 1e-9));
    applyIsotonic(iso, p).forEach((v, i) => close(v, predict_train[i]!, 1e-9));
  });
});

describe('fitIsotonic', () => {
  it('is monotone, within [0, 1], and keeps the label mean (PAVA preserves sums)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean()), { minLength: 1, maxLength: 200 }), (rows) => {
        const p = rows.map(([s]) => s / 40);
        const y = rows.map(([, l]): number => (l ? 1 : 0));
        const iso = fitIsotonic(p, y);
        iso.y.slice(1).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(iso.y[i]!));
        iso.x.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(iso.x[i]!));
        const fitted = applyIsotonic(iso, p);
        fitted.forEach((v) => expect(v >= 0 && v <= 1).toBe(true));
        close(fitted.reduce((s, v) => s + v, 0), y.reduce((s, v) => s + v, 0), 1e-9);
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('predicts a constant from a single distinct score, and NaN for NaN', () => {
    const iso = fitIsotonic([0.4, 0.4, 0.4], [1, 0, 0]);
    expect(iso).toEqual({ x: [0.4], y: [1 / 3] });
    expect(Array.from(applyIsotonic(iso, [0, 0.4, 1, NaN]))).toEqual([1 / 3, 1 / 3, 1 / 3, NaN]);
  });
});
