// Logistic regression by mini-batch gradient descent on standardised / one-hot features, one epoch at a time, so a
// training run can log its loss and validation metrics per epoch (the metric histories the tracking pages chart).
import { fitEncoder, type Encoder } from '@/lib/data/evaluation';
import type { CustomerFeatures } from '@/lib/data/features';
import { mulberry32 } from './prng';

export interface SgdOptions {
  learningRate: number;
  l2: number;
  epochs: number;
  batchSize: number;
  /** 'balanced' weighs each class by n / (2 · n_class), as scikit-learn does. */
  classWeight: 'none' | 'balanced';
  seed: number;
}

export interface LogisticSgdModel {
  encoder: Encoder;
  weights: Float64Array; // intercept first
  predictMatrix(x: Float64Array, rows: number): Float64Array;
}

export function encodeRows(encoder: Encoder, rows: readonly CustomerFeatures[]): Float64Array {
  const p = encoder.dim + 1;
  const x = new Float64Array(rows.length * p);
  for (let i = 0; i < rows.length; i++) {
    x[i * p] = 1;
    encoder.encode(rows[i]!, x, i * p + 1);
  }
  return x;
}

export function trainLogisticSgd(
  train: readonly CustomerFeatures[],
  labels: ArrayLike<number>,
  opts: SgdOptions,
  onEpoch?: (epoch: number, model: LogisticSgdModel, trainLoss: number) => void,
): LogisticSgdModel {
  const encoder = fitEncoder(train);
  const p = encoder.dim + 1;
  const n = train.length;
  const x = encodeRows(encoder, train);
  const w = new Float64Array(p);
  let pos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) pos++;
  const wPos = opts.classWeight === 'balanced' ? n / (2 * Math.max(pos, 1)) : 1;
  const wNeg = opts.classWeight === 'balanced' ? n / (2 * Math.max(n - pos, 1)) : 1;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const rand = mulberry32(opts.seed);
  const grad = new Float64Array(p);
  const model: LogisticSgdModel = {
    encoder,
    weights: w,
    predictMatrix(m, rows) {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let z = 0;
        for (let j = 0; j < p; j++) z += w[j]! * m[i * p + j]!;
        out[i] = 1 / (1 + Math.exp(-z));
      }
      return out;
    },
  };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let lossSum = 0;
    let weightSum = 0;
    for (let start = 0; start < n; start += opts.batchSize) {
      const end = Math.min(n, start + opts.batchSize);
      grad.fill(0);
      let bw = 0;
      for (let b = start; b < end; b++) {
        const i = order[b]!;
        const o = i * p;
        let z = 0;
        for (let j = 0; j < p; j++) z += w[j]! * x[o + j]!;
        const mu = 1 / (1 + Math.exp(-z));
        const y = labels[i] ? 1 : 0;
        const cw = y ? wPos : wNeg;
        const q = Math.min(1 - 1e-15, Math.max(1e-15, mu));
        lossSum -= cw * (y ? Math.log(q) : Math.log(1 - q));
        weightSum += cw;
        bw += cw;
        const r = cw * (mu - y);
        for (let j = 0; j < p; j++) grad[j] += r * x[o + j]!;
      }
      for (let j = 0; j < p; j++) w[j] -= opts.learningRate * (grad[j]! / bw + (j === 0 ? 0 : opts.l2 * w[j]!));
    }
    onEpoch?.(epoch, model, lossSum / weightSum);
  }
  return model;
}
