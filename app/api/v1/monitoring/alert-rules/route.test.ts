// The alert-rule and alert routes: validation (422 naming the field), 404s, who may read and who may change, the
// acknowledge/resolve workflow with its audit entries. Alerts are opened by evaluateAlerts over stored windows.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { insertUser } from '@/db/queries/users';
import { monitoringWindows } from '@/db/schema';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { evaluateAlerts } from '@/lib/monitoring/alert-service';
import { monthSeries } from '@/lib/monitoring/alerts.testing';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

const rules = await import('./route');
const ruleById = await import('./[id]/route');
const alerts = await import('../alerts/route');
const ack = await import('../alerts/[id]/acknowledge/route');
const resolve = await import('../alerts/[id]/resolve/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const NONE = '00000000-0000-4000-8000-000000000000';

function call(handler: Handler, opts: { method?: string; body?: unknown; params?: Record<string, string>; url?: string; key?: string } = {}) {
  const headers: Record<string, string> = { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) };
  const req = new Request(opts.url ?? 'http://test.local/api/v1/monitoring/alert-rules', { method: opts.method ?? 'GET', headers, body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}
const valid = { name: 'Price drift', metric: 'feature_drift_score', feature: 'monthly_charge', comparison: 'gte', threshold: 0.1, consecutive: 2, severity: 'critical' };

describe.each(testDrivers())('alert routes on %s', (driver) => {
  let h: DbHandle;
  const users: Record<string, string> = {};
  let readKey: string;
  let monitoringKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    for (const role of ['stakeholder', 'data_scientist'] as const) users[role] = (await insertUser({ db: h.db, user: { email: `${role}@a.test`, name: role, role, passwordHash: null } })).id;
    const actor = { type: 'system' as const, id: null, label: 't' };
    readKey = (await createApiKey(h.db, actor, { name: 'dashboards', scopes: ['read'] })).key;
    monitoringKey = (await createApiKey(h.db, actor, { name: 'ops', scopes: ['monitoring'] })).key;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it.each([
    ['an unknown metric', { metric: 'vibes' }, 'body.metric'],
    ['a missing feature', { feature: undefined }, 'body.feature'],
    ['a feature the model does not have', { feature: 'shoe_size' }, 'body.feature'],
    ['a feature on a dataset-wide metric', { metric: 'volume' }, 'body.feature'],
    ['a non-numeric threshold', { threshold: 'high' }, 'body.threshold'],
    ['an infinite threshold (JSON sends it as null)', { threshold: Infinity }, 'body.threshold'],
    ['consecutive 0', { consecutive: 0 }, 'body.consecutive'],
    ['consecutive 25', { consecutive: 25 }, 'body.consecutive'],
    ['an unknown severity', { severity: 'apocalyptic' }, 'body.severity'],
    ['an unknown window kind', { window_kind: 'fortnight' }, 'body.window_kind'],
    ['auto-promote without retrain', { auto_promote: true }, 'body.auto_promote'],
    ['an unknown field', { colour: 'red' }, 'body'],
  ])('refuses %s with 422 naming the field', async (_what, change, path) => {
    session.uid = users.data_scientist!;
    const res = await call(rules.POST as Handler, { method: 'POST', body: { ...valid, ...change } });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('creates, lists, changes and deletes rules, auditing each change; stakeholders and read keys only read', async () => {
    session.uid = users.data_scientist!;
    const created = await call(rules.POST as Handler, { method: 'POST', body: { ...valid, retrain: true, auto_promote: true } });
    expect(created.status).toBe(201);
    const rule = (await created.json()).alert_rule;
    expect(rule).toMatchObject({ name: 'Price drift', metric: 'feature_drift_score', feature: 'monthly_charge', window_kind: 'month', enabled: true, retrain: true, auto_promote: true, created_by: 'data_scientist@a.test' });
    expect(created.headers.get('location')).toBe(`/api/v1/monitoring/alert-rules/${rule.id}`);

    session.uid = users.stakeholder!;
    const listed = await (await call(rules.GET as Handler)).json();
    expect(listed.alert_rules.map((r: { id: string }) => r.id)).toContain(rule.id);
    expect(listed.features).toContain('monthly_charge');
    expect(listed.can_manage).toBe(false);
    expect((await call(ruleById.PATCH as Handler, { method: 'PATCH', params: { id: rule.id }, body: { threshold: 0.2 } })).status).toBe(403);
    session.uid = null;
    expect((await call(rules.GET as Handler, { key: readKey })).status).toBe(200);
    expect((await call(rules.POST as Handler, { method: 'POST', body: valid, key: readKey })).status).toBe(403);
    expect((await (await call(rules.GET as Handler, { key: monitoringKey })).json()).can_manage).toBe(true);

    const patched = await call(ruleById.PATCH as Handler, { method: 'PATCH', params: { id: rule.id }, body: { threshold: 0.2, retrain: false }, key: monitoringKey });
    expect((await patched.json()).alert_rule).toMatchObject({ threshold: 0.2, retrain: false, auto_promote: false });
    const [entry] = await listAudit({ db: h.db, action: 'alert_rule.update', limit: 1 });
    expect(entry).toMatchObject({ actorLabel: 'key:ops', targetId: rule.id, details: { threshold: { from: 0.1, to: 0.2 }, retrain: { from: true, to: false } } });

    const badPatch = await call(ruleById.PATCH as Handler, { method: 'PATCH', params: { id: rule.id }, body: { auto_promote: true }, key: monitoringKey });
    expect(badPatch.status).toBe(422);
    expect((await badPatch.json()).error.details[0].path).toBe('body.auto_promote');
    expect((await call(ruleById.PATCH as Handler, { method: 'PATCH', params: { id: rule.id }, body: {}, key: monitoringKey })).status).toBe(422);
    expect((await call(ruleById.PATCH as Handler, { method: 'PATCH', params: { id: 'nope' }, body: { threshold: 1 }, key: monitoringKey })).status).toBe(422);
    expect((await call(ruleById.PATCH as Handler, { method: 'PATCH', params: { id: NONE }, body: { threshold: 1 }, key: monitoringKey })).status).toBe(404);

    session.uid = users.data_scientist!;
    const deleted = await call(ruleById.DELETE as Handler, { method: 'DELETE', params: { id: rule.id } });
    expect((await deleted.json()).deleted).toBe(true);
    expect((await call(ruleById.DELETE as Handler, { method: 'DELETE', params: { id: rule.id } })).status).toBe(404);
    expect((await listAudit({ db: h.db, action: 'alert_rule.delete', limit: 1 }))[0]).toMatchObject({ actorLabel: 'data_scientist@a.test', targetId: rule.id });
  });

  it('lists alerts by status and severity, and acknowledges then resolves them (409 the second time)', async () => {
    session.uid = users.data_scientist!;
    await call(rules.POST as Handler, { method: 'POST', body: valid });
    await call(rules.POST as Handler, { method: 'POST', body: { name: 'Low volume', metric: 'volume', comparison: 'lt', threshold: 500, severity: 'info' } });
    const ws = monthSeries('2026-02', [0.3, 0.42].map((score) => ({ predictions: 120, columns: { monthly_charge: { score } } })));
    await h.db.insert(monitoringWindows).values(ws.map(({ id: _id, ...w }) => w));
    expect(await evaluateAlerts({ db: h.db, modelName: 'streamflow-churn', modelVersion: 1 })).toHaveLength(2);

    session.uid = users.stakeholder!;
    const url = (q: string) => `http://test.local/api/v1/monitoring/alerts?${q}`;
    const critical = await (await call(alerts.GET as Handler, { url: url('status=open&severity=critical') })).json();
    expect(critical.total).toBe(1);
    expect(critical.alerts[0]).toMatchObject({ severity: 'critical', status: 'open', rule: { name: 'Price drift' }, model: { name: 'streamflow-churn', version: 1 }, window: { kind: 'month', start: '2026-03-01T00:00:00.000Z' }, message: 'monthly_charge drift 0.42 ≥ 0.10 for 2 months in a row (2026-02, 2026-03)' });
    expect((await (await call(alerts.GET as Handler, { url: url('') })).json()).total).toBe(2);
    const bad = await call(alerts.GET as Handler, { url: url('status=snoozed') });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details[0].path).toBe('query.status');
    const id = critical.alerts[0].id;
    expect((await call(ack.POST as Handler, { method: 'POST', params: { id } })).status).toBe(403);

    session.uid = users.data_scientist!;
    const acked = await (await call(ack.POST as Handler, { method: 'POST', params: { id } })).json();
    expect(acked.alert).toMatchObject({ status: 'acknowledged', acknowledged_by: 'data_scientist@a.test' });
    expect((await call(ack.POST as Handler, { method: 'POST', params: { id } })).status).toBe(409);
    const resolved = await (await call(resolve.POST as Handler, { method: 'POST', params: { id } })).json();
    expect(resolved.alert).toMatchObject({ status: 'resolved', resolved_by: 'data_scientist@a.test' });
    expect(resolved.alert.resolved_at).toMatch(/^\d{4}-/);
    const again = await call(resolve.POST as Handler, { method: 'POST', params: { id } });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already resolved by data_scientist@a.test/);
    expect((await call(resolve.POST as Handler, { method: 'POST', params: { id: NONE } })).status).toBe(404);
    expect((await listAudit({ db: h.db, action: 'alert.resolve', limit: 1 }))[0]).toMatchObject({ targetId: id, actorLabel: 'data_scientist@a.test' });
    expect((await (await call(alerts.GET as Handler, { url: url('status=open&severity=critical') })).json()).total).toBe(0);

    // The newest window says how each column is tested; a drift-score rule pointing the wrong way says so.
    const wrong = await call(rules.POST as Handler, { method: 'POST', body: { ...valid, name: 'Backwards', comparison: 'lt' } });
    expect((await wrong.json()).alert_rule.warning).toMatch(/monthly_charge is tested with wasserstein, a distance/);
    const listed = await (await call(rules.GET as Handler)).json();
    expect(listed.drift_tests.features.monthly_charge).toEqual({ method: 'wasserstein', pValue: false, threshold: 0.1 });
    expect(listed.alert_rules.find((r: { name: string }) => r.name === 'Price drift').warning).toBeNull();
  });
});
