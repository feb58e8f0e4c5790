import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { csvDownload, derivedName } from '@/lib/batch/download';
import { batchJobFile, RESULT_FILE } from '@/lib/batch/files';
import { BATCH_ACCESS, batchJobParamsSchema } from '@/lib/batch/schema';
import { jobOrNotFound } from '@/lib/batch/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The scored file: customer_id, line, churn_probability, risk_band, contact, threshold, reason_1..reason_3. */
export const GET = route({ access: BATCH_ACCESS, params: batchJobParamsSchema }, async ({ db, params }) => {
  const job = await jobOrNotFound(db, params.id);
  if (job.status !== 'succeeded') throw new ApiError('conflict', `The result is ready when the job has succeeded; it is ${job.status}`);
  return csvDownload(batchJobFile(job.id, RESULT_FILE), derivedName(job.fileName, 'scored'));
});
