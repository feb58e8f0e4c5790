import type { Metadata } from 'next';
import { ExperimentsTable } from '@/components/tracking/experiments-table';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Experiments' };
export const dynamic = 'force-dynamic';

export default async function ExperimentsPage() {
  await requirePage('/experiments');
  return (
    <>
      <PageHeader
        title="Experiments"
        description="Every training run's parameters, metric history and artifacts. Open one experiment, or tick several to search and compare their runs together."
      />
      <ExperimentsTable />
    </>
  );
}
