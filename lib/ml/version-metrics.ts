// The headline metrics of every version of a model, read from each version's source run (what the registry's
// versions table shows beside the aliases): validation and test AUC, test PR AUC, log loss, calibration error, and
// test EMP (the retention campaign's expected maximum profit, USD per customer; lib/roi/model-metric.ts). A version
// whose run predates EMP (the shipped model's registration reads its metrics from the manifest) has none.
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { modelVersions } from '@/db/schema';
import { getRuns } from '@/db/queries/tracking-runs';

export const VERSION_METRICS = ['val_auc', 'test_auc', 'test_emp', 'test_pr_auc', 'test_log_loss', 'test_ece'] as const;
export type VersionMetrics = Partial<Record<(typeof VERSION_METRICS)[number], number>>;

export async function versionMetrics(db: Db, name: string): Promise<Record<string, VersionMetrics>> {
  const versions = await db.select({ version: modelVersions.version, runId: modelVersions.runId }).from(modelVersions).where(eq(modelVersions.name, name));
  const ids = [...new Set(versions.map((v) => v.runId).filter((id): id is string => !!id))];
  const runs = new Map((await getRuns({ db, ids })).map((r) => [r.info.runId, r]));
  const out: Record<string, VersionMetrics> = {};
  for (const v of versions) {
    const run = v.runId ? runs.get(v.runId) : undefined;
    const m: VersionMetrics = {};
    for (const key of VERSION_METRICS) {
      const value = run?.metrics.find((x) => x.key === key)?.value;
      if (typeof value === 'number' && Number.isFinite(value)) m[key] = value;
    }
    out[String(v.version)] = m;
  }
  return out;
}
