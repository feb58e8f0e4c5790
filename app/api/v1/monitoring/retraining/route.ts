import { listRetrainingRuns } from '@/db/queries/retraining-runs';
import { ApiError } from '@/lib/api/errors';
import { json, route } from '@/lib/api/handler';
import { principalLabel } from '@/lib/auth/principal';
import { listRetrainingQuerySchema, RETRAINING_READ_ACCESS, RETRAINING_START_ACCESS, retrainingRunView, startRetrainingBody } from '@/lib/monitoring/retrain-schema';
import { startManualRetraining } from '@/lib/monitoring/retrain-trigger';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Retraining runs, newest first, with progress while one runs and the champion-vs-challenger comparison after. */
export const GET = route({ access: RETRAINING_READ_ACCESS, query: listRetrainingQuerySchema }, async ({ db, query }) => ({
  runs: (await listRetrainingRuns({ db, limit: query.limit })).map(retrainingRunView),
}));

/**
 * Retrain the champion's configuration on the latest labelled data now: 202 with the queued run. The result is
 * registered as @challenger and never promoted automatically. 409 while another retraining is queued or running
 * (or when the model has no champion).
 */
export const POST = route({ access: RETRAINING_START_ACCESS, body: startRetrainingBody }, async ({ db, body, principal, audit }) => {
  const out = await startManualRetraining({ db, reason: body.reason, requestedBy: principal ? principalLabel(principal) : null });
  // Busy (one is queued or running) or nothing to retrain (no champion): both conflict with the current state.
  if (!out.started) throw new ApiError('conflict', out.message, out.existing ? { run_id: out.existing.id, status: out.existing.status } : undefined);
  await audit('retraining.start', { type: 'retraining_run', id: out.run.id }, { reason: body.reason, model: out.run.modelName, base_version: out.run.baseVersion });
  return json({ run: retrainingRunView(out.run) }, 202, { location: `/api/v1/monitoring/retraining/${out.run.id}` });
});
