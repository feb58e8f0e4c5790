// One sweep candidate, trained and scored: a gradient-boosted ensemble (calibrated with Platt scaling on the
// validation split, folded into its leaves) or the logistic-regression baseline. Pure and synchronous, so it runs
// the same inside a worker thread (`npm run train`, the retraining job) and inline (tests).
import type { CustomerFeatures } from '@/lib/data/features';
import { fitLogistic } from '@/lib/data/evaluation';
import { fitPlatt } from '@/lib/ml/calibration';
import { trainGbt, type GbtParams, type RoundInfo } from '@/lib/ml/gbt';
import { predictMargin, sigmoid, type TreeEnsemble } from '@/lib/ml/tree-ensemble';

export interface SplitArrays {
  x: Float32Array;
  y: Uint8Array;
  rows: number;
}

export interface CandidateTask {
  id: string;
  name: string;
  config: { kind: 'gbt'; params: GbtParams } | { kind: 'logistic'; l2: number };
  nFeatures: number;
  train: SplitArrays;
  valid: SplitArrays;
  test: SplitArrays;
  /** Raw training/validation/test records — only the logistic baseline uses them (its own one-hot encoder). */
  records?: { train: CustomerFeatures[]; valid: CustomerFeatures[]; test: CustomerFeatures[] };
}

export interface CandidateResult {
  id: string;
  name: string;
  kind: 'gbt' | 'logistic';
  history: RoundInfo[];
  rounds: number;
  bestRound: number;
  seconds: number;
  /** Calibrated probabilities on the validation and test splits. */
  pValid: Float64Array;
  pTest: Float64Array;
  /** Uncalibrated probabilities, to show what calibration changed. */
  pValidRaw: Float64Array;
  pTestRaw: Float64Array;
  /** GBT only: the calibrated ensemble (Platt folded in) and the calibration applied. */
  model?: TreeEnsemble;
  calibration?: { a: number; b: number };
  /** Logistic only: intercept first, then the weights of its encoded design. */
  logistic?: { weights: number[] };
}

/** Platt scaling is linear in log-odds, so it folds exactly into an ensemble: every leaf × a, base × a + b. */
export function foldPlatt(model: TreeEnsemble, a: number, b: number): TreeEnsemble {
  return {
    ...model,
    baseValue: Math.fround(model.baseValue * a + b),
    trees: model.trees.map((t) => ({ ...t, value: Float32Array.from(t.value, (v) => Math.fround(v * a)) })),
  };
}

const probs = (m: Float64Array) => Float64Array.from(m, sigmoid);

export function trainCandidate(task: CandidateTask, onRound: (info: RoundInfo) => void = () => {}): CandidateResult {
  const t0 = performance.now();
  if (task.config.kind === 'logistic') {
    if (!task.records) throw new Error('the logistic baseline needs the raw records');
    const m = fitLogistic(task.records.train, task.train.y, { l2: task.config.l2 });
    const pValid = Float64Array.from(task.records.valid, (r) => m.predict(r));
    const pTest = Float64Array.from(task.records.test, (r) => m.predict(r));
    return {
      id: task.id, name: task.name, kind: 'logistic', history: [], rounds: 1, bestRound: 1,
      seconds: (performance.now() - t0) / 1000,
      pValid, pTest, pValidRaw: pValid, pTestRaw: pTest,
      logistic: { weights: Array.from(m.weights) },
    };
  }
  const { model, rounds, bestRound, history } = trainGbt({
    x: task.train.x, y: task.train.y, rows: task.train.rows, nFeatures: task.nFeatures,
    valid: task.valid, params: task.config.params, onRound,
  });
  const validMargin = predictMargin(model, task.valid.x, task.valid.rows);
  const testMargin = predictMargin(model, task.test.x, task.test.rows);
  const { a, b } = fitPlatt(validMargin, task.valid.y);
  const calibrated = foldPlatt(model, a, b);
  return {
    id: task.id, name: task.name, kind: 'gbt', history, rounds, bestRound,
    seconds: (performance.now() - t0) / 1000,
    pValidRaw: probs(validMargin), pTestRaw: probs(testMargin),
    pValid: probs(predictMargin(calibrated, task.valid.x, task.valid.rows)),
    pTest: probs(predictMargin(calibrated, task.test.x, task.test.rows)),
    model: calibrated, calibration: { a, b },
  };
}
