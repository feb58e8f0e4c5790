// Grows one regression tree on gradients/hessians, best-first (the splittable leaf with the largest gain is split
// next, as scikit-learn's HistGradientBoosting and LightGBM do) up to maxLeafNodes leaves and maxDepth levels.
//
// Rows live in one index array; each node owns the contiguous range idx[start, end), and splitting a node is a
// stable partition of its range (stable so that every range stays in increasing row order, which keeps the
// column reads in the histogram loop moving forward through memory). Only the smaller child's histogram is built
// from rows; the larger one's is the parent's minus it, computed in place in the parent's buffer.
import type { Tree } from '@/lib/ml/tree-ensemble';
import { thresholdOf, type BinMapper } from './binning';
import { buildHistogram, buildHistogramAll, countAll, subtractHistogram, type HistLayout } from './histogram';
import { emptySplit, findBestSplit, MIN_HESSIAN, type SplitResult } from './split';

export interface GrowParams {
  learningRate: number;
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  l2: number;
}

/** Per-training state reused by every tree, so growing allocates nothing per row. */
export class Grower {
  private readonly scratch: Int32Array;
  private readonly goLeft = new Uint8Array(256);
  private readonly pool: Float64Array[] = [];
  /** Per-bin counts over all rows: the root histogram's counts in every full-sample round. */
  private readonly rootCounts: Float64Array;

  constructor(
    readonly mapper: BinMapper,
    readonly layout: HistLayout,
    readonly binned: Uint8Array,
    readonly params: GrowParams,
  ) {
    this.scratch = new Int32Array(layout.rows);
    this.rootCounts = countAll(layout, binned);
  }

  private takeHist(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.layout.total * 3);
  }

  private giveHist(h: Float64Array | null): void {
    if (h) this.pool.push(h);
  }

  /**
   * Stable partition of idx[start, end) by the split; returns the first index of the right child. Branch-free:
   * a per-split lookup table gives each bin's direction and every row is written to both outputs, only the
   * cursor of its side advancing — the direction is data-dependent and would mispredict about half the time.
   */
  private partition(idx: Int32Array, start: number, end: number, s: SplitResult): number {
    const n = this.layout.rows;
    const col = s.feature * n;
    const missingBin = this.mapper.nBins[s.feature]!;
    const goLeft = this.goLeft;
    for (let b = 0; b < missingBin; b++) goLeft[b] = b <= s.bin ? 1 : 0;
    goLeft[missingBin] = s.missingLeft ? 1 : 0;
    const binned = this.binned;
    const scratch = this.scratch;
    let w = start;
    let k = 0;
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const l = goLeft[binned[col + r]!]!;
      idx[w] = r;
      scratch[k] = r;
      w += l;
      k += 1 - l;
    }
    for (let i = 0; i < k; i++) idx[w + i] = scratch[i]!;
    return w;
  }

  /**
   * Grows a tree on rows idx[0, m) (m === rows with idx the identity when the round uses every row).
   * `splitBin` gives each internal node's bin cut, for routing binned rows; leaves' rows are idx[start, end).
   */
  grow(g: Float32Array, h: Float32Array, idx: Int32Array, m: number, features: Int32Array, nSel: number): GrownTree {
    const { maxLeafNodes, maxDepth, minSamplesLeaf: msl, l2, learningRate } = this.params;
    const layout = this.layout;
    const nBins = this.mapper.nBins;
    const nodes: Node[] = [];
    let G = 0;
    let H = 0;
    for (let i = 0; i < m; i++) {
      G += g[idx[i]!]!;
      H += h[idx[i]!]!;
    }
    const root = newNode(0, 0, m, 0, G, H);
    nodes.push(root);
    const candidates: Node[] = [];
    const evaluate = (node: Node) => {
      if (findBestSplit(node.hist!, layout, nBins, features, nSel, node.G, node.H, node.end - node.start, msl, l2, node.split)) {
        candidates.push(node);
      } else {
        this.giveHist(node.hist);
        node.hist = null;
      }
    };
    if (m >= 2 * msl && H >= MIN_HESSIAN && (maxLeafNodes === null || maxLeafNodes > 1) && (maxDepth === null || maxDepth > 0)) {
      root.hist = this.takeHist();
      if (m === layout.rows) buildHistogramAll(root.hist, layout, this.binned, features, nSel, g, h, this.rootCounts);
      else buildHistogram(root.hist, layout, this.binned, features, nSel, idx, 0, m, g, h);
      evaluate(root);
    }
    let leaves = 1;
    while (candidates.length > 0 && (maxLeafNodes === null || leaves < maxLeafNodes)) {
      // Largest gain first; ties go to the node that became splittable first (left before right), so growth is
      // deterministic.
      let bi = 0;
      for (let i = 1; i < candidates.length; i++) if (candidates[i]!.split.gain > candidates[bi]!.split.gain) bi = i;
      const node = candidates[bi]!;
      candidates.splice(bi, 1);
      const s = node.split;
      const mid = this.partition(idx, node.start, node.end, s);
      const nL = mid - node.start;
      const nR = node.end - mid;
      // No missing value of this feature reached the node, so the data gave no direction: scikit-learn's rule.
      if (s.nMissing === 0) s.missingLeft = nL > nR;
      const depth = node.depth + 1;
      const left = newNode(nodes.length, node.start, mid, depth, s.gL, s.hL);
      const right = newNode(nodes.length + 1, mid, node.end, depth, node.G - s.gL, node.H - s.hL);
      nodes.push(left, right);
      node.left = left.id;
      node.right = right.id;
      leaves++;
      const final = (maxLeafNodes !== null && leaves >= maxLeafNodes) || (maxDepth !== null && depth >= maxDepth);
      const canL = !final && nL >= 2 * msl && left.H >= 2 * MIN_HESSIAN;
      const canR = !final && nR >= 2 * msl && right.H >= 2 * MIN_HESSIAN;
      if (canL || canR) {
        const [small, large, canSmall, canLarge] = nL < nR ? [left, right, canL, canR] : [right, left, canR, canL];
        small.hist = this.takeHist();
        buildHistogram(small.hist, layout, this.binned, features, nSel, idx, small.start, small.end, g, h);
        if (canLarge) {
          subtractHistogram(node.hist!, small.hist, layout, features, nSel);
          large.hist = node.hist;
          node.hist = null;
        }
        if (!canSmall) {
          this.giveHist(small.hist);
          small.hist = null;
        }
        if (canL) evaluate(left);
        if (canR) evaluate(right);
      }
      this.giveHist(node.hist);
      node.hist = null;
    }
    for (const c of candidates) {
      this.giveHist(c.hist);
      c.hist = null;
    }
    return this.toTree(nodes, learningRate, l2);
  }

  private toTree(nodes: Node[], learningRate: number, l2: number): GrownTree {
    const n = nodes.length;
    const tree: Tree = {
      feature: new Int32Array(n),
      threshold: new Float32Array(n),
      left: new Int32Array(n),
      right: new Int32Array(n),
      missingLeft: new Uint8Array(n),
      value: new Float32Array(n),
      cover: new Float64Array(n),
    };
    const splitBin = new Int32Array(n);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    let leaves = 0;
    for (const nd of nodes) {
      const i = nd.id;
      start[i] = nd.start;
      end[i] = nd.end;
      tree.cover[i] = nd.end - nd.start;
      tree.left[i] = nd.left;
      tree.right[i] = nd.right;
      if (nd.left >= 0) {
        tree.feature[i] = nd.split.feature;
        tree.threshold[i] = thresholdOf(this.mapper, nd.split.feature, nd.split.bin);
        tree.missingLeft[i] = nd.split.missingLeft ? 1 : 0;
        splitBin[i] = nd.split.bin;
      } else {
        leaves++;
        tree.feature[i] = -1;
        // + 1e-15 as scikit-learn: keeps a zero-hessian leaf (every row saturated) finite.
        tree.value[i] = (-nd.G / (nd.H + l2 + 1e-15)) * learningRate;
      }
    }
    return { tree, splitBin, start, end, leaves };
  }
}

export interface GrownTree {
  tree: Tree;
  splitBin: Int32Array;
  start: Int32Array;
  end: Int32Array;
  leaves: number;
}

interface Node {
  id: number;
  start: number;
  end: number;
  depth: number;
  G: number;
  H: number;
  hist: Float64Array | null;
  split: SplitResult;
  left: number;
  right: number;
}

function newNode(id: number, start: number, end: number, depth: number, G: number, H: number): Node {
  return { id, start, end, depth, G, H, hist: null, split: emptySplit(), left: -1, right: -1 };
}
