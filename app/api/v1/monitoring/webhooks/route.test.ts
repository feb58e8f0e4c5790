// The webhook and delivery routes: the secret shown once, URLs masked for readers, validation, 404s, a test delivery
// sent to a real local receiver with its attempts listed, and re-sending a failed delivery by hand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { insertUser } from '@/db/queries/users';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { deliverDue } from '@/lib/monitoring/webhook-dispatcher';
import { MAX_ATTEMPTS, verifySignature } from '@/lib/monitoring/webhook';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

const hooks = await import('./route');
const hookById = await import('./[id]/route');
const testRoute = await import('./[id]/test/route');
const deliveries = await import('./[id]/deliveries/route');
const redeliver = await import('../deliveries/[id]/redeliver/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const NONE = '00000000-0000-4000-8000-000000000000';

function call(handler: Handler, opts: { method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const req = new Request('http://test.local/api/v1/monitoring/webhooks', { method: opts.method ?? 'GET', headers: opts.body !== undefined ? { 'content-type': 'application/json' } : {}, body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

describe.each(testDrivers())('webhook routes on %s', (driver) => {
  let h: DbHandle;
  const users: Record<string, string> = {};
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let status = 200;
  let server: http.Server;
  let receiverUrl: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    for (const role of ['stakeholder', 'data_scientist'] as const) users[role] = (await insertUser({ db: h.db, user: { email: `${role}@w.test`, name: role, role, passwordHash: null } })).id;
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => (received.push({ headers: req.headers, body }), res.writeHead(status).end()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/T000/B000/XXXXXXXX`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    setDbHandle(undefined);
    await h?.close();
  });

  it.each([
    ['a non-http URL', { url: 'ftp://example.test/x' }, 'body.url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'body.url'],
    ['no URL', { url: undefined }, 'body.url'],
    ['a short secret', { secret: 'short' }, 'body.secret'],
    ['an unknown severity', { min_severity: 'loud' }, 'body.min_severity'],
    ['an empty name', { name: ' ' }, 'body.name'],
  ])('refuses %s with 422 naming the field', async (_what, change, path) => {
    session.uid = users.data_scientist!;
    const res = await call(hooks.POST as Handler, { method: 'POST', body: { name: 'Ops', url: 'https://hooks.example.test/x', ...change } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('shows the generated secret once; readers see the URL’s origin only and never the secret', async () => {
    session.uid = users.data_scientist!;
    const res = await call(hooks.POST as Handler, { method: 'POST', body: { name: 'Ops Slack', url: receiverUrl, min_severity: 'critical' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { webhook } = await res.json();
    expect(webhook).toMatchObject({ name: 'Ops Slack', url: receiverUrl, min_severity: 'critical', enabled: true, created_by: 'data_scientist@w.test' });
    expect(webhook.secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = await (await call(hooks.GET as Handler)).json();
    expect(listed.webhooks[0]).toMatchObject({ id: webhook.id, url: receiverUrl });
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);
    session.uid = users.stakeholder!;
    const masked = await (await call(hooks.GET as Handler)).json();
    expect(masked).toMatchObject({ can_manage: false, webhooks: [{ id: webhook.id, url: `${new URL(receiverUrl).origin}/…` }] });
    expect((await call(hooks.POST as Handler, { method: 'POST', body: { name: 'x', url: receiverUrl } })).status).toBe(403);
    const [audit] = await listAudit({ db: h.db, action: 'webhook.create', limit: 1 });
    expect(JSON.stringify(audit)).not.toContain(webhook.secret);
  });

  it('sends a test delivery to the receiver, signed with the secret it was given, and lists the attempt', async () => {
    session.uid = users.data_scientist!;
    const secret = 'my-own-signing-secret-1234';
    const { webhook } = await (await call(hooks.POST as Handler, { method: 'POST', body: { name: 'Own secret', url: receiverUrl, secret } })).json();
    expect(webhook.secret).toBe(secret);
    const queued = await call(testRoute.POST as Handler, { method: 'POST', params: { id: webhook.id } });
    expect(queued.status).toBe(202);
    const { delivery } = await queued.json();
    expect(delivery).toMatchObject({ event: 'webhook.test', status: 'pending', attempts: 0 });
    await deliverDue({ db: h.db });
    const got = received.find((r) => r.headers['x-streamflow-delivery'] === delivery.id)!;
    expect(verifySignature(secret, got.headers['x-streamflow-signature'] as string, got.body)).toBe(true);

    session.uid = users.stakeholder!; // readers see the delivery log
    const list = await (await call(deliveries.GET as Handler, { params: { id: webhook.id } })).json();
    expect(list.deliveries[0]).toMatchObject({ id: delivery.id, status: 'delivered', attempts: 1, last_status_code: 200, attempt_log: [{ status_code: 200, error: null }] });
    expect(typeof list.deliveries[0].attempt_log[0].duration_ms).toBe('number');
    expect((await call(deliveries.GET as Handler, { params: { id: NONE } })).status).toBe(404);
    expect((await call(testRoute.POST as Handler, { method: 'POST', params: { id: webhook.id } })).status).toBe(403);
  });

  it('re-sends a failed delivery by hand (202), refuses while pending (409), and deletes webhooks', async () => {
    session.uid = users.data_scientist!;
    status = 500;
    const { webhook } = await (await call(hooks.POST as Handler, { method: 'POST', body: { name: 'Flaky', url: receiverUrl } })).json();
    const { delivery } = await (await call(testRoute.POST as Handler, { method: 'POST', params: { id: webhook.id } })).json();
    let now = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDue({ db: h.db, now });
      now = new Date(now.getTime() + 7 * 3_600_000);
    }
    const failed = (await (await call(deliveries.GET as Handler, { params: { id: webhook.id } })).json()).deliveries[0];
    expect(failed).toMatchObject({ id: delivery.id, status: 'failed', attempts: MAX_ATTEMPTS, last_status_code: 500, next_attempt_at: null });
    expect(failed.attempt_log).toHaveLength(MAX_ATTEMPTS);

    status = 200;
    const again = await call(redeliver.POST as Handler, { method: 'POST', params: { id: delivery.id } });
    expect(again.status).toBe(202);
    expect((await again.json()).delivery).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await call(redeliver.POST as Handler, { method: 'POST', params: { id: delivery.id } })).status).toBe(409);
    await deliverDue({ db: h.db, now });
    const done = (await (await call(deliveries.GET as Handler, { params: { id: webhook.id } })).json()).deliveries[0];
    expect(done).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(done.attempt_log).toHaveLength(MAX_ATTEMPTS + 1);
    expect((await call(redeliver.POST as Handler, { method: 'POST', params: { id: NONE } })).status).toBe(404);

    expect((await call(hookById.DELETE as Handler, { method: 'DELETE', params: { id: webhook.id } })).status).toBe(200);
    expect((await call(hookById.DELETE as Handler, { method: 'DELETE', params: { id: webhook.id } })).status).toBe(404);
    expect((await call(deliveries.GET as Handler, { params: { id: webhook.id } })).status).toBe(404);
    expect((await call(testRoute.POST as Handler, { method: 'POST', params: { id: 'not-a-uuid' } })).status).toBe(422);
  });
});
