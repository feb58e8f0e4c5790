import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Models' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requireUser('data_scientist', '/models');
  return (
    <>
      <PageHeader title="Models" description="The model registry: versions, the champion and challenger aliases, and each version's evaluation." />
      <EmptyState title="No registered models yet">Once a model is trained and registered, its versions, calibration, ONNX export and per-prediction reasons appear here, with the champion that serves predictions.</EmptyState>
    </>
  );
}
