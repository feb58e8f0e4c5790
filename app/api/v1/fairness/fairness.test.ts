// The fairness API end to end on a database: the audit of posted arrays (Fairlearn's MetricFrame example, field-named
// 422s, access), a version's audit on its test month, decision records (versioned), the promotion gate (blocked, a
// data scientist cannot override, an administrator can — audited), mitigation applied as a threshold policy that the
// predict route uses when the record carries the attribute (and says so when it does not), and the model card.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { insertUser } from '@/db/queries/users';
import { seedDemoWorld } from '@/db/seed';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

const auditRoute = await import('./audit/route');
const decisions = await import('./models/[name]/decisions/route');
const versionAudit = await import('./models/[name]/versions/[version]/audit/route');
const gate = await import('./models/[name]/versions/[version]/gate/route');
const mitigation = await import('./models/[name]/versions/[version]/mitigation/route');
const policy = await import('./models/[name]/versions/[version]/policy/route');
const card = await import('./models/[name]/versions/[version]/model-card/route');
const aliases = await import('../registry/aliases/route');
const predict = await import('../predict/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const MODEL = 'streamflow-churn';
const V1 = { name: MODEL, version: '1' };
function call(handler: unknown, opts: { method?: string; body?: unknown; params?: Record<string, string>; query?: string; key?: string } = {}) {
  return (handler as Handler)(
    new Request(`http://test.local/x${opts.query ?? ''}`, {
      method: opts.method ?? 'GET',
      headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
}

// The world the shipped model was trained on (seed 42, 22 months from 2025-01), at a small size: its test month is 2026-02.
const WORLD = { seed: 42, activeCustomers: 2500, months: 22, startMonth: '2025-01' };
const RATIONALE = 'Retention offers help the customer and reach only a small share of would-be churners, so churners in every group should be equally likely to get one.';

describe.each(testDrivers())('fairness API on %s', (driver) => {
  let h: DbHandle;
  const users: Record<string, string> = {};
  let fairnessKey: string;
  let predictKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    await seedDemoWorld(h, WORLD);
    for (const role of ['stakeholder', 'data_scientist', 'admin'] as const) users[role] = (await insertUser({ db: h.db, user: { email: `${role}@f.test`, name: role, role, passwordHash: null } })).id;
    fairnessKey = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'audit', scopes: ['fairness'] })).key;
    predictKey = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'crm', scopes: ['predict'] })).key;
  }, 120_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('audits posted arrays: Fairlearn’s MetricFrame example, with a fairness key; 403 for other keys and stakeholders; 422 names the field', async () => {
    session.uid = null;
    const body = { y_true: [1, 1, 1, 1, 1, 0, 0, 1, 1, 0], y_pred: [0, 1, 1, 1, 1, 0, 0, 0, 1, 1], sensitive: { sex: ['F', 'F', 'F', 'F', 'F', 'M', 'M', 'M', 'M', 'M'] } };
    const res = await call(auditRoute.POST, { method: 'POST', body, key: fairnessKey });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.by_group.sex.F.selection_rate).toBeCloseTo(0.8, 12);
    expect(out.by_group.sex.M.selection_rate).toBeCloseTo(0.4, 12);
    expect(out.disparities.sex.demographic_parity_difference).toBeCloseTo(0.4, 12);
    expect(out.disparities.sex.demographic_parity_ratio).toBeCloseTo(0.5, 12);
    expect((await call(auditRoute.POST, { method: 'POST', body, key: predictKey })).status).toBe(403);
    session.uid = users.stakeholder!;
    expect((await call(auditRoute.POST, { method: 'POST', body })).status).toBe(403);
    session.uid = users.data_scientist!;
    const bad = await call(auditRoute.POST, { method: 'POST', body: { ...body, sensitive: { sex: ['F', 'M'] } } });
    expect(bad.status).toBe(422);
    const err = (await bad.json()).error;
    expect(err.message).toMatch(/sex/);
    expect(JSON.stringify(err.details)).toMatch(/sensitive/);
    const notBinary = await call(auditRoute.POST, { method: 'POST', body: { ...body, y_true: [2, 1, 1, 1, 1, 0, 0, 1, 1, 0] } });
    expect(notBinary.status).toBe(422);
    expect(JSON.stringify((await notBinary.json()).error)).toMatch(/y_true/);
  });

  it("audits a version on its test month: every customer counted once per attribute, intervals, small groups flagged", async () => {
    session.uid = users.stakeholder!;
    const res = await call(versionAudit.GET, { params: V1, query: '?bootstrap=200' });
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a.data.source).toMatchObject({ kind: 'test_split', month: '2026-02' });
    for (const attr of ['age_band', 'gender', 'region', 'age_band&gender&region']) {
      const groups = Object.values(a.by_group[attr]) as { count: number }[];
      expect(groups.reduce((s, g) => s + g.count, 0)).toBe(a.data.rows);
    }
    expect(Object.keys(a.by_group.age_band).sort()).toEqual(['18-24', '25-34', '35-49', '50-64', '65+']);
    const ci = a.ci.by_group.age_band['65+'].fpr;
    expect(ci[0]).toBeLessThanOrEqual(a.by_group.age_band['65+'].fpr);
    expect(ci[1]).toBeGreaterThanOrEqual(a.by_group.age_band['65+'].fpr);
    expect(Object.values(a.by_group['age_band&gender&region']).some((g) => (g as { small: boolean }).small)).toBe(true);
    expect((await call(versionAudit.GET, { params: { name: MODEL, version: '9' } })).status).toBe(404);
    expect((await call(versionAudit.GET, { params: V1, query: '?month=2026-13' })).status).toBe(422);
  });

  it('records versioned decisions; a short rationale or a criterion both chosen and rejected is a 422', async () => {
    session.uid = users.stakeholder!;
    const decision = { model_version: 1, criterion: 'equalized_odds', tolerance: { kind: 'ratio', lower: 0.99, upper: 1.01 }, attributes: ['age_band'], rationale: RATIONALE };
    expect((await call(decisions.POST, { method: 'POST', params: V1, body: decision })).status).toBe(403);
    session.uid = users.data_scientist!;
    const short = await call(decisions.POST, { method: 'POST', params: V1, body: { ...decision, rationale: 'because' } });
    expect(short.status).toBe(422);
    expect(JSON.stringify(await short.json())).toMatch(/rationale/);
    const both = await call(decisions.POST, { method: 'POST', params: V1, body: { ...decision, rejected: [{ criterion: 'equalized_odds', why: 'too strict for us' }] } });
    expect(both.status).toBe(422);
    const res = await call(decisions.POST, { method: 'POST', params: V1, body: { ...decision, rejected: [{ criterion: 'predictive_parity', why: 'base rates differ by age band' }] } });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.decision).toMatchObject({ revision: 1, criterion: 'equalized_odds', created_by: 'data_scientist@f.test', attributes: ['age_band'] });
    expect(out.holds).toBe(false);
    expect(out.decision.evidence.evaluations.age_band.verdict).toBe('fail');
    expect(out.decision.evidence.groups.age_band.ci).not.toBeNull();
    const [entry] = await listAudit({ db: h.db, action: 'fairness.decision_recorded' });
    expect(entry).toMatchObject({ actorLabel: 'data_scientist@f.test' });
  });

  it('blocks a promotion that violates the recorded criterion; only an administrator can override, with a justification that is audited', async () => {
    session.uid = users.stakeholder!;
    expect(await (await call(gate.GET, { params: V1 })).json()).toMatchObject({ status: 'fail', decision: { revision: 1 } });
    session.uid = users.data_scientist!;
    const promote = { name: MODEL, alias: 'champion', version: 1, reason: 'promote again after the audit' };
    const blocked = await call(aliases.POST, { method: 'POST', body: promote });
    expect(blocked.status).toBe(409);
    const err = (await blocked.json()).error;
    expect(err.message).toMatch(/^Fairness gate: .*decision record #1/);
    expect(err.details.fairness_gate.status).toBe('fail');
    const override = { ...promote, fairness_override: { justification: 'Accepted for one week while the mitigation is reviewed by legal.' } };
    expect((await call(aliases.POST, { method: 'POST', body: override })).status).toBe(403);
    // Other aliases are not gated.
    expect((await call(aliases.POST, { method: 'POST', body: { ...promote, alias: 'challenger' } })).status).toBe(200);
    session.uid = users.admin!;
    expect((await call(aliases.POST, { method: 'POST', body: { ...override, fairness_override: { justification: 'ok' } } })).status).toBe(422);
    expect((await call(aliases.POST, { method: 'POST', body: override })).status).toBe(200);
    const [entry] = await listAudit({ db: h.db, action: 'fairness.gate_override' });
    expect(entry).toMatchObject({ actorLabel: 'admin@f.test' });
    expect(entry!.details).toMatchObject({ justification: override.fairness_override.justification });
    const [set] = await listAudit({ db: h.db, action: 'registry.alias_set' });
    expect(set!.details).toMatchObject({ alias: 'champion', fairness_gate: { status: 'fail', overridden: true, decision_revision: 1 } });
  });

  it('passes the gate once a newer record holds, and lists revisions newest first', async () => {
    session.uid = users.data_scientist!;
    const res = await call(decisions.POST, { method: 'POST', params: V1, body: { model_version: 1, criterion: 'equal_opportunity', tolerance: { kind: 'ratio', lower: 0.05, upper: 20 }, attributes: ['age_band', 'region'], rationale: RATIONALE } });
    expect((await res.json()).decision.revision).toBe(2);
    const list = await (await call(decisions.GET, { params: V1 })).json();
    expect(list.decisions.map((d: { revision: number }) => d.revision)).toEqual([2, 1]);
    expect(await (await call(gate.GET, { params: V1 })).json()).toMatchObject({ status: 'pass' });
    expect((await call(aliases.POST, { method: 'POST', body: { name: MODEL, alias: 'champion', version: 1, reason: 'meets record 2' } })).status).toBe(200);
  });

  it('applies per-group thresholds that the predict route uses when the record carries the attribute, and says which threshold it used', async () => {
    session.uid = users.stakeholder!;
    const q = '?attribute=age_band&criterion=equal_opportunity&objective=profit&lower=0.8&upper=1.25&min_group_size=30';
    const opts = await (await call(mitigation.GET, { params: V1, query: q })).json();
    expect(opts.randomized).toBe(false);
    expect(opts.tradeoff.length).toBeGreaterThanOrEqual(3);
    expect(opts.result.feasible).toBe(true);
    session.uid = users.data_scientist!;
    const applied = await call(policy.POST, { method: 'POST', params: V1, body: { attribute: 'age_band', criterion: 'equal_opportunity', objective: 'profit', reason: 'equal opportunity across age bands' } });
    expect(applied.status).toBe(200);
    const { policy: p } = await applied.json();
    expect(p).toMatchObject({ active: true, attribute: 'age_band', criterion: 'equal_opportunity' });
    expect(Object.keys(p.thresholds).sort()).toEqual(['18-24', '25-34', '35-49', '50-64', '65+']);

    const record = { tenure_months: 3, plan: 'basic', contract: 'monthly', monthly_charge: 9.99, payment_method: 'card', failed_payments_90d: 0, watch_hours_30d: 4, sessions_30d: 5, days_since_last_login: 12, devices: 1, profiles: 1, support_tickets_90d: 1, avg_rating_given: 3.5, content_diversity: 0.3, completion_rate: 0.4, downloads_30d: 0, plan_changes_12m: 0, primary_device: 'tv', promo_used: false, autoplay_off: false };
    session.uid = null;
    const scored = await (await call(predict.POST, { method: 'POST', key: predictKey, body: { customers: [{ ...record, age_band: '65+' }, record, { ...record, age_band: 'unknown-band' }] } })).json();
    const [withAttr, without, unknown] = scored.predictions;
    expect(withAttr.decision.threshold).toBe(p.thresholds['65+']);
    expect(withAttr.decision.threshold_source).toMatch(/fairness policy #\d+: threshold for age_band '65\+'/);
    expect(withAttr.decision.contact).toBe(withAttr.churn_probability >= p.thresholds['65+']);
    expect(without.decision.threshold).toBe(p.default_threshold);
    expect(without.decision.threshold_source).toMatch(/has no age_band/);
    expect(unknown.decision.threshold_source).toMatch(/no threshold for age_band 'unknown-band'/);
    const bad = await call(predict.POST, { method: 'POST', key: predictKey, body: { customers: [{ ...record, age_band: 65 }] } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/customers\.0\.age_band/);

    session.uid = users.data_scientist!;
    expect((await call(policy.DELETE, { method: 'DELETE', params: V1, body: { reason: 'back to one threshold' } })).status).toBe(200);
    session.uid = null;
    const after = await (await call(predict.POST, { method: 'POST', key: predictKey, body: { customers: [{ ...record, age_band: '65+' }] } })).json();
    expect(after.predictions[0].decision.threshold_source).toBeUndefined();
    expect(after.predictions[0].decision.threshold).toBe(p.default_threshold);
  });

  it('exports the model card as Markdown with the Mitchell et al. sections and the decision', async () => {
    session.uid = users.stakeholder!;
    const res = await call(card.GET, { params: V1, query: '?format=markdown' });
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/);
    const md = await res.text();
    for (const s of ['## Model details', '## Intended use', '## Factors', '## Metrics', '## Evaluation data', '## Training data', '## Quantitative analyses', '## Ethical considerations', '## Caveats and recommendations']) expect(md).toContain(s);
    expect(md).toContain(RATIONALE);
    expect(md).toMatch(/\| 65\+ \|/);
  });
});
