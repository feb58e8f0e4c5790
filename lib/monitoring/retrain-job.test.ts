// Retraining end to end on a small labelled prediction log: a policy's alert queues one run (and only one, within
// the cooldown), the run trains the champion's configuration on the newest labelled months, logs it, registers
// @challenger, compares both versions as served on the newest month, and leaves @champion alone; a run without
// enough labelled months fails with the reason and registers nothing. Auto-promotion goes through the registry's
// promotion and only when the challenger wins.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { getAlias, getModelVersions } from '@/db/queries/registry';
import { labelledMonths, labelledRowsOfMonth } from '@/db/queries/retrain-data';
import { findRetrainingRun, listRetrainingRuns } from '@/db/queries/retraining-runs';
import { getRuns } from '@/db/queries/tracking-runs';
import { alertEvents, alertRules, churnLabels, modelVersions, retrainingRuns } from '@/db/schema';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { FEATURE_NAMES } from '@/lib/data/features';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { createApiKey } from '@/lib/auth/admin';
import { trainCandidate } from '@/lib/ml/pipeline/candidate';
import { buildDataset, DEFAULT_SPLIT } from '@/lib/ml/pipeline/dataset';
import { packageModel } from '@/lib/ml/pipeline/package';
import { registerPackage } from '@/lib/ml/pipeline/register-shipped';
import { DEFAULT_SEED, paramsOf, sweepGrid } from '@/lib/ml/pipeline/sweep';
import { mlflowClient } from '@/lib/tracking/client';
import { inProcessTransport } from '@/lib/tracking/in-process';
import { runRetraining, type RetrainingFinished } from './retrain';
import type { RetrainComparison } from './retrain-compare';
import { seedLabelledLog, type LabelledLog } from './retrain-testing';
import { startManualRetraining, startRetrainingForEvent } from './retrain-trigger';

const WORLD = { seed: 11, activeCustomers: 1200, months: 7, startMonth: '2026-01' };
const FAST = { maxIter: 25 };

/** Registers, as @champion, the shipped configuration trained for two rounds only on a small generated world. */
async function registerWeakChampion(h: DbHandle): Promise<number> {
  const entry = sweepGrid(DEFAULT_SEED).find((e) => e.name === 'gbt-lr0.1-depth4')!;
  if (entry.config.kind !== 'gbt') throw new Error('not a tree configuration');
  const ds = buildDataset({ seed: 5, activeCustomers: 800, months: 15 }, DEFAULT_SPLIT);
  const arrays = (s: typeof ds.train) => ({ x: s.x, y: s.y, rows: s.rows });
  const result = trainCandidate({ id: '0', name: entry.name, config: { kind: 'gbt', params: { ...entry.config.params, maxIter: 2 } }, nFeatures: ds.spec.features.length, train: arrays(ds.train), valid: arrays(ds.valid), test: arrays(ds.test) });
  const pkg = packageModel(ds, result, { seed: DEFAULT_SEED, params: paramsOf(entry), name: CHURN_MODEL });
  const key = await createApiKey(h.db, { type: 'system', id: null, label: 'test' }, { name: 'weak champion', scopes: ['tracking'] });
  const client = mlflowClient({ baseUrl: 'http://in-process', token: key.key, transport: inProcessTransport() });
  const r = await registerPackage(client, pkg, { runName: 'stale', user: 'test', alias: 'champion', reason: 'a stale champion for the test', description: 'stale' });
  return Number(r.version);
}

describe.each(testDrivers())('retraining on %s', (driver) => {
  let h: DbHandle;
  let log: LabelledLog;
  const enqueued: string[] = [];
  const enqueue = async (_tx: unknown, id: string) => void enqueued.push(id);
  const notified: RetrainingFinished[] = [];
  const notify = async (_e: 'retraining.finished', d: RetrainingFinished) => void notified.push(d);

  async function policy(autoPromote: boolean) {
    const [rule] = await h.db.insert(alertRules).values({ name: autoPromote ? 'AUC drop (auto)' : 'AUC drop', metric: 'realized_auc', comparison: 'lt', threshold: 0.8, severity: 'warning', retrain: true, autoPromote }).returning();
    const [event] = await h.db
      .insert(alertEvents)
      .values({ ruleId: rule!.id, modelName: CHURN_MODEL, modelVersion: 1, windowStart: new Date('2026-06-01T00:00:00Z'), windowKind: 'month', value: 0.71, severity: 'warning', message: 'realized AUC 0.71 < 0.8 (month of 2026-06)' })
      .returning();
    return { rule: rule!, event: event! };
  }
  const versions = async () => (await h.db.select().from(modelVersions).where(eq(modelVersions.name, CHURN_MODEL))).length;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    log = await seedLabelledLog(h.db, { world: WORLD });
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('reads the labelled log month by month: one row per customer and month (the latest), request-row labels included', async () => {
    expect(log.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    const months = await labelledMonths({ db: h.db, modelName: CHURN_MODEL });
    expect(months.map((m) => m.month)).toEqual(log.months);
    for (const m of months) {
      expect(m.rows).toBe(log.rows.get(m.month));
      expect(m.predictions).toBe(m.rows);
      expect(m.positives).toBeGreaterThan(0);
      expect(m.positives).toBeLessThan(m.rows / 4);
    }
    const rows = await labelledRowsOfMonth({ db: h.db, modelName: CHURN_MODEL, month: '2026-03' });
    expect(rows).toHaveLength(log.rows.get('2026-03')!);
    expect(rows.filter((r) => r.customer_id === null).length).toBeGreaterThan(0); // labelled by request row
    expect(Object.keys(rows[0]!).sort()).toEqual([...FEATURE_NAMES, 'churned', 'customer_id', 'month'].sort());
    let checked = 0;
    for (const r of rows) {
      const latest = r.customer_id && log.latest.get(`2026-03|${r.customer_id}`);
      if (!latest) continue;
      checked++;
      expect(r.sessions_30d).toBe(latest.sessions_30d);
    }
    expect(checked).toBe(20);
  });

  it("retrains the champion's configuration, registers @challenger and compares both on the newest month", async () => {
    const before = await versions();
    const { rule, event } = await policy(false);
    const started = await startRetrainingForEvent({ db: h.db, event, rule, enqueue });
    if (!started.started) throw new Error(started.message);
    expect(enqueued).toEqual([started.run.id]);
    expect(started.run).toMatchObject({ status: 'queued', baseVersion: 1, ruleId: rule.id, alertEventId: event.id, autoPromote: false });
    expect(started.run.reason).toMatch(/Policy "AUC drop" fired on v1: realized AUC 0.71/);

    const run = await runRetraining({ db: h.db, runRowId: started.run.id, inline: true, testOverrides: FAST, notify });
    expect(run?.error).toBeNull();
    expect(run).toMatchObject({ status: 'succeeded', progress: 1, baseVersion: 1, newVersion: 2, promoted: false });
    expect(await versions()).toBe(before + 1);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'challenger' })).toBe(2);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'champion' })).toBe(1);

    const data = run!.data as Record<string, unknown>;
    expect(data).toMatchObject({
      trigger: 'policy',
      months: { train: ['2026-01', '2026-02', '2026-03', '2026-04'], valid: '2026-05', test: '2026-06' },
      rows: { train: [1, 2, 3, 4].reduce((s, k) => s + log.rows.get(`2026-0${k}`)!, 0), valid: log.rows.get('2026-05'), test: log.rows.get('2026-06') },
      candidate: 'gbt-lr0.1-depth4',
      promotion: { policy_allows: false, promoted: false },
    });

    // The run is logged with the champion's parameters (rounds capped by the test) and its data.
    const [logged] = await getRuns({ db: h.db, ids: [run!.runId!] });
    const param = (k: string) => logged!.params.find((p) => p.key === k)?.value;
    expect(param('learning_rate')).toBe('0.1');
    expect(param('max_depth')).toBe('4');
    expect(param('min_samples_leaf')).toBe('50');
    expect(param('max_iter')).toBe(String(FAST.maxIter));
    expect(param('train_rows')).toBe(String((data.rows as { train: number }).train));
    expect(logged!.info.status).toBe('FINISHED');
    const [parent] = await getRuns({ db: h.db, ids: [data.parent_run_id as string] });
    expect(parent!.tags).toContainEqual({ key: 'retraining.run_id', value: run!.id });
    const [v2] = await getModelVersions({ db: h.db, keys: [{ name: CHURN_MODEL, version: 2 }] });
    expect(v2!.description).toMatch(/^Retrained from v1's configuration .* Policy "AUC drop" fired/);

    const c = run!.comparison as unknown as RetrainComparison;
    expect(c.window).toMatchObject({ month: '2026-06', rows: log.rows.get('2026-06'), unscorable: 0 });
    for (const side of [c.champion, c.challenger]) {
      for (const k of ['auc', 'log_loss', 'brier', 'precision', 'recall', 'f1', 'threshold'] as const) {
        expect(side[k]).not.toBeNull();
        expect(side[k]).toBeGreaterThanOrEqual(0);
        expect(side[k]).toBeLessThanOrEqual(1);
      }
    }
    expect(c.champion.version).toBe(1);
    expect(c.challenger.version).toBe(2);
    expect(c.champion.auc).toBeGreaterThan(0.6);
    expect(c.challenger.auc).toBeGreaterThan(0.6);
    // Scored as served: the challenger's ONNX scores give the AUC its training computed on the same month.
    expect(c.challenger.auc).toBeCloseTo((data.metrics as { test_auc: number }).test_auc, 5);

    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ run_id: run!.id, status: 'succeeded', new_version: 2, promoted: false });
  });

  it('does not queue another run for a policy within the cooldown', async () => {
    const count = (await listRetrainingRuns({ db: h.db, limit: 100 })).length;
    const { rule, event } = await policy(false);
    const again = await startRetrainingForEvent({ db: h.db, event, rule, enqueue });
    expect(again).toMatchObject({ started: false, reason: 'cooldown' });
    expect((await listRetrainingRuns({ db: h.db, limit: 100 })).length).toBe(count);
    expect(enqueued).toHaveLength(1);
    const nonPolicy = await startRetrainingForEvent({ db: h.db, event, rule: { ...rule, retrain: false }, enqueue });
    expect(nonPolicy).toMatchObject({ started: false, reason: 'not_a_policy' });
  });

  it('refuses a second run while one is queued', async () => {
    const first = await startManualRetraining({ db: h.db, reason: 'checking the busy rule', requestedBy: 'ds@t.test', enqueue });
    if (!first.started) throw new Error(first.message);
    const second = await startManualRetraining({ db: h.db, reason: 'a second one', requestedBy: 'ds@t.test', enqueue });
    expect(second).toMatchObject({ started: false, reason: 'busy', existing: { id: first.run.id } });
    await h.db.update(retrainingRuns).set({ status: 'failed', finishedAt: new Date() }).where(eq(retrainingRuns.id, first.run.id));
  });

  it('auto-promotes only when the policy allows it and the challenger wins, through the registry promotion', async () => {
    // The shipped champion (trained on 20k customers) beats a challenger trained on this small log: kept.
    const strong = await policy(true);
    const kept = await startRetrainingForEvent({ db: h.db, event: strong.event, rule: strong.rule, enqueue, cooldownMs: 0 });
    if (!kept.started) throw new Error(kept.message);
    const run1 = (await runRetraining({ db: h.db, runRowId: kept.run.id, inline: true, testOverrides: FAST }))!;
    const c1 = run1.comparison as unknown as RetrainComparison;
    expect(run1).toMatchObject({ status: 'succeeded', autoPromote: true, promoted: false });
    expect(c1.better).toBe('champion');
    expect((run1.data as { promotion: { note: string } }).promotion.note).toMatch(/does not beat the champion's/);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'champion' })).toBe(1);

    // A stale champion — the same configuration, but only two trees — loses to the retrained challenger: promoted.
    const weak = await registerWeakChampion(h);
    const { rule, event } = await policy(true);
    const started = await startRetrainingForEvent({ db: h.db, event, rule, enqueue, cooldownMs: 0 });
    if (!started.started) throw new Error(started.message);
    const run = (await runRetraining({ db: h.db, runRowId: started.run.id, inline: true, testOverrides: FAST }))!;
    const c = run.comparison as unknown as RetrainComparison;
    expect(run).toMatchObject({ status: 'succeeded', baseVersion: weak, promoted: true });
    expect(c.champion.version).toBe(weak);
    expect(c.challenger.auc!).toBeGreaterThan(c.champion.auc!);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'champion' })).toBe(run.newVersion);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'challenger' })).toBe(run.newVersion);
    const [audit] = await listAudit({ db: h.db, action: 'registry.alias_set' });
    expect(audit).toMatchObject({ actorType: 'system', actorLabel: 'retraining policy', targetId: CHURN_MODEL, details: { alias: 'champion', from_version: weak, to_version: run.newVersion, retraining_run: run.id, rule_id: rule.id } });
    expect((audit!.details as { reason: string }).reason).toMatch(/^Auto-promoted by retraining .*: AUC 0\.\d{4} vs 0\.\d{4} \(v\d+\) on 2026-06/);
  });

  it('fails with the reason, and registers nothing, when fewer than three months are labelled', async () => {
    const before = await versions();
    const champion = await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'champion' });
    await h.db.delete(churnLabels).where(and(sql`${churnLabels.month} < '2026-05-01'`));
    await h.db.delete(churnLabels).where(sql`${churnLabels.requestId} is not null and ${churnLabels.requestId} < 'rt-2026-05'`);
    const started = await startManualRetraining({ db: h.db, reason: 'labels were deleted', requestedBy: null, enqueue });
    if (!started.started) throw new Error(started.message);
    const run = await runRetraining({ db: h.db, runRowId: started.run.id, inline: true, testOverrides: FAST });
    expect(run).toMatchObject({ status: 'failed', newVersion: null, promoted: false });
    expect(run!.error).toMatch(/^Retraining needs at least 3 labelled months .* found only 2 \(2026-05, 2026-06\)/);
    expect(run!.finishedAt).not.toBeNull();
    expect(await versions()).toBe(before);
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'champion' })).toBe(champion);
    // A finished run is not run again (a re-delivered job finds nothing to do).
    expect((await runRetraining({ db: h.db, runRowId: started.run.id, inline: true }))?.status).toBe('failed');
    expect((await findRetrainingRun({ db: h.db, id: started.run.id }))?.error).toBe(run!.error);
  });
});
