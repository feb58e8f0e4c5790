// The demo's experiment: a real hyperparameter sweep of the logistic-regression baseline on the StreamFlow world,
// logged through the MLflow REST API as a parent run with one child per configuration, per-epoch metric histories,
// final validation and test metrics, the dataset, a model artifact, and the two best versions registered with the
// `champion` and `challenger` aliases. (The gradient-boosted model and `npm run train` replace it with the model issue.)
import type { CustomerFeatures } from '@/lib/data/features';
import type { GeneratedSnapshot } from '@/lib/data/generator';
import { auc, averagePrecision, brier, logLoss } from '@/lib/ml/metrics';
import { encodeRows, trainLogisticSgd, type SgdOptions } from '@/lib/ml/logistic-sgd';
import { churnEmp } from '@/lib/roi/model-metric';
import type { MlflowClient } from './client';

export const SWEEP_EXPERIMENT = 'streamflow-churn-baseline-sweep';
export const BASELINE_MODEL = 'streamflow-churn-baseline';

export interface SweepData {
  train: GeneratedSnapshot[];
  valid: GeneratedSnapshot[];
  test: GeneratedSnapshot[];
  months: { train: string[]; valid: string[]; test: string[] };
}

/** Time split: train on the first months, validate on the next two, test on the one after — never rows across months. */
export function splitByMonth(rows: Iterable<GeneratedSnapshot>, months: string[], maxRows = 12_000): SweepData {
  const trainMonths = months.slice(0, 10);
  const validMonths = months.slice(10, 12);
  const testMonths = months.slice(12, 13);
  const data: SweepData = { train: [], valid: [], test: [], months: { train: trainMonths, valid: validMonths, test: testMonths } };
  for (const r of rows) {
    if (r.churned === null) continue;
    if (trainMonths.includes(r.month)) data.train.push(r);
    else if (validMonths.includes(r.month)) data.valid.push(r);
    else if (testMonths.includes(r.month)) data.test.push(r);
  }
  // An even subsample keeps the sweep to seconds at start-up; every month stays represented.
  const thin = (xs: GeneratedSnapshot[]) => (xs.length <= maxRows ? xs : Array.from({ length: maxRows }, (_, i) => xs[Math.floor((i * xs.length) / maxRows)]!));
  return { ...data, train: thin(data.train), valid: thin(data.valid), test: thin(data.test) };
}

export function sweepGrid(): (Omit<SgdOptions, 'seed'> & { name: string })[] {
  const grid = [];
  for (const learningRate of [0.03, 0.1, 0.3])
    for (const l2 of [0, 0.0001, 0.001, 0.01])
      for (const classWeight of ['none', 'balanced'] as const)
        grid.push({ name: `lr${learningRate}-l2_${l2}-${classWeight}`, learningRate, l2, classWeight, epochs: 15, batchSize: 256 });
  return grid;
}

const labelsOf = (rows: GeneratedSnapshot[]) => Float64Array.from(rows, (r) => (r.churned ? 1 : 0));

export async function runDemoSweep(client: MlflowClient, data: SweepData, opts: { user: string; now: () => number; seed: number }) {
  const kv = (o: Record<string, string | number>) => Object.entries(o).map(([key, value]) => ({ key, value: String(value) }));
  const expId = await client.getOrCreateExperiment(SWEEP_EXPERIMENT, kv({ project: 'streamflow-churn', owner: 'data-science' }));
  const source = kv({ 'mlflow.user': opts.user, 'mlflow.source.type': 'LOCAL', 'mlflow.source.name': 'lib/tracking/demo-sweep.ts' });
  const parent = await client.createRun(expId, 'baseline-sweep', source, opts.now());
  const grid = sweepGrid();
  await client.logBatch(parent.run_id, {
    params: kv({ model: 'logistic_regression', search: 'grid', configurations: grid.length, train_months: `${data.months.train[0]}..${data.months.train.at(-1)}` }),
  });
  const dataset = (split: string, rows: number) => ({
    name: `streamflow-${split}`,
    digest: `seed${opts.seed}-${split}-${rows}`,
    source_type: 'code',
    source: 'lib/data/generator.ts',
    profile: JSON.stringify({ num_rows: rows, months: data.months[split as keyof SweepData['months']] }),
  });
  const yTrain = labelsOf(data.train);
  const yValid = labelsOf(data.valid);
  const yTest = labelsOf(data.test);
  const results: { runId: string; artifactUri: string; valAuc: number; name: string }[] = [];

  for (const cfg of grid) {
    const child = await client.createRun(expId, cfg.name, [...source, { key: 'mlflow.parentRunId', value: parent.run_id }], opts.now());
    await client.logBatch(child.run_id, {
      params: kv({ model: 'logistic_regression', learning_rate: cfg.learningRate, l2: cfg.l2, class_weight: cfg.classWeight, epochs: cfg.epochs, batch_size: cfg.batchSize, feature_set: 'all-20', train_rows: data.train.length, seed: opts.seed }),
    });
    await client.logInputs(child.run_id, [
      { tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset: dataset('train', data.train.length) },
      { tags: [{ key: 'mlflow.data.context', value: 'validation' }], dataset: dataset('valid', data.valid.length) },
      { tags: [{ key: 'mlflow.data.context', value: 'test' }], dataset: dataset('test', data.test.length) },
    ]);
    const history: { key: string; value: number; timestamp: number; step: number }[] = [];
    let xValid: Float64Array | null = null;
    const model = trainLogisticSgd(data.train as CustomerFeatures[], yTrain, { ...cfg, seed: opts.seed }, (epoch, m, trainLoss) => {
      xValid ??= encodeRows(m.encoder, data.valid);
      const p = m.predictMatrix(xValid, data.valid.length);
      const t = opts.now();
      history.push(
        { key: 'train_loss', value: trainLoss, timestamp: t, step: epoch },
        { key: 'val_loss', value: logLoss(p, yValid), timestamp: t, step: epoch },
        { key: 'val_auc', value: auc(p, yValid), timestamp: t, step: epoch },
        { key: 'val_pr_auc', value: averagePrecision(p, yValid), timestamp: t, step: epoch },
      );
    });
    for (let k = 0; k < history.length; k += 1000) await client.logBatch(child.run_id, { metrics: history.slice(k, k + 1000) });
    const pTest = model.predictMatrix(encodeRows(model.encoder, data.test), data.test.length);
    const pValid = model.predictMatrix(encodeRows(model.encoder, data.valid), data.valid.length);
    const valAuc = history.filter((h) => h.key === 'val_auc').at(-1)!.value;
    const t = opts.now();
    // EMP ($ per customer, lib/roi/model-metric.ts) beside AUC, as the training pipeline logs it.
    const empOf = (key: string, p: Float64Array, y: Float64Array, rows: GeneratedSnapshot[]) => {
      const value = churnEmp(p, y, rows.map((r) => r.monthly_charge));
      return value === null ? [] : [{ key, value, timestamp: t, step: cfg.epochs }];
    };
    await client.logBatch(child.run_id, {
      metrics: [
        ...empOf('val_emp', pValid, yValid, data.valid),
        ...empOf('test_emp', pTest, yTest, data.test),
        { key: 'test_auc', value: auc(pTest, yTest), timestamp: t, step: cfg.epochs },
        { key: 'test_pr_auc', value: averagePrecision(pTest, yTest), timestamp: t, step: cfg.epochs },
        { key: 'test_log_loss', value: logLoss(pTest, yTest), timestamp: t, step: cfg.epochs },
        { key: 'test_brier', value: brier(pTest, yTest), timestamp: t, step: cfg.epochs },
      ],
    });
    await client.uploadArtifact(child.artifact_uri, 'model/logistic.json', JSON.stringify({ kind: 'logistic_regression', intercept_first: true, weights: Array.from(model.weights) }));
    await client.endRun(child.run_id, 'FINISHED', opts.now());
    results.push({ runId: child.run_id, artifactUri: child.artifact_uri, valAuc, name: cfg.name });
  }

  results.sort((a, b) => b.valAuc - a.valAuc);
  const best = results[0]!;
  await client.logBatch(parent.run_id, {
    metrics: [{ key: 'best_val_auc', value: best.valAuc, timestamp: opts.now(), step: 0 }],
    tags: [{ key: 'best_run_id', value: best.runId }],
  });
  await client.endRun(parent.run_id, 'FINISHED', opts.now());

  await client.ensureRegisteredModel(BASELINE_MODEL, 'Logistic-regression baseline for StreamFlow churn (the demo sweep). Until the gradient-boosted model lands.');
  const second = await client.createModelVersion(BASELINE_MODEL, `runs:/${results[1]!.runId}/model`, results[1]!.runId, `${results[1]!.name} (val AUC ${results[1]!.valAuc.toFixed(4)})`);
  const first = await client.createModelVersion(BASELINE_MODEL, `runs:/${best.runId}/model`, best.runId, `${best.name} (val AUC ${best.valAuc.toFixed(4)})`);
  await client.setAlias(BASELINE_MODEL, 'challenger', second.version, 'Runner-up of the demo sweep by validation AUC');
  await client.setAlias(BASELINE_MODEL, 'champion', first.version, 'Best of the demo sweep by validation AUC');
  return { experimentId: expId, parentRunId: parent.run_id, runs: results.length, best };
}
