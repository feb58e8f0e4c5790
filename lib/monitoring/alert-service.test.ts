// Alert evaluation against a real database: stored windows and reference in, events and webhook deliveries out,
// once per streak, with the retraining hook called for each new event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlertEvents } from '@/db/queries/alerts';
import { listDeliveries } from '@/db/queries/webhooks';
import { monitoringReferences, monitoringWindows, type AlertEvent, type AlertRule, type MonitoringWindow } from '@/db/schema';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { setDbHandle, type DbHandle } from '@/db/client';
import { acknowledgeAlert, createRule, evaluateAlerts, resolveAlert, updateRule } from './alert-service';
import { createRuleSchema } from './alert-schema';
import { monthSeries, REFERENCE } from './alerts.testing';
import { createWebhook } from './webhook-service';

const MODEL = 'streamflow-churn';
const rule = (over: Record<string, unknown>) => createRuleSchema.parse({ name: 'r', metric: 'dataset_drift_share', comparison: 'gte', threshold: 0.5, severity: 'warning', ...over });

describe.each(testDrivers())('alert evaluation on %s', (driver) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h); // anything that asks for the process's database gets this one
    await h.db.insert(monitoringReferences).values({ modelName: MODEL, modelVersion: 1, source: 'test', rows: 100, profiles: {}, scoreProfile: {}, performance: REFERENCE.performance as unknown as Record<string, number | null>, threshold: 0.3 });
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  async function addWindows(ws: MonitoringWindow[]) {
    await h.db.insert(monitoringWindows).values(ws.map(({ id: _id, ...w }) => w)).onConflictDoNothing();
  }

  it('checks rules against the model’s features and each other (422 naming the field)', async () => {
    const input = { db: h.db, createdBy: 'ds@t.test' };
    await expect(createRule({ ...input, input: rule({ metric: 'feature_drift_score' }) })).rejects.toMatchObject({ status: 422, details: [{ path: 'body.feature', message: expect.stringMatching(/required/) }] });
    await expect(createRule({ ...input, input: rule({ metric: 'null_share', feature: 'shoe_size' }) })).rejects.toMatchObject({ details: [{ path: 'body.feature', message: expect.stringMatching(/not a feature/) }] });
    await expect(createRule({ ...input, input: rule({ feature: 'plan' }) })).rejects.toMatchObject({ details: [{ path: 'body.feature' }] });
    await expect(createRule({ ...input, input: rule({ auto_promote: true }) })).rejects.toMatchObject({ details: [{ path: 'body.auto_promote' }] });
    const ok = await createRule({ ...input, input: rule({ name: 'tmp', retrain: true, auto_promote: true, enabled: false }) });
    // Switching retraining off takes auto-promotion with it; a per-feature metric then needs its feature.
    expect((await updateRule({ db: h.db, id: ok.id, input: { retrain: false } })).after).toMatchObject({ retrain: false, autoPromote: false });
    await expect(updateRule({ db: h.db, id: ok.id, input: { metric: 'feature_drift_score' } })).rejects.toMatchObject({ status: 422 });
    expect((await updateRule({ db: h.db, id: ok.id, input: { metric: 'feature_drift_score', feature: 'plan' } })).after).toMatchObject({ feature: 'plan' });
    expect((await updateRule({ db: h.db, id: ok.id, input: { metric: 'volume' } })).after).toMatchObject({ feature: null });
  });

  it('opens one event per streak, queues it to the webhooks its severity reaches, and calls the hook', async () => {
    const drift = await createRule({ db: h.db, createdBy: 'ds', input: rule({ name: 'Price drift', metric: 'feature_drift_score', feature: 'monthly_charge', threshold: 0.1, consecutive: 2, severity: 'critical', retrain: true }) });
    const auc = await createRule({ db: h.db, createdBy: 'ds', input: rule({ name: 'AUC drop', metric: 'realized_auc_drop', comparison: 'gt', threshold: 0.05, severity: 'info' }) });
    const allHook = await createWebhook({ db: h.db, input: { name: 'all', url: 'http://127.0.0.1:9/all', min_severity: 'info', enabled: true }, createdBy: 'ds' });
    const critHook = await createWebhook({ db: h.db, input: { name: 'pager', url: 'http://127.0.0.1:9/pager', min_severity: 'critical', enabled: true }, createdBy: 'ds' });
    await createWebhook({ db: h.db, input: { name: 'off', url: 'http://127.0.0.1:9/off', min_severity: 'info', enabled: false }, createdBy: 'ds' });

    const specs = [0.02, 0.3, 0.42, 0.5].map((score, i) => ({ columns: { monthly_charge: { score } }, realizedAuc: i === 3 ? 0.7 : 0.85 }));
    const ws = monthSeries('2026-01', specs);
    const fired: [AlertEvent, AlertRule][] = [];
    const onFired = async (e: AlertEvent, r: AlertRule) => void fired.push([e, r]);

    await addWindows(ws.slice(0, 2));
    expect(await evaluateAlerts({ db: h.db, modelName: MODEL, modelVersion: 1, onFired })).toEqual([]);
    await addWindows([ws[2]!]);
    const first = await evaluateAlerts({ db: h.db, modelName: MODEL, modelVersion: 1, onFired });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ ruleId: drift.id, severity: 'critical', status: 'open', value: 0.42, windowStart: ws[2]!.start, message: 'monthly_charge drift 0.42 ≥ 0.10 for 2 months in a row (2026-02, 2026-03)' });
    expect(fired.map(([e, r]) => [e.id, r.name])).toEqual([[first[0]!.id, 'Price drift']]);
    // Again: nothing new (idempotent), also when a monthly-only evaluation is asked for.
    expect(await evaluateAlerts({ db: h.db, modelName: MODEL, modelVersion: 1, kinds: ['month'] })).toEqual([]);

    // The streak continues into April (no new drift event) while the AUC drop fires at info severity.
    await addWindows([ws[3]!]);
    const second = await evaluateAlerts({ db: h.db, modelName: MODEL, modelVersion: 1 });
    expect(second.map((e) => e.ruleId)).toEqual([auc.id]);
    expect(second[0]!.message).toBe('Realized AUC drop 0.16 > 0.05 in 2026-04');
    // Rules over other window kinds are skipped when kinds says so; other versions have their own events.
    expect(await evaluateAlerts({ db: h.db, modelName: MODEL, modelVersion: 2 })).toEqual([]);

    const toAll = await listDeliveries({ db: h.db, webhookId: allHook.webhook.id });
    const toPager = await listDeliveries({ db: h.db, webhookId: critHook.webhook.id });
    expect(toAll.map((d) => d.payload.id).sort()).toEqual([first[0]!.id, second[0]!.id].sort());
    expect(toPager.map((d) => d.payload.id)).toEqual([first[0]!.id]);
    expect(toPager[0]).toMatchObject({ status: 'pending', attempts: 0, event: 'alert.opened', payload: { event: 'alert.opened', text: expect.stringMatching(/^\[CRITICAL\] Price drift: monthly_charge drift/), alert: { rule: { retrain: true } } } });

    // A break, then a new streak: a second event for the drift rule.
    const more = monthSeries('2026-05', [{ columns: { monthly_charge: { score: 0.01 } } }, { columns: { monthly_charge: { score: 0.2 } } }, { columns: { monthly_charge: { score: 0.3 } } }]);
    await addWindows(more);
    const third = await evaluateAlerts({ db: h.db, modelName: MODEL, modelVersion: 1 });
    expect(third.map((e) => [e.ruleId, e.windowStart.toISOString().slice(0, 7)])).toEqual([[drift.id, '2026-07']]);
  });

  it('acknowledges and resolves, recording who, and refuses to do either twice', async () => {
    const [open] = await listAlertEvents({ db: h.db, status: 'open', severity: 'critical' });
    expect((await acknowledgeAlert({ db: h.db, id: open!.id, by: 'ds@t.test' })).status).toBe('acknowledged');
    await expect(acknowledgeAlert({ db: h.db, id: open!.id, by: 'x' })).rejects.toMatchObject({ status: 409 });
    const resolved = await resolveAlert({ db: h.db, id: open!.id, by: 'admin@t.test' });
    expect(resolved).toMatchObject({ status: 'resolved', acknowledgedBy: 'ds@t.test', resolvedBy: 'admin@t.test', ruleName: 'Price drift' });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    await expect(resolveAlert({ db: h.db, id: open!.id, by: 'x' })).rejects.toMatchObject({ status: 409 });
    await expect(resolveAlert({ db: h.db, id: '00000000-0000-4000-8000-000000000000', by: 'x' })).rejects.toMatchObject({ status: 404 });
  });
});
