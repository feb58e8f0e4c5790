import { json, route } from '@/lib/api/handler';
import { idParamsSchema, MONITORING_WRITE } from '@/lib/monitoring/alert-schema';
import { deliveryView } from '@/lib/monitoring/alert-views';
import { redeliver } from '@/lib/monitoring/webhook-service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Sends a failed (or delivered) delivery again with a fresh retry budget (202); 409 while it is still pending. */
export const POST = route({ access: MONITORING_WRITE, params: idParamsSchema }, async ({ db, params, audit }) => {
  const delivery = await redeliver({ db, id: params.id });
  await audit('webhook_delivery.redeliver', { type: 'webhook_delivery', id: delivery.id }, { webhook: delivery.webhookId, event: delivery.event });
  return json({ delivery: deliveryView(delivery) }, 202);
});
