import type { Metadata } from 'next';
import { AreaPlaceholder } from '@/components/layout/area-placeholder';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'ROI' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/roi');
  return (
    <AreaPlaceholder title="ROI" description="What a retention campaign on the live scores is expected to earn, and the contact policy it implies." emptyTitle="ROI needs live churn scores">
      Once a champion model scores the active customers, the profit curve, the optimal contact threshold under your budget, and saved scenarios appear here.
    </AreaPlaceholder>
  );
}
