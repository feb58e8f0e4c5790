import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'ROI' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requireUser('stakeholder', '/roi');
  return (
    <>
      <PageHeader title="ROI" description="What a retention campaign on the live scores is expected to earn, and the contact policy it implies." />
      <EmptyState title="ROI needs live churn scores">Once a champion model scores the active customers, the profit curve, the optimal contact threshold under your budget, and saved scenarios appear here.</EmptyState>
    </>
  );
}
