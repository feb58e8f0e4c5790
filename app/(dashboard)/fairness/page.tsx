import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Fairness' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requireUser('stakeholder', '/fairness');
  return (
    <>
      <PageHeader title="Fairness" description="Per-group error rates by age band, gender and region, the chosen fairness criterion and the promotion gate." />
      <EmptyState title="No model to audit yet">When a model version exists, its per-group metrics with confidence intervals, the documented criterion and the gate that blocks unfair promotions appear here.</EmptyState>
    </>
  );
}
