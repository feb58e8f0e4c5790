// POST /api/v1/roi/evaluate end to end: the hand-worked campaign of lib/roi/evaluate.test.ts through the route (curve,
// optimum, band, baselines, break-even rate, realized profit, EMP, tornado), 422s naming the field, and access: a
// stakeholder and a roi key may, a predict-only key may not.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { insertUser } from '@/db/queries/users';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { betaIncInv } from '@/lib/roi/beta';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

const evaluate = await import('./evaluate/route');

type Handler = (req: Request) => Promise<Response>;
function call(body: unknown, key?: string) {
  return (evaluate.POST as Handler)(
    new Request('http://test.local/api/v1/roi/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

// E(p) = 67p − 11 at CLV $200, d = $10, f = $1, γ = 0.3: profits 0, 22.5, 24.9, 20.6, 12.95 down the scores.
const BODY = { scores: [0.1, 0.5, 0.05, 0.2], labels: [1, 1, 0, 0], clv: 200, offer_cost: 10, contact_cost: 1, acceptance_rate: 0.3 };

describe.each(testDrivers())('ROI API on %s', (driver) => {
  let h: DbHandle;
  let stakeholder: string;
  let roiKey: string;
  let predictKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    stakeholder = (await insertUser({ db: h.db, user: { email: 'stakeholder@roi.test', name: 'S', role: 'stakeholder', passwordHash: null } })).id;
    const actor = { type: 'system' as const, id: null, label: 't' };
    roiKey = (await createApiKey(h.db, actor, { name: 'finance', scopes: ['roi'] })).key;
    predictKey = (await createApiKey(h.db, actor, { name: 'crm', scopes: ['predict'] })).key;
  }, 120_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('evaluates the hand-worked campaign', async () => {
    session.uid = stakeholder;
    const res = await call(BODY);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.curve.map((c: { contacted: number }) => c.contacted)).toEqual([0, 1, 2, 3, 4]);
    expect(r.curve[0]).toMatchObject({ threshold: null, expected_profit: 0 });
    expect(r.optimum).toMatchObject({ threshold: 0.2, contacted: 2, expected_profit: expect.closeTo(24.9, 10), spend: expect.closeTo(17.1, 10), roi: expect.closeTo(24.9 / 17.1, 10) });
    // profit(2; γ) = 133γ − 15 at Beta(6, 14)'s 5th and 95th percentiles.
    expect(r.band.p05).toBeCloseTo(133 * betaIncInv(0.05, 6, 14) - 15, 10);
    expect(r.band.p95).toBeCloseTo(133 * betaIncInv(0.95, 6, 14) - 15, 10);
    expect(r.baselines).toEqual({ contact_none: 0, contact_all: { contacted: 4, expected_profit: expect.closeTo(12.95, 10) }, random: { contacted: 2, expected_profit: expect.closeTo(6.475, 10) } });
    expect(r.break_even_acceptance_rate).toBeCloseTo(6 / 95, 12);
    // Contacted: 0.5 (churned: 0.3·190 − 1 = 56) and 0.2 (stayed: −11).
    expect(r.realized_profit).toBeCloseTo(45, 10);
    expect(r.capacity_bound).toBe(false);
    expect(r.emp).toMatchObject({ n: 4, alpha: 6, beta: 14 });
    expect(r.emp.emp).toBeGreaterThanOrEqual(r.emp.mp - 1e-9);
    expect(r.sensitivity.rows.map((x: { input: string }) => x.input)).toEqual(['acceptance_rate', 'clv', 'offer_cost', 'contact_cost', 'fixed_cost']);
  });

  it('takes per-customer CLVs, a capacity and a fixed cost', async () => {
    session.uid = stakeholder;
    const r = await (await call({ ...BODY, labels: undefined, clv: [200, 200, 200, 200], capacity: 1, fixed_cost: 2.5, curve_points: 4 })).json();
    expect(r.optimum).toMatchObject({ contacted: 1, threshold: 0.5, expected_profit: expect.closeTo(20, 10) });
    expect(r.capacity_bound).toBe(true);
    expect(r.uncapped).toMatchObject({ contacted: 2 });
    expect(r.curve.length).toBeLessThanOrEqual(4);
    expect(r.realized_profit).toBeUndefined();
    expect(r.emp).toBeUndefined();
  });

  it('answers 422 naming the field', async () => {
    session.uid = stakeholder;
    const cases: [Record<string, unknown>, string][] = [
      [{ scores: [0.5, 1.5] }, 'body.scores'],
      [{ labels: [1, 0] }, 'body.labels'],
      [{ labels: [1, 2, 0, 0] }, 'body.labels'],
      [{ clv: [200, 200] }, 'body.clv'],
      [{ offer_cost: -1 }, 'body.offer_cost'],
      [{ acceptance_rate: 2 }, 'body.acceptance_rate'],
      [{ acceptance_beta: { alpha: 0, beta: 1 } }, 'body.acceptance_beta.alpha'],
      [{ acceptance_beta: { alpha: 1, beta: 1 } }, 'body.acceptance_beta'],
      [{ capacity: -3 }, 'body.capacity'],
      [{ curve_points: 1 }, 'body.curve_points'],
      [{ offer_cost: 'ten' }, 'body.offer_cost'],
      [{ surprise: 1 }, 'body'],
    ];
    for (const [change, path] of cases) {
      const res = await call({ ...BODY, ...change });
      expect(res.status, JSON.stringify(change)).toBe(422);
      const err = (await res.json()).error;
      expect(err.code).toBe('validation_failed');
      expect(err.details.map((d: { path: string }) => d.path), JSON.stringify(change)).toContain(path);
    }
  });

  it('lets a roi key in and keeps a predict-only key out', async () => {
    session.uid = null;
    expect((await call(BODY)).status).toBe(401);
    expect((await call(BODY, roiKey)).status).toBe(200);
    const refused = await call(BODY, predictKey);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/roi/);
  });
});

// The saved ROI policy becomes the decision scoring returns; scenarios are saved by name with their figures.
const policyRoute = await import('./policy/route');
const scenariosRoute = await import('./scenarios/route');
const scenarioById = await import('./scenarios/[id]/route');
const predictRoute = await import('../predict/route');
const { seedShippedModel } = await import('@/db/seed-model');
const { seedDemoWorld } = await import('@/db/seed');
const { listAudit } = await import('@/db/queries/audit');

function request(handler: unknown, opts: { method?: string; body?: unknown; key?: string; params?: Record<string, string> } = {}) {
  return (handler as (r: Request, c?: unknown) => Promise<Response>)(
    new Request('http://test.local/x', {
      method: opts.method ?? 'GET',
      headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
}

describe.each(testDrivers())('ROI policy and scenarios on %s', (driver) => {
  let h: DbHandle;
  const users: Record<string, string> = {};
  let predictKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    await seedDemoWorld(h, { seed: 5, activeCustomers: 800, months: 3 });
    for (const role of ['stakeholder', 'data_scientist'] as const) users[role] = (await insertUser({ db: h.db, user: { email: `${role}@roi.test`, name: role, role, passwordHash: null } })).id;
    predictKey = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'crm', scopes: ['predict'] })).key;
  }, 120_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  const record = { tenure_months: 3, plan: 'basic', contract: 'monthly', monthly_charge: 9.99, payment_method: 'card', failed_payments_90d: 0, watch_hours_30d: 4, sessions_30d: 5, days_since_last_login: 12, devices: 1, profiles: 1, support_tickets_90d: 1, avg_rating_given: 3.5, content_diversity: 0.3, completion_rate: 0.4, downloads_30d: 0, plan_changes_12m: 0, primary_device: 'tv', promo_used: false, autoplay_off: false };

  it('saves scenarios by name with their evaluation on the live scores, replaces by name, deletes', async () => {
    session.uid = users.stakeholder!;
    const res = await request(scenariosRoute.POST, { method: 'POST', body: { name: 'Cautious', inputs: { acceptanceRate: 0.2, capacity: 50 } } });
    expect(res.status).toBe(200);
    const { scenario } = await res.json();
    expect(scenario.inputs).toMatchObject({ acceptanceRate: 0.2, capacity: 50, offerCost: 10 });
    expect(scenario.result.customers).toBeGreaterThan(700); // the newest snapshot month of an 800-customer world
    expect(scenario.result.optimum.contacted).toBeLessThanOrEqual(50);
    await request(scenariosRoute.POST, { method: 'POST', body: { name: 'Cautious', inputs: { acceptanceRate: 0.25 } } });
    const list = await (await request(scenariosRoute.GET)).json();
    expect(list.scenarios).toHaveLength(1);
    expect(list.scenarios[0].inputs.acceptanceRate).toBe(0.25);
    const bad = await request(scenariosRoute.POST, { method: 'POST', body: { name: 'x', inputs: { acceptanceRate: 2 } } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/acceptanceRate/);
    expect((await request(scenarioById.DELETE, { method: 'DELETE', params: { id: String(list.scenarios[0].id) } })).status).toBe(200);
    expect((await request(scenarioById.DELETE, { method: 'DELETE', params: { id: String(list.scenarios[0].id) } })).status).toBe(404);
  });

  it('a saved ROI policy is the decision the predict API returns; versioned, audited and withdrawable', async () => {
    session.uid = users.stakeholder!;
    expect((await request(policyRoute.POST, { method: 'POST', body: { kind: 'threshold', threshold: 0.5, reason: 'stakeholders cannot' } })).status).toBe(403);
    session.uid = users.data_scientist!;
    const saved = await request(policyRoute.POST, { method: 'POST', body: { kind: 'threshold', threshold: 0.05, reason: 'Q1 campaign at a low threshold' } });
    expect(saved.status).toBe(200);
    expect((await saved.json()).policy).toMatchObject({ revision: 1, kind: 'threshold', threshold: 0.05, active: true });
    session.uid = null;
    const low = (await (await request(predictRoute.POST, { method: 'POST', key: predictKey, body: { customers: [record] } })).json()).predictions[0];
    expect(low.decision.threshold).toBe(0.05);
    expect(low.decision.contact).toBe(low.churn_probability >= 0.05);

    session.uid = users.data_scientist!;
    const topK = await (await request(policyRoute.POST, { method: 'POST', body: { kind: 'top_k', top_k: 10, reason: 'only ten agents this week' } })).json();
    expect(topK.policy).toMatchObject({ revision: 2, kind: 'top_k', top_k: 10 });
    expect(topK.policy.threshold).toBeGreaterThan(0.05);
    session.uid = null;
    const high = (await (await request(predictRoute.POST, { method: 'POST', key: predictKey, body: { customers: [record] } })).json()).predictions[0];
    expect(high.decision.threshold).toBe(topK.policy.threshold);
    session.uid = users.stakeholder!;
    const listed = await (await request(policyRoute.GET)).json();
    expect(listed.active.revision).toBe(2);
    expect(listed.policies.map((p: { revision: number; active: boolean }) => [p.revision, p.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await listAudit({ db: h.db, action: 'roi.policy_saved' })).length).toBe(2);
    session.uid = users.data_scientist!;
    expect((await request(policyRoute.POST, { method: 'POST', body: { kind: 'top_k', top_k: 100000, reason: 'more than we have' } })).status).toBe(422);
    expect((await request(policyRoute.DELETE, { method: 'DELETE', body: { reason: 'back to the model threshold' } })).status).toBe(200);
    session.uid = null;
    const back = (await (await request(predictRoute.POST, { method: 'POST', key: predictKey, body: { customers: [record] } })).json()).predictions[0];
    const manifest = (await import('@/models/manifest.json')).default as { threshold: number };
    expect(back.decision.threshold).toBe(manifest.threshold);
  });
});
