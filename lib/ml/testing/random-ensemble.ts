// Random tree ensembles and rows for property tests (TreeSHAP local accuracy, ONNX parity, parser round trips).
// Deterministic for a seed; trees are irregular (not full), use every missing-value direction, and may split the
// same feature twice on one path — the cases that break naive implementations.
import { mulberry32 } from '@/lib/ml/prng';
import type { Tree, TreeEnsemble } from '@/lib/ml/tree-ensemble';

export interface RandomEnsembleOptions {
  seed: number;
  nFeatures?: number;
  nTrees?: number;
  maxDepth?: number;
  /** Probability that a node at depth < maxDepth splits. */
  splitProbability?: number;
}

export function randomEnsemble(opts: RandomEnsembleOptions): TreeEnsemble {
  const rand = mulberry32(opts.seed);
  const nFeatures = opts.nFeatures ?? 6;
  const nTrees = opts.nTrees ?? 5;
  const maxDepth = opts.maxDepth ?? 4;
  const pSplit = opts.splitProbability ?? 0.8;
  const trees: Tree[] = [];
  for (let t = 0; t < nTrees; t++) {
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const missingLeft: number[] = [];
    const value: number[] = [];
    const cover: number[] = [];
    const grow = (depth: number, weight: number): number => {
      const id = feature.length;
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
      missingLeft.push(0);
      value.push(0);
      cover.push(weight);
      if (depth < maxDepth && (depth === 0 || rand() < pSplit)) {
        feature[id] = Math.floor(rand() * nFeatures);
        threshold[id] = Math.fround(rand() * 2 - 1);
        missingLeft[id] = rand() < 0.5 ? 1 : 0;
        const share = 0.1 + 0.8 * rand();
        const lw = Math.max(1, Math.round(weight * share));
        const rw = Math.max(1, weight - lw);
        left[id] = grow(depth + 1, lw);
        right[id] = grow(depth + 1, rw);
        cover[id] = cover[left[id]!]! + cover[right[id]!]!;
      } else {
        value[id] = Math.fround(rand() * 2 - 1);
      }
      return id;
    };
    grow(0, 1000);
    trees.push({
      feature: Int32Array.from(feature),
      threshold: Float32Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      missingLeft: Uint8Array.from(missingLeft),
      value: Float32Array.from(value),
      cover: Float64Array.from(cover),
    });
  }
  return { nFeatures, baseValue: Math.fround(rand() - 0.5), trees, postTransform: 'LOGISTIC' };
}

/** Rows uniform on [-1.2, 1.2] with a share of NaN (missing) values, row-major. */
export function randomRows(seed: number, rows: number, nFeatures: number, missingShare = 0.1): Float32Array {
  const rand = mulberry32(seed);
  const x = new Float32Array(rows * nFeatures);
  for (let i = 0; i < x.length; i++) x[i] = rand() < missingShare ? Number.NaN : rand() * 2.4 - 1.2;
  return x;
}
