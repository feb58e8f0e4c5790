// The retraining routes: a data scientist (or a `monitoring` key) starts a run with a reason — 202, audited, the job
// enqueued — and a second one is refused with 409 while it is queued; anyone who reads monitoring lists runs and
// opens one. The queue is replaced by a recorder (runs themselves are tested in lib/monitoring/retrain-job.test.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { insertUser } from '@/db/queries/users';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';

const session = vi.hoisted(() => ({ uid: null as string | null }));
const queued = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));
vi.mock('@/lib/batch/queue', () => ({ retrainEnqueuer: async () => async (_tx: unknown, id: string) => void queued.push(id) }));

const runs = await import('./route');
const byId = await import('./[id]/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = 'http://test.local/api/v1/monitoring/retraining';
const call = (handler: Handler, opts: { method?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}) =>
  handler(
    new Request(BASE, { method: opts.method ?? 'GET', headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers }, body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined }),
    { params: Promise.resolve(opts.params ?? {}) },
  );

describe.each(testDrivers())('retraining routes on %s', (driver) => {
  let h: DbHandle;
  const users: Record<string, string> = {};
  let monitoringKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    for (const role of ['stakeholder', 'data_scientist'] as const) users[role] = (await insertUser({ db: h.db, user: { email: `${role}@r.test`, name: role, role, passwordHash: null } })).id;
    monitoringKey = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'monitor', scopes: ['monitoring'] })).key;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('starts a run for a data scientist: 202, queued on the champion, enqueued and audited', async () => {
    session.uid = users.stakeholder!;
    expect((await call(runs.POST as Handler, { method: 'POST', body: { reason: 'labels for May arrived' } })).status).toBe(403);
    session.uid = users.data_scientist!;
    expect((await call(runs.POST as Handler, { method: 'POST', body: { reason: 'x' } })).status).toBe(422);
    const res = await call(runs.POST as Handler, { method: 'POST', body: { reason: 'labels for May arrived' } });
    expect(res.status).toBe(202);
    const { run } = await res.json();
    expect(res.headers.get('location')).toBe(`/api/v1/monitoring/retraining/${run.id}`);
    expect(run).toMatchObject({ status: 'queued', reason: 'labels for May arrived', trigger: 'manual', requested_by: 'data_scientist@r.test', model: { name: 'streamflow-churn', base_version: 1, new_version: null }, progress: 0, auto_promote: false, promoted: false });
    expect(queued).toEqual([run.id]);
    const [entry] = await listAudit({ db: h.db, action: 'retraining.start' });
    expect(entry).toMatchObject({ actorLabel: 'data_scientist@r.test', targetId: run.id });
  });

  it('refuses a second run with 409 while one is queued, naming it', async () => {
    session.uid = null;
    const res = await call(runs.POST as Handler, { method: 'POST', body: { reason: 'and once more' }, headers: { authorization: `Bearer ${monitoringKey}` } });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.message).toMatch(/already queued/);
    expect(body.error.details).toMatchObject({ run_id: queued[0], status: 'queued' });
    expect(queued).toHaveLength(1);
  });

  it('lists runs newest first and opens one; 404 for an unknown id', async () => {
    session.uid = users.stakeholder!;
    const list = await (await call(runs.GET as Handler)).json();
    expect(list.runs.map((r: { id: string }) => r.id)).toEqual(queued);
    const one = await call(byId.GET as Handler, { params: { id: queued[0]! } });
    expect(one.status).toBe(200);
    expect((await one.json()).run).toMatchObject({ id: queued[0], status: 'queued', comparison: null });
    expect((await call(byId.GET as Handler, { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await call(byId.GET as Handler, { params: { id: 'nope' } })).status).toBe(422);
    session.uid = null;
    expect((await call(runs.GET as Handler)).status).toBe(401);
  });
});
