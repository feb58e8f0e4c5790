// The batch-job routes: upload (multipart and text/csv) and every way an upload is refused, who may call them, the
// job's progress view, downloads, retry and cancel. The queue is replaced by a recorder (the queue has its own test);
// jobs are run by calling the runner directly.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { insertUser } from '@/db/queries/users';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { FEATURE_NAMES } from '@/lib/data/features';
import { runBatchJob } from '@/lib/batch/runner';
import { spawnTsxScoreWorker } from '@/lib/batch/spawn-tsx-worker';
import { batchCsv } from '@/lib/batch/testing';

const session = vi.hoisted(() => ({ uid: null as string | null }));
const queued = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));
vi.mock('@/lib/batch/queue', () => ({ batchEnqueuer: async () => async (_tx: unknown, id: string) => void queued.push(id) }));

const jobs = await import('./route');
const byId = await import('./[id]/route');
const result = await import('./[id]/result/route');
const errors = await import('./[id]/errors/route');
const retry = await import('./[id]/retry/route');
const cancel = await import('./[id]/cancel/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const data = batchCsv(60, { brokenEvery: 20 });
const BASE = 'http://test.local/api/v1/batch-jobs';

function multipart(parts: { name: string; fileName?: string; type?: string; content: string }[]): { body: string; type: string } {
  const boundary = '----sfBoundary7MA4YWxkTrZu0gW';
  const body = parts
    .map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n${p.content}\r\n`)
    .join('');
  return { body: `${body}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

function post(handler: Handler, opts: { body?: string; type?: string; headers?: Record<string, string>; params?: Record<string, string>; url?: string } = {}) {
  const headers: Record<string, string> = { ...(opts.type ? { 'content-type': opts.type } : {}), ...opts.headers };
  return handler(new Request(opts.url ?? BASE, { method: 'POST', headers, body: opts.body }), { params: Promise.resolve(opts.params ?? {}) });
}
const get = (handler: Handler, params: Record<string, string> = {}, headers: Record<string, string> = {}) => handler(new Request(BASE, { headers }), { params: Promise.resolve(params) });
const uploadCsv = (content: string, fileName = 'customers.csv', headers: Record<string, string> = {}) => {
  const m = multipart([{ name: 'file', fileName, type: 'text/csv', content }]);
  return post(jobs.POST as Handler, { body: m.body, type: m.type, headers });
};

describe.each(testDrivers())('batch-job routes on %s', (driver) => {
  let h: DbHandle;
  const users: Record<string, string> = {};
  let predictKey: string;
  let readKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    for (const role of ['stakeholder', 'retention'] as const) users[role] = (await insertUser({ db: h.db, user: { email: `${role}@b.test`, name: role, role, passwordHash: null } })).id;
    const actor = { type: 'system' as const, id: null, label: 't' };
    predictKey = (await createApiKey(h.db, actor, { name: 'crm', scopes: ['predict'] })).key;
    readKey = (await createApiKey(h.db, actor, { name: 'reader', scopes: ['read'] })).key;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('takes a multipart upload (202), queues it, and describes it; a text/csv body with a predict key works too', async () => {
    session.uid = users.retention!;
    const res = await uploadCsv(data.text);
    expect(res.status).toBe(202);
    const { job } = await res.json();
    expect(job).toMatchObject({ status: 'queued', file_name: 'customers.csv', total_rows: 60, rows_done: 0, progress: 0, eta_seconds: null, model: { name: 'streamflow-churn', version: '1' }, created_by: 'retention@b.test' });
    expect(res.headers.get('location')).toBe(`/api/v1/batch-jobs/${job.id}`);
    expect(queued).toContain(job.id);

    session.uid = null;
    const csv = await post(jobs.POST as Handler, { body: data.text, type: 'text/csv', url: `${BASE}?file_name=crm-export.csv`, headers: { authorization: `Bearer ${predictKey}` } });
    expect(csv.status).toBe(202);
    const second = (await csv.json()).job;
    expect(second).toMatchObject({ file_name: 'crm-export.csv', created_by: 'key:crm' });

    const list = await (await get(jobs.GET as Handler, {}, { authorization: `Bearer ${predictKey}` })).json();
    expect(list.jobs.map((j: { id: string }) => j.id).slice(0, 2)).toEqual([second.id, job.id]); // newest first
  });

  it.each([
    ['no file field', () => multipart([{ name: 'other', content: 'x' }]), 422, /field "file"/],
    ['an empty file', () => multipart([{ name: 'file', fileName: 'a.csv', type: 'text/csv', content: '' }]), 422, /empty/],
    ['a header without rows', () => multipart([{ name: 'file', fileName: 'a.csv', type: 'text/csv', content: ['customer_id', ...FEATURE_NAMES].join(',') + '\r\n' }]), 422, /no customer rows/],
    ['a missing column', () => multipart([{ name: 'file', fileName: 'a.csv', content: data.text.replace(',tenure_months,', ',') }]), 422, /missing column tenure_months/],
    ['an unknown column', () => multipart([{ name: 'file', fileName: 'a.csv', content: data.text.replace('customer_id,', 'customer_id,shoe_size,') }]), 422, /unknown column shoe_size/],
    ['a spreadsheet', () => multipart([{ name: 'file', fileName: 'customers.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: 'PK\u0003\u0004' }]), 415, /not a \.csv file/],
    ['binary content', () => multipart([{ name: 'file', fileName: 'a.csv', content: 'customer_id\u0000\u0001' }]), 415, /binary/],
  ])('refuses %s', async (_name, build, status, message) => {
    session.uid = users.retention!;
    const before = queued.length;
    const m = build();
    const res = await post(jobs.POST as Handler, { body: m.body, type: m.type });
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toMatch(message);
    expect(queued.length).toBe(before);
  });

  it('names every wrong column in the 422 details, and refuses JSON bodies (415)', async () => {
    session.uid = users.retention!;
    const res = await uploadCsv(data.text.replace('customer_id,', 'customer_id,shoe_size,').replace(',plan,', ','));
    const body = await res.json();
    expect(body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ column: 'shoe_size', message: 'is not a feature of the model' }), expect.objectContaining({ column: 'plan', message: 'is required' })]),
    );
    expect((await post(jobs.POST as Handler, { body: '{}', type: 'application/json' })).status).toBe(415);
  });

  it('needs the retention role or a predict key', async () => {
    session.uid = null;
    expect((await uploadCsv(data.text)).status).toBe(401);
    expect((await get(jobs.GET as Handler)).status).toBe(401);
    session.uid = users.stakeholder!;
    expect((await uploadCsv(data.text)).status).toBe(403);
    expect((await get(jobs.GET as Handler)).status).toBe(403);
    session.uid = null;
    expect((await uploadCsv(data.text, 'a.csv', { authorization: `Bearer ${readKey}` })).status).toBe(403);
  });

  it('shows progress and the invalid rows, serves the result and errors as CSV downloads, and retries failed jobs', async () => {
    session.uid = users.retention!;
    const { job } = await (await uploadCsv(data.text)).json();
    const params = { id: job.id };
    expect((await get(result.GET as Handler, params)).status).toBe(409); // not finished
    expect((await post(retry.POST as Handler, { params })).status).toBe(409); // only failed/cancelled jobs

    await runBatchJob(h.db, job.id, { spawn: spawnTsxScoreWorker, chunkRows: 25 });
    const done = (await (await get(byId.GET as Handler, params)).json()).job;
    expect(done).toMatchObject({ status: 'succeeded', rows_done: 60, invalid_rows: data.invalid.size, progress: 1, eta_seconds: null });
    expect(done.invalid_rows_sample.map((r: { line: number }) => r.line)).toEqual([...data.invalid.keys()]);
    expect(done.links.result).toBe(`/api/v1/batch-jobs/${job.id}/result`);

    const file = await get(result.GET as Handler, params);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="customers-scored.csv"');
    const lines = (await file.text()).trim().split('\r\n');
    expect(lines[0]).toBe('customer_id,line,churn_probability,risk_band,contact,threshold,reason_1,reason_2,reason_3');
    expect(lines.filter((l) => /^\w/.test(l)).length - 1).toBeGreaterThan(0);
    const errs = await get(errors.GET as Handler, params);
    expect(errs.headers.get('content-disposition')).toBe('attachment; filename="customers-invalid-rows.csv"');
    expect((await errs.text()).split('\r\n')[0]).toBe('line,customer_id,field,message');

    // Cancel a queued job, then retry it: queued again and enqueued.
    const other = (await (await uploadCsv(data.text)).json()).job;
    expect((await (await post(cancel.POST as Handler, { params: { id: other.id } })).json()).job.status).toBe('cancelled');
    expect((await post(cancel.POST as Handler, { params: { id: other.id } })).status).toBe(409);
    const again = await post(retry.POST as Handler, { params: { id: other.id } });
    expect(again.status).toBe(202);
    expect((await again.json()).job).toMatchObject({ status: 'queued', links: { retry: null } });
    expect(queued.filter((q) => q === other.id)).toHaveLength(2);

    expect((await get(byId.GET as Handler, { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await get(byId.GET as Handler, { id: 'nope' })).status).toBe(422);
  });
});
