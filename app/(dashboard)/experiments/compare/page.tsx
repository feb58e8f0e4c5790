import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoadingBlock } from '@/components/tracking/bits';
import { CompareView } from '@/components/tracking/compare-view';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Compare runs' };
export const dynamic = 'force-dynamic';

/** /experiments/compare?runs=a,b,c&baseline=a — runs may come from different experiments. */
export default async function ComparePage() {
  await requirePage('/experiments');
  return (
    <Suspense fallback={<LoadingBlock label="Loading runs…" height="h-96" />}>
      <CompareView />
    </Suspense>
  );
}
