'use client';

// Webhooks: where alert notifications go. Data scientists add one (its signing secret is shown once), send a test and
// read every delivery attempt; others see the list with URLs reduced to their origin.
import { useId, useState } from 'react';
import { buttonCls, ErrorNote, inputCls, LoadingBlock, primaryCls } from '@/components/tracking/bits';
import { Card } from '@/components/ui/card';
import { SEVERITY_RANK } from '@/lib/monitoring/alert-metrics';
import { Field, FormError, SeverityBadge } from './bits';
import { DeliveriesTable } from './deliveries-table';
import { monitoringApi, useAlertMutation, useWebhooks } from './use-alerts';

function CreateWebhook({ onCreated }: { onCreated: (w: { id: string; name: string; secret: string }) => void }) {
  const create = useAlertMutation(monitoringApi.createWebhook, (r) => onCreated(r.webhook));
  const id = useId();
  return (
    <form
      aria-label="New webhook"
      className="mb-5 space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const secret = String(f.get('secret') ?? '').trim();
        create.mutate({ name: String(f.get('name')), url: String(f.get('url')), min_severity: String(f.get('min_severity')), ...(secret ? { secret } : {}) });
      }}
    >
      <h3 className="text-sm font-semibold text-slate-800">New webhook</h3>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id={`${id}-name`} label="Name">
          <input id={`${id}-name`} name="name" required maxLength={120} placeholder="e.g. #churn-alerts Slack" className={`${inputCls} block w-full`} />
        </Field>
        <Field id={`${id}-url`} label="URL" className="lg:col-span-2">
          <input id={`${id}-url`} name="url" type="url" required placeholder="https://hooks.slack.com/services/…" className={`${inputCls} block w-full`} />
        </Field>
        <Field id={`${id}-severity`} label="Minimum severity">
          <select id={`${id}-severity`} name="min_severity" defaultValue="warning" className={`${inputCls} block w-full`}>
            {Object.keys(SEVERITY_RANK).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-secret`} label="Signing secret (optional; generated when empty)" className="lg:col-span-2">
          <input id={`${id}-secret`} name="secret" minLength={16} autoComplete="off" className={`${inputCls} block w-full`} />
        </Field>
      </div>
      <FormError error={create.error} />
      <button type="submit" className={primaryCls} disabled={create.isPending}>
        Add webhook
      </button>
    </form>
  );
}

export function WebhooksPanel({ canEdit }: { canEdit: boolean }) {
  const hooks = useWebhooks();
  const [created, setCreated] = useState<{ id: string; name: string; secret: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const test = useAlertMutation(monitoringApi.testWebhook);
  const remove = useAlertMutation(monitoringApi.deleteWebhook);

  return (
    <Card
      title="Webhooks"
      subtitle="Each new alert at or above a webhook's minimum severity is POSTed to it as JSON with a Slack-compatible “text”, signed in X-StreamFlow-Signature (t=<unix>,v1=HMAC-SHA256 of “t.body”). Failed deliveries are retried after 30 s, 2 min, 10 min, 1 h and 6 h."
    >
      {canEdit ? (
        <CreateWebhook onCreated={(w) => (setCreated(w), setOpen(w.id))} />
      ) : (
        <p className="mb-3 text-xs text-slate-500">Read-only: data scientists and administrators manage webhooks.</p>
      )}
      {created && (
        <div role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="font-medium text-emerald-800">Webhook “{created.name}” added. Copy its signing secret now: it is shown only once.</p>
          <code data-testid="new-webhook-secret" className="mt-2 block break-all rounded bg-white px-2 py-1 text-xs text-slate-800">
            {created.secret}
          </code>
        </div>
      )}
      <FormError error={test.error ?? remove.error} />
      {hooks.isPending ? (
        <LoadingBlock label="Loading webhooks…" height="h-24" />
      ) : hooks.isError ? (
        <ErrorNote title="Could not load the webhooks">{hooks.error.message}</ErrorNote>
      ) : hooks.data.webhooks.length === 0 ? (
        <p className="text-sm text-slate-500">No webhooks yet: alerts show here and in the banner only.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Webhooks">
          {hooks.data.webhooks.map((w) => (
            <li key={w.id} className="py-3">
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-ink">
                    {w.name} {!w.enabled && <span className="text-xs font-normal text-slate-400">(disabled)</span>}
                  </p>
                  <p className="truncate text-xs text-slate-500">
                    <code>{w.url}</code> · from <SeverityBadge severity={w.min_severity} /> up
                  </p>
                </div>
                <div className="flex gap-2">
                  {canEdit && (
                    <button type="button" className={buttonCls} disabled={test.isPending} onClick={() => (setOpen(w.id), test.mutate(w.id))}>
                      Send test<span className="sr-only"> to {w.name}</span>
                    </button>
                  )}
                  <button type="button" className={buttonCls} aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)}>
                    {open === w.id ? 'Hide' : 'Show'} deliveries<span className="sr-only"> of {w.name}</span>
                  </button>
                  {canEdit && (
                    <button type="button" className="rounded-md border border-red-200 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50" disabled={remove.isPending} onClick={() => remove.mutate(w.id)}>
                      Delete<span className="sr-only"> {w.name}</span>
                    </button>
                  )}
                </div>
              </div>
              {open === w.id && (
                <div className="mt-3 rounded-md border border-slate-100 bg-slate-50/60 p-3">
                  <DeliveriesTable webhookId={w.id} webhookName={w.name} canEdit={canEdit} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
