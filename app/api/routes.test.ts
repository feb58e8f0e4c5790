// Route tests: the API wrapper's behaviour, and every role (and API keys) against every mutating route.
// The session lookup is replaced by a variable; everything else (database, hashing, audit) is real.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { insertUser } from '@/db/queries/users';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { hasRole, ROLES, SCOPES, type Role } from '@/lib/auth/roles';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

const users = await import('./v1/users/route');
const userById = await import('./v1/users/[id]/route');
const keys = await import('./v1/api-keys/route');
const keyById = await import('./v1/api-keys/[id]/route');
const me = await import('./v1/me/route');
const overview = await import('./v1/overview/route');
const health = await import('./health/route');
const ready = await import('./ready/route');
const mlflow = await import('./2.0/mlflow/[...path]/route');
const artifacts = await import('./2.0/mlflow-artifacts/artifacts/[[...path]]/route');
const aliases = await import('./v1/registry/aliases/route');
const modelImport = await import('./v1/registry/models/import/route');
const formScore = await import('./v1/score/route');
const predictRoute = await import('./v1/predict/route');
const batchJobs = await import('./v1/batch-jobs/route');
const batchRetry = await import('./v1/batch-jobs/[id]/retry/route');
const batchCancel = await import('./v1/batch-jobs/[id]/cancel/route');
const alertRules = await import('./v1/monitoring/alert-rules/route');
const alertRuleById = await import('./v1/monitoring/alert-rules/[id]/route');
const alertAck = await import('./v1/monitoring/alerts/[id]/acknowledge/route');
const alertResolve = await import('./v1/monitoring/alerts/[id]/resolve/route');
const webhooksRoute = await import('./v1/monitoring/webhooks/route');
const webhookById = await import('./v1/monitoring/webhooks/[id]/route');
const webhookTest = await import('./v1/monitoring/webhooks/[id]/test/route');
const fairnessAudit = await import('./v1/fairness/audit/route');
const roiPolicy = await import('./v1/roi/policy/route');
const roiScenarios = await import('./v1/roi/scenarios/route');
const roiScenarioById = await import('./v1/roi/scenarios/[id]/route');
const fairnessDecisions = await import('./v1/fairness/models/[name]/decisions/route');
const fairnessPolicy = await import('./v1/fairness/models/[name]/versions/[version]/policy/route');
const roiEvaluate = await import('./v1/roi/evaluate/route');
const redeliverRoute = await import('./v1/monitoring/deliveries/[id]/redeliver/route');
const retraining = await import('./v1/monitoring/retraining/route');
const v2Infer = await import('../v2/models/[name]/infer/route');
const labelsRoute = await import('./v1/labels/route');
const driftCompare = await import('./v1/drift/compare/route');
const v2VersionInfer = await import('../v2/models/[name]/versions/[version]/infer/route');
const decks = await import('./v1/decks/route');
const deckById = await import('./v1/decks/[id]/route');
const deckUndo = await import('./v1/decks/[id]/undo/route');
const deckDuplicate = await import('./v1/decks/[id]/duplicate/route');
const deckShare = await import('./v1/decks/[id]/share/route');
const deckExecutive = await import('./v1/decks/executive-summary/route');
const scoringRecord = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'models', 'manifest.json'), 'utf8')) as { reference_rows: Record<string, unknown>[] }).reference_rows[0]!;
const v2Body = () => ({ parameters: { content_type: 'pd' }, inputs: Object.entries(scoringRecord).map(([name, v]) => ({ name, shape: [1], datatype: typeof v === 'string' ? 'BYTES' : typeof v === 'boolean' ? 'BOOL' : 'FP64', data: [v] })) });

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

function call(handler: Handler, opts: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string>; url?: string } = {}) {
  const headers: Record<string, string> = { ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  const req = new Request(opts.url ?? 'http://test.local/api', {
    method: opts.method ?? 'GET',
    headers,
    body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

describe.each(testDrivers())('API routes on %s', (driver) => {
  let h: DbHandle;
  const ids: Partial<Record<Role, string>> = {};
  let target: string; // a user the mutating calls act on
  let fullKey: string;
  let revokedKey: string;
  let predictKey: string;
  let labelsKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    for (const role of ROLES) ids[role] = (await insertUser({ db: h.db, user: { email: `${role}@t.test`, name: role, role, passwordHash: null } })).id;
    target = (await insertUser({ db: h.db, user: { email: 'target@t.test', name: 'Target', role: 'stakeholder', passwordHash: null } })).id;
    const actor = { type: 'system' as const, id: null, label: 'test' };
    fullKey = (await createApiKey(h.db, actor, { name: 'all scopes', scopes: [...SCOPES] })).key;
    predictKey = (await createApiKey(h.db, actor, { name: 'predict only', scopes: ['predict'] })).key;
    labelsKey = (await createApiKey(h.db, actor, { name: 'labels only', scopes: ['labels'] })).key;
    await seedShippedModel(h);
    const r = await createApiKey(h.db, actor, { name: 'revoked', scopes: [...SCOPES] });
    revokedKey = r.key;
    await call(keyById.DELETE as Handler, { method: 'DELETE', params: { id: r.id } }); // anonymous: refused, key stays live
    session.uid = ids.admin!;
    expect((await call(keyById.DELETE as Handler, { method: 'DELETE', params: { id: r.id } })).status).toBe(200);
    session.uid = null;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  // Every mutating route that exists: the least role that may call it, the API-key scopes that may, and a request
  // that succeeds (status `ok`) for those allowed. The test after this block fails if a route is missing here.
  const mutating: {
    name: string;
    handler: () => Handler;
    req: () => Parameters<typeof call>[1];
    ok: number;
    minRole: Role;
    keyScopes: readonly string[];
  }[] = [
    { name: 'POST /api/v1/users', handler: () => users.POST as Handler, req: () => ({ method: 'POST', body: { email: `new-${Math.random()}@t.test`, name: 'New', role: 'stakeholder', password: 'long-enough-pw' } }), ok: 201, minRole: 'admin', keyScopes: [] },
    { name: 'PATCH /api/v1/users/[id]', handler: () => userById.PATCH as Handler, req: () => ({ method: 'PATCH', params: { id: target }, body: { name: 'Renamed' } }), ok: 200, minRole: 'admin', keyScopes: [] },
    { name: 'POST /api/v1/api-keys', handler: () => keys.POST as Handler, req: () => ({ method: 'POST', body: { name: 'k', scopes: ['predict'] } }), ok: 201, minRole: 'admin', keyScopes: [] },
    { name: 'DELETE /api/v1/api-keys/[id]', handler: () => keyById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'admin', keyScopes: [] },
    { name: 'POST /api/2.0/mlflow/[...path]', handler: () => mlflow.POST as Handler, req: () => ({ method: 'POST', url: 'http://test.local/api/2.0/mlflow/experiments/create', body: { name: `exp-${Math.random()}` } }), ok: 200, minRole: 'data_scientist', keyScopes: ['tracking'] },
    { name: 'PATCH /api/2.0/mlflow/[...path]', handler: () => mlflow.PATCH as Handler, req: () => ({ method: 'PATCH', url: 'http://test.local/api/2.0/mlflow/registered-models/update', body: { name: 'no-such-model', description: 'x' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['tracking'] },
    { name: 'DELETE /api/2.0/mlflow/[...path]', handler: () => mlflow.DELETE as Handler, req: () => ({ method: 'DELETE', url: 'http://test.local/api/2.0/mlflow/registered-models/delete', body: { name: 'no-such-model' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['tracking'] },
    { name: 'PUT /api/2.0/mlflow-artifacts/artifacts/[[...path]]', handler: () => artifacts.PUT as Handler, req: () => ({ method: 'PUT', url: 'http://test.local/api/2.0/mlflow-artifacts/artifacts/0/test/artifacts/a.txt', rawBody: 'hello', headers: { 'content-type': 'application/octet-stream' } }), ok: 200, minRole: 'data_scientist', keyScopes: ['tracking'] },
    { name: 'DELETE /api/2.0/mlflow-artifacts/artifacts/[[...path]]', handler: () => artifacts.DELETE as Handler, req: () => ({ method: 'DELETE', url: 'http://test.local/api/2.0/mlflow-artifacts/artifacts/0/none/artifacts/missing.txt' }), ok: 404, minRole: 'data_scientist', keyScopes: ['tracking'] },
    { name: 'POST /api/v1/registry/aliases', handler: () => aliases.POST as Handler, req: () => ({ method: 'POST', body: { name: 'no-such-model', alias: 'champion', version: 1, reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
    // Past authorisation a JSON body is refused (415): the upload is multipart (see import/route.test.ts).
    { name: 'POST /api/v1/registry/models/import', handler: () => modelImport.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 415, minRole: 'data_scientist', keyScopes: ['tracking'] },
    { name: 'POST /api/v1/predict', handler: () => predictRoute.POST as Handler, req: () => ({ method: 'POST', url: 'http://test.local/api/v1/predict', body: { customers: [scoringRecord] } }), ok: 200, minRole: 'retention', keyScopes: ['predict'] },
    { name: 'POST /v2/models/[name]/infer', handler: () => v2Infer.POST as Handler, req: () => ({ method: 'POST', params: { name: 'streamflow-churn' }, body: v2Body() }), ok: 200, minRole: 'retention', keyScopes: ['predict'] },
    { name: 'POST /v2/models/[name]/versions/[version]/infer', handler: () => v2VersionInfer.POST as Handler, req: () => ({ method: 'POST', params: { name: 'streamflow-churn', version: '1' }, body: v2Body() }), ok: 200, minRole: 'retention', keyScopes: ['predict'] },
    { name: 'DELETE /api/v1/registry/aliases', handler: () => aliases.DELETE as Handler, req: () => ({ method: 'DELETE', body: { name: 'no-such-model', alias: 'champion', reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
    // Past authorisation an empty body fails validation (422); scoring itself is tested in v1/score/route.test.ts.
    { name: 'POST /api/v1/score', handler: () => formScore.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 422, minRole: 'retention', keyScopes: [] },
    // Past authorisation a JSON body is refused (415): uploads are CSV (see v1/batch-jobs/route.test.ts).
    { name: 'POST /api/v1/batch-jobs', handler: () => batchJobs.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 415, minRole: 'retention', keyScopes: ['predict'] },
    { name: 'POST /api/v1/batch-jobs/[id]/retry', handler: () => batchRetry.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'retention', keyScopes: ['predict'] },
    { name: 'POST /api/v1/batch-jobs/[id]/cancel', handler: () => batchCancel.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'retention', keyScopes: ['predict'] },
    { name: 'POST /api/v1/monitoring/alert-rules', handler: () => alertRules.POST as Handler, req: () => ({ method: 'POST', body: { name: 'Drift share', metric: 'dataset_drift_share', comparison: 'gte', threshold: 0.5, severity: 'warning' } }), ok: 201, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'PATCH /api/v1/monitoring/alert-rules/[id]', handler: () => alertRuleById.PATCH as Handler, req: () => ({ method: 'PATCH', params: { id: '00000000-0000-4000-8000-000000000000' }, body: { threshold: 0.3 } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'DELETE /api/v1/monitoring/alert-rules/[id]', handler: () => alertRuleById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'POST /api/v1/monitoring/alerts/[id]/acknowledge', handler: () => alertAck.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'POST /api/v1/monitoring/alerts/[id]/resolve', handler: () => alertResolve.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'POST /api/v1/monitoring/webhooks', handler: () => webhooksRoute.POST as Handler, req: () => ({ method: 'POST', body: { name: 'Ops', url: 'https://hooks.example.test/streamflow' } }), ok: 201, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'DELETE /api/v1/monitoring/webhooks/[id]', handler: () => webhookById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'POST /api/v1/monitoring/webhooks/[id]/test', handler: () => webhookTest.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'POST /api/v1/monitoring/deliveries/[id]/redeliver', handler: () => redeliverRoute.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    { name: 'POST /api/v1/labels', handler: () => labelsRoute.POST as Handler, req: () => ({ method: 'POST', body: { labels: [{ customer_id: 'C-not-scored', churned: true }] } }), ok: 422, minRole: 'data_scientist', keyScopes: ['labels'] },
    { name: 'POST /api/v1/drift/compare', handler: () => driftCompare.POST as Handler, req: () => ({ method: 'POST', body: { reference: { x: [1, 2, 3, 4, 5, 6] }, current: { x: [1, 2, 3, 4, 5, 6] } } }), ok: 200, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    // Past authorisation a body without a reason fails validation (422); starting runs is tested in v1/monitoring/retraining/route.test.ts.
    { name: 'POST /api/v1/monitoring/retraining', handler: () => retraining.POST as Handler, req: () => ({ method: 'POST', body: {} }), ok: 422, minRole: 'data_scientist', keyScopes: ['monitoring'] },
    // ROI policies are a data scientist's decision and scenarios anyone's; neither is open to API keys. The withdrawal
    // runs first, while there is nothing to withdraw (404).
    { name: 'DELETE /api/v1/roi/policy', handler: () => roiPolicy.DELETE as Handler, req: () => ({ method: 'DELETE', body: { reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
    { name: 'POST /api/v1/roi/policy', handler: () => roiPolicy.POST as Handler, req: () => ({ method: 'POST', body: { kind: 'threshold', threshold: 0.2, reason: 'testing access' } }), ok: 200, minRole: 'data_scientist', keyScopes: [] },
    { name: 'POST /api/v1/roi/scenarios', handler: () => roiScenarios.POST as Handler, req: () => ({ method: 'POST', body: { name: 'access test' } }), ok: 200, minRole: 'stakeholder', keyScopes: [] },
    { name: 'DELETE /api/v1/roi/scenarios/[id]', handler: () => roiScenarioById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '999999' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
    { name: 'POST /api/v1/fairness/audit', handler: () => fairnessAudit.POST as Handler, req: () => ({ method: 'POST', body: { y_true: [1, 0, 1, 0], y_pred: [1, 0, 0, 1], sensitive: { g: ['a', 'a', 'b', 'b'] } } }), ok: 200, minRole: 'data_scientist', keyScopes: ['fairness'] },
    // Decisions and threshold policies are a person's choice: no API key scope. Past authorisation an unknown model is a 404.
    {
      name: 'POST /api/v1/fairness/models/[name]/decisions',
      handler: () => fairnessDecisions.POST as Handler,
      req: () => ({ method: 'POST', params: { name: 'no-such-model' }, body: { model_version: 1, criterion: 'equal_opportunity', attributes: ['age_band'], rationale: 'a rationale that is long enough to pass the forty character minimum' } }),
      ok: 404,
      minRole: 'data_scientist',
      keyScopes: [],
    },
    { name: 'POST /api/v1/fairness/models/[name]/versions/[version]/policy', handler: () => fairnessPolicy.POST as Handler, req: () => ({ method: 'POST', params: { name: 'no-such-model', version: '1' }, body: { attribute: 'age_band', criterion: 'equal_opportunity', objective: 'profit', reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
    { name: 'DELETE /api/v1/fairness/models/[name]/versions/[version]/policy', handler: () => fairnessPolicy.DELETE as Handler, req: () => ({ method: 'DELETE', params: { name: 'no-such-model', version: '1' }, body: { reason: 'testing access' } }), ok: 404, minRole: 'data_scientist', keyScopes: [] },
    // No side effects: a stakeholder may run scenarios, and so may a key with the roi scope.
    { name: 'POST /api/v1/roi/evaluate', handler: () => roiEvaluate.POST as Handler, req: () => ({ method: 'POST', body: { scores: [0.5, 0.2, 0.1], clv: 200, offer_cost: 10, contact_cost: 1, acceptance_rate: 0.3 } }), ok: 200, minRole: 'stakeholder', keyScopes: ['roi'] },
    // Decks: every signed-in user may create one; changes are the creator's or an admin's (past authorisation an
    // unknown deck is a 404). No API key scope: keys only read decks (deck tests in v1/decks/decks.test.ts).
    { name: 'POST /api/v1/decks', handler: () => decks.POST as Handler, req: () => ({ method: 'POST', body: { name: 'Access test' } }), ok: 201, minRole: 'stakeholder', keyScopes: [] },
    { name: 'PUT /api/v1/decks/[id]', handler: () => deckById.PUT as Handler, req: () => ({ method: 'PUT', params: { id: '00000000-0000-4000-8000-000000000000' }, body: { name: 'x', slides: [], version: 1 } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
    { name: 'DELETE /api/v1/decks/[id]', handler: () => deckById.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
    { name: 'POST /api/v1/decks/[id]/undo', handler: () => deckUndo.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
    { name: 'POST /api/v1/decks/[id]/duplicate', handler: () => deckDuplicate.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
    { name: 'POST /api/v1/decks/[id]/share', handler: () => deckShare.POST as Handler, req: () => ({ method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
    { name: 'DELETE /api/v1/decks/[id]/share', handler: () => deckShare.DELETE as Handler, req: () => ({ method: 'DELETE', params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: 404, minRole: 'stakeholder', keyScopes: [] },
    { name: 'POST /api/v1/decks/executive-summary', handler: () => deckExecutive.POST as Handler, req: () => ({ method: 'POST' }), ok: 201, minRole: 'stakeholder', keyScopes: [] },
  ];

  describe.each(mutating)('$name', ({ handler, req, ok, minRole, keyScopes }) => {
    it('refuses anonymous callers with 401', async () => {
      session.uid = null;
      expect((await call(handler(), req())).status).toBe(401);
    });
    it.each(ROLES)('answers %s according to its role', async (role) => {
      session.uid = ids[role]!;
      const res = await call(handler(), req());
      expect(res.status).toBe(hasRole(role, minRole) ? ok : 403);
    });
    it('lets API keys in only with the right scope, and never revoked or malformed keys', async () => {
      session.uid = null;
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: `Bearer ${fullKey}` } })).status).toBe(keyScopes.length ? ok : 403);
      // A key with a scope the route does not take: the predict-only key, or for scoring routes a labels-only key.
      const wrongKey = keyScopes.includes('predict') ? labelsKey : predictKey;
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: `Bearer ${wrongKey}` } })).status).toBe(403);
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: `Bearer ${revokedKey}` } })).status).toBe(401);
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: 'Bearer sfk_nonsense' } })).status).toBe(401);
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: 'Token abc' } })).status).toBe(401);
    });
  });

  it('covers every mutating route handler in app/api', () => {
    const root = path.join(import.meta.dirname);
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === 'route.ts') {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)) {
            found.push(`${m[1]} /api/${path.relative(root, path.dirname(p)).split(path.sep).join('/')}`);
          }
        }
      }
    };
    walk(root);
    // The Open Inference Protocol routes live beside app/api, under app/v2.
    const v2Root = path.join(root, '..', 'v2');
    const before = found.length;
    walk(v2Root);
    for (let i = before; i < found.length; i++) found[i] = found[i]!.replace('/api/../v2', '/v2');
    // next-auth's own sign-in/sign-out endpoints are public by design and protected by its CSRF token.
    const covered = new Set([...mutating.map((m) => m.name), 'POST /api/auth/[...nextauth]']);
    expect(found.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('lets a key with the right scope read, and refuses one without it', async () => {
    session.uid = null;
    expect((await call(overview.GET as Handler, { headers: { authorization: `Bearer ${fullKey}` } })).status).toBe(200);
    const res = await call(overview.GET as Handler, { headers: { authorization: `Bearer ${predictKey}` } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/read/);
    const who = await (await call(me.GET as Handler, { headers: { authorization: `Bearer ${predictKey}` } })).json();
    expect(who.principal).toMatchObject({ kind: 'api_key', name: 'predict only', scopes: ['predict'] });
  });

  it('answers health and readiness without a session', async () => {
    session.uid = null;
    expect((await call(health.GET as Handler)).status).toBe(200);
    const r = await call(ready.GET as Handler);
    expect(r.status).toBe(200);
    expect((await r.json()).status).toBe('ready');
  });

  describe('request handling', () => {
    it('maps malformed JSON to 400, schema errors to 422 naming the field, and echoes a request id', async () => {
      session.uid = ids.admin!;
      const bad = await call(users.POST as Handler, { method: 'POST', rawBody: '{"email":', headers: { 'x-request-id': 'abc-123' } });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('x-request-id')).toBe('abc-123');
      const invalid = await call(users.POST as Handler, { method: 'POST', body: { email: 'nope', name: '', role: 'king', extra: 1 } });
      expect(invalid.status).toBe(422);
      const body = await invalid.json();
      const paths = body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.role']));
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/); // no stack traces
      expect(invalid.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a body over the limit with 413 and a non-JSON content type with 415', async () => {
      session.uid = ids.admin!;
      const huge = await call(users.POST as Handler, { method: 'POST', rawBody: JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) }) });
      expect(huge.status).toBe(413);
      const form = await call(users.POST as Handler, { method: 'POST', rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
    });

    it('validates path ids (422) and reports unknown ones (404)', async () => {
      session.uid = ids.admin!;
      expect((await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: 'x' }, body: { name: 'y' } })).status).toBe(422);
      expect((await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: '00000000-0000-4000-8000-000000000001' }, body: { name: 'y' } })).status).toBe(404);
    });

    it('refuses duplicate e-mails and removing the last admin with 409, and audits what it did', async () => {
      session.uid = ids.admin!;
      const dup = await call(users.POST as Handler, { method: 'POST', body: { email: 'TARGET@t.test', name: 'Dup', role: 'stakeholder' } });
      expect(dup.status).toBe(409);
      const demote = await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: ids.admin! }, body: { role: 'stakeholder' } });
      expect(demote.status).toBe(409);
      const promote = await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: target }, body: { role: 'retention' } });
      expect((await promote.json()).user.role).toBe('retention');
      const entries = await listAudit({ db: h.db, action: 'user.update', limit: 1 });
      expect(entries[0]).toMatchObject({ actorId: ids.admin, targetId: target, details: { role: { from: 'stakeholder', to: 'retention' } } });
    });

    it('shows a new API key once and it then authenticates; its secret is never listed', async () => {
      session.uid = ids.admin!;
      const created = await (await call(keys.POST as Handler, { method: 'POST', body: { name: 'reader', scopes: ['read'] } })).json();
      expect(created.api_key.key).toMatch(/^sfk_/);
      const listed = await (await call(keys.GET as Handler)).json();
      expect(JSON.stringify(listed)).not.toContain(created.api_key.key);
      expect(JSON.stringify(listed)).not.toContain('secretHash');
      session.uid = null;
      expect((await call(overview.GET as Handler, { headers: { authorization: `Bearer ${created.api_key.key}` } })).status).toBe(200);
      const audit = await listAudit({ db: h.db, action: 'api_key.create', limit: 1 });
      expect(audit[0]).toMatchObject({ actorId: ids.admin, targetId: created.api_key.id });
    });

    it('treats a disabled account as signed out', async () => {
      session.uid = ids.admin!;
      await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: ids.retention! }, body: { disabled: true } });
      session.uid = ids.retention!;
      expect((await call(me.GET as Handler)).status).toBe(401);
    });
  });
});
