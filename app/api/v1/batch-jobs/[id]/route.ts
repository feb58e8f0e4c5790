import { route } from '@/lib/api/handler';
import { BATCH_ACCESS, batchJobParamsSchema } from '@/lib/batch/schema';
import { invalidRowsSample, jobOrNotFound, jobView } from '@/lib/batch/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A job's status, progress, ETA and the first invalid rows (the full list: GET …/errors). */
export const GET = route({ access: BATCH_ACCESS, params: batchJobParamsSchema }, async ({ db, params }) => {
  const job = await jobOrNotFound(db, params.id);
  return { job: { ...jobView(job), invalid_rows_sample: job.invalidRows > 0 ? invalidRowsSample(job.id) : [] } };
});
