import type { Metadata } from 'next';
import { RoiCalculator } from '@/components/roi/roi-calculator';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { currentRoiInputs } from '@/lib/roi/live';
import { liveScores } from '@/lib/roi/live-data';
import { planningSample } from '@/lib/roi/planning';

export const metadata: Metadata = { title: 'ROI' };
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

export default async function RoiPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePage('/roi');
  const db = await getDb();
  const [live, initial] = await Promise.all([liveScores(db), currentRoiInputs(db)]);
  const description = 'What a retention campaign on the live churn scores is expected to earn, the best number of customers to contact, and the contact policy it implies.';
  if (!live) {
    return (
      <>
        <PageHeader title="ROI" description={description} />
        <EmptyState title="ROI needs live churn scores">Once a champion model scores the active customers, the profit curve and the optimal contact policy appear here.</EmptyState>
      </>
    );
  }
  // "Plan at scale": the same score distribution resampled to N customers (e.g. next year's base), on request.
  const raw = (await searchParams).customers;
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  const plan = Number.isInteger(n) && n >= 1000 && n <= 1_000_000 && n !== live.customers ? planningSample(live, n) : null;
  const data = plan ?? { scores: Array.from(live.scores), charges: Array.from(live.charges) };
  return (
    <>
      <PageHeader title="ROI" description={description} />
      {plan && (
        <p className="-mt-3 mb-4 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900" role="note">
          Planning at {n.toLocaleString('en-US')} customers: today&apos;s {live.customers.toLocaleString('en-US')} scores resampled (seeded) to that size.
        </p>
      )}
      <RoiCalculator scores={data.scores} charges={data.charges} asOf={live.asOf} source={plan ? `${live.source}, resampled to ${n.toLocaleString('en-US')}` : live.source} initial={initial} canSetPolicy={hasRole(user.role, 'data_scientist')} />
    </>
  );
}
