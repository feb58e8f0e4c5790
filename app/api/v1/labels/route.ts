import { upsertLabels } from '@/db/queries/labels';
import { route } from '@/lib/api/handler';
import { LABELS_ACCESS, LABELS_MAX_BYTES } from '@/lib/monitoring/access';
import { readLabels } from '@/lib/monitoring/labels';
import { requestRefresh } from '@/lib/monitoring/scheduler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Ground truth: JSON `{"labels": [{"customer_id", "month"?, "churned"} | {"request_id", "row_index"?, "churned"}]}`
 * or a CSV file (text/csv) with the same columns. Idempotent upsert; monitoring folds the labels in shortly after.
 */
export const POST = route({ access: LABELS_ACCESS }, async ({ db, req, audit }) => {
  const csv = (req.headers.get('content-type') ?? '').toLowerCase().startsWith('text/csv');
  const labels = await readLabels(req, LABELS_MAX_BYTES);
  const result = await upsertLabels({ db, labels, source: csv ? 'csv' : 'api', where: csv ? 'csv' : 'body' });
  await audit('labels.upsert', undefined, { ...result, format: csv ? 'csv' : 'json' });
  requestRefresh();
  return result;
});
