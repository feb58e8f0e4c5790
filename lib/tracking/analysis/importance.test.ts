import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { averageRanks, pearson, spearman } from './correlation';
import { parameterImportance } from './importance';
import type { ImportanceRow } from './importance';
import { mulberry32 } from '@/lib/ml/prng';
import { forestImportance } from './random-forest';

function makeRng(seed: number): { uniform: () => number; normal: () => number; pick: <T>(xs: readonly T[]) => T } {
  const uniform = mulberry32(seed);
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
    pick: (xs) => xs[Math.floor(uniform() * xs.length)]!,
  };
}

const byKey = (result: ReturnType<typeof parameterImportance>) => Object.fromEntries(result.map((r) => [r.key, r]));

describe('correlation', () => {
  const xs = [1, 2, 3, 4, 5];
  const ys = [2, 4, 5, 4, 5];

  it('computes Pearson by hand', () => {
    // dx = -2..2, dy = -2,0,1,0,1 → sxy 6, sxx 10, syy 6.
    expect(pearson(xs, ys)).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(pearson([1, 2, 3], [6, 4, 2])).toBe(-1);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
    // Large offsets must not destroy precision.
    expect(pearson([1e9 + 1, 1e9 + 2, 1e9 + 3], [1e-9, 2e-9, 3e-9])).toBeCloseTo(1, 9);
  });

  it('computes Spearman with average ranks for ties', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    // ys ranks: 1, 2.5, 4.5, 2.5, 4.5 → sxy 7, sxx 10, syy 9.
    expect(spearman(xs, ys)).toBeCloseTo(7 / Math.sqrt(90), 12);
    // Monotone but non-linear: Spearman is exactly 1 while Pearson is not.
    expect(spearman([1, 2, 3, 4], [1, 10, 100, 1000])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [1, 10, 100, 1000])!).toBeLessThan(0.9);
  });
});

describe('parameterImportance', () => {
  it('finds the single param that drives the metric', () => {
    const rng = makeRng(42);
    const rows: ImportanceRow[] = Array.from({ length: 300 }, () => {
      const a = rng.uniform();
      return {
        params: {
          a: String(a),
          b: String(rng.uniform()),
          c: String(Math.floor(rng.uniform() * 5)),
          d: String(rng.uniform() * 100),
          optimizer: rng.pick(['adam', 'sgd']),
        },
        metric: 3 * a + 0.1 * rng.normal(),
      };
    });
    const result = parameterImportance(rows);
    expect(result.map((r) => r.key)[0]).toBe('a');
    const r = byKey(result);
    expect(r.a!.importance).toBeGreaterThan(0.8);
    expect(r.a!.correlation!).toBeGreaterThan(0.95);
    expect(r.a!.spearman!).toBeGreaterThan(0.95);
    for (const k of ['b', 'c', 'd', 'optimizer']) expect(r[k]!.importance).toBeLessThan(0.06);
    for (const k of ['b', 'c', 'd']) expect(Math.abs(r[k]!.correlation!)).toBeLessThan(0.2);
    expect(r.optimizer).toMatchObject({ kind: 'categorical', correlation: null, spearman: null });
    expect(result.reduce((s, x) => s + x.importance, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < result.length; i++) expect(result[i - 1]!.importance).toBeGreaterThanOrEqual(result[i]!.importance);
  });

  it('finds a categorical param that drives the metric', () => {
    const rng = makeRng(7);
    const effect: Record<string, number> = { adam: 0.9, sgd: 0.7, rmsprop: 0.8, adagrad: 0.75 };
    const rows: ImportanceRow[] = Array.from({ length: 200 }, () => {
      const optimizer = rng.pick(Object.keys(effect));
      return {
        params: { optimizer, lr: String(rng.pick([0.1, 0.01, 0.001])), batch: String(rng.pick([32, 64, 128])) },
        metric: effect[optimizer]! + 0.02 * rng.normal(),
      };
    });
    const result = parameterImportance(rows);
    expect(result[0]).toMatchObject({ key: 'optimizer', kind: 'categorical', correlation: null, spearman: null, runs: 200 });
    expect(result[0]!.importance).toBeGreaterThan(0.8);
  });

  it('skips constant params, handles missing values and mixed types', () => {
    const rng = makeRng(3);
    const rows: ImportanceRow[] = Array.from({ length: 120 }, (_, i) => {
      const amp = rng.uniform() < 0.5;
      const lr = rng.uniform();
      const params: Record<string, string> = { epochs: '10', seed: '1e1', dropout: i % 3 === 0 ? 'None' : '0.1', note: '  ' };
      if (amp) params.use_amp = 'True'; // only logged when enabled
      if (i % 5 !== 0) params.lr = String(lr);
      return { params, metric: (amp ? 1 : 0) + 0.01 * lr + 0.01 * rng.normal() };
    });
    const r = byKey(parameterImportance(rows));
    expect(r.epochs).toBeUndefined();
    expect(r.seed).toBeUndefined();
    expect(r.note).toBeUndefined(); // blank = missing everywhere
    expect(r.use_amp).toMatchObject({ kind: 'categorical', runs: rows.filter((x) => x.params.use_amp).length });
    expect(r.use_amp!.importance).toBeGreaterThan(0.8);
    expect(r.lr).toMatchObject({ kind: 'numeric', runs: 96 });
    expect(r.lr!.correlation).not.toBeNull();
    expect(r.dropout).toMatchObject({ kind: 'categorical', correlation: null, runs: 120 });
  });

  it('computes correlations on the runs where a numeric param is present', () => {
    const metrics = [2, 4, 5, 4, 5, 100, NaN];
    const rows: ImportanceRow[] = metrics.map((metric, i) => ({
      params: i < 5 ? { x: String(i + 1), y: String(i % 2) } : { y: '1' },
      metric,
    }));
    rows.push({ params: { x: '9' }, metric: null });
    const r = byKey(parameterImportance(rows));
    expect(r.x!.runs).toBe(5);
    expect(r.x!.correlation).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(r.x!.spearman).toBeCloseTo(7 / Math.sqrt(90), 12);
    expect(r.y!.runs).toBe(6);
  });

  it('returns an empty list with fewer than 3 usable runs', () => {
    const row = (x: string, metric: number | null): ImportanceRow => ({ params: { x }, metric });
    expect(parameterImportance([])).toEqual([]);
    expect(parameterImportance([row('1', 1), row('2', 2)])).toEqual([]);
    expect(parameterImportance([row('1', 1), row('2', 2), row('3', null), row('4', NaN), row('5', Infinity)])).toEqual([]);
    expect(parameterImportance([row('1', 1), row('2', 2), row('3', 3)])).toHaveLength(1);
    expect(parameterImportance([row('1', 1), row('1', 2), row('1', 3)])).toEqual([]); // only a constant param
  });

  it('reports zero importance for a constant metric', () => {
    const rows = [1, 2, 3, 4].map((x) => ({ params: { x: String(x) }, metric: 0.5 }));
    expect(parameterImportance(rows)).toEqual([{ key: 'x', kind: 'numeric', correlation: null, spearman: null, importance: 0, runs: 4 }]);
  });

  it('is deterministic for a seed', () => {
    const rng = makeRng(11);
    const rows: ImportanceRow[] = Array.from({ length: 80 }, () => ({
      params: { a: String(rng.uniform()), b: String(rng.uniform()), c: rng.pick(['x', 'y', 'z']) },
      metric: rng.normal(),
    }));
    const first = parameterImportance(rows, { seed: 5, trees: 30 });
    expect(parameterImportance(rows, { seed: 5, trees: 30 })).toEqual(first);
    expect(parameterImportance(rows, { seed: 6, trees: 30 }).map((r) => r.importance)).not.toEqual(first.map((r) => r.importance));
  });

  it('keeps its invariants on arbitrary runs (property)', () => {
    const value = fc.oneof(fc.constantFrom('0.1', '1', '1e-3', 'adam', 'sgd', '', 'NaN'), fc.integer({ min: -3, max: 3 }).map(String));
    const row = fc.record({
      params: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'constructor', '__proto__'), value, { maxKeys: 5 }),
      metric: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constantFrom(null, NaN, Infinity)),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (rows, seed) => {
        const result = parameterImportance(rows, { seed, trees: 5 });
        const total = result.reduce((s, r) => s + r.importance, 0);
        if (result.length > 0) expect(total === 0 || Math.abs(total - 1) < 1e-9).toBe(true);
        for (const r of result) {
          expect(r.importance).toBeGreaterThanOrEqual(0);
          for (const c of [r.correlation, r.spearman]) if (c !== null) expect(Math.abs(c)).toBeLessThanOrEqual(1);
          if (r.kind === 'categorical') expect(r.correlation).toBeNull();
          expect(r.runs).toBeGreaterThan(0);
        }
        for (let i = 1; i < result.length; i++) expect(result[i - 1]!.importance).toBeGreaterThanOrEqual(result[i]!.importance);
      }),
      { numRuns: 300 },
    );
  });

  it('handles forest edge cases without splitting', () => {
    const bins = Uint8Array.from([0, 1, 0, 1]);
    expect(Array.from(forestImportance({ columns: [], groups: 0, target: [1, 2, 3, 4] }, opts))).toEqual([]);
    expect(Array.from(forestImportance({ columns: [{ group: 0, bins, nBins: 2 }], groups: 1, target: [7] }, opts))).toEqual([0]);
    // maxDepth 0 means no split at all.
    const flat = forestImportance({ columns: [{ group: 0, bins, nBins: 2 }], groups: 1, target: [1, 2, 1, 2] }, { ...opts, maxDepth: 0 });
    expect(Array.from(flat)).toEqual([0]);
  });
});

const opts = { trees: 10, seed: 1, maxDepth: 8, featuresPerSplit: 1, minLeaf: 1, minSplit: 2 };

describe('performance', () => {
  function synthetic(runs: number, params: number): ImportanceRow[] {
    const rng = makeRng(runs + params);
    return Array.from({ length: runs }, () => {
      const p: Record<string, string> = {};
      for (let j = 0; j < params; j++) p[`p${j}`] = j % 4 === 3 ? rng.pick(['a', 'b', 'c', 'd']) : String(rng.uniform());
      return { params: p, metric: Number(p.p0) * 2 + Number(p.p1) + 0.1 * rng.normal() };
    });
  }

  it.each([
    [1000, 10],
    [5000, 50],
  ])('%i runs × %i params', (runs, params) => {
    const rows = synthetic(runs, params);
    parameterImportance(rows.slice(0, 50)); // warm-up so the timing reflects steady state rather than the first JIT tier
    const t0 = performance.now();
    const result = parameterImportance(rows);
    const ms = performance.now() - t0;
    console.log(`parameterImportance ${runs} runs × ${params} params, 100 trees: ${ms.toFixed(0)} ms`);
    expect(result[0]!.key).toBe('p0');
    expect(result[1]!.key).toBe('p1');
  });
});
