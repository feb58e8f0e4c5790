import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertEventsPanel } from '@/components/monitoring/alert-events-panel';
import { AlertRulesPanel } from '@/components/monitoring/alert-rules-panel';
import { WebhooksPanel } from '@/components/monitoring/webhooks-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requirePage } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

export default async function Page() {
  const user = await requirePage('/monitoring/alerts');
  const canEdit = hasRole(user.role, 'data_scientist');
  return (
    <>
      <PageHeader title="Alerts" description="Rules over the monitoring windows (drift, missing values, volume, realized and estimated performance), the alerts they opened, and the webhooks that are told.">
        <Link href="/monitoring" className="text-sm text-brand-700 hover:underline">
          ← Monitoring
        </Link>
      </PageHeader>
      <div className="space-y-6">
        <AlertEventsPanel canEdit={canEdit} />
        <AlertRulesPanel canEdit={canEdit} />
        <WebhooksPanel canEdit={canEdit} />
      </div>
    </>
  );
}
