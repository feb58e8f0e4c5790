import { json, route } from '@/lib/api/handler';
import { idParamsSchema, MONITORING_WRITE } from '@/lib/monitoring/alert-schema';
import { deliveryView } from '@/lib/monitoring/alert-views';
import { sendTestDelivery } from '@/lib/monitoring/webhook-service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Queues a `webhook.test` delivery (202); its attempts appear under the webhook's deliveries within seconds. */
export const POST = route({ access: MONITORING_WRITE, params: idParamsSchema }, async ({ db, params, audit }) => {
  const delivery = await sendTestDelivery({ db, id: params.id });
  await audit('webhook.test', { type: 'webhook', id: params.id }, { delivery: delivery.id });
  return json({ delivery: deliveryView(delivery) }, 202);
});
