import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomEnsemble, randomRows } from '@/lib/ml/testing/random-ensemble';
import { exactMarginOf, leafOf, marginOf, type Tree, type TreeEnsemble } from '@/lib/ml/tree-ensemble';
import { bruteForceShap } from './tree-shap.reference';
import { expectedValueOf, shapMatrix, treeShap } from './tree-shap';

/** The float64 margin (no float32 accumulation) and a bound on how far `marginOf`'s float32 sum can be from it. */
function exactMargin(model: TreeEnsemble, x: ArrayLike<number>, offset = 0): { exact: number; f32Bound: number } {
  let exact = 0;
  let bound = 0;
  let partial = 0;
  for (const t of model.trees) {
    exact += t.value[leafOf(t, x, offset)]!;
    partial = Math.fround(partial + t.value[leafOf(t, x, offset)]!);
    bound += Math.abs(partial);
  }
  exact += Math.fround(model.baseValue);
  bound += Math.abs(exact);
  // Recursive summation: each float32 addition errs by at most half an ulp, ≤ 2^-24 of the partial sum.
  return { exact, f32Bound: bound * 2 ** -24 + 1e-12 };
}

function tree(nodes: { f: number; t?: number; l?: number; r?: number; ml?: number; v?: number; c: number }[]): Tree {
  return {
    feature: Int32Array.from(nodes, (n) => n.f),
    threshold: Float32Array.from(nodes, (n) => n.t ?? 0),
    left: Int32Array.from(nodes, (n) => n.l ?? -1),
    right: Int32Array.from(nodes, (n) => n.r ?? -1),
    missingLeft: Uint8Array.from(nodes, (n) => n.ml ?? 0),
    value: Float32Array.from(nodes, (n) => n.v ?? 0),
    cover: Float64Array.from(nodes, (n) => n.c),
  };
}

const shapOf = (model: TreeEnsemble, x: ArrayLike<number>, offset = 0) => {
  const out = new Float64Array(model.nFeatures);
  const r = treeShap(model, x, offset, out);
  return { ...r, values: out };
};

describe('treeShap', () => {
  it('explains a stump by hand', () => {
    // x0 <= 0.5 → 1 (cover 30) else −1 (cover 10): E = (30 − 10)/40 = 0.5; a left row gets 1 − 0.5.
    const m: TreeEnsemble = { nFeatures: 2, baseValue: 0.25, postTransform: 'LOGISTIC', trees: [tree([
      { f: 0, t: 0.5, l: 1, r: 2, c: 40 }, { f: -1, v: 1, c: 30 }, { f: -1, v: -1, c: 10 },
    ])] };
    const s = shapOf(m, [0.1, 9]);
    expect(s.expectedValue).toBeCloseTo(0.75, 12);
    expect(Array.from(s.values)).toEqual([0.5, 0]);
    expect(s.margin).toBeCloseTo(1.25, 6);
    // NaN follows missingLeft (0 here → right).
    expect(shapOf(m, [NaN, 0]).values[0]).toBeCloseTo(-1.5, 12);
  });

  it('handles a feature split three times on one path and single-leaf trees', () => {
    const m: TreeEnsemble = { nFeatures: 3, baseValue: 0, postTransform: 'LOGISTIC', trees: [
      tree([
        { f: 0, t: 0, l: 1, r: 2, c: 100 },
        { f: 1, t: 0, l: 3, r: 4, ml: 1, c: 60 }, { f: -1, v: 0.3, c: 40 },
        { f: 0, t: -0.5, l: 5, r: 6, c: 35 }, { f: -1, v: -0.2, c: 25 },
        { f: 0, t: -0.8, l: 7, r: 8, c: 20 }, { f: -1, v: 0.9, c: 15 },
        { f: -1, v: -0.7, c: 12 }, { f: -1, v: 0.4, c: 8 },
      ]),
      tree([{ f: -1, v: 0.125, c: 7 }]),
    ] };
    for (const x of [[-0.9, NaN, 1], [-0.6, -1, 0], [0.5, 0.5, 0], [NaN, NaN, NaN]]) {
      const s = shapOf(m, x);
      const ref = bruteForceShap(m, x);
      for (let j = 0; j < 3; j++) expect(s.values[j]).toBeCloseTo(ref.values[j]!, 12);
      expect(s.expectedValue).toBeCloseTo(ref.expectedValue, 12);
      expect(s.values[2]).toBe(0);
    }
  });

  it('equals brute-force Shapley values on random small ensembles (repeated features, NaN inputs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 7 }), fc.double({ min: 0.3, max: 1, noNaN: true }),
        (seed, nFeatures, nTrees, maxDepth, splitProbability) => {
          const m = randomEnsemble({ seed, nFeatures, nTrees, maxDepth, splitProbability });
          const x = randomRows(seed ^ 0x5bd1e995, 4, nFeatures, 0.2);
          for (let r = 0; r < 4; r++) {
            const s = shapOf(m, x, r * nFeatures);
            const ref = bruteForceShap(m, x, r * nFeatures);
            expect(Math.abs(s.expectedValue - ref.expectedValue)).toBeLessThan(1e-9);
            for (let j = 0; j < nFeatures; j++) expect(Math.abs(s.values[j]! - ref.values[j]!)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 300, seed: 20240611 },
    );
  });

  it('is locally accurate on ensembles of up to 200 trees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 30 }), (seed, nTrees, maxDepth, nFeatures) => {
        const m = randomEnsemble({ seed, nTrees, maxDepth, nFeatures });
        const x = randomRows(seed + 1, 3, nFeatures);
        for (let r = 0; r < 3; r++) {
          const s = shapOf(m, x, r * nFeatures);
          const sum = s.values.reduce((a, b) => a + b, s.expectedValue);
          const { exact, f32Bound } = exactMargin(m, x, r * nFeatures);
          // The reported margin is the exact (float64) sum of leaves, and the contributions add up to it …
          expect(s.margin).toBe(exactMarginOf(m, x, r * nFeatures));
          expect(Math.abs(sum - s.margin)).toBeLessThan(1e-6);
          expect(Math.abs(sum - exact)).toBeLessThan(1e-9);
          // … while the served (float32-accumulated) margin differs from it only by float32 rounding.
          expect(Math.abs(sum - marginOf(m, x, r * nFeatures))).toBeLessThanOrEqual(f32Bound);
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('gives exactly 0 to a feature no tree uses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 10 }), (seed, nFeatures) => {
        const m = randomEnsemble({ seed, nFeatures, nTrees: 20, maxDepth: 5 });
        const unused = seed % nFeatures;
        for (const t of m.trees) for (let i = 0; i < t.feature.length; i++) if (t.feature[i] === unused) t.feature[i] = (unused + 1) % nFeatures;
        const x = randomRows(seed, 5, nFeatures);
        const { values } = shapMatrix(m, x, 5);
        for (let r = 0; r < 5; r++) expect(values[r * nFeatures + unused]).toBe(0);
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it('adds up in probability space for NONE (random-forest) ensembles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 100 }), (seed, nTrees) => {
        const base = randomEnsemble({ seed, nTrees, nFeatures: 6, maxDepth: 6 });
        // Leaves hold class-1 frequencies / nTrees, as skl2onnx writes a forest.
        const trees = base.trees.map((t) => ({ ...t, value: t.value.map((v) => Math.fround((v + 1) / 2 / nTrees)) }));
        const m: TreeEnsemble = { ...base, trees, baseValue: 0, postTransform: 'NONE' };
        const x = randomRows(seed, 4, 6);
        for (let r = 0; r < 4; r++) {
          const s = shapOf(m, x, r * 6);
          const sum = s.values.reduce((a, b) => a + b, s.expectedValue);
          expect(s.margin).toBeGreaterThanOrEqual(0);
          expect(s.margin).toBeLessThanOrEqual(1);
          expect(Math.abs(sum - s.margin)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('stays locally accurate when imported covers do not add up', () => {
    const m = randomEnsemble({ seed: 99, nTrees: 10, nFeatures: 5, maxDepth: 5 });
    for (const t of m.trees) for (let i = 0; i < t.cover.length; i++) t.cover[i] = t.cover[i]! * (1 + 0.01 * Math.sin(i));
    const x = randomRows(5, 20, 5);
    const { values, expectedValue } = shapMatrix(m, x, 20);
    for (let r = 0; r < 20; r++) {
      let sum = expectedValue;
      for (let j = 0; j < 5; j++) sum += values[r * 5 + j]!;
      expect(Math.abs(sum - exactMargin(m, x, r * 5).exact)).toBeLessThan(1e-9);
      const ref = bruteForceShap(m, x, r * 5);
      for (let j = 0; j < 5; j++) expect(Math.abs(values[r * 5 + j]! - ref.values[j]!)).toBeLessThan(1e-9);
    }
  });

  it('shapMatrix matches row-by-row treeShap, and the expected value is the cover-weighted leaf mean', () => {
    const m = randomEnsemble({ seed: 1234, nTrees: 30, nFeatures: 7, maxDepth: 6 });
    const x = randomRows(77, 25, 7);
    const all = shapMatrix(m, x, 25);
    for (let r = 0; r < 25; r++) {
      const s = shapOf(m, x, r * 7);
      expect(Array.from(all.values.subarray(r * 7, r * 7 + 7))).toEqual(Array.from(s.values));
      expect(all.margins[r]).toBe(s.margin);
    }
    let e = m.baseValue;
    for (const t of m.trees) for (let i = 0; i < t.feature.length; i++) if (t.feature[i]! < 0) e += (t.value[i]! * t.cover[i]!) / t.cover[0]!;
    expect(all.expectedValue).toBeCloseTo(e, 10);
    expect(expectedValueOf(m)).toBe(all.expectedValue);
  });
});
