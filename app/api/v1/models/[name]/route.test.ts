// GET /api/v1/models/{name}: what an external system needs to build a request, for the version @champion serves.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { seedShippedModel } from '@/db/seed-model';
import { insertUser } from '@/db/queries/users';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { FEATURE_NAMES } from '@/lib/data/features';
import { encodeRecord } from '@/lib/ml/encoder';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));
const { GET } = await import('./route');

const get = (name: string, headers: Record<string, string> = {}) => GET(new Request(`http://test.local/api/v1/models/${name}`, { headers }), { params: Promise.resolve({ name }) });

describe.each(testDrivers())('GET /api/v1/models/{name} on %s', (driver) => {
  let h: DbHandle;
  let predictKey: string;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    predictKey = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'crm', scopes: ['predict'] })).key;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('describes the served version with every feature and an example that scores as-is', async () => {
    const res = await get('streamflow-churn', { authorization: `Bearer ${predictKey}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ name: 'streamflow-churn', version: '1', alias: 'champion', kind: 'tree_ensemble', calibrated: true, explainable: true });
    expect(body.features.map((f: { name: string }) => f.name)).toEqual(FEATURE_NAMES);
    const plan = body.features.find((f: { name: string }) => f.name === 'plan');
    expect([...plan.categories].sort()).toEqual(['basic', 'mobile', 'premium', 'standard']);
    expect(body.features.find((f: { name: string }) => f.name === 'watch_hours_30d')).toMatchObject({ type: 'numeric', unit: 'hours', nullable: true, range: [0, 400] });
    // The example passes the same validation the scorer applies, and its probability is a real score.
    expect(encodeRecord({ features: body.features }, body.example.record, new Float64Array(20))).toEqual([]);
    expect(body.example.churn_probability).toBeGreaterThan(0);
    expect(body.example.churn_probability).toBeLessThan(1);
  });

  it('answers 404 for an unknown model and refuses keys without predict or read', async () => {
    expect((await get('no-such-model', { authorization: `Bearer ${predictKey}` })).status).toBe(404);
    const labels = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'labels', scopes: ['labels'] })).key;
    expect((await get('streamflow-churn', { authorization: `Bearer ${labels}` })).status).toBe(403);
    session.uid = (await insertUser({ db: h.db, user: { email: 'st@t.test', name: 'S', role: 'stakeholder', passwordHash: null } })).id;
    expect((await get('streamflow-churn')).status).toBe(403);
    session.uid = null;
  });
});
