import { listWebhooks } from '@/db/queries/webhooks';
import { json, route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { canManageMonitoring, createWebhookSchema, MONITORING_READ, MONITORING_WRITE } from '@/lib/monitoring/alert-schema';
import { webhookView } from '@/lib/monitoring/alert-views';
import { createWebhook } from '@/lib/monitoring/webhook-service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Webhooks (never their secrets; callers who cannot manage them see only the URL's origin). */
export const GET = route({ access: MONITORING_READ }, async ({ db, principal }) => {
  const full = canManageMonitoring(principal);
  return { webhooks: (await listWebhooks({ db })).map((w) => webhookView(w, full)), can_manage: full };
});

/** Creates a webhook (201); the response is the only place its signing secret ever appears. */
export const POST = route({ access: MONITORING_WRITE, body: createWebhookSchema }, async ({ db, body, principal, audit }) => {
  const { webhook, secret } = await createWebhook({ db, input: body, createdBy: principal ? principalLabel(principal) : null });
  await audit('webhook.create', { type: 'webhook', id: webhook.id }, { name: webhook.name, origin: new URL(webhook.url).origin, min_severity: webhook.minSeverity, secret_given: body.secret !== undefined });
  return json({ webhook: { ...webhookView(webhook, true), secret } }, 201, { 'cache-control': 'no-store', location: `/api/v1/monitoring/webhooks/${webhook.id}` });
});
