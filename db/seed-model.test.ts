// The shipped model (models/) is registered once on a fresh database and is then what the product serves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { versionMetrics } from '@/lib/ml/version-metrics';
import { versionReport } from '@/lib/ml/version-report';
import { getServedModel } from '@/lib/serving/served-model';
import { setDbHandle, type DbHandle } from './client';
import { getAlias } from './queries/registry';
import { seedShippedModel } from './seed';
import { openTestDb, testDrivers } from './test-utils';

describe.each(testDrivers())('shipped model registration on %s', (driver) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(driver);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('registers models/ as v1 @champion once, with its evaluation, and serves it', async () => {
    const logs: string[] = [];
    expect(await seedShippedModel(h, (m) => logs.push(m))).toEqual({ seeded: true, version: '1' });
    expect(logs[0]).toMatch(/v1 \(@champion\)/);
    expect((await seedShippedModel(h)).seeded).toBe(false);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'champion' })).toBe(1);

    const report = await versionReport(h.db, CHURN_MODEL, 1);
    expect(report.note).toBeNull();
    expect(report.manifest!.training!.run_id).toBe(report.run_id);
    expect(report.evaluation!.splits.test.roc.length).toBeGreaterThan(10);
    expect(report.evaluation!.importance).toHaveLength(20);

    // The versions table's headline metrics come from the source run.
    const metrics = (await versionMetrics(h.db, CHURN_MODEL))['1']!;
    expect(metrics.test_auc).toBeCloseTo(report.evaluation!.splits.test.auc, 12);
    expect(metrics.val_auc).toBeCloseTo(report.evaluation!.splits.valid.auc, 12);
    expect(metrics.test_ece).toBeCloseTo(report.evaluation!.splits.test.ece, 12);

    const served = await getServedModel(h.db);
    expect(served.version).toBe(1);
    expect(served.explainer).not.toBeNull();
    const p = await served.scorer.score(served.manifest.reference_rows);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('registers nothing when there is no shipped model to register', async () => {
    const empty = await openTestDb(driver);
    try {
      expect(await seedShippedModel(empty, () => {}, '/nonexistent-dir')).toEqual({ seeded: false });
    } finally {
      await empty.close();
    }
  });
});
