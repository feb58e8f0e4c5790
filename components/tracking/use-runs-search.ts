'use client';

import { useMemo } from 'react';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';

/** Runs arrive in pages of 1000 as the table scrolls (MLflow's own default page size). */
export const RUNS_PAGE_SIZE = 1000;

export function runsQueryOptions(experimentIds: readonly string[], filter: string, orderBy: string | null) {
  return infiniteQueryOptions({
    queryKey: ['runs', [...experimentIds], filter.trim(), orderBy],
    queryFn: ({ pageParam, signal }) =>
      trackingApi.searchRuns(
        {
          experiment_ids: [...experimentIds],
          filter: filter.trim() || undefined,
          order_by: orderBy ? [orderBy] : undefined,
          max_results: RUNS_PAGE_SIZE,
          page_token: pageParam,
          run_view_type: 'ACTIVE_ONLY',
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
    // A bad filter is the user's to fix, not worth a retry.
    retry: (n, e) => (e as TrackingApiError).status >= 500 && n < 1,
  });
}

export function useRunsSearch(experimentIds: readonly string[], filter: string, orderBy: string | null) {
  return useInfiniteQuery({ ...runsQueryOptions(experimentIds, filter, orderBy), placeholderData: keepPreviousData, enabled: experimentIds.length > 0 });
}

/** Names of the experiments by id (for headers and the compare view's Experiment row). */
export function useExperimentNames(ids: readonly string[]): Map<string, string> {
  const results = useQueries({
    queries: [...new Set(ids)].map((id) => ({
      queryKey: ['experiment', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => trackingApi.getExperiment(id, signal),
      staleTime: 5 * 60_000,
    })),
  });
  // One stable Map per set of loaded names, so memoised consumers do not recompute on every render.
  const key = results.map((r) => (r.data?.experiment ? `${r.data.experiment.experiment_id}\u0001${r.data.experiment.name}` : '')).join('\u0002');
  return useMemo(() => new Map(key.split('\u0002').filter(Boolean).map((s) => s.split('\u0001') as [string, string])), [key]);
}
