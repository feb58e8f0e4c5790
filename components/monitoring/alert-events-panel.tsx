'use client';

// Alerts that rules opened: filter by status and severity; data scientists acknowledge and resolve them.
import { useState } from 'react';
import { buttonCls, ErrorNote, LoadingBlock } from '@/components/tracking/bits';
import { Card } from '@/components/ui/card';
import { SEVERITY_RANK } from '@/lib/monitoring/alert-metrics';
import { FormError, SeverityBadge, StateBadge } from './bits';
import { dateTime, monitoringApi, useAlertEvents, useAlertMutation, type AlertStatusFilter, type EventView } from './use-alerts';

const TABS: { value: AlertStatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

function who(e: EventView): string | null {
  if (e.resolved_at) return `Resolved by ${e.resolved_by} · ${dateTime.format(new Date(e.resolved_at))}`;
  if (e.acknowledged_at) return `Acknowledged by ${e.acknowledged_by} · ${dateTime.format(new Date(e.acknowledged_at))}`;
  return null;
}

export function AlertEventsPanel({ canEdit }: { canEdit: boolean }) {
  const [status, setStatus] = useState<AlertStatusFilter>('open');
  const [severity, setSeverity] = useState('');
  const events = useAlertEvents(status, severity);
  const ack = useAlertMutation(monitoringApi.acknowledge);
  const resolve = useAlertMutation(monitoringApi.resolve);
  const busy = ack.isPending || resolve.isPending;

  return (
    <Card title="Alerts" subtitle="Opened by the rules below when monitoring windows breach them. Acknowledge to say someone is on it; resolve when it is handled.">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label="Alert status" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
          {TABS.map((t) => (
            <button
              key={t.value}
              type="button"
              aria-pressed={status === t.value}
              onClick={() => setStatus(t.value)}
              className={'rounded px-3 py-1 text-sm ' + (status === t.value ? 'bg-brand-600 font-medium text-white' : 'text-slate-600 hover:bg-slate-50')}
            >
              {t.label}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <span aria-hidden="true">Severity</span>
          <select aria-label="Severity filter" value={severity} onChange={(e) => setSeverity(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">any</option>
            {Object.keys(SEVERITY_RANK).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      <FormError error={ack.error ?? resolve.error} />
      {events.isPending ? (
        <LoadingBlock label="Loading alerts…" height="h-24" />
      ) : events.isError ? (
        <ErrorNote title="Could not load the alerts">{events.error.message}</ErrorNote>
      ) : events.data.alerts.length === 0 ? (
        <p className="text-sm text-slate-500">No {status === 'all' ? '' : `${status} `}alerts{severity ? ` of ${severity} severity` : ''}.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Alerts">
          {events.data.alerts.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <SeverityBadge severity={e.severity} />
                  <StateBadge state={e.status} />
                  <span className="text-sm font-medium text-ink">{e.rule.name ?? 'Deleted rule'}</span>
                  <span className="text-xs text-slate-500">
                    {e.model.name} v{e.model.version} · opened {e.opened_at ? dateTime.format(new Date(e.opened_at)) : ''}
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-700">{e.message}</p>
                {who(e) && <p className="mt-0.5 text-xs text-slate-500">{who(e)}</p>}
              </div>
              {canEdit && e.status !== 'resolved' && (
                <div className="flex gap-2">
                  {e.status === 'open' && (
                    <button type="button" className={buttonCls} disabled={busy} onClick={() => ack.mutate(e.id)}>
                      Acknowledge<span className="sr-only"> {e.message}</span>
                    </button>
                  )}
                  <button type="button" className={buttonCls} disabled={busy} onClick={() => resolve.mutate(e.id)}>
                    Resolve<span className="sr-only"> {e.message}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {events.data && events.data.total > events.data.alerts.length && <p className="mt-2 text-xs text-slate-500">Showing the newest {events.data.alerts.length} of {events.data.total}.</p>}
    </Card>
  );
}
