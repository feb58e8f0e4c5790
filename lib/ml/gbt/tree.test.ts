// Tree-level behaviour of trainGbt: exact splits and leaf values on hand-checkable data, the learned missing
// direction, and the growth limits.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/ml/prng';
import { leafOf, predictProba, validateEnsemble, type Tree } from '@/lib/ml/tree-ensemble';
import { trainGbt } from './index';

const one = { maxIter: 1, earlyStopping: null } as const;

function depthOf(t: Tree): number {
  const walk = (n: number): number => (t.feature[n]! < 0 ? 0 : 1 + Math.max(walk(t.left[n]!), walk(t.right[n]!)));
  return walk(0);
}
const leafIds = (t: Tree) => [...t.feature.keys()].filter((i) => t.feature[i]! < 0);

/** Rows with a non-linear signal on 4 features plus noise: enough structure for full-size trees. */
function synthetic(rows: number, seed: number) {
  const rand = mulberry32(seed);
  const d = 4;
  const x = new Float32Array(rows * d);
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) x[r * d + j] = rand() * 10;
    if (rand() < 0.1) x[r * d + 3] = NaN;
    const z = Math.sin(x[r * d]!) * 2 + (x[r * d + 1]! > 6 ? 1.5 : -0.5) * (x[r * d + 2]! < 3 ? 1 : -1) - 0.2;
    y[r] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y, rows, nFeatures: d };
}

/** Whether the row at `offset` passes through `node`. */
function reaches(t: Tree, node: number, x: ArrayLike<number>, offset: number): boolean {
  let n = 0;
  while (n !== node && t.feature[n]! >= 0) {
    const v = x[offset + t.feature[n]!]!;
    n = (Number.isNaN(v) ? t.missingLeft[n] === 1 : Math.fround(v) <= t.threshold[n]!) ? t.left[n]! : t.right[n]!;
  }
  return n === node;
}

/**
 * Exhaustive best first-round split of `rows` (g = p − y, h = p(1 − p) at the training base rate): every cut
 * between distinct values, missing sent either way. Independent of the histogram machinery.
 */
function bruteBestSplit(x: Float32Array, y: Uint8Array, d: number, rows: number[], msl: number) {
  let pos = 0;
  for (let r = 0; r < y.length; r++) pos += y[r]!;
  const p = pos / y.length;
  const g = (r: number) => p - y[r]!;
  const h = p * (1 - p);
  const score = (G: number, n: number) => (G * G) / (n * h);
  const G = rows.reduce((s, r) => s + g(r), 0);
  let best = { gain: -Infinity, feature: -1, threshold: NaN };
  for (let f = 0; f < d; f++) {
    const present = rows.filter((r) => !Number.isNaN(x[r * d + f]!)).sort((a, b) => x[a * d + f]! - x[b * d + f]!);
    const miss = rows.filter((r) => Number.isNaN(x[r * d + f]!));
    const gm = miss.reduce((s, r) => s + g(r), 0);
    let gl = 0;
    for (let i = 0; i < present.length; i++) {
      gl += g(present[i]!);
      const v = x[present[i]! * d + f]!;
      if (i + 1 < present.length && x[present[i + 1]! * d + f] === v) continue;
      const next = i + 1 < present.length ? x[present[i + 1]! * d + f]! : Infinity;
      for (const [GL, nL] of [[gl, i + 1], [gl + gm, i + 1 + miss.length]] as const) {
        const nR = rows.length - nL;
        if (nL < msl || nR < msl) continue;
        const gain = score(GL, nL) + score(G - GL, nR) - score(G, rows.length);
        if (gain > best.gain + 1e-9) best = { gain, feature: f, threshold: (v + next) / 2 };
      }
    }
  }
  return best;
}

describe('a single split, checked by hand', () => {
  // x = 0..99, y = [x >= 50]. Baseline log-odds 0, so p = 0.5, g = p - y = ±0.5, h = 0.25 on every row.
  const x = Float32Array.from({ length: 100 }, (_, i) => i);
  const y = Uint8Array.from({ length: 100 }, (_, i) => (i >= 50 ? 1 : 0));

  it('splits at the midpoint with leaf values -G/(H+l2) × learningRate', () => {
    const { model } = trainGbt({ x, y, rows: 100, nFeatures: 1, params: { ...one, maxLeafNodes: 2, learningRate: 0.1 } });
    validateEnsemble(model);
    expect(model.baseValue).toBe(0);
    const t = model.trees[0]!;
    expect([...t.feature]).toEqual([0, -1, -1]);
    expect(t.threshold[0]).toBe(49.5);
    // Left: G = 50 × 0.5 = 25, H = 50 × 0.25 = 12.5 -> -2 × 0.1.
    expect(t.value[1]).toBe(Math.fround(-0.2));
    expect(t.value[2]).toBe(Math.fround(0.2));
    expect([...t.cover]).toEqual([100, 50, 50]);
    // Training had no missing values and the children are equal-sized: missing goes right (n_left > n_right fails).
    expect(t.missingLeft[0]).toBe(0);
  });

  it('shrinks leaves by l2', () => {
    const { model } = trainGbt({ x, y, rows: 100, nFeatures: 1, params: { ...one, maxLeafNodes: 2, learningRate: 1, l2: 5 } });
    expect(model.trees[0]!.value[1]).toBe(Math.fround(-25 / 17.5));
  });

  it('makes no split when there is nothing to gain or too few rows', () => {
    const flat = trainGbt({ x, y: new Uint8Array(100).fill(1), rows: 100, nFeatures: 1, params: one });
    expect(flat.model.trees[0]!.feature.length).toBe(1);
    const few = trainGbt({ x, y, rows: 100, nFeatures: 1, params: { ...one, minSamplesLeaf: 51 } });
    expect(few.model.trees[0]!.feature.length).toBe(1);
  });
});

describe('missing values', () => {
  // Label = 1 for missing x and for one side of 0.5: the best split sends missing rows to that side.
  function data(positiveBelow: boolean) {
    const rand = mulberry32(positiveBelow ? 1 : 2);
    const rows = 2000;
    const x = new Float32Array(rows);
    const y = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) {
      const missing = rand() < 0.3;
      x[r] = missing ? NaN : rand();
      y[r] = missing || (x[r]! < 0.5) === positiveBelow ? 1 : 0;
    }
    return { x, y, rows, nFeatures: 1 };
  }

  for (const below of [true, false]) {
    it(`learns to send missing ${below ? 'left' : 'right'} when missingness goes with the ${below ? 'low' : 'high'} values`, () => {
      const d = data(below);
      const { model } = trainGbt({ ...d, params: { ...one, maxLeafNodes: 2 } });
      const t = model.trees[0]!;
      expect(t.feature[0]).toBe(0);
      expect(Math.abs(t.threshold[0]! - 0.5)).toBeLessThan(0.01);
      expect(t.missingLeft[0]).toBe(below ? 1 : 0);
      // Missing rows land with the positives.
      const missingLeaf = leafOf(t, [NaN]);
      expect(t.value[missingLeaf]).toBeGreaterThan(0);
      const p = predictProba(model, Float32Array.from([NaN, below ? 0.1 : 0.9, below ? 0.9 : 0.1]), 3);
      expect(p[0]).toBeCloseTo(p[1]!, 12);
      expect(p[0]).toBeGreaterThan(p[2]!);
    });
  }

  it('splits missing against present when that is all the signal (threshold +Infinity, missing right)', () => {
    const x = Float32Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? NaN : i));
    const y = Uint8Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const t = trainGbt({ x, y, rows: 400, nFeatures: 1, params: { ...one, maxLeafNodes: 2 } }).model.trees[0]!;
    expect(t.threshold[0]).toBe(Infinity);
    expect(t.missingLeft[0]).toBe(0);
    expect(t.cover[t.right[0]!]).toBe(100);
  });

  it('without missing values in the node, sends missing to the larger child', () => {
    const x = Float32Array.from({ length: 100 }, (_, i) => i);
    for (const [cut, left] of [[70, 1], [30, 0]] as const) {
      const y = Uint8Array.from({ length: 100 }, (_, i) => (i >= cut ? 1 : 0));
      const t = trainGbt({ x, y, rows: 100, nFeatures: 1, params: { ...one, maxLeafNodes: 2 } }).model.trees[0]!;
      expect(t.threshold[0]).toBe(cut - 0.5);
      expect(t.missingLeft[0]).toBe(left);
    }
  });
});

describe('growth limits', () => {
  const d = synthetic(6000, 3);

  it('respects minSamplesLeaf, keeps covers consistent, and reaches maxLeafNodes', () => {
    const { model } = trainGbt({ ...d, params: { maxIter: 15, earlyStopping: null, minSamplesLeaf: 80, maxLeafNodes: 31 } });
    validateEnsemble(model);
    let full = 0;
    for (const t of model.trees) {
      expect(t.cover[0]).toBe(6000);
      for (let n = 0; n < t.feature.length; n++) {
        if (t.feature[n]! >= 0) expect(t.cover[n]).toBe(t.cover[t.left[n]!]! + t.cover[t.right[n]!]!);
        else expect(t.cover[n]).toBeGreaterThanOrEqual(80);
      }
      const leaves = leafIds(t).length;
      expect(leaves).toBeLessThanOrEqual(31);
      if (leaves === 31) full++;
    }
    expect(full).toBeGreaterThan(0);
  });

  it('respects maxDepth alone and together with maxLeafNodes', () => {
    const deep = trainGbt({ ...d, params: { maxIter: 10, earlyStopping: null, maxDepth: 3, maxLeafNodes: null, minSamplesLeaf: 5 } }).model;
    expect(Math.max(...deep.trees.map(depthOf))).toBe(3);
    expect(Math.max(...deep.trees.map((t) => leafIds(t).length))).toBe(8);
    const both = trainGbt({ ...d, params: { maxIter: 10, earlyStopping: null, maxDepth: 4, maxLeafNodes: 6, minSamplesLeaf: 5 } }).model;
    for (const t of both.trees) {
      expect(depthOf(t)).toBeLessThanOrEqual(4);
      expect(leafIds(t).length).toBeLessThanOrEqual(6);
    }
    const stumps = trainGbt({ ...d, params: { maxIter: 5, earlyStopping: null, maxDepth: 1 } }).model;
    for (const t of stumps.trees) expect(t.feature.length).toBe(3);
  });

  it('grows best-first: root and second split match an exhaustive search, and the better child is split', () => {
    // Values on a 0.1 grid (≤ 101 distinct per feature), so bins are exact and brute force sees the same cuts.
    const x = d.x.map((v) => Math.fround(Math.round(v * 10) / 10));
    const q = { ...d, x };
    const t = trainGbt({ ...q, params: { ...one, maxLeafNodes: 3, minSamplesLeaf: 20 } }).model.trees[0]!;
    const all = [...Array(q.rows).keys()];
    const root = bruteBestSplit(x, q.y, q.nFeatures, all, 20);
    expect(t.feature[0]).toBe(root.feature);
    expect(t.threshold[0]).toBeCloseTo(root.threshold, 5);
    const leftRows = all.filter((r) => reaches(t, t.left[0]!, x, r * q.nFeatures));
    const rightRows = all.filter((r) => !reaches(t, t.left[0]!, x, r * q.nFeatures));
    const bl = bruteBestSplit(x, q.y, q.nFeatures, leftRows, 20);
    const br = bruteBestSplit(x, q.y, q.nFeatures, rightRows, 20);
    expect(Math.abs(bl.gain - br.gain)).toBeGreaterThan(1e-6); // the data must make the choice matter
    const splitChild = bl.gain > br.gain ? t.left[0]! : t.right[0]!;
    const other = bl.gain > br.gain ? t.right[0]! : t.left[0]!;
    expect(t.feature[splitChild]).toBe((bl.gain > br.gain ? bl : br).feature);
    expect(t.feature[other]).toBe(-1);
  });

  it('samples rows and features: covers count only the round\'s rows, each tree uses at most k features', () => {
    const { model } = trainGbt({ ...d, params: { maxIter: 10, earlyStopping: null, subsample: 0.5, colsample: 0.5, seed: 4 } });
    validateEnsemble(model);
    for (const t of model.trees) {
      expect(t.cover[0]).toBe(3000);
      expect(new Set([...t.feature].filter((f) => f >= 0)).size).toBeLessThanOrEqual(2);
    }
  });

  it('rejects bad parameters and inputs', () => {
    expect(() => trainGbt({ ...d, params: { maxBins: 256 } })).toThrow(RangeError);
    expect(trainGbt({ ...d, params: { maxIter: 2, maxDepth: undefined, earlyStopping: null } }).model.trees.length).toBe(2);
    expect(() => trainGbt({ ...d, params: { subsample: 0 } })).toThrow(/subsample/);
    expect(() => trainGbt({ ...d, params: { maxLeafNodes: 1 } })).toThrow(/maxLeafNodes/);
    expect(() => trainGbt({ ...d, rows: 10 })).toThrow(/x has/);
    expect(() => trainGbt({ x: new Float32Array(2), y: Uint8Array.from([0, 2]), rows: 2, nFeatures: 1 })).toThrow(/labels/);
  });
});
