import type { Metadata } from 'next';
import Link from 'next/link';
import { ScorePage } from '@/components/score/score-page';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Score' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  await requirePage('/score');
  return (
    <>
      <PageHeader
        title="Score a customer"
        description="Look a customer up or enter their details, see their churn probability, why the model thinks so and what to do — then change a field and see what would be different."
      >
        <Link href="/score/batch" className="text-sm text-brand-700 hover:underline">
          Score a file of customers →
        </Link>
      </PageHeader>
      <ScorePage />
    </>
  );
}
