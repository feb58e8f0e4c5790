'use client';

// One webhook's deliveries, newest first, with every attempt: when, the receiver's status code or the error, how long.
import { Fragment } from 'react';
import { buttonCls, ErrorNote } from '@/components/tracking/bits';
import { FormError, StateBadge } from './bits';
import { dateTime, monitoringApi, useAlertMutation, useDeliveries } from './use-alerts';

export function DeliveriesTable({ webhookId, webhookName, canEdit }: { webhookId: string; webhookName: string; canEdit: boolean }) {
  const deliveries = useDeliveries(webhookId);
  const redeliver = useAlertMutation(monitoringApi.redeliver);
  if (deliveries.isPending) return <p className="text-sm text-slate-500">Loading deliveries…</p>;
  if (deliveries.isError) return <ErrorNote title="Could not load the deliveries">{deliveries.error.message}</ErrorNote>;
  if (deliveries.data.deliveries.length === 0) return <p className="text-sm text-slate-500">Nothing sent to {webhookName} yet. Send a test to check it.</p>;
  return (
    <div className="overflow-x-auto">
      <FormError error={redeliver.error} />
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Delivery attempts to {webhookName}</caption>
        <thead className="uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1.5 pr-3">Time</th>
            <th scope="col" className="pr-3">Event</th>
            <th scope="col" className="pr-3">Status code</th>
            <th scope="col" className="pr-3">Error</th>
            <th scope="col" className="pr-3">Duration</th>
            <th scope="col" className="pr-3">Delivery</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.deliveries.map((d) => (
            <Fragment key={d.id}>
              {d.attempt_log.length === 0 && (
                <tr className="border-t border-slate-100">
                  <td className="py-1.5 pr-3">{d.created_at ? dateTime.format(new Date(d.created_at)) : ''}</td>
                  <td className="pr-3">{d.event}</td>
                  <td className="pr-3 text-slate-400" colSpan={3}>
                    queued, not sent yet
                  </td>
                  <td className="pr-3">
                    <StateBadge state={d.status} />
                  </td>
                </tr>
              )}
              {d.attempt_log.map((a, i) => (
                <tr key={`${d.id}-${i}`} className={i === 0 ? 'border-t border-slate-100' : ''}>
                  <td className="py-1.5 pr-3 tabular-nums">{a.at ? dateTime.format(new Date(a.at)) : ''}</td>
                  <td className="pr-3">{i === 0 ? d.event : <span className="text-slate-400">retry {i}</span>}</td>
                  <td className={'pr-3 tabular-nums ' + (a.status_code && a.status_code < 300 ? 'text-emerald-700' : 'text-red-700')}>{a.status_code ?? '—'}</td>
                  <td className="max-w-xs truncate pr-3 text-red-700" title={a.error ?? undefined}>
                    {a.error ?? ''}
                  </td>
                  <td className="pr-3 tabular-nums">{a.duration_ms} ms</td>
                  <td className="pr-3">
                    {i === d.attempt_log.length - 1 && (
                      <div className="flex items-center gap-2">
                        <StateBadge state={d.status} />
                        {d.status === 'pending' && d.next_attempt_at && <span className="text-slate-500">next try {dateTime.format(new Date(d.next_attempt_at))}</span>}
                        {canEdit && d.status !== 'pending' && (
                          <button type="button" className={buttonCls + ' !px-2 !py-0.5 !text-xs'} disabled={redeliver.isPending} onClick={() => redeliver.mutate(d.id)}>
                            Redeliver
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
