import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Score' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requireUser('retention', '/score');
  return (
    <>
      <PageHeader title="Score" description="Score one customer, or a file of customers, and see why the model thinks they may leave." />
      <EmptyState title="Scoring opens when a model is in production">The form will take a customer&apos;s details, return the calibrated churn probability, the contact decision and the top reasons.</EmptyState>
    </>
  );
}
