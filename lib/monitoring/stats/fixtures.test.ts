// Agreement with scipy/numpy on the committed fixture (regenerate with fixtures/make_fixtures.py).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareProfiles, defaultMethod } from './engine';
import type { Method } from './engine';
import { materialise, type FixtureData } from './fixtures/generator';
import { kstwoSf } from './kolmogorov';
import { buildProfile } from './profile';
import type { ColumnType } from './profile';
import { chi2Sf, ndtr } from './special';

interface Expected {
  n_ref: number;
  n_cur: number;
  null_share: { reference: number; current: number };
  default_method: Method;
  ks?: { statistic: number; p: number };
  wasserstein_normed?: number;
  jensenshannon: number;
  psi: number;
  chisquare: { statistic: number | 'Infinity'; p: number | null };
  z: { statistic: number; p: number };
}
interface Case {
  name: string;
  type: ColumnType;
  ref: FixtureData;
  cur: FixtureData;
  expected: Expected;
}
interface Fixture {
  meta: { scipy: string; numpy: string };
  cases: Case[];
  kstwo_sf: { n: number; x: number; sf: number }[];
  special: { chi2_sf: { x: number; df: number; sf: number }[]; ndtr: { x: number; cdf: number }[] };
}

const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures', 'drift_fixtures.json'), 'utf8'),
) as Fixture;

/** 1e-6 absolute; below 1e-4 also 1e-6 relative (values under 1e-300 count as zero on both sides). */
export function expectClose(actual: number, expected: number, label: string): void {
  const diff = Math.abs(actual - expected);
  let ok = diff <= 1e-6;
  if (ok && Math.abs(expected) < 1e-4) ok = diff <= 1e-6 * Math.abs(expected) || (Math.abs(actual) < 1e-300 && Math.abs(expected) < 1e-300);
  if (actual === expected) ok = true;
  expect(ok, `${label}: got ${actual}, scipy ${expected} (diff ${diff})`).toBe(true);
}

describe(`fixture cases (scipy ${fixture.meta.scipy}, numpy ${fixture.meta.numpy})`, () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const numeric = c.type === 'numeric';
      const ref = buildProfile(materialise(c.ref, numeric), c.type);
      const cur = buildProfile(materialise(c.cur, numeric), c.type);
      const e = c.expected;
      expect(ref.n - ref.nulls).toBe(e.n_ref);
      expect(cur.n - cur.nulls).toBe(e.n_cur);
      expect(defaultMethod(ref, cur)).toBe(e.default_method);
      const run = (method: Method) => compareProfiles(ref, cur, { method }, c.name);
      if (numeric) {
        const k = run('ks');
        expectClose(k.statistic, e.ks!.statistic, 'ks statistic');
        expectClose(k.p_value!, e.ks!.p, 'ks p');
        expectClose(run('wasserstein').statistic, e.wasserstein_normed!, 'wasserstein normed');
      }
      const js = run('jensenshannon');
      expectClose(js.statistic, e.jensenshannon, 'jensenshannon');
      expect(js.p_value).toBeNull();
      expectClose(run('psi').statistic, e.psi, 'psi');
      const chi = run('chisquare');
      if (e.chisquare.statistic === 'Infinity') expect(chi.statistic).toBe(Infinity);
      else expectClose(chi.statistic, e.chisquare.statistic, 'chisquare statistic');
      if (e.chisquare.p === null) {
        // scipy gives NaN for a single category; the engine reports 1 and says why.
        expect(chi.p_value).toBe(1);
        expect(chi.note).toMatch(/single category/);
      } else expectClose(chi.p_value!, e.chisquare.p, 'chisquare p');
      const z = run('z');
      expectClose(z.statistic, e.z.statistic, 'z statistic');
      expectClose(z.p_value!, e.z.p, 'z p');
      expectClose(js.null_share.reference, e.null_share.reference, 'null share ref');
      expectClose(js.null_share.current, e.null_share.current, 'null share cur');
    });
  }
});

describe('kstwo.sf grid (every _kolmogn branch)', () => {
  it(`matches scipy on ${fixture.kstwo_sf.length} points`, () => {
    for (const { n, x, sf } of fixture.kstwo_sf) expectClose(kstwoSf(x, n), sf, `kstwo.sf(${x}, ${n})`);
  });
});

describe('special functions', () => {
  it('chi2.sf', () => {
    for (const { x, df, sf } of fixture.special.chi2_sf) expectClose(chi2Sf(x, df), sf, `chi2.sf(${x}, ${df})`);
  });
  it('norm.cdf', () => {
    for (const { x, cdf } of fixture.special.ndtr) expectClose(ndtr(x), cdf, `ndtr(${x})`);
  });
});
