'use client';

// Alert rules: the list for everyone, and for data scientists the form to add one, an on/off switch and delete.
import { useState } from 'react';
import { buttonCls, ErrorNote, LoadingBlock } from '@/components/tracking/bits';
import { Card } from '@/components/ui/card';
import { describeCondition } from '@/lib/monitoring/alerts';
import { FormError, SeverityBadge } from './bits';
import { RuleForm } from './rule-form';
import { monitoringApi, useAlertMutation, useAlertRules, type RuleView } from './use-alerts';

function condition(r: RuleView): string {
  return describeCondition({ metric: r.metric, feature: r.feature, comparison: r.comparison, threshold: r.threshold, consecutive: r.consecutive, windowKind: r.window_kind });
}

export function AlertRulesPanel({ canEdit }: { canEdit: boolean }) {
  const rules = useAlertRules();
  const [confirming, setConfirming] = useState<string | null>(null);
  const toggle = useAlertMutation(monitoringApi.updateRule);
  const remove = useAlertMutation(monitoringApi.deleteRule, () => setConfirming(null));

  return (
    <Card title="Alert rules" subtitle="Each rule is checked whenever monitoring windows are computed. It fires once per streak: when the last N windows in a row breach, an alert opens and the webhooks are notified.">
      {canEdit && rules.data && (
        <div className="mb-5">
          <RuleForm features={rules.data.features} tests={rules.data.drift_tests} />
        </div>
      )}
      {!canEdit && <p className="mb-3 text-xs text-slate-500">Read-only: data scientists and administrators change rules.</p>}
      <FormError error={toggle.error ?? remove.error} />
      {rules.isPending ? (
        <LoadingBlock label="Loading rules…" height="h-24" />
      ) : rules.isError ? (
        <ErrorNote title="Could not load the rules">{rules.error.message}</ErrorNote>
      ) : rules.data.alert_rules.length === 0 ? (
        <p className="text-sm text-slate-500">No alert rules yet.{canEdit ? ' Create one above.' : ''}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Alert rules</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3">Rule</th>
                <th scope="col" className="pr-3">Fires when</th>
                <th scope="col" className="pr-3">Severity</th>
                <th scope="col" className="pr-3">Policy</th>
                <th scope="col" className="pr-3">State</th>
                {canEdit && <th scope="col"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rules.data.alert_rules.map((r) => (
                <tr key={r.id} className={r.enabled ? '' : 'text-slate-400'}>
                  <td className="py-2 pr-3 font-medium">{r.name}</td>
                  <td className="pr-3">
                    {condition(r)}
                    {r.warning && (
                      <p className="mt-0.5 max-w-md text-xs text-amber-800" title={r.warning}>
                        ⚠ Points the wrong way for its test: {r.warning.split(': it ')[0]!.replace(/^The /, 'the ')}.
                      </p>
                    )}
                  </td>
                  <td className="pr-3">
                    <SeverityBadge severity={r.severity} />
                  </td>
                  <td className="pr-3 text-xs">{r.retrain ? (r.auto_promote ? 'Retrain + auto-promote' : 'Retrain (promotion by a person)') : 'Notify only'}</td>
                  <td className="pr-3 text-xs">{r.enabled ? 'Enabled' : 'Disabled'}</td>
                  {canEdit && (
                    <td className="py-2 text-right">
                      <div className="flex justify-end gap-2">
                        <button type="button" className={buttonCls} disabled={toggle.isPending} onClick={() => toggle.mutate({ id: r.id, enabled: !r.enabled })}>
                          {r.enabled ? 'Disable' : 'Enable'}
                          <span className="sr-only"> {r.name}</span>
                        </button>
                        {confirming === r.id ? (
                          <button type="button" className="rounded-md border border-red-300 bg-red-50 px-3 py-1.5 text-sm text-red-700" onClick={() => remove.mutate(r.id)}>
                            Delete rule and its alerts?
                          </button>
                        ) : (
                          <button type="button" className="rounded-md border border-red-200 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50" onClick={() => setConfirming(r.id)}>
                            Delete<span className="sr-only"> {r.name}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
