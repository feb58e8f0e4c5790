import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { LoadingBlock } from '@/components/tracking/bits';
import { RunsView } from '@/components/tracking/runs-view';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';
import { decodeExperimentIds } from '@/lib/ui/url-state';

export const metadata: Metadata = { title: 'Runs' };
export const dynamic = 'force-dynamic';

/** Runs of several experiments in one table: /experiments/runs?experiments=1,2 */
export default async function CrossExperimentRunsPage({ searchParams }: { searchParams: Promise<{ experiments?: string }> }) {
  await requirePage('/experiments');
  const ids = decodeExperimentIds((await searchParams).experiments);
  if (ids.length === 0)
    return (
      <>
        <PageHeader title="Runs" />
        <EmptyState title="No experiments chosen">
          Tick one or more experiments on the <Link className="text-brand-700 underline" href="/experiments">experiments page</Link> and open their runs.
        </EmptyState>
      </>
    );
  return (
    <Suspense fallback={<LoadingBlock label="Loading runs…" height="h-96" />}>
      <RunsView experimentIds={ids} />
    </Suspense>
  );
}
