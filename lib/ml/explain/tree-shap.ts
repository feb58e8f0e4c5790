// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): per row, per tree, one walk over the
// tree that carries the "unique path" of features seen so far with the proportion of all feature subsets that
// would reach the current node (EXTEND), undoes a feature's earlier extension when it is split on again (UNWIND),
// and at each leaf credits every path feature with the leaf value times its Shapley weight. O(leaves · depth²)
// per tree, against the 2^M subsets of the definition (see tree-shap.reference.ts, which the tests compare to).
//
// Choices that differ from a textbook transcription, and why:
// - The followed ("hot") branch is chosen exactly as `leafOf` chooses it (float32 compare, NaN by missingLeft), so
//   contributions add up to the margin the served model gives, missing values included.
// - A branch's weight when its feature is not in the subset is cover[child] / (cover[left] + cover[right]), not
//   cover[child] / cover[node]: identical for consistent covers, but imported covers (float hessian sums) need not
//   add up exactly, and normalising by the children keeps the two weights summing to 1, so local accuracy stays
//   exact. The expected value uses the same weights.
// - Everything a walk needs is preallocated once per model (path buffers sized by the deepest tree, per-node left
//   fractions) and cached, so explaining a row allocates nothing.
// - Trees within the memory bound of fast-tree-shap.ts are explained by Fast TreeSHAP v2 instead (per-leaf tables
//   built once per model; O(leaves · depth) per row and tree). The walk here remains for deeper trees.
// - `shapMatrix` goes tree by tree over blocks of rows so that a tree's tables stay in cache; every row still gets
//   its trees, leaves and features in `treeShap`'s order, so the two agree to the bit.
import { exactMarginOf, type Tree, type TreeEnsemble } from '@/lib/ml/tree-ensemble';
import { addFastTree, buildFastTree, type FastTree, MAX_MODEL_ENTRIES, MAX_TREE_ENTRIES, tableEntries } from './fast-tree-shap';

interface PreparedTree {
  tree: Tree;
  cover: Float64Array;
  /** Share of the node's cover that goes left (internal nodes only). */
  leftShare: Float64Array;
  /** Expected value of the tree's output under the cover weights. */
  expected: number;
  /** Fast TreeSHAP v2 tables, or null when the tree is past the memory bound (Algorithm 2 explains it). */
  fast: FastTree | null;
}

interface Prepared {
  baseValue: number;
  nFeatures: number;
  /** A block of float32-rounded rows (BLOCK × nFeatures); `treeShap` uses the first. */
  rows: Float64Array;
  /** Scratch for the fast trees' failed-feature masks (node × row of a block). */
  mask: Int32Array;
  trees: PreparedTree[];
  expectedValue: number;
  // The unique-path elements, struct-of-arrays; a child's path is stacked after its parent's, so one buffer holds
  // the whole recursion.
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

const prepared = new WeakMap<TreeEnsemble, Prepared>();
// Rows per block in `shapMatrix`: 64–256 measured alike; 64 keeps the masks and the block's rows in L1/L2.
const BLOCK = 64;

// Reciprocals 1/k for the small integers the path weights are scaled by: a multiply is cheaper than a divide in
// the innermost loops, and the ≤1-ulp difference is far below what the tests resolve.
let INV = reciprocals(64);
function reciprocals(n: number): Float64Array {
  return Float64Array.from({ length: n + 1 }, (_, k) => (k === 0 ? 0 : 1 / k));
}

function depthOf(tree: Tree, node: number): number {
  if (tree.feature[node]! < 0) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node]!), depthOf(tree, tree.right[node]!));
}

function prepareTree(tree: Tree): PreparedTree {
  const n = tree.feature.length;
  const leftShare = new Float64Array(n);
  const expectedAt = (node: number): number => {
    if (tree.feature[node]! < 0) return tree.value[node]!;
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    const share = tree.cover[l]! / (tree.cover[l]! + tree.cover[r]!);
    leftShare[node] = share;
    return share * expectedAt(l) + (1 - share) * expectedAt(r);
  };
  const expected = expectedAt(0);
  return { tree, cover: tree.cover, leftShare, expected, fast: null };
}

// The cache is keyed by the model object; a tree swapped or re-covered in place (e.g. by `coversFromRows`) is
// noticed, other in-place edits are not.
function prepare(model: TreeEnsemble): Prepared {
  let p = prepared.get(model);
  if (p && p.baseValue === model.baseValue && p.nFeatures === model.nFeatures && p.trees.length === model.trees.length && p.trees.every((t, i) => t.tree === model.trees[i] && t.cover === t.tree.cover)) return p;
  const trees = model.trees.map(prepareTree);
  let budget = MAX_MODEL_ENTRIES;
  let maxNodes = 1;
  // Trees take tables in order while the model's budget lasts; a tree past either bound keeps Algorithm 2.
  for (const t of trees) {
    const entries = tableEntries(t.tree, t.leftShare, Math.min(MAX_TREE_ENTRIES, budget));
    if (entries === Infinity) continue;
    t.fast = buildFastTree(t.tree, t.leftShare, entries);
    budget -= entries;
    maxNodes = Math.max(maxNodes, t.tree.feature.length);
  }
  let maxDepth = 0;
  for (const t of model.trees) maxDepth = Math.max(maxDepth, depthOf(t, 0));
  if (INV.length < maxDepth + 2) INV = reciprocals(maxDepth + 2);
  // Path starts at 0, 1, 1+2, …: the leaf at depth D starts at D(D+1)/2 and holds D+1 elements.
  const size = ((maxDepth + 1) * (maxDepth + 2)) / 2 + 1;
  // The base value is a float32 in ONNX (and in `marginOf`); round it the same way here.
  let expectedValue = Math.fround(model.baseValue);
  for (const t of trees) expectedValue += t.expected;
  p = {
    baseValue: model.baseValue,
    nFeatures: model.nFeatures,
    rows: new Float64Array(BLOCK * model.nFeatures),
    // A full block for trees of up to 1024 nodes; larger ones are taken in fewer rows at a time.
    mask: new Int32Array(Math.max(maxNodes, BLOCK * 1024)),
    trees,
    expectedValue,
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
  };
  prepared.set(model, p);
  return p;
}

/** EXTEND: adds a feature with the given fractions at position `d` of the path starting at `s`. */
function extend(p: Prepared, s: number, d: number, zero: number, one: number, feature: number): void {
  const w = p.weight;
  p.feature[s + d] = feature;
  p.zero[s + d] = zero;
  p.one[s + d] = one;
  w[s + d] = d === 0 ? 1 : 0;
  const inv = INV[d + 1]!;
  for (let i = d - 1; i >= 0; i--) {
    const wi = w[s + i]!;
    if (one !== 0) w[s + i + 1]! += one * wi * (i + 1) * inv;
    w[s + i] = zero * wi * (d - i) * inv;
  }
}

/** UNWIND: removes the element at `k` from the path of length d+1 starting at `s`. */
function unwind(p: Prepared, s: number, d: number, k: number): void {
  const w = p.weight;
  const one = p.one[s + k]!;
  const zero = p.zero[s + k]!;
  let next = w[s + d]!;
  for (let i = d - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = w[s + i]!;
      w[s + i] = (next * (d + 1)) / ((i + 1) * one);
      next = tmp - (w[s + i]! * zero * (d - i)) / (d + 1);
    } else {
      w[s + i] = (w[s + i]! * (d + 1)) / (zero * (d - i));
    }
  }
  for (let i = k; i < d; i++) {
    p.feature[s + i] = p.feature[s + i + 1]!;
    p.zero[s + i] = p.zero[s + i + 1]!;
    p.one[s + i] = p.one[s + i + 1]!;
  }
}

/**
 * The total path weight if element `k` were unwound, for an element whose one-fraction is 1 (path-dependent
 * one-fractions are products of 0s and 1s, so a non-zero one-fraction is exactly 1).
 */
function unwoundSumHot(w: Float64Array, s: number, d: number, zero: number): number {
  let total = 0;
  let next = w[s + d]!;
  const scale = zero * INV[d + 1]!;
  for (let i = d - 1; i >= 0; i--) {
    const tmp = next * (d + 1) * INV[i + 1]!;
    total += tmp;
    next = w[s + i]! - tmp * scale * (d - i);
  }
  return total;
}

function recurse(
  p: Prepared, t: PreparedTree, x: Float64Array, xAt: number, phi: Float64Array, phiAt: number,
  node: number, parentStart: number, d: number, pZero: number, pOne: number, pFeature: number,
): void {
  const tree = t.tree;
  // This node's path is a copy of the parent's (d elements) stacked right after it, plus the incoming feature.
  const s = parentStart + d;
  // Paths are a handful of elements long: a plain loop beats four copyWithin calls.
  const pf = p.feature;
  const pz = p.zero;
  const po = p.one;
  const pw = p.weight;
  for (let i = 0; i < d; i++) {
    pf[s + i] = pf[parentStart + i]!;
    pz[s + i] = pz[parentStart + i]!;
    po[s + i] = po[parentStart + i]!;
    pw[s + i] = pw[parentStart + i]!;
  }
  extend(p, s, d, pZero, pOne, pFeature);

  const f = tree.feature[node]!;
  if (f < 0) {
    const v = tree.value[node]!;
    // For elements whose one-fraction is 0 (features whose split x did not follow), the unwound sum is the same
    // sum divided by their zero-fraction: compute it once per leaf instead of once per element.
    let coldSum = 0;
    for (let i = d - 1; i >= 0; i--) coldSum += pw[s + i]! * (d + 1) * INV[d - i]!;
    for (let i = 1; i <= d; i++) {
      const one = po[s + i]!;
      const zero = pz[s + i]!;
      const w = one !== 0 ? unwoundSumHot(pw, s, d, zero) : coldSum / zero;
      phi[phiAt + pf[s + i]!]! += w * (one - zero) * v;
    }
    return;
  }

  const xv = x[xAt + f]!;
  const goLeft = Number.isNaN(xv) ? tree.missingLeft[node] === 1 : xv <= tree.threshold[node]!;
  const share = t.leftShare[node]!;
  const hot = goLeft ? tree.left[node]! : tree.right[node]!;
  const cold = goLeft ? tree.right[node]! : tree.left[node]!;
  const hotZero = goLeft ? share : 1 - share;
  const coldZero = goLeft ? 1 - share : share;

  // A feature already on the path is taken off and re-added with the product of both splits' fractions, so each
  // feature appears once and subsets are counted over features, not over splits.
  let inZero = 1;
  let inOne = 1;
  let k = 0;
  while (k <= d && pf[s + k] !== f) k++;
  let dd = d;
  if (k <= d) {
    inZero = pz[s + k]!;
    inOne = po[s + k]!;
    unwind(p, s, d, k);
    dd = d - 1;
  }
  recurse(p, t, x, xAt, phi, phiAt, hot, s, dd + 1, hotZero * inZero, inOne, f);
  recurse(p, t, x, xAt, phi, phiAt, cold, s, dd + 1, coldZero * inZero, 0, f);
}

/** Adds every tree's contributions for n rounded rows at x[0 ..] to phi[phiAt ..], tree by tree. */
function explainBlock(p: Prepared, x: Float64Array, n: number, phi: Float64Array, phiAt: number, fast: boolean): void {
  const m = p.nFeatures;
  for (const t of p.trees) {
    if (fast && t.fast) addFastTree(t.fast, x, 0, m, n, phi, phiAt, p.mask);
    else for (let r = 0; r < n; r++) recurse(p, t, x, r * m, phi, phiAt + r * m, 0, 0, 0, 1, 1, -1);
  }
}

function explainRow(model: TreeEnsemble, x: ArrayLike<number>, offset: number, out: Float64Array, fast: boolean): { expectedValue: number; margin: number } {
  const p = prepare(model);
  out.fill(0, 0, model.nFeatures);
  // One monomorphic, already float32-rounded copy of the row: the walk reads it ~once per node per tree.
  const row = p.rows;
  for (let j = 0; j < model.nFeatures; j++) row[j] = Math.fround(x[offset + j]!);
  explainBlock(p, row, 1, out, 0, fast);
  return { expectedValue: p.expectedValue, margin: exactMarginOf(model, x, offset) };
}

/**
 * SHAP values of one row (`x[offset .. offset + nFeatures)`, NaN = missing) in margin space — log-odds for a
 * LOGISTIC ensemble, probability for a NONE one. `out` (length nFeatures) is overwritten with the contributions;
 * they add up to `margin − expectedValue` to ~1e-12, where `margin` is the exact (float64) sum of the row's leaves
 * (`exactMarginOf`). The served probability comes from onnxruntime's float32 accumulation (`marginOf`), which can
 * differ from it by float32 rounding (~1e-5 on hundreds of trees); the API reports both.
 * For many rows, `shapMatrix` is faster: it reuses each tree's tables across a block of rows.
 */
export function treeShap(model: TreeEnsemble, x: ArrayLike<number>, offset: number, out: Float64Array): { expectedValue: number; margin: number } {
  return explainRow(model, x, offset, out, true);
}

/** `treeShap` by Algorithm 2 for every tree, ignoring the fast tables: the reference for tests and benchmarks. */
export function treeShapAlgorithm2(model: TreeEnsemble, x: ArrayLike<number>, offset: number, out: Float64Array): { expectedValue: number; margin: number } {
  return explainRow(model, x, offset, out, false);
}

/** SHAP values for every row of a row-major matrix: `values` is rows × nFeatures, row-major. */
export function shapMatrix(model: TreeEnsemble, x: ArrayLike<number>, rows: number): { values: Float64Array; expectedValue: number; margins: Float64Array } {
  const m = model.nFeatures;
  const values = new Float64Array(rows * m);
  const margins = new Float64Array(rows);
  const p = prepare(model);
  const block = p.rows;
  for (let lo = 0; lo < rows; lo += BLOCK) {
    const n = Math.min(BLOCK, rows - lo);
    for (let i = 0; i < n * m; i++) block[i] = Math.fround(x[lo * m + i]!);
    explainBlock(p, block, n, values, lo * m, true);
  }
  for (let r = 0; r < rows; r++) margins[r] = exactMarginOf(model, x, r * m);
  return { values, expectedValue: p.expectedValue, margins };
}

/** How a model is explained: trees with Fast TreeSHAP v2 tables, trees left to Algorithm 2, and the tables' size. */
export function treeShapPlan(model: TreeEnsemble): { fastTrees: number; algorithm2Trees: number; tableEntries: number } {
  const fast = prepare(model).trees.flatMap((t) => (t.fast ? [t.fast.table.length] : []));
  return { fastTrees: fast.length, algorithm2Trees: model.trees.length - fast.length, tableEntries: fast.reduce((a, b) => a + b, 0) };
}

/** Expected value of the model's margin under the cover weights (baseValue + Σ trees' cover-weighted leaf means). */
export function expectedValueOf(model: TreeEnsemble): number {
  return prepare(model).expectedValue;
}
