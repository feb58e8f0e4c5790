import type { Metadata } from 'next';
import { ModelsTable } from '@/components/registry/models-table';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Models' };
export const dynamic = 'force-dynamic';

export default async function ModelsPage() {
  await requirePage('/models');
  return (
    <>
      <PageHeader title="Models" description="The model registry: each model's versions, the run that produced each one, and the champion and challenger aliases that serving follows." />
      <ModelsTable />
    </>
  );
}
