// Logs one trained candidate as a child run: parameters, the three datasets, per-round metric history, final
// validation and test metrics (calibrated, plus the uncalibrated ECE to show what calibration did, and EMP — the
// retention campaign's expected maximum profit per customer, lib/roi/model-metric.ts), and artifacts —
// the ONNX model with its manifest, reference rows, covers and evaluation for tree ensembles; coefficients for the
// logistic baseline.
import { evaluateBinary } from '@/lib/ml/evaluation';
import { churnEmp } from '@/lib/roi/model-metric';
import type { MlflowClient } from '@/lib/tracking/client';
import type { CandidateResult } from './candidate';
import type { Dataset } from './dataset';
import { MODEL_FILES, type ModelPackage } from './package';

type KV = { key: string; value: string };
type Metric = { key: string; value: number; timestamp: number; step: number };

const FINAL_KEYS = ['auc', 'pr_auc', 'log_loss', 'brier', 'accuracy', 'precision', 'recall', 'f1', 'ece'] as const;

/**
 * Per-round history as metrics. The AUC gets its own key: the final `val_auc` is the kept (early-stopped,
 * calibrated) model's, and MLflow's "latest value" of a key is its highest step, which would otherwise be the last
 * round trained rather than the model kept.
 */
export function roundMetrics(history: ModelPackage['evaluation']['history'], timestampOf: (round: number) => number): Metric[] {
  return history.flatMap((h) => {
    const ts = timestampOf(h.round);
    return [
      { key: 'train_loss', value: h.trainLoss, timestamp: ts, step: h.round },
      ...(h.validLoss !== undefined ? [{ key: 'val_loss', value: h.validLoss, timestamp: ts, step: h.round }] : []),
      ...(h.validAuc !== undefined ? [{ key: 'val_auc_round', value: h.validAuc, timestamp: ts, step: h.round }] : []),
    ];
  });
}

/** The model files under `model/` of a run: what the registry version's `runs:/<id>/model` source points at. */
export async function uploadModelFiles(client: MlflowClient, artifactUri: string, pkg: ModelPackage, runId: string): Promise<void> {
  const manifest = { ...pkg.manifest, ...(pkg.manifest.training ? { training: { ...pkg.manifest.training, run_id: runId } } : {}) };
  await client.uploadArtifact(artifactUri, `model/${MODEL_FILES.onnx}`, pkg.onnx);
  await client.uploadArtifact(artifactUri, `model/${MODEL_FILES.manifest}`, JSON.stringify(manifest, null, 2));
  await client.uploadArtifact(artifactUri, `model/${MODEL_FILES.reference}`, JSON.stringify(pkg.reference));
  await client.uploadArtifact(artifactUri, `model/${MODEL_FILES.covers}`, JSON.stringify(pkg.covers));
  await client.uploadArtifact(artifactUri, `model/${MODEL_FILES.evaluation}`, JSON.stringify(pkg.evaluation));
}

export function datasetInputs(ds: Dataset, seed: number) {
  const one = (context: string, s: Dataset['train']) => ({
    tags: [{ key: 'mlflow.data.context', value: context }],
    dataset: {
      name: `streamflow-${context}`,
      digest: `${ds.world ? `world-seed${ds.world.seed}` : 'prediction-log'}-${s.months[0]}..${s.months.at(-1)}-${s.rows}`,
      source_type: ds.world ? 'code' : 'database',
      source: ds.world ? 'lib/data/generator.ts' : (ds.source ?? 'unknown'),
      schema: JSON.stringify({ mlflow_colspec: ds.spec.features.map((f) => ({ name: f.name, type: f.type === 'numeric' ? 'double' : f.type === 'boolean' ? 'boolean' : 'string' })) }),
      profile: JSON.stringify({ num_rows: s.rows, months: s.months, churn_rate: s.y.reduce((a, b) => a + b, 0) / s.rows, split_seed: seed }),
    },
  });
  return [one('train', ds.train), one('validation', ds.valid), one('test', ds.test)];
}

export async function logCandidate(a: {
  client: MlflowClient;
  experimentId: string;
  parentRunId: string;
  source: KV[];
  ds: Dataset;
  result: CandidateResult;
  params: Record<string, string | number>;
  pkg: ModelPackage | undefined;
  seed: number;
}): Promise<string> {
  const { client, result: r, ds, pkg } = a;
  const now = Date.now();
  const run = await client.createRun(a.experimentId, r.name, [...a.source, { key: 'mlflow.parentRunId', value: a.parentRunId }, { key: 'model_kind', value: r.kind }], now);
  await client.logBatch(run.run_id, {
    params: Object.entries({ ...a.params, train_rows: ds.train.rows, trees: r.bestRound, rounds_trained: r.rounds }).map(([key, value]) => ({ key, value: String(value) })),
    tags: [{ key: 'training_seconds', value: r.seconds.toFixed(2) }],
  });
  await client.logInputs(run.run_id, datasetInputs(ds, a.seed));

  // Rounds are logged with synthetic timestamps spread over the training time, so time axes read sensibly.
  const t0 = now - r.seconds * 1000;
  const history = roundMetrics(r.history, (round) => Math.round(t0 + (round / Math.max(1, r.rounds)) * r.seconds * 1000));
  for (let k = 0; k < history.length; k += 1000) await client.logBatch(run.run_id, { metrics: history.slice(k, k + 1000) });

  const threshold = pkg?.evaluation.threshold ?? 0.5;
  const valid = pkg?.evaluation.splits.valid ?? evaluateBinary(r.pValid, ds.valid.y, threshold);
  const test = pkg?.evaluation.splits.test ?? evaluateBinary(r.pTest, ds.test.y, threshold);
  const finals: Metric[] = [];
  for (const [split, e] of [['val', valid], ['test', test]] as const) {
    for (const k of FINAL_KEYS) if (Number.isFinite(e[k])) finals.push({ key: `${split}_${k}`, value: e[k], timestamp: now, step: r.bestRound });
  }
  // EMP ($ per customer) beside AUC: a run metric only — never in evaluation.json or the manifest, which the shipped
  // model's reproducibility test compares byte for byte.
  for (const [split, p, s] of [['val', r.pValid, ds.valid], ['test', r.pTest, ds.test]] as const) {
    const value = churnEmp(p, s.y, s.records.map((x) => x.monthly_charge));
    if (value !== null) finals.push({ key: `${split}_emp`, value, timestamp: now, step: r.bestRound });
  }
  if (pkg) {
    finals.push({ key: 'val_ece_uncalibrated', value: pkg.evaluation.uncalibrated.valid.ece, timestamp: now, step: r.bestRound });
    finals.push({ key: 'test_ece_uncalibrated', value: pkg.evaluation.uncalibrated.test.ece, timestamp: now, step: r.bestRound });
    finals.push({ key: 'decision_threshold', value: threshold, timestamp: now, step: r.bestRound });
  }
  await client.logBatch(run.run_id, { metrics: finals });

  if (pkg) {
    await uploadModelFiles(client, run.artifact_uri, pkg, run.run_id);
  } else if (r.logistic) {
    await client.uploadArtifact(run.artifact_uri, 'model/logistic.json', JSON.stringify({ kind: 'logistic_regression', encoding: 'lib/data/evaluation.ts fitEncoder', intercept_first: true, weights: r.logistic.weights }));
    await client.uploadArtifact(run.artifact_uri, 'evaluation.json', JSON.stringify({ threshold, splits: { valid, test } }));
  }
  await client.endRun(run.run_id, 'FINISHED', Date.now());
  return run.run_id;
}
