// Turns a trained, calibrated candidate into the files a served model is made of: the ONNX graph, its manifest, the
// reference rows, the exact TreeSHAP covers and the evaluation (charts' data, importance, dependence). The same
// files go to the run's artifacts, to the registry, and — for the default seed — to models/.
import { createHash } from 'node:crypto';
import { evaluateBinary } from '@/lib/ml/evaluation';
import { dependence, globalImportance } from '@/lib/ml/explain/global';
import { shapMatrix } from '@/lib/ml/explain/tree-shap';
import type { RoundInfo } from '@/lib/ml/gbt';
import type { ModelManifest } from '@/lib/ml/manifest';
import { exportTreeEnsembleOnnx } from '@/lib/ml/onnx/export';
import type { CandidateResult } from './candidate';
import { evenSample, featureRecord, type Dataset } from './dataset';

export const MODEL_FILES = {
  onnx: 'model.onnx',
  manifest: 'manifest.json',
  reference: 'reference.json',
  covers: 'covers.json',
  evaluation: 'evaluation.json',
} as const;

export interface ModelPackage {
  onnx: Uint8Array;
  manifest: ModelManifest;
  reference: { rows: Record<string, unknown>[] };
  covers: { trees: number[][] };
  evaluation: ModelEvaluation;
}

export interface ModelEvaluation {
  threshold: number;
  threshold_rule: string;
  calibration: { method: 'platt'; a: number; b: number };
  splits: { valid: ReturnType<typeof evaluateBinary>; test: ReturnType<typeof evaluateBinary> };
  uncalibrated: { valid: { ece: number; log_loss: number; brier: number }; test: { ece: number; log_loss: number; brier: number } };
  history: RoundInfo[];
  importance: { feature: string; mean_abs_shap: number }[];
  dependence: Record<string, { x: (number | null)[]; shap: number[] }>;
  expected_value: number;
  shap_rows: number;
}

/** The threshold that maximises F1 on the validation split (the decision stored with the version until an ROI policy exists). */
export function bestF1Threshold(p: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b]! - p[a]!);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] ? 1 : 0;
  let tp = 0;
  let best = { f1: -1, t: 0.5 };
  for (let k = 0; k < idx.length; k++) {
    tp += y[idx[k]!] ? 1 : 0;
    const next = p[idx[k + 1]!];
    if (next !== undefined && next === p[idx[k]!]) continue; // one threshold per distinct score
    const f1 = (2 * tp) / (k + 1 + positives);
    if (f1 > best.f1) best = { f1, t: p[idx[k]!]! };
  }
  return Math.round(best.t * 1e4) / 1e4;
}

const SHAP_ROWS = 2000;
const DEPENDENCE_POINTS = 400;

export function packageModel(ds: Dataset, c: CandidateResult, opts: { seed: number; params: Record<string, string | number>; name: string }): ModelPackage {
  if (!c.model || !c.calibration) throw new Error(`${c.name} is not a tree ensemble`);
  const model = c.model;
  const nFeatures = ds.spec.features.length;
  const threshold = bestF1Threshold(c.pValid, ds.valid.y);
  const valid = evaluateBinary(c.pValid, ds.valid.y, threshold);
  const test = evaluateBinary(c.pTest, ds.test.y, threshold);
  const rawV = evaluateBinary(c.pValidRaw, ds.valid.y, threshold);
  const rawT = evaluateBinary(c.pTestRaw, ds.test.y, threshold);

  // Explanations on an even sample of the test month.
  const idx = evenSample(Array.from({ length: ds.test.rows }, (_, i) => i), SHAP_ROWS);
  const xs = new Float32Array(idx.length * nFeatures);
  idx.forEach((r, i) => xs.set(ds.test.x.subarray(r * nFeatures, (r + 1) * nFeatures), i * nFeatures));
  const shap = shapMatrix(model, xs, idx.length);
  const imp = globalImportance(shap.values, idx.length, nFeatures);
  const names = ds.spec.features.map((f) => f.name);
  const importance = names.map((feature, j) => ({ feature, mean_abs_shap: imp[j]! })).sort((a, b) => b.mean_abs_shap - a.mean_abs_shap);
  const dep: ModelEvaluation['dependence'] = {};
  names.forEach((f, j) => (dep[f] = dependence(shap.values, xs, idx.length, nFeatures, j, DEPENDENCE_POINTS, opts.seed)));

  const metrics: Record<string, number> = {};
  for (const [split, e] of [['valid', valid], ['test', test]] as const) {
    for (const k of ['auc', 'pr_auc', 'log_loss', 'brier', 'accuracy', 'precision', 'recall', 'f1', 'ece'] as const) metrics[`${split}_${k}`] = e[k];
  }
  const onnx = exportTreeEnsembleOnnx(model, {
    inputName: 'X',
    docString: `${opts.name}: StreamFlow churn, ${c.name}, Platt-calibrated (folded into the leaves)`,
    metadata: { features: names.join(','), threshold: String(threshold) },
  });
  const manifest: ModelManifest = {
    schema_version: 1,
    kind: 'tree_ensemble',
    description: `Gradient-boosted trees (${c.bestRound} trees) trained in TypeScript on ${ds.world ? 'StreamFlow' : 'the labelled prediction log'} ${ds.split.train.join('..')}, calibrated on ${ds.split.valid}, tested on ${ds.split.test}.`,
    features: ds.spec.features,
    input: { kind: 'tensor', name: 'X' },
    probabilities_output: 'probabilities',
    threshold,
    missing_values: 'null encodes as NaN; each split sends NaN the way learned in training (nodes_missing_value_tracks_true)',
    calibration: { method: 'platt', a: c.calibration.a, b: c.calibration.b, fitted_on: `validation (${ds.split.valid})`, in_graph: true },
    reference_rows: evenSample(ds.test.records, 5).map(featureRecord),
    reference_file: MODEL_FILES.reference,
    covers_file: MODEL_FILES.covers,
    training: {
      seed: opts.seed,
      params: { ...opts.params, candidate: c.name, trees: c.bestRound, sha256: createHash('sha256').update(onnx).digest('hex') },
      data: {
        ...(ds.world ? { generator: 'lib/data/generator.ts', world: ds.world } : { source: ds.source ?? 'unknown', months: { train: ds.train.months, valid: ds.valid.months, test: ds.test.months } }),
        split: ds.split,
        rows: { train: ds.train.rows, valid: ds.valid.rows, test: ds.test.rows },
      },
      metrics,
    },
  };
  return {
    onnx,
    manifest,
    reference: { rows: evenSample(ds.train.records, 1000).map(featureRecord) },
    covers: { trees: model.trees.map((t) => Array.from(t.cover)) },
    evaluation: {
      threshold,
      threshold_rule: 'maximum F1 on the validation split',
      calibration: { method: 'platt', ...c.calibration },
      splits: { valid, test },
      uncalibrated: {
        valid: { ece: rawV.ece, log_loss: rawV.log_loss, brier: rawV.brier },
        test: { ece: rawT.ece, log_loss: rawT.log_loss, brier: rawT.brier },
      },
      history: c.history,
      importance,
      dependence: dep,
      expected_value: shap.expectedValue,
      shap_rows: idx.length,
    },
  };
}
