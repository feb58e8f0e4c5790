// Brute-force Shapley values by the definition, for tests only: 2^M subsets, so M ≤ ~12.
// v(S) = baseValue + Σ_trees E[f_t(x) | x_S], where the path-dependent conditional expectation follows x at splits
// on features in S and averages both children by their cover shares at the others — the value function TreeSHAP
// computes in polynomial time. It shares no code with tree-shap.ts beyond the routing rule of `leafOf`.
import type { Tree, TreeEnsemble } from '@/lib/ml/tree-ensemble';

function conditional(tree: Tree, x: ArrayLike<number>, offset: number, inS: (f: number) => boolean, node: number): number {
  const f = tree.feature[node]!;
  if (f < 0) return tree.value[node]!;
  const l = tree.left[node]!;
  const r = tree.right[node]!;
  if (inS(f)) {
    const v = x[offset + f]!;
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : Math.fround(v) <= tree.threshold[node]!;
    return conditional(tree, x, offset, inS, goLeft ? l : r);
  }
  const wl = tree.cover[l]! / (tree.cover[l]! + tree.cover[r]!);
  return wl * conditional(tree, x, offset, inS, l) + (1 - wl) * conditional(tree, x, offset, inS, r);
}

/** Exact Shapley values of the path-dependent value function, plus v(∅) (the expected value) and v(all). */
export function bruteForceShap(model: TreeEnsemble, x: ArrayLike<number>, offset = 0): { values: Float64Array; expectedValue: number; full: number } {
  const m = model.nFeatures;
  if (m > 16) throw new Error('brute-force Shapley values need 2^nFeatures subsets; keep nFeatures small');
  const subsets = 1 << m;
  const v = new Float64Array(subsets);
  for (let mask = 0; mask < subsets; mask++) {
    let s = Math.fround(model.baseValue);
    for (const t of model.trees) s += conditional(t, x, offset, (f) => ((mask >> f) & 1) === 1, 0);
    v[mask] = s;
  }
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1]! * i);
  const size = (mask: number) => {
    let c = 0;
    for (let b = mask; b; b &= b - 1) c++;
    return c;
  };
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const bit = 1 << i;
    let phi = 0;
    for (let mask = 0; mask < subsets; mask++) {
      if (mask & bit) continue;
      const k = size(mask);
      phi += ((fact[k]! * fact[m - k - 1]!) / fact[m]!) * (v[mask | bit]! - v[mask]!);
    }
    values[i] = phi;
  }
  return { values, expectedValue: v[0]!, full: v[subsets - 1]! };
}
