import { route } from '@/lib/api/handler';
import { idParamsSchema, MONITORING_WRITE } from '@/lib/monitoring/alert-schema';
import { webhookView } from '@/lib/monitoring/alert-views';
import { removeWebhook } from '@/lib/monitoring/webhook-service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Deletes the webhook with its delivery history; queued deliveries to it are dropped. */
export const DELETE = route({ access: MONITORING_WRITE, params: idParamsSchema }, async ({ db, params, audit }) => {
  const webhook = await removeWebhook({ db, id: params.id });
  await audit('webhook.delete', { type: 'webhook', id: webhook.id }, { name: webhook.name });
  return { webhook: webhookView(webhook, true), deleted: true };
});
