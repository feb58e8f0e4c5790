import { describe, expect, it } from 'vitest';
import { dependence, globalImportance, groupContributions } from './global';

describe('globalImportance', () => {
  it('is the mean |SHAP| per feature', () => {
    const v = [1, -2, 0, -3, 4, 0];
    expect(Array.from(globalImportance(v, 2, 3))).toEqual([2, 3, 0]);
    expect(Array.from(globalImportance([], 0, 2))).toEqual([0, 0]);
  });
});

describe('dependence', () => {
  const rows = 50;
  const n = 2;
  const x = Float32Array.from({ length: rows * n }, (_, i) => (i % 7 === 0 ? NaN : i));
  const values = Float64Array.from({ length: rows * n }, (_, i) => -i);

  it('returns every row, in order, with NaN as null when rows fit', () => {
    const d = dependence(values, x, rows, n, 1, 100, 1);
    expect(d.x).toHaveLength(rows);
    d.x.forEach((v, r) => expect(v).toBe(Number.isNaN(x[r * n + 1]!) ? null : x[r * n + 1]));
    expect(d.shap).toEqual(Array.from({ length: rows }, (_, r) => -(r * n + 1)));
    expect(JSON.parse(JSON.stringify(d)).x).toContain(null);
  });

  it('samples maxPoints distinct rows, reproducibly per seed, keeping x and shap paired', () => {
    const a = dependence(values, x, rows, n, 0, 10, 42);
    expect(a).toEqual(dependence(values, x, rows, n, 0, 10, 42));
    expect(a.shap).toHaveLength(10);
    expect(new Set(a.shap).size).toBe(10);
    const picked = a.shap.map((s) => -s / n);
    expect(picked).toEqual([...picked].sort((p, q) => p - q));
    a.x.forEach((v, i) => expect(v).toBe(Number.isNaN(x[picked[i]! * n]!) ? null : x[picked[i]! * n]));
    expect(dependence(values, x, rows, n, 0, 10, 43)).not.toEqual(a);
  });

  it('rejects a feature out of range', () => {
    expect(() => dependence(values, x, rows, n, 2, 10, 1)).toThrow(/out of range/);
  });
});

describe('groupContributions', () => {
  it('sums one-hot columns into their feature and skips unattributed columns', () => {
    const g = groupContributions([0.5, 0.1, -0.3, 2, 9], ['tenure_months', 'plan', 'plan', 'constructor', null]);
    expect(g.tenure_months).toBe(0.5);
    expect(g.plan).toBeCloseTo(-0.2, 15);
    expect(g.constructor).toBe(2);
    expect(Object.keys(g)).toEqual(['tenure_months', 'plan', 'constructor']);
  });
});
