import type { Metadata } from 'next';
import { AreaPlaceholder } from '@/components/layout/area-placeholder';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Experiments' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/experiments');
  return (
    <AreaPlaceholder title="Experiments" description="Every training run's parameters, metric history and artifacts, searchable and comparable side by side." emptyTitle="No runs logged yet">
      Runs appear here as soon as training logs them here or a data scientist points an mlflow client (MLFLOW_TRACKING_URI) at this server. You will be able to filter, sort and compare runs, and see which hyperparameters produced the best model.
    </AreaPlaceholder>
  );
}
