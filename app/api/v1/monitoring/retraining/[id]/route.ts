import { findRetrainingRun } from '@/db/queries/retraining-runs';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { RETRAINING_READ_ACCESS, retrainingParamsSchema, retrainingRunView } from '@/lib/monitoring/retrain-schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One retraining run: status, progress, the months and rows it trained on, and the comparison once finished. */
export const GET = route({ access: RETRAINING_READ_ACCESS, params: retrainingParamsSchema }, async ({ db, params }) => {
  const run = await findRetrainingRun({ db, id: params.id });
  if (!run) throw new ApiError('not_found', `No retraining run ${params.id}`);
  return { run: retrainingRunView(run) };
});
