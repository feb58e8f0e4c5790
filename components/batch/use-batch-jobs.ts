'use client';

import { useQuery } from '@tanstack/react-query';
import type { BatchJobView } from '@/lib/batch/service';
import { isActive } from '@/lib/batch/format';
import { apiFetch } from '@/lib/ui/api-client';

type Dates = 'created_at' | 'started_at' | 'finished_at' | 'updated_at';
/** A job as the browser gets it (dates as ISO strings). */
export type BatchJob = Omit<BatchJobView, Dates> & { created_at: string; started_at: string | null; finished_at: string | null; updated_at: string };
export const BATCH_JOBS_URL = '/api/v1/batch-jobs';
export const batchJobsKey = ['batch-jobs'] as const;

/** The job list, re-read every 1.5 s while any job is queued or running (and not at all once they are done). */
export function useBatchJobs() {
  return useQuery({
    queryKey: batchJobsKey,
    queryFn: () => apiFetch<{ jobs: BatchJob[] }>(BATCH_JOBS_URL),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => isActive(j.status)) ? 1500 : false),
  });
}
