// The demo sweep goes through the MLflow API in-process and leaves a complete, queryable experiment behind.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_MODEL, SWEEP_EXPERIMENT } from '@/lib/tracking/demo-sweep';
import { setDbHandle, type DbHandle } from '../client';
import { seedDemoSweep } from '../seed';
import { openTestDb, testDrivers } from '../test-utils';
import { listApiKeys } from './api-keys';
import { getAlias, getModelVersions } from './registry';
import { findExperimentByName } from './tracking-experiments';
import { bucketedHistory } from './tracking-history';
import { getRuns, logBatch, metricHistory } from './tracking-runs';
import { rebuildRollups } from './tracking-rollups';
import { searchRunIds } from './tracking-search';

describe.each(testDrivers())('demo sweep on %s', (driver) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(driver);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('logs a parent with 24 children, histories per epoch, and registers the two best', async () => {
    const r = await seedDemoSweep(h, { seed: 3, activeCustomers: 800, months: 14 });
    expect(r).toMatchObject({ seeded: true, runs: 24 });
    expect((await seedDemoSweep(h, { seed: 3, activeCustomers: 800, months: 14 })).seeded).toBe(false);

    const exp = (await findExperimentByName({ db: h.db, name: SWEEP_EXPERIMENT }))!;
    const { runIds } = await searchRunIds({ db: h.db, search: { experimentIds: [exp.experimentId], filter: [], orderBy: [], runViewType: 'ALL', maxResults: 100, offset: 0 } });
    const runs = await getRuns({ db: h.db, ids: runIds });
    const parent = runs.find((x) => x.info.runName === 'baseline-sweep')!;
    const children = runs.filter((x) => x.info.parentRunId === parent.info.runId);
    expect(runs).toHaveLength(25);
    expect(children).toHaveLength(24);
    for (const c of children) {
      expect(c.info.status).toBe('FINISHED');
      expect(c.params.map((p) => p.key)).toEqual(expect.arrayContaining(['learning_rate', 'l2', 'class_weight', 'epochs']));
      const auc = c.metrics.find((m) => m.key === 'val_auc')!;
      expect(auc.step).toBe(15);
      expect(auc.value).toBeGreaterThan(0.5);
      expect(c.inputs).toHaveLength(3);
    }
    const history = await metricHistory({ db: h.db, runId: children[0]!.info.runId, key: 'val_loss', limit: 100 });
    expect(history.map((p) => p.step)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const buckets = await bucketedHistory({ db: h.db, runId: children[0]!.info.runId, key: 'val_loss', buckets: 5 });
    expect(buckets.points).toHaveLength(5);
    expect(buckets.total).toBe(15);
    expect(buckets.points.at(-1)!.step).toBe(15);

    const champion = await getAlias({ db: h.db, name: BASELINE_MODEL, alias: 'champion' });
    const challenger = await getAlias({ db: h.db, name: BASELINE_MODEL, alias: 'challenger' });
    const [champ, chall] = await getModelVersions({ db: h.db, keys: [{ name: BASELINE_MODEL, version: champion! }, { name: BASELINE_MODEL, version: challenger! }] });
    const aucOf = (runId: string | null) => children.find((c) => c.info.runId === runId)!.metrics.find((m) => m.key === 'val_auc')!.value;
    const best = Math.max(...children.map((c) => c.metrics.find((m) => m.key === 'val_auc')!.value));
    expect(aucOf(champ!.runId)).toBe(best);
    expect(aucOf(chall!.runId)).toBeLessThanOrEqual(best);
    expect(champ!.source).toBe(`runs:/${champ!.runId}/model`);
    // The seed's API key is revoked once the sweep is logged.
    expect((await listApiKeys({ db: h.db })).every((k) => k.revokedAt !== null)).toBe(true);
  });
});

describe.each(testDrivers())('metric rollups on %s', (driver) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(driver);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keep a long history chartable from pre-aggregated blocks, exact in count, extremes and last point', async () => {
    await h.db.execute(sql`insert into runs (run_id, experiment_id, run_name, status, start_time, artifact_uri) values ('r1', 0, 'r1', 'RUNNING', 0, 'x')`);
    const value = (s: number) => (s === 777 ? NaN : Math.sin(s / 300) + (s === 12_345 ? 5 : 0));
    for (let start = 0; start < 30_000; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'loss', value: value(start + i), timestamp: start + i, step: start + i }));
      await logBatch({ db: h.db, runId: 'r1', metrics, params: [], tags: [] });
    }
    const viaBlocks = await bucketedHistory({ db: h.db, runId: 'r1', key: 'loss', buckets: 100 });
    expect(viaBlocks.points.length).toBeLessThanOrEqual(100);
    expect(viaBlocks.total).toBe(30_000);
    expect(Math.max(...viaBlocks.points.map((p) => p.max!))).toBeCloseTo(Math.sin(12_345 / 300) + 5, 12);
    expect(viaBlocks.points.at(-1)).toMatchObject({ step: 29_999, value: value(29_999) });
    for (const p of viaBlocks.points) {
      expect(p.min!).toBeLessThanOrEqual(p.max!);
      if (Number.isFinite(p.value)) expect(p.value).toBeGreaterThanOrEqual(p.min! - 1e-12);
    }
    // Rebuilding from the points gives the same blocks as the incremental updates did.
    await rebuildRollups({ db: h.db, runId: 'r1', key: 'loss' });
    expect(await bucketedHistory({ db: h.db, runId: 'r1', key: 'loss', buckets: 100 })).toEqual(viaBlocks);
    // A zoomed range reads the raw points: every point of a 150-step window.
    const zoom = await bucketedHistory({ db: h.db, runId: 'r1', key: 'loss', buckets: 1000, minStep: 700, maxStep: 849 });
    expect(zoom.points).toHaveLength(150);
    expect(Number.isNaN(zoom.points.find((p) => p.step === 777)!.value)).toBe(true);
  });
});
