// Registers the model shipped in models/ on a database that has no churn model yet (the demo, and any fresh
// deployment): one run that carries the training's parameters, per-round history, final metrics and the model files,
// version 1 of `streamflow-churn`, and the `champion` alias — so the product serves a real model from the first start
// without training at start-up. `npm run train` adds versions on top of it.
import type { MlflowClient } from '@/lib/tracking/client';
import { roundMetrics, uploadModelFiles } from './log-run';
import type { ModelPackage } from './package';
import { CHURN_MODEL, TRAIN_EXPERIMENT } from '@/lib/ml/model-names';

export async function registerPackage(
  client: MlflowClient,
  pkg: ModelPackage,
  opts: { runName: string; user: string; alias: 'champion' | 'challenger' | null; reason: string; description: string },
): Promise<{ runId: string; version: string }> {
  const kv = (o: Record<string, unknown>) => Object.entries(o).map(([key, value]) => ({ key, value: String(value) }));
  const expId = await client.getOrCreateExperiment(TRAIN_EXPERIMENT, kv({ project: 'streamflow-churn', owner: 'data-science' }));
  const now = Date.now();
  const run = await client.createRun(expId, opts.runName, kv({ 'mlflow.user': opts.user, 'mlflow.source.type': 'LOCAL', 'mlflow.source.name': 'models/', model_kind: pkg.manifest.kind }), now);
  const t = pkg.manifest.training;
  if (t) await client.logBatch(run.run_id, { params: kv({ ...t.params, seed: t.seed }) });
  const history = roundMetrics(pkg.evaluation.history, () => now);
  for (let k = 0; k < history.length; k += 1000) await client.logBatch(run.run_id, { metrics: history.slice(k, k + 1000) });
  const finals = Object.entries(t?.metrics ?? {}).map(([k, value]) => ({ key: k.replace(/^valid_/, 'val_'), value, timestamp: now, step: 0 }));
  finals.push({ key: 'decision_threshold', value: pkg.evaluation.threshold, timestamp: now, step: 0 });
  await client.logBatch(run.run_id, { metrics: finals });

  await uploadModelFiles(client, run.artifact_uri, pkg, run.run_id);
  await client.endRun(run.run_id, 'FINISHED', Date.now());

  await client.ensureRegisteredModel(CHURN_MODEL, 'StreamFlow churn: gradient-boosted trees trained in the product, Platt-calibrated, served from ONNX.');
  const mv = await client.createModelVersion(CHURN_MODEL, `runs:/${run.run_id}/model`, run.run_id, opts.description);
  await client.call('POST', 'model-versions/set-tag', { name: CHURN_MODEL, version: mv.version, key: 'threshold', value: String(pkg.evaluation.threshold) });
  if (opts.alias) await client.setAlias(CHURN_MODEL, opts.alias, mv.version, opts.reason);
  return { runId: run.run_id, version: mv.version };
}
