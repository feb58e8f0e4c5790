// The training pipeline end to end on a small world: a sweep logged through the MLflow API in-process, the best
// version registered as champion, its files complete and servable, and the served model following the alias.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { getAlias, getModelVersions } from '@/db/queries/registry';
import { findExperimentByName } from '@/db/queries/tracking-experiments';
import { getRuns, metricHistory } from '@/db/queries/tracking-runs';
import { searchRunIds } from '@/db/queries/tracking-search';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { modelManifestSchema } from '@/lib/ml/manifest';
import { OnnxScorer } from '@/lib/ml/onnx/load';
import { predictProba } from '@/lib/ml/tree-ensemble';
import { encodeRows } from '@/lib/ml/encoder';
import { getServedModel, explainRows } from '@/lib/serving/served-model';
import { mlflowClient } from '@/lib/tracking/client';
import { inProcessTransport } from '@/lib/tracking/in-process';
import { moveAlias } from '@/lib/tracking/registry-service';
import { readVersionFile } from '@/lib/tracking/version-files';
import { DEFAULT_GBT_PARAMS } from '@/lib/ml/gbt';
import { CHURN_MODEL, TRAIN_EXPERIMENT } from '@/lib/ml/model-names';
import { trainAndRegister, type TrainOutcome } from './train';
import type { SweepEntry } from './sweep';

const WORLD = { seed: 7, activeCustomers: 1500, months: 15 };
const small = (name: string, p: Partial<typeof DEFAULT_GBT_PARAMS>): SweepEntry => ({
  name,
  config: { kind: 'gbt', params: { ...DEFAULT_GBT_PARAMS, maxIter: 40, earlyStopping: { rounds: 10, tol: 1e-7 }, seed: 7, ...p } },
});
const SWEEP: SweepEntry[] = [small('gbt-a', { maxLeafNodes: 15 }), small('gbt-b', { maxLeafNodes: 7, learningRate: 0.2 }), { name: 'logistic-baseline', config: { kind: 'logistic', l2: 1e-3 } }];

describe.each(testDrivers())('training pipeline on %s', (driver) => {
  let h: DbHandle;
  let out: TrainOutcome;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    const key = await createApiKey(h.db, { type: 'system', id: null, label: 'test' }, { name: 'train', scopes: ['tracking'] });
    const client = mlflowClient({ baseUrl: 'http://in-process', token: key.key, transport: inProcessTransport() });
    out = await trainAndRegister({ client, seed: 7, world: WORLD, sweep: SWEEP, inline: true });
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('logs a parent run with one finished child per candidate, per-round history and final metrics', async () => {
    const exp = (await findExperimentByName({ db: h.db, name: TRAIN_EXPERIMENT }))!;
    const { runIds } = await searchRunIds({ db: h.db, search: { experimentIds: [exp.experimentId], filter: [], orderBy: [], runViewType: 'ALL', maxResults: 100, offset: 0 } });
    const runs = await getRuns({ db: h.db, ids: runIds });
    const children = runs.filter((r) => r.info.parentRunId === out.parentRunId);
    expect(children.map((c) => c.info.runName).sort()).toEqual(['gbt-a', 'gbt-b', 'logistic-baseline']);
    for (const c of children) {
      expect(c.info.status).toBe('FINISHED');
      const keys = c.metrics.map((m) => m.key);
      expect(keys).toEqual(expect.arrayContaining(['val_auc', 'test_auc', 'test_pr_auc', 'test_log_loss', 'test_brier', 'test_f1', 'test_ece', 'val_emp', 'test_emp']));
      // EMP is dollars per customer, and never negative: contacting nobody is always an option.
      for (const k of ['val_emp', 'test_emp']) expect(c.metrics.find((m) => m.key === k)!.value).toBeGreaterThanOrEqual(0);
      expect(c.inputs.map((i) => i.tags.find((t) => t.key === 'mlflow.data.context')?.value).sort()).toEqual(['test', 'train', 'validation']);
    }
    const best = children.find((c) => c.info.runId === out.pkg.manifest.training!.run_id)!;
    const history = await metricHistory({ db: h.db, runId: best.info.runId, key: "val_loss", limit: 100000 });
    expect(history.length).toBe(out.best.rounds);
    expect(best.params.find((p) => p.key === 'model')?.value).toBe('hist_gradient_boosting');
    const parent = runs.find((r) => r.info.runId === out.parentRunId)!;
    expect(parent.tags.find((t) => t.key === 'best_run_id')?.value).toBe(best.info.runId);
  });

  it('beats the logistic baseline and calibrates: Platt lowers the validation ECE', () => {
    const ev = out.pkg.evaluation;
    expect(ev.splits.test.auc).toBeGreaterThan(0.75);
    expect(out.baselineTestAuc).not.toBeNull();
    expect(ev.splits.valid.ece).toBeLessThanOrEqual(ev.uncalibrated.valid.ece + 1e-9);
    expect(ev.threshold).toBeGreaterThan(0);
    expect(ev.threshold).toBeLessThan(1);
  });

  it('registers the best as champion with complete files whose ONNX scores equal the in-memory model', async () => {
    const version = Number(out.version);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'champion' })).toBe(version);
    const [v] = await getModelVersions({ db: h.db, keys: [{ name: CHURN_MODEL, version }] });
    expect(v!.tags).toContainEqual({ key: 'threshold', value: String(out.pkg.evaluation.threshold) });
    for (const f of ['model.onnx', 'manifest.json', 'reference.json', 'covers.json', 'evaluation.json']) expect(await readVersionFile(h.db, CHURN_MODEL, version, f)).not.toBeNull();
    const manifest = modelManifestSchema.parse(JSON.parse((await readVersionFile(h.db, CHURN_MODEL, version, 'manifest.json'))!.toString()));
    expect(manifest.training!.run_id).toBe(v!.runId);
    const scorer = await OnnxScorer.create(out.pkg.onnx, manifest);
    const rows = out.pkg.reference.rows.slice(0, 300);
    const p = await scorer.score(rows);
    const expected = predictProba(out.best.model!, encodeRows({ features: manifest.features }, rows), rows.length);
    for (let i = 0; i < rows.length; i++) expect(Math.abs(p[i]! - expected[i]!)).toBeLessThan(1e-6);
    await scorer.release();
  });

  it('serves the champion, explains it additively, and follows an alias move without a restart', async () => {
    const served = await getServedModel(h.db);
    expect(served.version).toBe(Number(out.version));
    const [e] = await explainRows(served, out.pkg.manifest.reference_rows.slice(0, 1));
    const sum = Object.values(e!.contributions).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum + e!.expectedValue - e!.margin)).toBeLessThan(1e-6);
    const p = (await served.scorer.score(out.pkg.manifest.reference_rows.slice(0, 1)))[0]!;
    expect(Math.abs(1 / (1 + Math.exp(-e!.margin)) - p)).toBeLessThan(1e-6);

    // A second version (the same files) becomes champion: the next request is served by it.
    const client = mlflowClient({ baseUrl: 'http://in-process', token: (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'k2', scopes: ['tracking'] })).key, transport: inProcessTransport() });
    const v2 = await client.createModelVersion(CHURN_MODEL, `runs:/${out.pkg.manifest.training!.run_id}/model`, out.pkg.manifest.training!.run_id!, 'copy');
    await moveAlias({ db: h.db, audit: async () => {}, name: CHURN_MODEL, alias: 'champion', version: Number(v2.version), reason: 'test' });
    expect((await getServedModel(h.db)).version).toBe(Number(v2.version));
  });
});
