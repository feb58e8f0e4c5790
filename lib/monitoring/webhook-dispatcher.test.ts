// The dispatcher against real HTTP receivers on 127.0.0.1 (node:http on port 0): signatures, retries with the
// backoff schedule (the clock is injected, nothing waits), failures that keep every attempt, hanging and unreachable
// receivers. The database is real (PGlite, or PostgreSQL when TEST_DATABASE_URL is set).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { claimDueDeliveries, findDelivery, listDeliveries } from '@/db/queries/webhooks';
import { webhookDeliveries } from '@/db/schema';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { deliverDue } from './webhook-dispatcher';
import { createWebhook, redeliver, removeWebhook, sendTestDelivery } from './webhook-service';
import { MAX_ATTEMPTS, verifySignature } from './webhook';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver answering with `respond(n)` for its n-th request (1-based); 'hang' never answers. */
async function receiver(respond: (n: number) => number | 'hang') {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      const r = respond(got.length);
      if (r === 'hang') return;
      res.writeHead(r, r >= 300 && r < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : { 'content-type': 'text/plain' }).end(r >= 400 ? `receiver said no (${r})` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/streamflow`;
  return { url, got, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

const at = (t: Date, ms: number) => new Date(t.getTime() + ms);
// "Now" for a delivery created a moment ago: 1 ms on, because the database keeps microseconds and a JS Date only
// milliseconds — a delivery created in the same millisecond is otherwise not due yet (a rare flake on fast machines).
const justAfter = () => at(new Date(), 1);

describe.each(testDrivers())('webhook dispatcher on %s', (driver) => {
  let h: DbHandle;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    h = await openTestDb(driver);
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await h?.close();
  });

  async function hook(respond: (n: number) => number | 'hang', name = 'receiver') {
    const r = await receiver(respond);
    closers.push(r.close);
    const { webhook, secret } = await createWebhook({ db: h.db, input: { name, url: r.url, min_severity: 'info', enabled: true }, createdBy: 'test' });
    return { ...r, webhook, secret };
  }

  it('signs the body, names the event and the delivery, and sends a Slack-style text', async () => {
    const r = await hook(() => 204, 'Ops');
    const delivery = await sendTestDelivery({ db: h.db, id: r.webhook.id });
    const now = justAfter();
    const results = await deliverDue({ db: h.db, now });
    expect(results).toEqual([{ id: delivery.id, status: 'delivered', statusCode: 204, error: null }]);
    const [req] = r.got;
    expect(req!.headers['x-streamflow-event']).toBe('webhook.test');
    expect(req!.headers['x-streamflow-delivery']).toBe(delivery.id);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(verifySignature(r.secret, req!.headers['x-streamflow-signature'] as string, req!.body, { nowSeconds: Math.floor(now.getTime() / 1000) })).toBe(true);
    expect(verifySignature('not-the-secret-at-all', req!.headers['x-streamflow-signature'] as string, req!.body)).toBe(false);
    expect(JSON.parse(req!.body)).toMatchObject({ event: 'webhook.test', text: expect.stringMatching(/^\[INFO\] .*Ops.*\/monitoring\/alerts$/) });
    const [logged] = await listDeliveries({ db: h.db, webhookId: r.webhook.id });
    expect(logged).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, attemptLog: [{ statusCode: 204, error: null }] });
    expect(await deliverDue({ db: h.db, now: at(now, 86_400_000) })).toEqual([]); // nothing left to send
    await removeWebhook({ db: h.db, id: r.webhook.id });
  });

  it('retries a receiver that fails twice on the schedule, then records it delivered after 3 attempts', async () => {
    const r = await hook((n) => (n <= 2 ? 503 : 200));
    const { id } = await sendTestDelivery({ db: h.db, id: r.webhook.id });
    const t0 = justAfter();
    expect((await deliverDue({ db: h.db, now: t0 }))[0]).toMatchObject({ status: 'pending', statusCode: 503 });
    const after1 = (await findDelivery({ db: h.db, id }))!;
    expect(after1.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(27_000);
    expect(after1.nextAttemptAt.getTime() - t0.getTime()).toBeLessThanOrEqual(33_000);
    expect(await deliverDue({ db: h.db, now: at(t0, 20_000) })).toEqual([]); // not due yet
    const t1 = at(after1.nextAttemptAt, 1);
    await deliverDue({ db: h.db, now: t1 });
    const after2 = (await findDelivery({ db: h.db, id }))!;
    expect(after2.nextAttemptAt.getTime() - t1.getTime()).toBeGreaterThanOrEqual(108_000);
    expect(after2.nextAttemptAt.getTime() - t1.getTime()).toBeLessThanOrEqual(132_000);
    expect((await deliverDue({ db: h.db, now: at(after2.nextAttemptAt, 1) }))[0]).toMatchObject({ status: 'delivered', statusCode: 200 });
    const [logged] = await listDeliveries({ db: h.db, webhookId: r.webhook.id });
    expect(logged).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });
    expect(logged!.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 200]);
    expect(logged!.attemptLog[0]!.error).toBe('HTTP 503: receiver said no (503)');
    expect(r.got.map((g) => g.headers['x-streamflow-delivery'])).toEqual([id, id, id]); // one id across retries
    await removeWebhook({ db: h.db, id: r.webhook.id });
  });

  it('gives up on a receiver that always fails after the last attempt, keeps every attempt, and re-sends by hand', async () => {
    const r = await hook(() => 500);
    const { id } = await sendTestDelivery({ db: h.db, id: r.webhook.id });
    let now = justAfter();
    const gaps: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const [result] = await deliverDue({ db: h.db, now });
      expect(result).toMatchObject({ id, statusCode: 500, status: i < MAX_ATTEMPTS - 1 ? 'pending' : 'failed' });
      const d = (await findDelivery({ db: h.db, id }))!;
      if (d.status === 'pending') {
        gaps.push(d.nextAttemptAt.getTime() - now.getTime());
        now = at(d.nextAttemptAt, 1);
      }
    }
    expect(gaps).toHaveLength(MAX_ATTEMPTS - 1);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!); // growing
    expect(await deliverDue({ db: h.db, now: at(now, 30 * 86_400_000) })).toEqual([]);
    const [failed] = await listDeliveries({ db: h.db, webhookId: r.webhook.id });
    expect(failed).toMatchObject({ id, status: 'failed', attempts: MAX_ATTEMPTS, lastStatusCode: 500 });
    expect(failed!.attemptLog).toHaveLength(MAX_ATTEMPTS);
    expect(r.got).toHaveLength(MAX_ATTEMPTS);

    await redeliver({ db: h.db, id });
    await expect(redeliver({ db: h.db, id })).rejects.toMatchObject({ status: 409 }); // pending again already
    expect((await deliverDue({ db: h.db, now: at(now, 30 * 86_400_000) }))[0]).toMatchObject({ id, status: 'pending' });
    const [again] = await listDeliveries({ db: h.db, webhookId: r.webhook.id });
    expect(again).toMatchObject({ attempts: 1, status: 'pending' });
    expect(again!.attemptLog).toHaveLength(MAX_ATTEMPTS + 1);
    await removeWebhook({ db: h.db, id: r.webhook.id });
  });

  it('records a timeout for a receiver that hangs without holding up the others, and errors for unreachable and redirecting ones', async () => {
    const hang = await hook(() => 'hang', 'hangs');
    const fine = await hook(() => 200, 'fine');
    const moved = await hook(() => 302, 'moved');
    const gone = await receiver(() => 200);
    await gone.close();
    const { webhook: closed } = await createWebhook({ db: h.db, input: { name: 'closed port', url: gone.url, min_severity: 'info', enabled: true }, createdBy: 'test' });
    const ids = await Promise.all([hang.webhook.id, fine.webhook.id, moved.webhook.id, closed.id].map(async (w) => (await sendTestDelivery({ db: h.db, id: w })).id));
    const results = await deliverDue({ db: h.db, now: justAfter(), timeoutMs: 400 });
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get(ids[0]!)).toMatchObject({ status: 'pending', statusCode: null, error: 'timed out after 0.4 s' });
    expect(byId.get(ids[1]!)).toMatchObject({ status: 'delivered', statusCode: 200 });
    expect(byId.get(ids[2]!)).toMatchObject({ status: 'pending', statusCode: 302, error: 'HTTP 302: ok' });
    expect(byId.get(ids[3]!)).toMatchObject({ status: 'pending', statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
    const [hung] = await listDeliveries({ db: h.db, webhookId: hang.webhook.id });
    const [ok] = await listDeliveries({ db: h.db, webhookId: fine.webhook.id });
    expect(hung!.attemptLog[0]!.durationMs).toBeGreaterThanOrEqual(390);
    expect(ok!.attemptLog[0]!.durationMs).toBeLessThan(hung!.attemptLog[0]!.durationMs); // answered while the other hung
    expect(fine.got).toHaveLength(1);
    for (const w of [hang.webhook.id, fine.webhook.id, moved.webhook.id, closed.id]) await removeWebhook({ db: h.db, id: w });
  });

  it('never loses a claimed delivery: a dispatcher that dies mid-send leaves it pending, due again after the lease', async () => {
    const r = await hook(() => 200);
    const { id } = await sendTestDelivery({ db: h.db, id: r.webhook.id });
    const now = justAfter();
    expect((await claimDueDeliveries({ db: h.db, now, limit: 10, leaseMs: 60_000 })).map((d) => d.id)).toEqual([id]); // then "crashes"
    expect(await claimDueDeliveries({ db: h.db, now: at(now, 1000), limit: 10, leaseMs: 60_000 })).toEqual([]); // still leased
    const [row] = await h.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await deliverDue({ db: h.db, now: at(now, 61_000) }))[0]).toMatchObject({ id, status: 'delivered' });
    await removeWebhook({ db: h.db, id: r.webhook.id });
  });
});
