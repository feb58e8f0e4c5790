import { route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { idParamsSchema, MONITORING_WRITE } from '@/lib/monitoring/alert-schema';
import { resolveAlert } from '@/lib/monitoring/alert-service';
import { eventView } from '@/lib/monitoring/alert-views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Closes an open or acknowledged alert (409 when already resolved). */
export const POST = route({ access: MONITORING_WRITE, params: idParamsSchema }, async ({ db, params, principal, audit }) => {
  const event = await resolveAlert({ db, id: params.id, by: principalLabel(principal!) });
  await audit('alert.resolve', { type: 'alert_event', id: event.id }, { rule: event.ruleName, message: event.message });
  return { alert: eventView(event) };
});
