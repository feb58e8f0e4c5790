import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { LoadingBlock } from '@/components/tracking/bits';
import { RunsView } from '@/components/tracking/runs-view';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Runs' };
export const dynamic = 'force-dynamic';

export default async function ExperimentRunsPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage('/experiments');
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  return (
    <Suspense fallback={<LoadingBlock label="Loading runs…" height="h-96" />}>
      <RunsView experimentIds={[id]} />
    </Suspense>
  );
}
