import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearContributions } from './linear';

describe('linearContributions', () => {
  it('explains by hand, with a missing value contributing 0', () => {
    const r = linearContributions({ weights: [2, -1, 0.5], intercept: -1, means: [1, 3, 0] }, [2, NaN, 4]);
    expect(Array.from(r.contributions)).toEqual([2, 0, 2]);
    expect(r.expectedValue).toBe(-1 + 2 - 3);
    // x1 missing → imputed with its mean: margin = −1 + 2·2 − 1·3 + 0.5·4.
    expect(r.margin).toBe(-1 + 4 - 3 + 2);
  });

  it('is locally accurate: expectedValue + Σ contributions = intercept + Σ w·x', () => {
    const finite = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.array(finite, { minLength: n, maxLength: n }), fc.array(finite, { minLength: n, maxLength: n }), fc.array(fc.option(finite, { nil: NaN, freq: 5 }), { minLength: n, maxLength: n }), finite)), ([weights, means, x, intercept]) => {
        const r = linearContributions({ weights, means, intercept }, x);
        let direct = intercept;
        let scale = Math.abs(intercept);
        x.forEach((v, j) => {
          const xi = Number.isNaN(v) ? means[j]! : v;
          direct += weights[j]! * xi;
          scale += Math.abs(weights[j]! * xi) + Math.abs(weights[j]! * means[j]!);
        });
        expect(Math.abs(r.margin - direct)).toBeLessThanOrEqual(1e-12 * (1 + scale));
        const sum = r.contributions.reduce((a, b) => a + b, r.expectedValue);
        expect(sum).toBe(r.margin);
        x.forEach((v, j) => Number.isNaN(v) && expect(r.contributions[j]).toBe(0));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('rejects mismatched lengths', () => {
    expect(() => linearContributions({ weights: [1, 2], intercept: 0, means: [0] }, [1, 2])).toThrow(/2 weights, 1 means/);
  });
});
