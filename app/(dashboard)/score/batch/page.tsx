import type { Metadata } from 'next';
import Link from 'next/link';
import { BatchPage } from '@/components/batch/batch-page';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Batch scoring' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/score');
  return (
    <>
      <PageHeader
        title="Batch scoring"
        description="Score a whole file of customers in the background: each row gets its churn probability, risk band, contact decision and top three reasons. Invalid rows are listed by line number."
      >
        <Link href="/score" className="text-sm text-brand-700 hover:underline">
          ← Score one customer
        </Link>
      </PageHeader>
      <BatchPage />
    </>
  );
}
