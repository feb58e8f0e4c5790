import { route } from '@/lib/api/handler';
import { BATCH_ACCESS, batchJobParamsSchema } from '@/lib/batch/schema';
import { cancelJob, jobView } from '@/lib/batch/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Stops a queued or running job after its current chunk (rows already scored stay logged); 409 otherwise. */
export const POST = route({ access: BATCH_ACCESS, params: batchJobParamsSchema }, async ({ db, params, audit }) => {
  const job = await cancelJob({ db, id: params.id });
  await audit('batch_job.cancel', { type: 'batch_job', id: job.id });
  return { job: jobView(job) };
});
