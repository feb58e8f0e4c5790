import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Monitoring' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requireUser('stakeholder', '/monitoring');
  return (
    <>
      <PageHeader title="Monitoring" description="Data and prediction drift over time, realized and estimated performance, and alerts." />
      <EmptyState title="Monitoring starts with the first production model">Drift per feature, score drift, realized performance once labels arrive and label-free estimates before that appear here, computed over the live prediction log.</EmptyState>
    </>
  );
}
