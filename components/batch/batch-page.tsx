'use client';

// /score/batch: upload a file of customers and follow its jobs. The expected header comes from the served model.
import { useQuery } from '@tanstack/react-query';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { apiFetch } from '@/lib/ui/api-client';
import { JobsTable } from './jobs-table';
import { UploadForm } from './upload-form';

export function BatchPage() {
  const model = useQuery({
    queryKey: ['batch-model-features'],
    queryFn: () => apiFetch<{ features: { name: string }[] }>(`/api/v1/models/${CHURN_MODEL}`),
    staleTime: 60_000,
  });
  return (
    <div className="space-y-6">
      <UploadForm features={model.data?.features.map((f) => f.name) ?? null} />
      <section aria-labelledby="batch-jobs-heading" className="space-y-3">
        <h2 id="batch-jobs-heading" className="text-sm font-semibold text-slate-800">
          Jobs
        </h2>
        <JobsTable />
      </section>
    </div>
  );
}
