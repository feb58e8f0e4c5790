import type { Metadata } from 'next';
import { ChurnTrendChart } from '@/components/charts/churn-trend-chart';
import { GroupRateChart } from '@/components/charts/group-rate-chart';
import { RevenueLostChart } from '@/components/charts/revenue-lost-chart';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Stat } from '@/components/ui/stat';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/guard';
import { loadOverview } from '@/lib/overview/load';
import { formatInt, formatMonth, formatPct, formatPp, formatUsd } from '@/lib/ui/format';

export const metadata: Metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  await requirePage('/');
  const { denied } = await searchParams;
  const o = await loadOverview(await getDb());
  const groupWindow = o.groupMonths.length ? `${formatMonth(o.groupMonths[0]!)} – ${formatMonth(o.groupMonths.at(-1)!)}` : '';
  return (
    <>
      <PageHeader
        title="Overview"
        description={o.latestMonth ? `StreamFlow subscribers as of the ${formatMonth(o.latestMonth)} snapshot. Churn labels arrive one month after each snapshot.` : undefined}
      />
      {denied && (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
          Your role cannot open <code>{denied}</code>. Ask an administrator if you need access.
        </p>
      )}
      {!o.latestMonth ? (
        <EmptyState title="No customer data yet">Load customer snapshots (or run the demo seed) and this page fills in.</EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
            <Stat
              label="Active customers"
              value={formatInt(o.activeCustomers)}
              hint={`at ${formatMonth(o.latestMonth)}`}
              trend={o.activeChange === null ? undefined : { text: `${o.activeChange >= 0 ? '+' : ''}${formatPct(o.activeChange)} vs prior month`, good: o.activeChange >= 0 }}
            />
            <Stat
              label="Monthly churn rate"
              value={formatPct(o.churnRate)}
              hint={o.latestLabeledMonth ? `${formatMonth(o.latestLabeledMonth)} cohort` : 'no labels yet'}
              trend={o.churnRateChange === null ? undefined : { text: formatPp(o.churnRateChange), good: o.churnRateChange <= 0 }}
            />
            <Stat label="Revenue lost to churn" value={formatUsd(o.revenueLost)} hint={`per month · ${formatUsd(o.revenueLost12m, true)} over the last 12 months`} />
            <Stat label="Revenue at risk (predicted)" value="—" hint="appears once a churn model is in production" />
          </div>
          <Card title="Monthly churn rate and active customers" subtitle="Share of each month's active customers who cancelled within 30 days">
            <ChurnTrendChart data={o.series.map(({ month, active, churnRate }) => ({ month, active, churnRate }))} />
          </Card>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
            <Card title="Churn rate by plan" subtitle={groupWindow}>
              <GroupRateChart data={o.byPlan} testId="churn-by-plan-chart" />
            </Card>
            <Card title="Churn rate by region" subtitle={groupWindow}>
              <GroupRateChart data={o.byRegion} testId="churn-by-region-chart" color="#7c3aed" />
            </Card>
            <Card title="Monthly revenue lost to churn" subtitle="Monthly charge of the customers who cancelled">
              <RevenueLostChart data={o.series.filter((p) => p.churnedMrr !== null)} />
            </Card>
          </div>
        </div>
      )}
    </>
  );
}
