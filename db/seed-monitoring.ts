// The demo's production history: the champion went live the month after its test month and scored every active
// customer once a month (spread over the month's days, as a daily scoring run would), every score logged like any
// other prediction; churn labels arrived one month later. Monitoring then has the StreamFlow events to find: the
// price increase (2026-03), the mobile plan growing, the TV tracking bug (2026-06) and the concept change behind the
// realized AUC decay. Also seeds the default alert rules and retraining policy. Runs once (app_meta).
import { eq } from 'drizzle-orm';
import type { DbHandle } from './client';
import { insertLogRows, type LogRow } from './prediction-log';
import { getAlias } from './queries/registry';
import { upsertLabels } from './queries/labels';
import { snapshotRecords } from './queries/snapshots';
import { alertRules, appMeta } from './schema';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { loadVersion } from '@/lib/serving/served-model';
import { decide, policyFromModel, riskBand } from '@/lib/serving/policy';
import { FEATURE_NAMES } from '@/lib/data/features';

export const DEMO_SCORING_CALLER = 'demo: monthly scoring run';

/** A customer's scoring day inside the month: a stable hash, so the same world always logs the same days. */
export function scoringDay(customerId: string, daysInMonth: number): number {
  let h = 2166136261;
  for (let i = 0; i < customerId.length; i++) h = Math.imul(h ^ customerId.charCodeAt(i), 16777619);
  return (h >>> 0) % daysInMonth;
}

const addMonths = (month: string, k: number) => {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + k);
  return d.toISOString().slice(0, 10);
};

export const DEFAULT_RULES = [
  { name: 'Dataset drift', metric: 'dataset_drift_share', comparison: 'gte', threshold: 0.5, consecutive: 1, severity: 'critical' },
  { name: 'Price drift (monthly_charge)', metric: 'feature_drift_score', feature: 'monthly_charge', comparison: 'gte', threshold: 0.1, consecutive: 1, severity: 'warning' },
  { name: 'Plan mix drift', metric: 'feature_drift_score', feature: 'plan', comparison: 'gte', threshold: 0.1, consecutive: 1, severity: 'warning' },
  { name: 'Viewing-hours tracking (nulls)', metric: 'null_share_change', feature: 'watch_hours_30d', comparison: 'gt', threshold: 0.05, consecutive: 1, severity: 'critical' },
  { name: 'Prediction drift', metric: 'prediction_drift_score', comparison: 'gte', threshold: 0.1, consecutive: 1, severity: 'warning' },
  { name: 'Retrain: realized AUC ≥ 0.02 below the test AUC', metric: 'realized_auc_drop', comparison: 'gte', threshold: 0.02, consecutive: 1, severity: 'critical', retrain: true },
  { name: 'Retrain: estimated AUC down ≥ 0.03', metric: 'estimated_auc_drop', comparison: 'gte', threshold: 0.03, consecutive: 1, severity: 'critical', retrain: true },
] as const;

export async function seedDemoMonitoring(handle: DbHandle, log: (m: string) => void = () => {}): Promise<{ seeded: boolean; predictions: number; labels: number; ms: number }> {
  const { db } = handle;
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_monitoring'));
  if (done) return { seeded: false, predictions: 0, labels: 0, ms: 0 };
  const [world] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_world'));
  const version = await getAlias({ db, name: CHURN_MODEL, alias: 'champion' });
  if (!world || version === null) return { seeded: false, predictions: 0, labels: 0, ms: 0 };
  const t0 = performance.now();
  const model = await loadVersion(db, CHURN_MODEL, version);
  const test = (model.manifest as { training?: { data?: { split?: { test?: string } } } }).training?.data?.split?.test;
  const months = (world.value.months as string[]).map((m) => m.slice(0, 10));
  const first = test ? addMonths(test, 1) : months[Math.max(0, months.length - 8)]!;
  const live = months.filter((m) => m >= first);
  const policy = policyFromModel(model.manifest, version);
  let predictions = 0;
  let labelCount = 0;
  for (const month of live) {
    const records = await snapshotRecords({ db, from: month, to: month });
    const start = new Date(`${month}T00:00:00Z`);
    const days = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
    const byDay = new Map<number, Record<string, unknown>[]>();
    for (const r of records) {
      const d = scoringDay(String(r.customer_id), days);
      (byDay.get(d) ?? byDay.set(d, []).get(d)!).push(r);
    }
    for (const [day, rows] of [...byDay].sort((a, b) => a[0] - b[0])) {
      const features = rows.map((r) => Object.fromEntries(FEATURE_NAMES.map((f) => [f, r[f] ?? null])));
      const p = await model.scorer.score(features);
      const at = new Date(start.getTime() + day * 86_400_000 + 2 * 3_600_000);
      const requestId = `demo-scoring-${at.toISOString().slice(0, 10)}`;
      const logRows: (LogRow & { at: Date })[] = rows.map((r, i) => ({
        requestId, rowIndex: i, source: 'batch', modelName: CHURN_MODEL, modelVersion: version, customerId: String(r.customer_id),
        features: features[i]!, churnProbability: p[i]!, riskBand: riskBand(p[i]!, policy.threshold), contact: decide(p[i]!, policy).contact,
        threshold: policy.threshold, latencyMs: 0, caller: DEMO_SCORING_CALLER, at,
      }));
      await insertLogRows(db, logRows);
      predictions += logRows.length;
    }
    const labels = records.filter((r) => r.churned !== null && r.churned !== undefined).map((r) => ({ customer_id: String(r.customer_id), month, churned: Boolean(r.churned) }));
    for (let i = 0; i < labels.length; i += 20_000) labelCount += (await upsertLabels({ db, labels: labels.slice(i, i + 20_000), source: 'demo' })).received;
    log(`  monitoring demo: ${month.slice(0, 7)} scored ${records.length.toLocaleString('en-US')} customers, ${labels.length.toLocaleString('en-US')} labels`);
  }
  await db.insert(alertRules).values(DEFAULT_RULES.map((r) => ({ ...r, windowKind: 'month' as const, createdBy: 'demo seed' }))).onConflictDoNothing();
  const ms = Math.round(performance.now() - t0);
  await db.insert(appMeta).values({ key: 'demo_monitoring', value: { version, months: live, predictions, labels: labelCount, seconds: ms / 1000 } });
  return { seeded: true, predictions, labels: labelCount, ms };
}
