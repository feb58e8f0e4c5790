// The scoring form's API on a seeded demo and the shipped model: customer lookup, scoring with a what-if, the
// recommended action, the prediction log, validation and who may call it.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { customerIdsByPrefix } from '@/db/queries/customers';
import { insertUser } from '@/db/queries/users';
import { predictionLog } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { expectedContactValue } from '@/lib/serving/action';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));
const score = await import('./route');
const byId = await import('../customers/[id]/route');
const search = await import('../customers/route');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies in assertions

const post = (body: unknown, headers: Record<string, string> = {}) =>
  score.POST(new Request('http://test.local/api/v1/score', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
const lookup = (id: string, headers: Record<string, string> = {}) =>
  byId.GET(new Request(`http://test.local/api/v1/customers/${id}`, { headers }), { params: Promise.resolve({ id }) });

describe.each(testDrivers())('scoring form API on %s', (driver) => {
  let h: DbHandle;
  let readKey: string;
  let labelsKey: string;
  let fullKey: string;
  let ids: string[]; // the seeded world's ids are sparse (customers who left during the burn-in are never published)
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedDemoWorld(h, { seed: 7, activeCustomers: 300, months: 3 });
    await seedShippedModel(h);
    ids = await customerIdsByPrefix({ db: h.db, prefix: 'C', limit: 400 });
    const actor = { type: 'system' as const, id: null, label: 't' };
    readKey = (await createApiKey(h.db, actor, { name: 'reader', scopes: ['read'] })).key;
    labelsKey = (await createApiKey(h.db, actor, { name: 'labels', scopes: ['labels'] })).key;
    fullKey = (await createApiKey(h.db, actor, { name: 'all', scopes: ['predict', 'read', 'labels', 'tracking'] })).key;
    session.uid = (await insertUser({ db: h.db, user: { email: 'agent@t.test', name: 'Agent', role: 'retention', passwordHash: null } })).id;
  });
  afterAll(async () => {
    session.uid = null;
    setDbHandle(undefined);
    await h?.close();
  });

  it('looks a customer up: the newest snapshot as a record, its month and demographics; 404 names the id', async () => {
    const res = await lookup(ids[0]!);
    expect(res.status).toBe(200);
    const c: Json = await res.json();
    expect(c).toMatchObject({ customer_id: ids[0], month: expect.stringMatching(/^\d{4}-\d{2}-01$/), signup_month: expect.any(String) });
    expect(Object.keys(c.demographics).sort()).toEqual(['age_band', 'gender', 'region']);
    expect(c.record).toMatchObject({ plan: expect.any(String), tenure_months: expect.any(Number), promo_used: expect.any(Boolean) });
    expect(c.record).not.toHaveProperty('churned');
    const missing = await lookup('C9999999');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain('C9999999');
    // A read key may look up (an integration building records); a key without predict/read may not.
    expect((await lookup(ids[0]!, { authorization: `Bearer ${readKey}` })).status).toBe(200);
    expect((await lookup(ids[0]!, { authorization: `Bearer ${labelsKey}` })).status).toBe(403);
  });

  it('lists ids by prefix for the autocomplete', async () => {
    expect(ids.length).toBeGreaterThan(300);
    expect([...ids].sort()).toEqual(ids);
    const prefix = ids[20]!.slice(0, 6);
    const res = await search.GET(new Request(`http://test.local/api/v1/customers?q=${prefix}&limit=5`));
    expect((await res.json()).customer_ids).toEqual(ids.filter((id) => id.startsWith(prefix)).slice(0, 5));
    // LIKE wildcards in the query are literal characters
    expect((await (await search.GET(new Request('http://test.local/api/v1/customers?q=C_'))).json()).customer_ids).toEqual([]);
  });

  it('scores a looked-up customer with reasons and the recommended action, logged with source form', async () => {
    const { record, customer_id } = (await (await lookup(ids[1]!)).json()) as Json;
    const res = await post({ record: { ...record, customer_id } }, { 'x-request-id': `form-one-${driver}` });
    expect(res.status).toBe(200);
    const body: Json = await res.json();
    expect(body.model).toEqual({ name: 'streamflow-churn', version: '1' });
    expect(body.what_if).toBeUndefined();
    expect(body.changed).toEqual([]);
    const p = body.base.churn_probability;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(body.base.customer_id).toBe(ids[1]);
    expect(body.base.explanation.top_reasons.length).toBeGreaterThan(0);
    expect(body.base.explanation.top_reasons[0].sentence).toMatch(/(raises|lowers) the churn risk$/);
    expect(body.base.action.customer_value).toBeCloseTo(record.monthly_charge * 12, 6);
    expect(body.base.action.expected_value).toBeCloseTo(expectedContactValue(p, record.monthly_charge * 12), 9);
    const ev = body.base.action.expected_value;
    expect(body.base.action.code).toBe(!body.base.decision.contact ? 'none' : ev > 0 ? 'offer' : 'contact_negative_value');
    const logged = await h.db.select().from(predictionLog).where(eq(predictionLog.requestId, `form-one-${driver}`));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ source: 'form', customerId: ids[1], caller: 'agent@t.test' });
    expect(logged[0]!.churnProbability).toBeCloseTo(p, 12);
  });

  it('scores a what-if next to the base in one request: both rows logged, changed fields and Δ reported', async () => {
    const { record } = (await (await lookup(ids[2]!)).json()) as Json;
    const whatIf = { failed_payments_90d: record.failed_payments_90d === 4 ? 5 : 4, contract: record.contract, days_since_last_login: record.days_since_last_login === 60 ? 61 : 60 };
    const res = await post({ record: { ...record, customer_id: ids[2] }, what_if: whatIf }, { 'x-request-id': `form-two-${driver}` });
    expect(res.status).toBe(200);
    const body: Json = await res.json();
    // contract did not change, so it is not listed
    expect(body.changed).toEqual(['failed_payments_90d', 'days_since_last_login']);
    expect(body.what_if.delta_probability).toBeCloseTo(body.what_if.churn_probability - body.base.churn_probability, 12);
    expect(body.what_if.churn_probability).not.toBe(body.base.churn_probability);
    expect(body.what_if.explanation.contributions).toHaveProperty('failed_payments_90d');
    expect(body.what_if.action.expected_value).toBeCloseTo(expectedContactValue(body.what_if.churn_probability, record.monthly_charge * 12), 9);
    const logged = await h.db.select().from(predictionLog).where(eq(predictionLog.requestId, `form-two-${driver}`)).orderBy(asc(predictionLog.rowIndex));
    expect(logged.map((r) => [r.rowIndex, r.source, r.customerId])).toEqual([
      [0, 'form', ids[2]],
      [1, 'form', null],
    ]);
    expect(logged[1]!.features).toMatchObject(whatIf);
    expect(logged[1]!.churnProbability).toBeCloseTo(body.what_if.churn_probability, 12);
  });

  it('answers 422 naming the field, on the record or on the what-if', async () => {
    const { record } = (await (await lookup(ids[3]!)).json()) as Json;
    const bad = await post({ record: { ...record, tenure_months: 999, plan: 'gold' } });
    expect(bad.status).toBe(422);
    const err: Json = (await bad.json()).error;
    expect(err.details).toEqual(
      expect.arrayContaining([
        { path: 'body.record.tenure_months', field: 'tenure_months', message: 'must be between 0 and 240' },
        { path: 'body.record.plan', field: 'plan', message: expect.stringMatching(/^must be one of /) },
      ]),
    );
    const badWhatIf: Json = await (await post({ record, what_if: { watch_hours_30d: -1, no_such: 1 } })).json();
    expect(badWhatIf.error.details.map((d: Json) => d.path).sort()).toEqual(['body.what_if.no_such', 'body.what_if.watch_hours_30d']);
    const missing = await post({ record: { ...record, sessions_30d: undefined } });
    expect((await missing.json()).error.details).toEqual([{ path: 'body.record.sessions_30d', field: 'sessions_30d', message: 'is required' }]);
    expect((await post({ record, what_if: { customer_id: 'C1' } })).status).toBe(422);
    expect((await post({ records: [record] })).status).toBe(422);
  });

  it('is for signed-in people: API keys are refused, anonymous callers too, stakeholders lack the role', async () => {
    const { record } = (await (await lookup(ids[4]!)).json()) as Json;
    const uid = session.uid;
    session.uid = null;
    expect((await post({ record }, { authorization: `Bearer ${fullKey}` })).status).toBe(403);
    expect((await post({ record })).status).toBe(401);
    session.uid = (await insertUser({ db: h.db, user: { email: 'sh@t.test', name: 'S', role: 'stakeholder', passwordHash: null } })).id;
    expect((await post({ record })).status).toBe(403);
    expect((await lookup(ids[4]!)).status).toBe(403);
    session.uid = uid;
  });
});
