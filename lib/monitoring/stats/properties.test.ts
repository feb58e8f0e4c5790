// Property tests (fast-check): invariances of the tests and profile-based == raw-array-based results.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareProfiles } from './engine';
import type { Method } from './engine';
import { ksStatistic } from './ks';
import { wasserstein } from './methods';
import { buildNumericProfile, buildProfile, mergeProfiles } from './profile';
import type { NumericProfile } from './profile';

const RUNS = { numRuns: 60, seed: 20260 };

// Quantised values (many ties) and free floats, so both the dense and the hash/sort counting paths are exercised.
const value = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }),
);
const sample = fc.array(value, { minLength: 1, maxLength: 300 });
const catSample = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 300 });

const num = (xs: number[]): NumericProfile => buildNumericProfile(xs);

/** scipy's _cdf_distance / ks_2samp on raw arrays: sorted concat + searchsorted, no profiles involved. */
function rawReference(a: number[], b: number[]): { d: number; w: number } {
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  const all = Float64Array.from([...a, ...b]).sort();
  const right = (arr: Float64Array, x: number): number => {
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arr[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let maxS = -Infinity;
  let minS = Infinity;
  let w = 0;
  for (let i = 0; i < all.length; i++) {
    const diff = right(sa, all[i]) / sa.length - right(sb, all[i]) / sb.length;
    maxS = Math.max(maxS, diff);
    minS = Math.min(minS, diff);
    if (i < all.length - 1) w += Math.abs(diff) * (all[i + 1] - all[i]);
  }
  return { d: Math.max(maxS, Math.min(Math.max(-minS, 0), 1)), w };
}

describe('identical samples never drift', () => {
  it('numeric, every method', () => {
    fc.assert(
      fc.property(sample, (xs) => {
        const p = num(xs);
        for (const method of ['ks', 'chisquare', 'wasserstein', 'jensenshannon', 'psi'] as Method[]) {
          const r = compareProfiles(p, num([...xs]), { method });
          expect(r.drift, method).toBe(false);
          if (r.p_value !== null) expect(r.p_value).toBeCloseTo(1, 12);
          else expect(Math.abs(r.statistic)).toBeLessThan(1e-12);
        }
      }),
      RUNS,
    );
  });
  it('categorical, chisquare / z / js / psi', () => {
    fc.assert(
      fc.property(catSample, (xs) => {
        const p = buildProfile(xs, 'categorical');
        for (const method of ['chisquare', 'jensenshannon', 'psi'] as Method[]) {
          expect(compareProfiles(p, p, { method }).drift, method).toBe(false);
        }
        // z uses "first sorted category vs the rest", defined for any number of categories.
        expect(compareProfiles(p, p, { method: 'z' }).p_value).toBeCloseTo(1, 12);
      }),
      RUNS,
    );
  });
});

describe('a large shift always drifts', () => {
  it('numeric, shifted by 5 standard deviations', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 300 }), (xs) => {
        const spread = Math.max(...xs) - Math.min(...xs);
        fc.pre(spread > 0.05);
        const shift = xs.map((x) => x + 5 * spread + 1);
        for (const method of ['ks', 'wasserstein', 'jensenshannon', 'psi'] as Method[]) {
          expect(compareProfiles(num(xs), num(shift), { method }).drift, method).toBe(true);
        }
      }),
      RUNS,
    );
  });
  it('categorical, disjoint categories', () => {
    const a = buildProfile(Array(200).fill('x').concat(Array(100).fill('y')), 'categorical');
    const b = buildProfile(Array(150).fill('z').concat(Array(150).fill('w')), 'categorical');
    for (const method of ['chisquare', 'z', 'jensenshannon', 'psi'] as Method[]) {
      expect(compareProfiles(a, b, { method }).drift, method).toBe(true);
    }
  });
});

describe('symmetry', () => {
  it('KS statistic and p, JS and unnormed Wasserstein are symmetric', () => {
    fc.assert(
      fc.property(sample, sample, (xs, ys) => {
        const a = num(xs);
        const b = num(ys);
        const ab = compareProfiles(a, b, { method: 'ks' });
        const ba = compareProfiles(b, a, { method: 'ks' });
        expect(ab.statistic).toBe(ba.statistic);
        expect(ab.p_value!).toBeCloseTo(ba.p_value!, 12);
        const jsAb = compareProfiles(a, b, { method: 'jensenshannon' }).statistic;
        const jsBa = compareProfiles(b, a, { method: 'jensenshannon' }).statistic;
        // Both sides bin the same way only when both have the same kind of binning (Sturges depends on the ref).
        if ((a.values.length > 20) === (b.values.length > 20)) expect(jsAb).toBeCloseTo(jsBa, 12);
        expect(wasserstein(a, b)).toBeCloseTo(wasserstein(b, a), 9);
      }),
      RUNS,
    );
  });
});

describe('profiles are exact summaries', () => {
  it('permutation invariant', () => {
    fc.assert(
      fc.property(sample, fc.integer(), (xs, seed) => {
        const shuffled = [...xs];
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = num(xs);
        const b = num(shuffled);
        expect(b.values).toEqual(a.values);
        expect(b.counts).toEqual(a.counts);
      }),
      RUNS,
    );
  });
  it('profile-based KS statistic and Wasserstein equal the raw-array computation', () => {
    fc.assert(
      fc.property(sample, sample, (xs, ys) => {
        const a = num(xs);
        const b = num(ys);
        const raw = rawReference(xs, ys);
        expect(ksStatistic(a.values, a.counts, xs.length, b.values, b.counts, ys.length)).toBe(raw.d);
        expect(wasserstein(a, b)).toBeCloseTo(raw.w, 9);
      }),
      RUNS,
    );
  });
  it('typed-array fast path equals the generic path; merge equals building at once', () => {
    fc.assert(
      fc.property(sample, fc.nat(), (xs, cut) => {
        const generic = num(xs);
        const typed = buildNumericProfile(Float64Array.from(xs));
        expect(typed).toEqual(generic);
        const k = cut % (xs.length + 1);
        const merged = mergeProfiles(num(xs.slice(0, k)), num(xs.slice(k)));
        expect(merged.values).toEqual(generic.values);
        expect(merged.counts).toEqual(generic.counts);
        expect(merged.n).toBe(generic.n);
      }),
      RUNS,
    );
  });
  it('JSON round trip gives identical results', () => {
    fc.assert(
      fc.property(sample, sample, (xs, ys) => {
        const a = num(xs);
        const b = num(ys);
        const a2 = JSON.parse(JSON.stringify(a)) as NumericProfile;
        for (const method of ['ks', 'wasserstein', 'jensenshannon', 'psi'] as Method[]) {
          expect(compareProfiles(a2, b, { method })).toEqual(compareProfiles(a, b, { method }));
        }
      }),
      RUNS,
    );
  });
  it('dense, hash and sort counting paths agree', () => {
    const n = 50_000;
    const quantised = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 100);
    const fewFloats = Float64Array.from({ length: n }, (_, i) => [Math.PI, Math.E, -Math.SQRT2][i % 3]);
    const continuous = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 1e3);
    for (const data of [quantised, fewFloats, continuous]) {
      const p = buildNumericProfile(data);
      const sorted = Float64Array.from(data).sort();
      const values: number[] = [];
      for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) values.push(sorted[i]);
      expect(p.values).toEqual(values);
      expect(p.counts.reduce((s, c) => s + c, 0)).toBe(n);
    }
  });
});
