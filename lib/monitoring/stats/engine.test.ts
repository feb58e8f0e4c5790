// Engine behaviour: Evidently's default table, thresholds and drift rules, typed errors, dataset verdicts.

import { describe, expect, it } from 'vitest';
import {
  buildCategoricalProfileFromCodes,
  buildProfile,
  buildProfiles,
  compareDatasets,
  compareProfiles,
  compareProfileSets,
  defaultMethod,
  DriftInputError,
} from './index';
import type { ColumnProfile } from './index';

const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const numeric = (xs: (number | null)[]): ColumnProfile => buildProfile(xs, 'numeric');
const cat = (xs: (string | null)[]): ColumnProfile => buildProfile(xs, 'categorical');

function thrown(fn: () => unknown): DriftInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DriftInputError) return e;
    throw e;
  }
  throw new Error('expected a DriftInputError');
}

describe('defaultMethod (Evidently _get_default_stattest)', () => {
  const cases: [string, ColumnProfile, ColumnProfile, string][] = [
    ['numeric small, 6 unique', numeric(range(1000, (i) => i % 6)), numeric([0]), 'ks'],
    ['numeric small, 5 unique', numeric(range(1000, (i) => i % 5)), numeric([0]), 'chisquare'],
    ['numeric small, 3 unique via union', numeric(range(10, (i) => i % 2)), numeric([7]), 'chisquare'],
    ['numeric small, 2 unique', numeric(range(10, (i) => i % 2)), numeric([1]), 'z'],
    ['numeric large, 6 unique', numeric(range(1001, (i) => i % 6)), numeric([0]), 'wasserstein'],
    ['numeric large, 5 unique', numeric(range(1001, (i) => i % 5)), numeric([0]), 'jensenshannon'],
    ['categorical small, 3', cat(['a', 'b', 'c']), cat(['a']), 'chisquare'],
    ['categorical small, 2', cat(['a', 'b']), cat(['a']), 'z'],
    ['categorical large', cat(range(1001, (i) => i % 2).map(String)), cat(['0']), 'jensenshannon'],
  ];
  for (const [name, ref, cur, method] of cases) it(name, () => expect(defaultMethod(ref, cur)).toBe(method));

  it('counts non-null reference rows only (nulls do not push n_ref over 1000)', () => {
    const ref = numeric([...range(1000, (i) => i), ...range(50, () => null)]);
    expect(defaultMethod(ref, numeric([1]))).toBe('ks');
  });
});

describe('thresholds and drift rules', () => {
  const ref = numeric(range(40, (i) => i));
  const cur = numeric(range(40, (i) => i + 9));
  it('ks drifts when p <= threshold (inclusive, as Evidently)', () => {
    const p = compareProfiles(ref, cur, { method: 'ks' }).p_value!;
    expect(compareProfiles(ref, cur, { method: 'ks', threshold: p }).drift).toBe(true);
  });
  it('chisquare / z drift only when p < threshold', () => {
    for (const method of ['chisquare', 'z'] as const) {
      const a = cat(['a', 'a', 'b', 'b', 'b']);
      const b = cat(['a', 'b', 'b', 'b', 'b', 'b']);
      const p = compareProfiles(a, b, { method }).p_value!;
      expect(compareProfiles(a, b, { method, threshold: p }).drift).toBe(false);
    }
  });
  it('distances drift when d >= threshold, score = distance, p_value null', () => {
    const r = compareProfiles(ref, cur, { method: 'wasserstein' });
    expect(r.p_value).toBeNull();
    expect(r.score).toBe(r.statistic);
    expect(r.threshold).toBe(0.1);
    expect(compareProfiles(ref, cur, { method: 'wasserstein', threshold: r.statistic }).drift).toBe(true);
  });
  it('default thresholds: 0.05 for p-values, 0.1 for distances', () => {
    expect(compareProfiles(ref, cur, { method: 'ks' }).threshold).toBe(0.05);
    expect(compareProfiles(ref, cur, { method: 'psi' }).threshold).toBe(0.1);
  });
});

describe('edge cases', () => {
  it('constant column: chisquare p = 1 with a note (scipy: NaN), z p = 1', () => {
    const r = compareProfiles(cat(['x', 'x']), cat(['x']), { method: 'chisquare' });
    expect(r.p_value).toBe(1);
    expect(r.drift).toBe(false);
    expect(r.note).toBeDefined();
    expect(compareProfiles(cat(['x', 'x']), cat(['x']), { method: 'z' }).p_value).toBe(1);
  });
  it('category unseen in the reference: chisquare statistic Infinity, p = 0', () => {
    const r = compareProfiles(cat(['a', 'b']), cat(['a', 'c']), { method: 'chisquare' });
    expect(r.statistic).toBe(Infinity);
    expect(r.p_value).toBe(0);
    expect(r.drift).toBe(true);
  });
  it('z success category = not the first sorted category (sign of z)', () => {
    // ref: 75% 'b' (success), cur: 25% 'b' -> p1 > p2 -> z > 0
    const r = compareProfiles(cat(['a', 'b', 'b', 'b']), cat(['a', 'a', 'a', 'b']), { method: 'z' });
    expect(r.statistic).toBeGreaterThan(0);
  });
  it('null share per side; NaN and infinities count as null', () => {
    const r = compareProfiles(numeric([1, 2, null, NaN, Infinity, 3]), numeric([1, 2, 3, 4]), { method: 'ks' });
    expect(r.null_share).toEqual({ reference: 0.5, current: 0 });
  });
  it('booleans become "true" / "false" categories', () => {
    expect(buildProfile([true, false, true, null], 'categorical')).toEqual({
      type: 'categorical',
      n: 4,
      nulls: 1,
      categories: { true: 2, false: 1 },
    });
  });
  it('dictionary-encoded categoricals equal string-built profiles', () => {
    const labels = ['card', 'paypal', null];
    const codes = Uint8Array.from([0, 1, 1, 2, 0, 255]);
    const strings = ['card', 'paypal', 'paypal', null, 'card', null];
    expect(buildCategoricalProfileFromCodes(codes, labels)).toEqual(buildProfile(strings, 'categorical'));
  });
});

describe('typed errors', () => {
  it('ks / wasserstein on a categorical column -> invalid_method naming the column', () => {
    for (const method of ['ks', 'wasserstein'] as const) {
      const e = thrown(() => compareProfiles(cat(['a']), cat(['b']), { method }, 'plan'));
      expect(e.code).toBe('invalid_method');
      expect(e.column).toBe('plan');
      expect(e.message).toContain('plan');
    }
  });
  it('empty column on either side -> empty_column', () => {
    expect(thrown(() => compareProfiles(numeric([null]), numeric([1]), {}, 'x')).code).toBe('empty_column');
    expect(thrown(() => compareDatasets({ x: [1, 2] }, { x: [null, NaN] })).code).toBe('empty_column');
    expect(thrown(() => compareDatasets({ x: [null] }, { x: [null] })).column).toBe('x');
  });
  it('missing column, type mismatch, bad option, non-numeric value', () => {
    expect(thrown(() => compareDatasets({ x: [1] }, {})).code).toBe('missing_column');
    expect(thrown(() => compareProfiles(numeric([1]), cat(['1']))).code).toBe('type_mismatch');
    expect(thrown(() => compareProfiles(numeric([1]), numeric([1]), { threshold: NaN })).code).toBe('invalid_option');
    expect(thrown(() => compareProfileSets({}, {}, { drift_share: 2 })).code).toBe('invalid_option');
    expect(thrown(() => compareDatasets({ x: [1, 'a'] }, { x: [1] }, { columns: { x: { type: 'numeric' } } })).code).toBe(
      'invalid_value',
    );
  });
});

describe('datasets', () => {
  const reference = {
    a: range(300, (i) => i % 50),
    b: range(300, (i) => (i % 3 === 0 ? 'x' : 'y')),
    c: range(300, (i) => i % 7),
    d: range(300, (i) => i % 11),
  };
  const current = {
    a: range(300, (i) => (i % 50) + 40), // drifts
    b: range(300, () => 'x'), // drifts
    c: range(300, (i) => i % 7),
    d: range(300, (i) => i % 11),
  };
  it('infers types, counts drifted columns, share >= drift_share', () => {
    const r = compareDatasets(reference, current);
    expect(r.columns.a.type).toBe('numeric');
    expect(r.columns.b.type).toBe('categorical');
    expect(r.columns.a.method).toBe('ks');
    expect(r.columns.b.method).toBe('z');
    expect(r.drifted_columns).toBe(2);
    expect(r.share).toBe(0.5);
    expect(r.dataset_drift).toBe(true);
    expect(compareDatasets(reference, current, { drift_share: 0.6 }).dataset_drift).toBe(false);
  });
  it('per-column options, and the stored-profile path gives the same report', () => {
    const columns = { a: { method: 'psi' as const, threshold: 0.2 } };
    const raw = compareDatasets(reference, current, { columns });
    const refProfiles = JSON.parse(JSON.stringify(buildProfiles(reference))) as Record<string, ColumnProfile>;
    const viaProfiles = compareProfileSets(refProfiles, buildProfiles(current), { columns });
    expect(viaProfiles).toEqual(raw);
    expect(raw.columns.a.method).toBe('psi');
    expect(raw.columns.a.threshold).toBe(0.2);
  });
});
