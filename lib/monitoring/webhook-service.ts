// Webhooks as the routes and the alert evaluation use them: create (the secret is shown once), enqueue
// notifications — each a webhook_deliveries row committed before anything is sent — send a test, re-send by hand.
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { deleteWebhook, findDelivery, findWebhook, insertDeliveries, insertWebhook, listWebhooks, requeueDelivery, type PublicWebhook } from '@/db/queries/webhooks';
import type { Severity, WebhookDelivery } from '@/db/monitoring-schema';
import { ApiError } from '@/lib/api/errors';
import { SEVERITY_RANK } from './alert-metrics';
import type { CreateWebhookInput } from './alert-schema';
import { kickWebhookDispatcher } from './webhook-dispatcher';
import { generateWebhookSecret, testPayload, type WebhookEvent, type WebhookPayload } from './webhook';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function createWebhook({ db, input, createdBy }: { db: Db; input: CreateWebhookInput; createdBy: string | null }): Promise<{ webhook: PublicWebhook; secret: string }> {
  const secret = input.secret ?? generateWebhookSecret();
  const { secret: stored, ...webhook } = await insertWebhook({ db, webhook: { name: input.name, url: input.url, secret, minSeverity: input.min_severity, enabled: input.enabled, createdBy } });
  return { webhook, secret: stored };
}

export async function getWebhook({ db, id }: { db: Db; id: string }): Promise<PublicWebhook> {
  const w = await findWebhook({ db, id });
  if (!w) throw new ApiError('not_found', `There is no webhook ${id}`);
  return w;
}

export async function removeWebhook({ db, id }: { db: Db; id: string }): Promise<PublicWebhook> {
  const w = await deleteWebhook({ db, id });
  if (!w) throw new ApiError('not_found', `There is no webhook ${id}`);
  return w;
}

/**
 * Queues one notification per enabled webhook whose minimum severity the notification reaches, inside the caller's
 * transaction when given (so an alert event and its deliveries commit together). Returns the delivery rows.
 */
export async function enqueueNotifications({
  db,
  tx,
  severity,
  build,
}: {
  db: Db;
  tx?: Tx;
  severity: Severity;
  /** The payload for one webhook's delivery (ids are per delivery). */
  build: (deliveryId: string) => WebhookPayload;
}): Promise<WebhookDelivery[]> {
  const hooks = (await listWebhooks({ db: tx ?? db, enabledOnly: true })).filter((w) => SEVERITY_RANK[severity] >= SEVERITY_RANK[w.minSeverity]);
  const deliveries = hooks.map((w) => {
    const id = randomUUID();
    const payload = build(id);
    return { id, webhookId: w.id, event: payload.event, payload: payload as unknown as Record<string, unknown> };
  });
  return insertDeliveries({ tx: tx ?? db, deliveries });
}

/**
 * For other parts of the product (e.g. retraining): notify every webhook at or below `severity` of `event`.
 * `text` is the one-line summary; `data` the event's details.
 */
export async function notifyWebhooks({ db, event, severity, text, data }: { db: Db; event: Exclude<WebhookEvent, 'alert.opened'>; severity: Severity; text: string; data: Record<string, unknown> }): Promise<WebhookDelivery[]> {
  const id = randomUUID();
  const rows = await enqueueNotifications({ db, severity, build: () => ({ id, event, created_at: new Date().toISOString(), text, data }) });
  if (rows.length) kickWebhookDispatcher();
  return rows;
}

/** Queues a webhook.test delivery to one webhook (enabled or not) and asks the dispatcher to send it now. */
export async function sendTestDelivery({ db, id }: { db: Db; id: string }): Promise<WebhookDelivery> {
  const w = await getWebhook({ db, id });
  const deliveryId = randomUUID();
  const payload = testPayload(randomUUID(), w.name);
  const [row] = await insertDeliveries({ tx: db, deliveries: [{ id: deliveryId, webhookId: w.id, event: payload.event, payload: payload as unknown as Record<string, unknown> }] });
  kickWebhookDispatcher();
  return row!;
}

export async function redeliver({ db, id }: { db: Db; id: string }): Promise<WebhookDelivery> {
  const row = await requeueDelivery({ db, id });
  if (!row) {
    const existing = await findDelivery({ db, id });
    if (!existing) throw new ApiError('not_found', `There is no delivery ${id}`);
    throw new ApiError('conflict', 'This delivery is still pending: the dispatcher will retry it on its own');
  }
  kickWebhookDispatcher();
  return row;
}
