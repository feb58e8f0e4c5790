import { route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { idParamsSchema, MONITORING_WRITE } from '@/lib/monitoring/alert-schema';
import { acknowledgeAlert } from '@/lib/monitoring/alert-service';
import { eventView } from '@/lib/monitoring/alert-views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Someone is looking into it: open → acknowledged (409 when it is not open). */
export const POST = route({ access: MONITORING_WRITE, params: idParamsSchema }, async ({ db, params, principal, audit }) => {
  const event = await acknowledgeAlert({ db, id: params.id, by: principalLabel(principal!) });
  await audit('alert.acknowledge', { type: 'alert_event', id: event.id }, { rule: event.ruleName, message: event.message });
  return { alert: eventView(event) };
});
