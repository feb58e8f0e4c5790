'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { trackingApi } from '@/lib/ui/tracking-api';

/** A link to a run, labelled with its name once loaded (the id until then, or if the run is gone). */
export function RunLink({ runId, className = 'text-brand-700 hover:underline', label }: { runId: string; className?: string; label?: string }) {
  const q = useQuery({ queryKey: ['run', runId], queryFn: ({ signal }) => trackingApi.getRun(runId, signal), staleTime: 60_000, retry: false });
  const name = q.data?.run.info.run_name;
  return (
    <Link href={`/experiments/runs/${encodeURIComponent(runId)}`} className={className} title={runId} aria-label={label}>
      {name || (runId.length > 12 ? runId.slice(0, 8) + '…' : runId)}
    </Link>
  );
}
