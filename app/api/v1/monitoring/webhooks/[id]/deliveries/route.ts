import { listDeliveries } from '@/db/queries/webhooks';
import { route } from '@/lib/api/handler';
import { idParamsSchema, listDeliveriesQuerySchema, MONITORING_READ } from '@/lib/monitoring/alert-schema';
import { deliveryView } from '@/lib/monitoring/alert-views';
import { getWebhook } from '@/lib/monitoring/webhook-service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The webhook's deliveries, newest first, each with every attempt (time, status code, error, duration). */
export const GET = route({ access: MONITORING_READ, params: idParamsSchema, query: listDeliveriesQuerySchema }, async ({ db, params, query }) => {
  await getWebhook({ db, id: params.id });
  return { deliveries: (await listDeliveries({ db, webhookId: params.id, limit: query.limit })).map(deliveryView) };
});
