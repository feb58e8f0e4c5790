// POST /api/v1/labels: JSON and CSV, by customer and month or by request and row, idempotent, and every way a bad
// label is refused (with the row and field) without storing any of the request's labels.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { insertLogRows, type LogRow } from '@/db/prediction-log';
import { churnLabels } from '@/db/schema';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';

vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => null }));
vi.mock('@/lib/monitoring/scheduler', () => ({ requestRefresh: () => {} }));
const labels = await import('./route');

type Handler = (req: Request) => Promise<Response>;
const post = (body: string, type: string, key: string) =>
  (labels.POST as Handler)(new Request('http://test.local/api/v1/labels', { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${key}` }, body }));
const postJson = (body: unknown, key: string) => post(JSON.stringify(body), 'application/json', key);

function logRow(requestId: string, rowIndex: number, customerId: string | null, at: Date): LogRow {
  return { requestId, rowIndex, source: 'api', modelName: 'streamflow-churn', modelVersion: 1, customerId, features: { tenure_months: 3 }, churnProbability: 0.3, riskBand: 'high', contact: true, threshold: 0.196, latencyMs: 1, caller: 'test', at };
}

describe.each(testDrivers())('labels API on %s', (driver) => {
  let h: DbHandle;
  let key: string;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    key = (await createApiKey(h.db, { type: 'system', id: null, label: 'test' }, { name: 'labels', scopes: ['labels'] })).key;
    await insertLogRows(h.db, [logRow('r-1', 0, 'C0000001', new Date('2026-03-05T10:00:00Z')), logRow('r-1', 1, 'C0000002', new Date('2026-03-05T10:00:00Z'))]);
    await insertLogRows(h.db, [logRow('r-2', 0, 'C0000001', new Date('2026-04-07T10:00:00Z'))]);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });
  const stored = () => h.db.select().from(churnLabels);

  it('upserts by customer and month, defaulting to the latest prediction month, idempotently', async () => {
    let res = await postJson({ labels: [{ customer_id: 'C0000001', month: '2026-03', churned: false }, { customer_id: 'C0000001', churned: 1 }] }, key);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2, inserted: 2, updated: 0 });
    res = await postJson({ labels: [{ customer_id: 'C0000001', month: '2026-03-01', churned: true }] }, key);
    expect(await res.json()).toEqual({ received: 1, inserted: 0, updated: 1 });
    const rows = (await stored()).filter((l) => l.customerId === 'C0000001').map((l) => [String(l.month).slice(0, 10), l.churned]).sort();
    expect(rows).toEqual([['2026-03-01', true], ['2026-04-01', true]]);
  });

  it('upserts by request id and row', async () => {
    const res = await postJson({ labels: [{ request_id: 'r-1', row_index: 1, churned: true }, { request_id: 'r-2', churned: false }] }, key);
    expect(await res.json()).toEqual({ received: 2, inserted: 2, updated: 0 });
    expect((await stored()).filter((l) => l.requestId).length).toBe(2);
  });

  it('takes a CSV file', async () => {
    const res = await post('customer_id,month,churned\r\nC0000002,2026-03,yes\r\n"C0000001",2026-04,0\r\n', 'text/csv', key);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2, inserted: 1, updated: 1 });
  });

  it.each([
    [{ labels: [{ customer_id: 'C0000009', churned: true }] }, 'body.labels.0.month', /no prediction for customer C0000009/],
    [{ labels: [{ request_id: 'nope', churned: true }] }, 'body.labels.0.request_id', /no prediction with request id nope/],
    [{ labels: [{ request_id: 'r-1', row_index: 7, churned: true }] }, 'body.labels.0.row_index', /has no row 7/],
    [{ labels: [{ customer_id: 'C0000001', month: '2026-13', churned: true }] }, 'body.labels.0.month', /YYYY-MM/],
    [{ labels: [{ customer_id: 'C0000001', request_id: 'r-1', churned: true }] }, 'body.labels.0.customer_id', /exactly one/],
    [{ labels: [{ customer_id: 'C0000001', churned: 'maybe' }] }, 'body.labels.0.churned', /./],
    [{ labels: [{ customer_id: 'C0000001', churned: true, extra: 1 }] }, 'body.labels.0', /extra/],
    [{ labels: [] }, 'body.labels', /./],
  ])('refuses %j at %s and stores nothing', async (body, path, message) => {
    const before = (await stored()).length;
    const res = await postJson(body, key);
    expect(res.status).toBe(422);
    const err = (await res.json()).error;
    const detail = err.details.find((d: { path: string }) => d.path.startsWith(path));
    expect(detail, JSON.stringify(err.details)).toBeTruthy();
    expect(detail.message).toMatch(message);
    expect((await stored()).length).toBe(before);
  });

  it('refuses a bad CSV with the line and column', async () => {
    let res = await post('customer_id,when,churned\r\nC0000002,2026-03,1\r\n', 'text/csv', key);
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/Unknown column when/);
    res = await post('customer_id,month,churned\r\nC0000002,2026-03,perhaps\r\n', 'text/csv', key);
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].path).toBe('csv.labels.0.churned');
    res = await post('', 'text/csv', key);
    expect(res.status).toBe(400);
  });

  it('keeps one row per key when a request repeats it (the last outcome wins)', async () => {
    const res = await postJson({ labels: [{ customer_id: 'C0000002', month: '2026-03', churned: false }, { customer_id: 'C0000002', month: '2026-03', churned: true }] }, key);
    expect(res.status).toBe(200);
    const rows = (await stored()).filter((l) => l.customerId === 'C0000002');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.churned).toBe(true);
  });

  it('refuses more than 100,000 labels with 413', async () => {
    const many = Array.from({ length: 100_001 }, () => ({ customer_id: 'C0000001', month: '2026-03', churned: true }));
    const res = await postJson({ labels: many }, key);
    expect(res.status).toBe(413);
  });
});
