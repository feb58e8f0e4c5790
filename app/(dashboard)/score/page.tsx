import type { Metadata } from 'next';
import { AreaPlaceholder } from '@/components/layout/area-placeholder';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Score' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/score');
  return (
    <AreaPlaceholder title="Score" description="Score one customer, or a file of customers, and see why the model thinks they may leave." emptyTitle="Scoring opens when a model is in production">
      The form will take a customer&apos;s details, return the calibrated churn probability, the contact decision and the top reasons.
    </AreaPlaceholder>
  );
}
