import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Experiments' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requireUser('data_scientist', '/experiments');
  return (
    <>
      <PageHeader title="Experiments" description="Every training run's parameters, metric history and artifacts, searchable and comparable side by side." />
      <EmptyState title="No runs logged yet">Runs appear here as soon as training logs them here or a data scientist points an mlflow client (MLFLOW_TRACKING_URI) at this server. You will be able to filter, sort and compare runs, and see which hyperparameters produced the best model.</EmptyState>
    </>
  );
}
