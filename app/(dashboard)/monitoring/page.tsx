import type { Metadata } from 'next';
import { AreaPlaceholder } from '@/components/layout/area-placeholder';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Monitoring' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/monitoring');
  return (
    <AreaPlaceholder title="Monitoring" description="Data and prediction drift over time, realized and estimated performance, and alerts." emptyTitle="Monitoring starts with the first production model">
      Drift per feature, score drift, realized performance once labels arrive and label-free estimates before that appear here, computed over the live prediction log.
    </AreaPlaceholder>
  );
}
