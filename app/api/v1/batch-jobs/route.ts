import { listBatchJobs } from '@/db/queries/batch-jobs';
import { json, route } from '@/lib/api/handler';
import { BATCH_ACCESS, listBatchJobsQuerySchema } from '@/lib/batch/schema';
import { createBatchJob, jobView } from '@/lib/batch/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Batch jobs, newest first. */
export const GET = route({ access: BATCH_ACCESS, query: listBatchJobsQuerySchema }, async ({ db, query }) => ({
  jobs: (await listBatchJobs({ db, limit: query.limit })).map(jobView),
}));

/**
 * Upload a CSV of customers (multipart field `file`, or a text/csv body) to score with the served model in the
 * background: 202 with the queued job. The header must name every feature of the model and may add customer_id.
 */
export const POST = route({ access: BATCH_ACCESS }, async ({ db, req, principal, audit }) => {
  const job = await createBatchJob({ db, req, principal });
  await audit('batch_job.create', { type: 'batch_job', id: job.id }, { file_name: job.fileName, rows: job.totalRows, model: `${job.modelName} v${job.modelVersion}` });
  return json({ job: jobView(job) }, 202, { location: `/api/v1/batch-jobs/${job.id}` });
});
