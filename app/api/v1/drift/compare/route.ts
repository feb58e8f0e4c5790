import { route } from '@/lib/api/handler';
import { DRIFT_ACCESS, DRIFT_MAX_BYTES } from '@/lib/monitoring/access';
import { driftCompareSchema, runDriftCompare } from '@/lib/monitoring/compare';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Drift between two datasets, column by column: the engine the monitoring pages use (Evidently's defaults). */
export const POST = route({ access: DRIFT_ACCESS, body: driftCompareSchema, maxBodyBytes: DRIFT_MAX_BYTES }, async ({ body }) => runDriftCompare(body));
