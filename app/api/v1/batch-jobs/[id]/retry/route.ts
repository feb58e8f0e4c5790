import { json, route } from '@/lib/api/handler';
import { BATCH_ACCESS, batchJobParamsSchema } from '@/lib/batch/schema';
import { jobView, retryBatchJob } from '@/lib/batch/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Queues a failed or cancelled job again (202); it continues from its last committed chunk. 409 in any other state. */
export const POST = route({ access: BATCH_ACCESS, params: batchJobParamsSchema }, async ({ db, params, audit }) => {
  const job = await retryBatchJob({ db, id: params.id });
  await audit('batch_job.retry', { type: 'batch_job', id: job.id });
  return json({ job: jobView(job) }, 202);
});
