import type { Metadata } from 'next';
import { Suspense } from 'react';
import { VersionCompare } from '@/components/models/version-compare';
import { LoadingBlock } from '@/components/tracking/bits';
import { requirePage } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { safeDecode } from '@/lib/ui/url-state';

export const metadata: Metadata = { title: 'Compare model versions' };
export const dynamic = 'force-dynamic';

/** /models/{name}/compare?a=1&b=2 — defaults to the champion and the challenger. */
export default async function CompareVersionsPage({ params }: { params: Promise<{ name: string }> }) {
  const user = await requirePage('/models');
  const name = safeDecode((await params).name);
  // The promote button follows the role; the alias API refuses other roles whatever the page shows.
  return (
    <Suspense fallback={<LoadingBlock label="Loading versions…" height="h-96" />}>
      <VersionCompare key={name} name={name} canPromote={hasRole(user.role, 'data_scientist')} />
    </Suspense>
  );
}
