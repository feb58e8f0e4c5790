import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/ml/prng';
import { randomEnsemble, randomRows } from '@/lib/ml/testing/random-ensemble';
import type { Tree, TreeEnsemble } from '@/lib/ml/tree-ensemble';
import { MAX_TREE_ENTRIES } from './fast-tree-shap';
import { bruteForceShap } from './tree-shap.reference';
import { shapMatrix, treeShap, treeShapAlgorithm2, treeShapPlan } from './tree-shap';

const explain = (f: typeof treeShap, model: TreeEnsemble, x: ArrayLike<number>, offset = 0) => {
  const out = new Float64Array(model.nFeatures);
  return { ...f(model, x, offset, out), values: out };
};

/** Largest |a − b| over the contributions and the expected value. */
function gap(a: { values: Float64Array; expectedValue: number }, b: { values: Float64Array; expectedValue: number }): number {
  let g = Math.abs(a.expectedValue - b.expectedValue);
  for (let j = 0; j < a.values.length; j++) g = Math.max(g, Math.abs(a.values[j]! - b.values[j]!));
  return g;
}

/**
 * A caterpillar tree splitting a distinct feature at each of `depth` levels: few nodes, but its deepest leaves have
 * `depth` unique features, so with depth ≥ 19 its tables would pass MAX_TREE_ENTRIES and Algorithm 2 must explain it.
 */
function caterpillar(seed: number, depth: number, nFeatures: number): Tree {
  const rand = mulberry32(seed);
  const n = 2 * depth + 1;
  const t: Tree = {
    feature: new Int32Array(n).fill(-1), threshold: new Float32Array(n), left: new Int32Array(n).fill(-1),
    right: new Int32Array(n).fill(-1), missingLeft: new Uint8Array(n), value: new Float32Array(n), cover: new Float64Array(n),
  };
  // Node 2i splits; its left child 2i + 1 is a leaf, its right child 2i + 2 continues (the last one is a leaf).
  for (let i = 0; i < depth; i++) {
    t.feature[2 * i] = (i * 5) % nFeatures;
    t.threshold[2 * i] = Math.fround(rand() * 2 - 1);
    t.missingLeft[2 * i] = rand() < 0.5 ? 1 : 0;
    t.left[2 * i] = 2 * i + 1;
    t.right[2 * i] = 2 * i + 2;
  }
  for (let i = n - 1; i >= 0; i--) {
    if (t.feature[i]! < 0) {
      t.value[i] = Math.fround(rand() * 2 - 1);
      t.cover[i] = 1 + Math.floor(rand() * 50);
    } else {
      t.cover[i] = t.cover[t.left[i]!]! + t.cover[t.right[i]!]!;
    }
  }
  return t;
}

describe('Fast TreeSHAP v2', () => {
  it('equals brute-force Shapley values and Algorithm 2 on random ensembles (depths 1–12, repeated features, NaN)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.3, max: 1, noNaN: true }),
        (seed, nFeatures, nTrees, maxDepth, splitProbability) => {
          // Deep bushy trees make the brute force (2^M subsets × every node) slow; keep them sparser.
          const p = maxDepth > 8 ? Math.min(splitProbability, 0.75) : splitProbability;
          const m = randomEnsemble({ seed, nFeatures, nTrees, maxDepth, splitProbability: p });
          expect(treeShapPlan(m).algorithm2Trees).toBe(0);
          const x = randomRows(seed ^ 0x2545f491, 3, nFeatures, 0.25);
          for (let r = 0; r < 3; r++) {
            const fast = explain(treeShap, m, x, r * nFeatures);
            expect(gap(fast, bruteForceShap(m, x, r * nFeatures))).toBeLessThan(1e-9);
            expect(gap(fast, explain(treeShapAlgorithm2, m, x, r * nFeatures))).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 300, seed: 20211201 },
    );
  });

  it('equals Algorithm 2 on wide ensembles with skewed covers, and shapMatrix equals treeShap to the bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 10 }), fc.double({ min: 0, max: 4, noNaN: true }),
        (seed, nFeatures, nTrees, maxDepth, skew) => {
          const m = randomEnsemble({ seed, nFeatures, nTrees, maxDepth, splitProbability: 0.7 });
          // Covers spread over up to 8 orders of magnitude (and no longer adding up): tiny zero fractions.
          const rand = mulberry32(seed + 3);
          for (const t of m.trees) for (let i = 0; i < t.cover.length; i++) t.cover[i] = t.cover[i]! * 10 ** (skew * (2 * rand() - 1));
          const rows = 70; // a full block of 64 and a partial one
          const x = randomRows(seed + 1, rows, nFeatures, 0.15);
          const all = shapMatrix(m, x, rows);
          for (let r = 0; r < rows; r++) {
            const fast = explain(treeShap, m, x, r * nFeatures);
            expect(Array.from(all.values.subarray(r * nFeatures, (r + 1) * nFeatures))).toEqual(Array.from(fast.values));
            expect(all.margins[r]).toBe(fast.margin);
            if (r % 7 === 0) expect(gap(fast, explain(treeShapAlgorithm2, m, x, r * nFeatures))).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 60, seed: 4242 },
    );
  });

  it('routes values on a threshold (or rounding to it in float32) as leafOf does, one row or a block at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, nFeatures) => {
        const m = randomEnsemble({ seed, nFeatures, nTrees: 10, maxDepth: 6 });
        const thresholds: number[][] = Array.from({ length: nFeatures }, () => []);
        for (const t of m.trees) for (let i = 0; i < t.feature.length; i++) if (t.feature[i]! >= 0) thresholds[t.feature[i]!]!.push(t.threshold[i]!);
        const rand = mulberry32(seed);
        const rows = 80;
        const x = new Float64Array(rows * nFeatures);
        for (let i = 0; i < x.length; i++) {
          const ts = thresholds[i % nFeatures]!;
          const u = rand();
          // Exactly a threshold, a float64 nudge that float32 rounds back onto it, or missing.
          x[i] = ts.length === 0 || u < 0.1 ? Number.NaN : ts[Math.floor(rand() * ts.length)]! * (u < 0.5 ? 1 : 1 + 1e-12);
        }
        const all = shapMatrix(m, x, rows);
        for (let r = 0; r < rows; r++) {
          const ref = explain(treeShapAlgorithm2, m, x, r * nFeatures);
          expect(gap(explain(treeShap, m, x, r * nFeatures), ref)).toBeLessThan(1e-9);
          expect(gap({ values: all.values.subarray(r * nFeatures, (r + 1) * nFeatures), expectedValue: all.expectedValue }, ref)).toBeLessThan(1e-9);
          const sum = ref.values.reduce((a, b) => a + b, ref.expectedValue);
          expect(Math.abs(sum - all.margins[r]!)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('mixes tabulated trees with Algorithm 2 for trees past the memory bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 19, max: 24 }), (seed, depth) => {
        const nFeatures = 24;
        const base = randomEnsemble({ seed, nFeatures, nTrees: 12, maxDepth: 7 });
        const trees = [...base.trees];
        trees.splice(3, 0, caterpillar(seed, depth, nFeatures));
        trees.push(caterpillar(seed + 1, 19, nFeatures));
        const m: TreeEnsemble = { ...base, trees };
        // A caterpillar of depth d needs 3 · 2^d − 2 entries; the random depth-7 trees at most 2^7 per leaf.
        expect(MAX_TREE_ENTRIES).toBeLessThan(3 * 2 ** 19 - 2);
        expect(treeShapPlan(m)).toMatchObject({ fastTrees: 12, algorithm2Trees: 2 });
        const rows = 67;
        const x = randomRows(seed, rows, nFeatures, 0.2);
        const all = shapMatrix(m, x, rows);
        for (let r = 0; r < rows; r++) {
          const fast = explain(treeShap, m, x, r * nFeatures);
          expect(Array.from(all.values.subarray(r * nFeatures, (r + 1) * nFeatures))).toEqual(Array.from(fast.values));
          expect(gap(fast, explain(treeShapAlgorithm2, m, x, r * nFeatures))).toBeLessThan(1e-9);
          const sum = fast.values.reduce((a, b) => a + b, fast.expectedValue);
          expect(Math.abs(sum - fast.margin)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 25, seed: 99 },
    );
  });

  it('tabulates a caterpillar of depth 14 and agrees with brute force on its 2^14-entry leaves', () => {
    const m: TreeEnsemble = { nFeatures: 14, baseValue: 0.5, postTransform: 'LOGISTIC', trees: [caterpillar(5, 14, 14)] };
    // Leaves with 1 … 14 unique features, and a second one with 14: Σ 2^D = 2^15 − 2 + 2^14.
    expect(treeShapPlan(m)).toEqual({ fastTrees: 1, algorithm2Trees: 0, tableEntries: 2 ** 15 - 2 + 2 ** 14 });
    const x = randomRows(8, 3, 14, 0.2);
    for (let r = 0; r < 3; r++) expect(gap(explain(treeShap, m, x, r * 14), bruteForceShap(m, x, r * 14))).toBeLessThan(1e-9);
  });

  it('rebuilds its tables when covers are replaced, and leaves zero-cover trees to Algorithm 2', () => {
    const m = randomEnsemble({ seed: 31, nTrees: 8, nFeatures: 5, maxDepth: 6 });
    const x = randomRows(32, 10, 5);
    const before = shapMatrix(m, x, 10).values;
    m.trees[2] = { ...m.trees[2]!, cover: m.trees[2]!.cover.map((c, i) => c * (1 + (i % 3))) };
    const after = shapMatrix(m, x, 10).values;
    expect(Array.from(after)).not.toEqual(Array.from(before));
    for (let r = 0; r < 10; r++) {
      const ref = bruteForceShap(m, x, r * 5);
      for (let j = 0; j < 5; j++) expect(Math.abs(after[r * 5 + j]! - ref.values[j]!)).toBeLessThan(1e-9);
    }
    // A zero branch share would make a table entry 0 · ∞; such trees keep exactly the behaviour they had.
    const t = m.trees[0]!;
    const leaf = t.feature.findIndex((f) => f < 0);
    m.trees[0] = { ...t, cover: t.cover.map((c, i) => (i === leaf ? 0 : c)) };
    expect(treeShapPlan(m)).toMatchObject({ fastTrees: 7, algorithm2Trees: 1 });
  });
});
