// Fast TreeSHAP v2 (Yang 2021): path-dependent TreeSHAP with the per-leaf Shapley sums precomputed, so a row costs
// O(nodes + leaves · D) per tree instead of Algorithm 2's O(leaves · D²). D is a leaf's number of unique path
// features.
//
// Why a table suffices: a leaf l with value v, unique path features U (|U| = D), zero fractions z_j (the product of
// the cover shares of the branches towards l that split on j) and one fractions o_j ∈ {0, 1} (does the row satisfy
// every condition on j along the path) contributes to feature i ∈ U
//   v · (o_i − z_i) · Σ_{S ⊆ U∖{i}} |S|!(D−|S|−1)!/D! · Π_{j∈S} o_j · Π_{j∈U∖S∖{i}} z_j.
// The o_j are 0/1, so only the set T ⊆ U of satisfied features matters. With
//   K(R) = v · Π_{j∈U∖R} z_j · Σ_{S⊆R} |S|!(D−|S|−1)!/D! · Π_{j∈R∖S} z_j
// a feature the row fails (i ∉ T) gets −K(T), and one it satisfies (i ∈ T) gets (1 − z_i)/z_i · K(T∖{i}). K depends
// on the row only through T, so every leaf stores K for all 2^D subsets and a row reads D entries per leaf.
// (K(R) carries z_i as a factor, so the division only costs an ulp; every term is positive, nothing cancels.)
//
// Tables are indexed by the *failed* set F = U∖T, bit b standing for the leaf's b-th unique feature in root-to-leaf
// order of first appearance. That order is shared by every leaf below a node, so one root-to-leaf pass sets F for
// all leaves at once (a child's F is its parent's plus the node's bit when the row takes the other branch).
import type { Tree } from '@/lib/ml/tree-ensemble';

/**
 * Memory bound: a tree gets tables only if Σ_leaves 2^D ≤ MAX_TREE_ENTRIES (8 MiB of float64), which any tree of
 * depth ≤ 10 meets (a full one has exactly 2^20), and only while the model's tables together stay within
 * MAX_MODEL_ENTRIES (64 MiB, held as long as the model object lives); other trees keep Algorithm 2, which needs no
 * per-tree memory. Measured on depth-12 trees, even tables of 2^17–2^20 entries beat Algorithm 2 several times over
 * in `shapMatrix`, so the bound is set by memory, not speed. Building costs O(2^D · D) per leaf, once per model.
 */
export const MAX_TREE_ENTRIES = 1 << 20;
export const MAX_MODEL_ENTRIES = 1 << 23;

export interface FastTree {
  /** Internal nodes in preorder (parents before children); ids ≥ nInternal are leaves, in the same order. */
  nInternal: number;
  feature: Int32Array;
  threshold: Float32Array;
  missingLeft: Uint8Array;
  /** 1 << (position of the node's feature among its path's unique features). */
  bit: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf l's unique path features are leafFeature[leafStart[l] .. leafStart[l + 1]). */
  leafStart: Int32Array;
  leafFeature: Int32Array;
  /** (1 − z_b) / z_b per unique path feature. */
  leafRatio: Float64Array;
  /** Offset of leaf l's 2^D entries in `table`, indexed by the failed-feature mask. */
  leafTable: Int32Array;
  table: Float64Array;
}

/** Σ_leaves 2^D for the tree, or Infinity when it exceeds `limit` (or a branch has no cover, where Algorithm 2 is kept). */
export function tableEntries(tree: Tree, leftShare: Float64Array, limit: number): number {
  let total = 0;
  const path: number[] = [];
  const walk = (node: number): boolean => {
    const f = tree.feature[node]!;
    if (f < 0) {
      total += 2 ** path.length;
      return total <= limit;
    }
    const s = leftShare[node]!;
    if (!(s > 0 && s < 1)) return false;
    const fresh = !path.includes(f);
    if (fresh) path.push(f);
    const ok = walk(tree.left[node]!) && walk(tree.right[node]!);
    if (fresh) path.pop();
    return ok;
  };
  return walk(0) ? total : Infinity;
}

/** The tables for one tree; `entries` is `tableEntries`' (finite) result. */
export function buildFastTree(tree: Tree, leftShare: Float64Array, entries: number): FastTree {
  let nInternal = 0;
  let nLeaves = 0;
  let nPath = 0;
  const count = (node: number, uniq: number[]): void => {
    const f = tree.feature[node]!;
    if (f < 0) {
      nLeaves++;
      nPath += uniq.length;
      return;
    }
    nInternal++;
    const next = uniq.includes(f) ? uniq : [...uniq, f];
    count(tree.left[node]!, next);
    count(tree.right[node]!, next);
  };
  count(0, []);

  const ft: FastTree = {
    nInternal,
    feature: new Int32Array(nInternal),
    threshold: new Float32Array(nInternal),
    missingLeft: new Uint8Array(nInternal),
    bit: new Int32Array(nInternal),
    left: new Int32Array(nInternal),
    right: new Int32Array(nInternal),
    leafStart: new Int32Array(nLeaves + 1),
    leafFeature: new Int32Array(nPath),
    leafRatio: new Float64Array(nPath),
    leafTable: new Int32Array(nLeaves),
    table: new Float64Array(entries),
  };
  const pathFeature: number[] = [];
  const pathZero: number[] = [];
  let nextInternal = 0;
  let nextLeaf = 0;
  let pathAt = 0;
  let tableAt = 0;
  // Returns the node's new id; internal ids are taken in preorder, so parents precede children.
  const place = (node: number): number => {
    const f = tree.feature[node]!;
    if (f < 0) {
      const l = nextLeaf++;
      const d = pathFeature.length;
      ft.leafStart[l] = pathAt;
      ft.leafTable[l] = tableAt;
      for (let b = 0; b < d; b++) {
        ft.leafFeature[pathAt + b] = pathFeature[b]!;
        ft.leafRatio[pathAt + b] = (1 - pathZero[b]!) / pathZero[b]!;
      }
      fillLeafTable(ft.table, tableAt, tree.value[node]!, pathZero);
      pathAt += d;
      tableAt += 2 ** d;
      ft.leafStart[l + 1] = pathAt;
      return nInternal + l;
    }
    const id = nextInternal++;
    let b = pathFeature.indexOf(f);
    const fresh = b < 0;
    if (fresh) {
      b = pathFeature.length;
      pathFeature.push(f);
      pathZero.push(1);
    }
    ft.feature[id] = f;
    ft.threshold[id] = tree.threshold[node]!;
    ft.missingLeft[id] = tree.missingLeft[node]!;
    ft.bit[id] = 1 << b;
    const share = leftShare[node]!;
    const before = pathZero[b]!;
    pathZero[b] = before * share;
    ft.left[id] = place(tree.left[node]!);
    pathZero[b] = before * (1 - share);
    ft.right[id] = place(tree.right[node]!);
    pathZero[b] = before;
    if (fresh) {
      pathFeature.pop();
      pathZero.pop();
    }
    return id;
  };
  place(0);
  return ft;
}

/**
 * K(R) for every subset R of the leaf's D unique features, stored at table[at + (failed mask U∖R)]. A depth-first
 * walk over include/exclude decisions keeps Π_{j∈R}(t + z_j) — whose t^k coefficient is the sum over |S| = k of
 * Π_{j∈R∖S} z_j — one multiplication per step, so a leaf costs O(2^D · D).
 */
function fillLeafTable(table: Float64Array, at: number, value: number, zero: readonly number[]): void {
  const d = zero.length;
  if (d === 0) return;
  const weight = new Float64Array(d);
  weight[0] = 1 / d;
  for (let k = 1; k < d; k++) weight[k] = (weight[k - 1]! * k) / (d - k);
  // poly[r] holds the polynomial of the r features included so far.
  const poly = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));
  poly[0]![0] = 1;
  const walk = (b: number, r: number, failed: number, zFailed: number): void => {
    if (b === d) {
      // R = U (nothing failed) is never read: every feature is satisfied, so no cold or hot lookup lands on it.
      if (failed === 0) return;
      const c = poly[r]!;
      let h = 0;
      for (let k = 0; k <= r; k++) h += weight[k]! * c[k]!;
      table[at + failed] = value * zFailed * h;
      return;
    }
    const z = zero[b]!;
    const from = poly[r]!;
    const to = poly[r + 1]!;
    to[0] = z * from[0]!;
    for (let k = 1; k <= r; k++) to[k] = from[k - 1]! + z * from[k]!;
    to[r + 1] = from[r]!;
    walk(b + 1, r + 1, failed, zFailed);
    walk(b + 1, r, failed | (1 << b), zFailed * z);
  };
  walk(0, 0, 0, 1);
}

/**
 * Adds one tree's contributions for n rows to phi: row r is x[xAt + r·stride ..] (float32-rounded, NaN = missing)
 * and its contributions phi[phiAt + r·stride ..]. `mask` is scratch of at least one slot per node of the tree.
 *
 * The loops run across rows innermost, over node-major masks (mask[node · n + r]): a node's split and a leaf's
 * table slice are loaded once per block instead of once per row, and consecutive updates go to different rows'
 * contributions, so they do not wait on each other. Each row still receives its leaves in leaf order (a leaf adds
 * to each of its features once), so any n gives the same sums, bit for bit, as n = 1.
 */
export function addFastTree(t: FastTree, x: Float64Array, xAt: number, stride: number, n: number, phi: Float64Array, phiAt: number, mask: Int32Array): void {
  if (n === 1) return addFastRow(t, x, xAt, phi, phiAt, mask);
  const nodes = t.nInternal + t.leafTable.length;
  const step = Math.max(1, Math.min(n, Math.floor(mask.length / nodes)));
  for (let lo = 0; lo < n; lo += step) {
    const rows = Math.min(step, n - lo);
    blockMasks(t, x, xAt + lo * stride, stride, rows, mask);
    blockLeaves(t, rows, stride, phi, phiAt + lo * stride, mask);
  }
}

function blockMasks(t: FastTree, x: Float64Array, xAt: number, stride: number, n: number, mask: Int32Array): void {
  const { feature, threshold, missingLeft, bit, left, right } = t;
  for (let r = 0; r < n; r++) mask[r] = 0;
  for (let node = 0; node < t.nInternal; node++) {
    const thr = threshold[node]!;
    const ml = missingLeft[node]!;
    const b = bit[node]!;
    const from = node * n;
    const toLeft = left[node]! * n;
    const toRight = right[node]! * n;
    for (let r = 0, xi = xAt + feature[node]!; r < n; r++, xi += stride) {
      const m = mask[from + r]!;
      const v = x[xi]!;
      // NaN fails every comparison, so it goes right unless missingLeft says otherwise — as in `leafOf`. Integer
      // arithmetic rather than a branch: the direction is data-dependent and would mispredict half the time.
      const goLeft = +(v <= thr) | (+(v !== v) & ml);
      mask[toLeft + r] = m | (b & (goLeft - 1));
      mask[toRight + r] = m | (b & -goLeft);
    }
  }
}

function blockLeaves(t: FastTree, n: number, stride: number, phi: Float64Array, phiAt: number, mask: Int32Array): void {
  const { leafStart, leafFeature, leafRatio, leafTable, table } = t;
  for (let l = 0; l < leafTable.length; l++) {
    const base = leafTable[l]!;
    const from = (t.nInternal + l) * n;
    for (let k = leafStart[l]!, b = 1; k < leafStart[l + 1]!; k++, b <<= 1) {
      const ratio = leafRatio[k]!;
      for (let r = 0, j = phiAt + leafFeature[k]!; r < n; r++, j += stride) {
        const failed = mask[from + r]!;
        phi[j] = phi[j]! + ((failed & b) !== 0 ? -table[base + failed]! : ratio * table[base + (failed | b)]!);
      }
    }
  }
}

/** `addFastTree` for one row (`treeShap`'s case): the same sums in the same order, without the per-row loops. */
function addFastRow(t: FastTree, x: Float64Array, xAt: number, phi: Float64Array, phiAt: number, mask: Int32Array): void {
  const { feature, threshold, missingLeft, bit, left, right } = t;
  const ni = t.nInternal;
  mask[0] = 0;
  for (let node = 0; node < ni; node++) {
    const m = mask[node]!;
    const v = x[xAt + feature[node]!]!;
    const goLeft = +(v <= threshold[node]!) | (+(v !== v) & missingLeft[node]!);
    const b = bit[node]!;
    mask[left[node]!] = m | (b & (goLeft - 1));
    mask[right[node]!] = m | (b & -goLeft);
  }
  const { leafStart, leafFeature, leafRatio, leafTable, table } = t;
  for (let l = 0; l < leafTable.length; l++) {
    const failed = mask[ni + l]!;
    const base = leafTable[l]!;
    const cold = -table[base + failed]!;
    for (let k = leafStart[l]!, b = 1; k < leafStart[l + 1]!; k++, b <<= 1) {
      const j = phiAt + leafFeature[k]!;
      phi[j] = phi[j]! + ((failed & b) !== 0 ? cold : leafRatio[k]! * table[base + (failed | b)]!);
    }
  }
}
