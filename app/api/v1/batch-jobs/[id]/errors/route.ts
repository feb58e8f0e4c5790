import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { csvDownload, derivedName } from '@/lib/batch/download';
import { batchJobFile, ERRORS_FILE } from '@/lib/batch/files';
import { BATCH_ACCESS, batchJobParamsSchema } from '@/lib/batch/schema';
import { jobOrNotFound } from '@/lib/batch/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The invalid rows so far: line (in the uploaded file), customer_id, field, message — one line per problem. */
export const GET = route({ access: BATCH_ACCESS, params: batchJobParamsSchema }, async ({ db, params }) => {
  const job = await jobOrNotFound(db, params.id);
  if (job.status === 'queued' && !job.checkpoint) throw new ApiError('conflict', 'The job has not started yet');
  return csvDownload(batchJobFile(job.id, ERRORS_FILE), derivedName(job.fileName, 'invalid-rows'));
});
