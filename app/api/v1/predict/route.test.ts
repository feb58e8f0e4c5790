// POST /api/v1/predict: the contract clients depend on, reasons that add up, per-row errors, limits, and the log —
// every 200 has its rows in prediction_log, and a database that is down gives 503 + Retry-After with nothing logged.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgres, rowsOf, setDbHandle, type DbHandle } from '@/db/client';
import { seedShippedModel } from '@/db/seed-model';
import { insertUser } from '@/db/queries/users';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { FEATURE_NAMES } from '@/lib/data/features';
import { getServedModel } from '@/lib/serving/served-model';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));
const { POST } = await import('./route');

const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'models', 'manifest.json'), 'utf8')) as { reference_rows: Record<string, unknown>[]; threshold: number };
const rows = manifest.reference_rows;

function post(body: unknown, opts: { key?: string; query?: string; raw?: string; headers?: Record<string, string> } = {}) {
  return POST(
    new Request(`http://test.local/api/v1/predict${opts.query ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), ...opts.headers },
      body: opts.raw ?? JSON.stringify(body),
    }),
  );
}

async function logged(db: DbHandle['db'], requestId: string) {
  return rowsOf<{ row_index: number; customer_id: string | null; churn_probability: number; source: string; contact: boolean; risk_band: string; features: Record<string, unknown>; caller: string }>(
    await db.execute(sql`select row_index, customer_id, churn_probability, source, contact, risk_band, features, caller from prediction_log where request_id = ${requestId} order by row_index`),
  );
}

describe.each(testDrivers())('POST /api/v1/predict on %s', (driver) => {
  let h: DbHandle;
  let key: string;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    key = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'crm', scopes: ['predict'] })).key;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('scores in request order with the contract names, the served version and the model threshold, and logs every row', async () => {
    const customers = rows.slice(0, 5).map((r, i) => ({ customer_id: `C-${i}`, ...r }));
    const res = await post({ customers }, { key, headers: { 'x-request-id': `order-${driver}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.model).toEqual({ name: 'streamflow-churn', version: '1' });
    const served = await getServedModel(h.db);
    const expected = await served.scorer.score(rows.slice(0, 5));
    expect(body.predictions).toHaveLength(5);
    body.predictions.forEach((p: { customer_id: string; churn_probability: number; risk_band: string; decision: { contact: boolean; threshold: number }; explanation?: unknown }, i: number) => {
      expect(p.customer_id).toBe(`C-${i}`);
      expect(p.churn_probability).toBe(expected[i]);
      expect(p.decision).toEqual({ contact: expected[i]! >= manifest.threshold, threshold: manifest.threshold });
      expect(p.risk_band).toBe(expected[i]! >= manifest.threshold ? 'high' : expected[i]! >= manifest.threshold / 2 ? 'medium' : 'low');
      expect(p.explanation).toBeUndefined();
    });
    const log = await logged(h.db, `order-${driver}`);
    expect(log.map((r) => [r.row_index, r.customer_id, r.churn_probability, r.source, r.caller])).toEqual(body.predictions.map((p: { churn_probability: number }, i: number) => [i, `C-${i}`, p.churn_probability, 'api', 'key:crm']));
    expect(log[0]!.features).toEqual(rows[0]);
  });

  it('explains on request: expected value plus contributions equals the margin, and the margin gives the probability', async () => {
    const res = await post({ customers: rows.slice(0, 3) }, { key, query: '?explain=true' });
    expect(res.status).toBe(200);
    const { predictions } = await res.json();
    for (const p of predictions) {
      const { expected_value, margin, contributions, top_reasons } = p.explanation;
      expect(Object.keys(contributions).sort()).toEqual([...FEATURE_NAMES].sort());
      const sum = expected_value + Object.values(contributions as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - margin)).toBeLessThan(1e-6);
      expect(Math.abs(1 / (1 + Math.exp(-margin)) - p.churn_probability)).toBeLessThan(1e-5);
      expect(top_reasons).toHaveLength(3);
      expect(top_reasons[0].sentence).toMatch(/(raises|lowers) the churn risk$/);
      expect(Math.abs(top_reasons[0].contribution)).toBeGreaterThanOrEqual(Math.abs(top_reasons[2].contribution));
    }
  });

  it('names the row and field of every invalid value, rejects unknown fields and non-finite numbers, and logs nothing', async () => {
    const before = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from prediction_log`))[0]!.n;
    const customers = [rows[0], { ...rows[1], tenure_months: 'ten' }, { ...rows[2], plan: 'platinum', shoe_size: 42 }, { ...rows[3], monthly_charge: 1e400 }];
    const res = await post(null, { key, raw: JSON.stringify({ customers }).replace('"monthly_charge":null', '"monthly_charge":1e400') });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    const byPath = Object.fromEntries(error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath['body.customers.1.tenure_months']).toMatch(/finite number/);
    expect(byPath['body.customers.2.plan']).toMatch(/must be one of/);
    expect(byPath['body.customers.2.shoe_size']).toMatch(/not a feature/);
    expect(byPath['body.customers.3.monthly_charge']).toMatch(/finite number/);
    expect(error.message).toMatch(/record 1, tenure_months/);
    const after = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from prediction_log`))[0]!.n;
    expect(after).toBe(before);
  });

  it('refuses bodies that are empty, malformed, not JSON, too many rows or too many bytes, and callers without the scope', async () => {
    expect((await post({ customers: [] }, { key })).status).toBe(422);
    expect((await post({ customers: rows.slice(0, 1), extra: 1 }, { key })).status).toBe(422);
    expect((await post(null, { key, raw: '{"customers": [' })).status).toBe(400);
    expect((await post(null, { key, raw: 'a,b', headers: { 'content-type': 'text/csv' } })).status).toBe(415);
    const many = await post({ customers: Array.from({ length: 10_001 }, () => ({})) }, { key });
    expect(many.status).toBe(413);
    expect((await many.json()).error.message).toMatch(/At most 10000 records/);
    expect((await post(null, { key, headers: { 'content-length': String(64 * 1024 * 1024) }, raw: '{}' })).status).toBe(413);
    expect((await post({ customers: rows.slice(0, 1) })).status).toBe(401);
    const labels = (await createApiKey(h.db, { type: 'system', id: null, label: 't' }, { name: 'labels', scopes: ['labels'] })).key;
    expect((await post({ customers: rows.slice(0, 1) }, { key: labels })).status).toBe(403);
    session.uid = (await insertUser({ db: h.db, user: { email: `ret-${driver}@t.test`, name: 'R', role: 'retention', passwordHash: null } })).id;
    expect((await post({ customers: rows.slice(0, 1) })).status).toBe(200);
    session.uid = null;
  });

  it('scores 10,000 rows in one request and logs all of them', async () => {
    const customers = Array.from({ length: 10_000 }, (_, i) => rows[i % rows.length]!);
    const res = await post({ customers }, { key, headers: { 'x-request-id': `big-${driver}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).predictions).toHaveLength(10_000);
    const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from prediction_log where request_id = ${`big-${driver}`}`));
    expect(n).toBe(10_000);
  });

  it.runIf(driver === 'postgres')('answers 503 with Retry-After, and logs nothing, when the database is gone', async () => {
    const url = (h.sql as unknown as { options: { host: string[]; port: number[]; database: string; user: string; pass: string | null } }).options;
    const down = await openPostgres(`postgres://${url.user}${url.pass ? `:${url.pass}` : ''}@${url.host[0]}:${url.port[0]}/${url.database}`, { migrate: false, max: 1 });
    setDbHandle(down);
    await post({ customers: rows.slice(0, 1) }, { key }); // warm the key and the model on this handle
    await down.sql!.end({ timeout: 0 });
    const res = await post({ customers: rows.slice(0, 2) }, { key, headers: { 'x-request-id': 'while-down' } });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe('service_unavailable');
    setDbHandle(h);
    expect(await logged(h.db, 'while-down')).toEqual([]);
  });
});
