import { countAlertEvents, listAlertEvents } from '@/db/queries/alerts';
import { route } from '@/lib/api/handler';
import { listAlertsQuerySchema, MONITORING_READ } from '@/lib/monitoring/alert-schema';
import { eventView } from '@/lib/monitoring/alert-views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Alert events, newest first, filtered by status and severity; `total` counts every match (the banner shows it). */
export const GET = route({ access: MONITORING_READ, query: listAlertsQuerySchema }, async ({ db, query }) => {
  const [alerts, total] = await Promise.all([listAlertEvents({ db, status: query.status, severity: query.severity, limit: query.limit }), countAlertEvents({ db, status: query.status, severity: query.severity })]);
  return { alerts: alerts.map(eventView), total };
});
