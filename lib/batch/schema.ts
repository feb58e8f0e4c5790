// Request schemas and the access rule of the batch-job routes.
import { z } from 'zod';
import type { Access } from '@/lib/api/handler';

/** Scoring a file is scoring: the retention team (and above) signed in, or an API key with the predict scope. */
export const BATCH_ACCESS = { role: 'retention', scopes: ['predict'] } as const satisfies Access;

export const batchJobParamsSchema = z.object({ id: z.uuid('must be a UUID') });

export const listBatchJobsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
