import type { Metadata } from 'next';
import { AreaPlaceholder } from '@/components/layout/area-placeholder';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Fairness' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/fairness');
  return (
    <AreaPlaceholder title="Fairness" description="Per-group error rates by age band, gender and region, the chosen fairness criterion and the promotion gate." emptyTitle="No model to audit yet">
      When a model version exists, its per-group metrics with confidence intervals, the documented criterion and the gate that blocks unfair promotions appear here.
    </AreaPlaceholder>
  );
}
