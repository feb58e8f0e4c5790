// `npm run train` and the retraining job: build the time-split dataset, train the sweep on worker threads, log
// every candidate to the tracking store through the MLflow API (parent run + one child per candidate, per-round
// metric history, final metrics, datasets, artifacts), register the best tree ensemble and point an alias at it.
import type { CustomerFeatures } from '@/lib/data/features';
import type { WorldOptions } from '@/lib/data/generator';
import type { RoundInfo } from '@/lib/ml/gbt';
import { auc } from '@/lib/ml/metrics';
import { CHURN_MODEL, TRAIN_EXPERIMENT } from '@/lib/ml/model-names';
import type { MlflowClient } from '@/lib/tracking/client';
import type { CandidateResult, CandidateTask } from './candidate';
import { buildDataset, DEFAULT_SPLIT, type Dataset, type SplitSpec } from './dataset';
import { logCandidate } from './log-run';
import { packageModel, type ModelPackage } from './package';
import { runCandidates, type PoolOptions } from './pool';
import { DEFAULT_SEED, paramsOf, sweepGrid, type SweepEntry } from './sweep';

export { CHURN_MODEL, TRAIN_EXPERIMENT };

export interface TrainOptions {
  client: MlflowClient;
  seed?: number;
  world?: WorldOptions;
  split?: SplitSpec;
  /** Which alias the new version gets: `champion` for `npm run train`, `challenger` for monitoring's retraining. */
  alias?: 'champion' | 'challenger' | null;
  reason?: string;
  user?: string;
  inline?: boolean;
  spawn?: PoolOptions['spawn'];
  sweep?: SweepEntry[];
  /** Train on these rows instead of the generated world (`world` and `split` are then ignored): monitoring's retraining. */
  dataset?: Dataset;
  /** The parent run's name (default `sweep-seed<seed>`) and extra tags on it, e.g. what triggered a retraining. */
  runName?: string;
  tags?: Record<string, string>;
  /** Put before the registered version's description, e.g. why it was trained. */
  note?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { type: 'data'; dataset: Dataset }
  | { type: 'round'; name: string; info: RoundInfo; maxIter: number }
  | { type: 'candidate'; result: CandidateResult }
  | { type: 'registered'; version: string; alias: string | null };

export interface TrainOutcome {
  parentRunId: string;
  experimentId: string;
  best: CandidateResult;
  baseline: CandidateResult | undefined;
  results: CandidateResult[];
  version: string;
  pkg: ModelPackage;
  baselineTestAuc: number | null;
}

export async function trainAndRegister(opts: TrainOptions): Promise<TrainOutcome> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const { client } = opts;
  const ds = opts.dataset ?? buildDataset({ seed: DEFAULT_SEED, ...opts.world }, opts.split ?? DEFAULT_SPLIT);
  opts.onProgress?.({ type: 'data', dataset: ds });
  const entries = opts.sweep ?? sweepGrid(seed);
  const nFeatures = ds.spec.features.length;
  const arrays = (s: Dataset['train']) => ({ x: s.x, y: s.y, rows: s.rows });
  const records = { train: ds.train.records as CustomerFeatures[], valid: ds.valid.records as CustomerFeatures[], test: ds.test.records as CustomerFeatures[] };
  const tasks: CandidateTask[] = entries.map((e, i) => ({
    id: String(i), name: e.name, config: e.config, nFeatures,
    train: arrays(ds.train), valid: arrays(ds.valid), test: arrays(ds.test),
    ...(e.config.kind === 'logistic' ? { records } : {}),
  }));

  const user = opts.user ?? 'npm run train';
  const now = Date.now;
  const kv = (o: Record<string, string | number>) => Object.entries(o).map(([key, value]) => ({ key, value: String(value) }));
  const experimentId = await client.getOrCreateExperiment(TRAIN_EXPERIMENT, kv({ project: 'streamflow-churn', owner: 'data-science' }));
  const source = kv({ 'mlflow.user': user, 'mlflow.source.type': 'LOCAL', 'mlflow.source.name': 'lib/ml/pipeline/train.ts' });
  const parent = await client.createRun(experimentId, opts.runName ?? `sweep-seed${seed}`, [...source, ...kv(opts.tags ?? {})], now());
  await client.logBatch(parent.run_id, {
    params: kv({ search: 'grid', candidates: entries.length, seed, train_months: ds.split.train.join('..'), valid_month: ds.split.valid, test_month: ds.split.test, train_rows: ds.train.rows }),
  });

  const packages = new Map<string, ModelPackage>();
  const runIds = new Map<string, string>();
  const logged: Promise<unknown>[] = [];
  const results = await runCandidates(tasks, {
    inline: opts.inline,
    spawn: opts.spawn,
    onRound: (id, info) => {
      const e = entries[Number(id)]!;
      opts.onProgress?.({ type: 'round', name: e.name, info, maxIter: e.config.kind === 'gbt' ? e.config.params.maxIter : 1 });
    },
    onDone: (r) => {
      const entry = entries[Number(r.id)]!;
      const pkg = r.kind === 'gbt' ? packageModel(ds, r, { seed, params: paramsOf(entry), name: CHURN_MODEL }) : undefined;
      if (pkg) packages.set(r.id, pkg);
      opts.onProgress?.({ type: 'candidate', result: r });
      logged.push(logCandidate({ client, experimentId, parentRunId: parent.run_id, source, ds, result: r, params: paramsOf(entry), pkg, seed }).then((runId) => runIds.set(r.id, runId)));
    },
  });
  await Promise.all(logged);

  const validAuc = (r: CandidateResult) => packages.get(r.id)?.evaluation.splits.valid.auc ?? -1;
  const best = results.filter((r) => r.kind === 'gbt').sort((a, b) => validAuc(b) - validAuc(a) || Number(a.id) - Number(b.id))[0];
  if (!best) throw new Error('the sweep trained no tree ensemble');
  const baseline = results.find((r) => r.kind === 'logistic');
  const pkg = packages.get(best.id)!;
  const bestRunId = runIds.get(best.id)!;
  pkg.manifest.training!.run_id = bestRunId;

  const baselineTestAuc = baseline ? auc(baseline.pTest, ds.test.y) : null;
  await client.logBatch(parent.run_id, {
    metrics: [
      { key: 'best_val_auc', value: pkg.evaluation.splits.valid.auc, timestamp: now(), step: 0 },
      { key: 'best_test_auc', value: pkg.evaluation.splits.test.auc, timestamp: now(), step: 0 },
      ...(baselineTestAuc !== null ? [{ key: 'baseline_test_auc', value: baselineTestAuc, timestamp: now(), step: 0 }] : []),
    ],
    tags: [{ key: 'best_run_id', value: bestRunId }, { key: 'best_candidate', value: best.name }],
  });
  await client.endRun(parent.run_id, 'FINISHED', now());

  await client.ensureRegisteredModel(CHURN_MODEL, 'StreamFlow churn: gradient-boosted trees trained in the product, Platt-calibrated, served from ONNX.');
  const t = pkg.evaluation;
  const mv = await client.createModelVersion(CHURN_MODEL, `runs:/${bestRunId}/model`, bestRunId,
    `${opts.note ? `${opts.note} ` : ''}${best.name}, seed ${seed}: validation AUC ${t.splits.valid.auc.toFixed(4)}, test AUC ${t.splits.test.auc.toFixed(4)} (${ds.split.test}).`);
  await client.call('POST', 'model-versions/set-tag', { name: CHURN_MODEL, version: mv.version, key: 'threshold', value: String(t.threshold) });
  const alias = opts.alias === undefined ? 'champion' : opts.alias;
  if (alias) await client.setAlias(CHURN_MODEL, alias, mv.version, opts.reason ?? `Best of sweep ${parent.run_id} by validation AUC (${best.name})`);
  opts.onProgress?.({ type: 'registered', version: mv.version, alias });
  return { parentRunId: parent.run_id, experimentId, best, baseline, results, version: mv.version, pkg, baselineTestAuc };
}
