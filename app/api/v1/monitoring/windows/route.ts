import { route } from '@/lib/api/handler';
import { MONITORING_READ_ACCESS } from '@/lib/monitoring/access';
import { windowsQuerySchema, windowsView } from '@/lib/monitoring/windows-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Stored window results (drift, prediction drift, realized and estimated performance) for other dashboards. */
export const GET = route({ access: MONITORING_READ_ACCESS, query: windowsQuerySchema }, async ({ db, query }) => windowsView(db, query));
