import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Decks' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requireUser('stakeholder', '/decks');
  return (
    <>
      <PageHeader title="Decks" description="Slides for stakeholders, built from the live numbers, exported to PPTX and PDF." />
      <EmptyState title="No decks yet">Decks are assembled from the overview, model, monitoring, fairness and ROI figures once those exist. Nothing here is made up in the meantime.</EmptyState>
    </>
  );
}
