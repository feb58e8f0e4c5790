'use client';

import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { buttonCls, Chip, ErrorNote, LoadingBlock, primaryCls } from '@/components/tracking/bits';
import { RunLink } from '@/components/tracking/run-name';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { apiFetch } from '@/lib/ui/api-client';
import type { VersionMetrics } from '@/lib/ml/version-metrics';
import { ALIAS_AUDIT_ACTIONS, aliasHistory, aliasMap, formatVersionMetric, rollbackCandidates, sortVersions, type AuditEntryLike } from '@/lib/ui/registry';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import { formatTimestamp } from '@/lib/ui/tracking-format';
import { compareHref, IMPORT_HREF, versionHref } from '@/components/models/model-links';
import { AliasDialog, type AliasAction } from './alias-dialog';

const aliasTone = (a: string) => (a === 'champion' ? 'emerald' : a === 'challenger' ? 'amber' : 'brand');

function AliasHistory({ model }: { model: string }) {
  // The audit log is admin-only; it holds every alias change with who and why.
  const results = useQueries({
    queries: ALIAS_AUDIT_ACTIONS.map((action) => ({
      queryKey: ['alias-history', model, action],
      queryFn: () => apiFetch<{ entries: AuditEntryLike[] }>(`/api/v1/audit?limit=500&action=${encodeURIComponent(action)}`),
    })),
  });
  if (results.some((r) => r.isPending)) return <p className="text-sm text-slate-400">Loading…</p>;
  const failed = results.find((r) => r.isError);
  if (failed) return <ErrorNote>{(failed.error as Error).message}</ErrorNote>;
  const events = aliasHistory(
    results.flatMap((r) => r.data?.entries ?? []),
    model,
  );
  if (events.length === 0) return <p className="text-sm text-slate-400">No alias changes recorded yet.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Alias history">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1">When</th>
          <th>Who</th>
          <th>Change</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((e) => (
          <tr key={e.id}>
            <td className="whitespace-nowrap py-1.5 pr-3 text-xs text-slate-500">{formatTimestamp(Date.parse(e.at))}</td>
            <td className="pr-3 text-xs">{e.who}</td>
            <td className="whitespace-nowrap pr-3">
              <Chip tone={aliasTone(e.alias)}>@{e.alias}</Chip>{' '}
              {e.kind === 'delete' ? `removed (was v${e.from})` : `${e.from ? `v${e.from} → ` : ''}v${e.to}`}
              {e.kind === 'rollback' && <span className="ml-1 text-xs text-amber-700">rollback</span>}
            </td>
            <td className="text-slate-700">{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One registered model: its aliases (promote, roll back, remove — with a reason) and all its versions. */
export function ModelDetail({ name, canEdit, isAdmin }: { name: string; canEdit: boolean; isAdmin: boolean }) {
  const qc = useQueryClient();
  const model = useQuery({ queryKey: ['registered-model', name], queryFn: ({ signal }) => trackingApi.getRegisteredModel(name, signal) });
  const versionsQ = useQuery({
    queryKey: ['model-versions', name],
    queryFn: ({ signal }) => trackingApi.searchModelVersions({ filter: `name='${name.replace(/'/g, "\\'")}'`, max_results: 1000 }, signal),
  });
  // Headline metrics per version from each source run (absent for versions logged without them).
  const metricsQ = useQuery({
    queryKey: ['model-version-metrics', name],
    queryFn: () => apiFetch<{ versions: Record<string, VersionMetrics> }>(`/api/v1/registry/models/${encodeURIComponent(name)}/metrics`),
  });
  const [action, setAction] = useState<AliasAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const versions = useMemo(() => sortVersions(versionsQ.data?.model_versions ?? []), [versionsQ.data]);
  const aliases = useMemo(() => aliasMap(model.data?.registered_model, versions), [model.data, versions]);

  if (model.isPending || versionsQ.isPending) return <LoadingBlock label="Loading model…" height="h-96" />;
  const err = (model.error ?? versionsQ.error) as TrackingApiError | null;
  if (err)
    return (
      <>
        <PageHeader title={name} />
        <ErrorNote title="Could not load this model">{err.message}</ErrorNote>
      </>
    );
  const m = model.data!.registered_model;
  const done = (msg: string) => {
    setAction(null);
    setNotice(msg);
    void Promise.all(
      [['registered-model', name], ['model-versions'], ['registered-models'], ['alias-history', name]].map((queryKey) => qc.invalidateQueries({ queryKey })),
    );
  };

  return (
    <>
      <PageHeader title={m.name} description={m.description || 'Registered model'}>
        <div className="flex items-center gap-3">
          <Link href="/models" className="text-sm text-brand-700 hover:underline">
            ← All models
          </Link>
          {versions.length > 0 && (
            <Link href={compareHref(name)} className={buttonCls}>
              Compare champion vs challenger
            </Link>
          )}
          {canEdit && (
            <Link href={IMPORT_HREF} className={buttonCls}>
              Import a model
            </Link>
          )}
          {canEdit && versions.length > 0 && (
            <button type="button" className={primaryCls} onClick={() => setAction({ kind: 'promote' })}>
              Promote a version
            </button>
          )}
        </div>
      </PageHeader>
      {notice && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      <div className="space-y-6">
        <Card title="Aliases" subtitle="Serving and clients load models:/name@alias. Promotion and rollback move an alias; every move is audited with its reason.">
          {aliases.size === 0 ? (
            <p className="text-sm text-slate-500">No alias set yet.{canEdit ? ' Promote a version to set @champion.' : ''}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {[...aliases].map(([alias, v]) => {
                const older = rollbackCandidates(versions, v);
                return (
                  <li key={alias} className="flex flex-wrap items-center gap-3 py-2">
                    <Chip tone={aliasTone(alias)}>@{alias}</Chip>
                    <span className="text-sm">
                      → <strong>v{v}</strong>
                      <span className="ml-2 text-xs text-slate-500">{versions.find((x) => x.version === v)?.description}</span>
                    </span>
                    {canEdit && (
                      <span className="ml-auto flex gap-2">
                        <button type="button" className={buttonCls} onClick={() => setAction({ kind: 'promote', alias })} aria-label={`Move @${alias}`}>
                          Move…
                        </button>
                        <button
                          type="button"
                          className={buttonCls}
                          disabled={older.length === 0}
                          title={older.length === 0 ? 'No older version to roll back to' : undefined}
                          onClick={() => setAction({ kind: 'rollback', alias })}
                          aria-label={`Roll back @${alias}`}
                        >
                          Roll back…
                        </button>
                        <button type="button" className={buttonCls} onClick={() => setAction({ kind: 'remove', alias })} aria-label={`Remove @${alias}`}>
                          Remove…
                        </button>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {!canEdit && <p className="mt-3 text-xs text-slate-500">Promotions and rollbacks need the data scientist role.</p>}
        </Card>

        <Card title={`Versions (${versions.length})`}>
          {versions.length === 0 ? (
            <p className="text-sm text-slate-500">This model has no versions yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label="Versions">
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-2 pr-3">Version</th>
                    <th className="pr-3">Created</th>
                    <th className="pr-3">Source run</th>
                    <th className="pr-3">Status</th>
                    <th className="pr-3">Aliases</th>
                    <th className="pr-3 text-right" title="Validation ROC AUC of the source run">Val AUC</th>
                    <th className="pr-3 text-right" title="Test ROC AUC of the source run">Test AUC</th>
                    <th className="pr-3 text-right" title="Expected maximum profit of a retention campaign on the test split, in USD per scored customer (Verbraken et al.: CLV = 12 × monthly charge, offer $10, contact $1, acceptance rate ~ Beta(6, 14))">
                      Test EMP
                    </th>
                    <th className="pr-3 text-right" title="Expected calibration error on the test split">Test ECE</th>
                    <th className="pr-3">Description</th>
                    {canEdit && <th className="sr-only">Actions</th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {versions.map((v) => (
                    <tr key={v.version}>
                      <td className="py-2 pr-3 font-medium">
                        <Link href={versionHref(name, v.version)} className="text-brand-700 hover:underline">
                          v{v.version}
                        </Link>
                      </td>
                      <td className="whitespace-nowrap pr-3 text-slate-600">{formatTimestamp(v.creation_timestamp)}</td>
                      <td className="pr-3">
                        {v.run_id ? (
                          <RunLink runId={v.run_id} label={`Source run of v${v.version}`} />
                        ) : (
                          <span className="text-xs text-slate-400" title={v.source}>
                            {v.source ? 'external' : '—'}
                          </span>
                        )}
                      </td>
                      <td className="pr-3 text-xs text-slate-600">{v.status ?? ''}</td>
                      <td className="pr-3">
                        <div className="flex flex-wrap gap-1">
                          {(v.aliases ?? []).map((a) => (
                            <Chip key={a} tone={aliasTone(a)}>
                              @{a}
                            </Chip>
                          ))}
                        </div>
                      </td>
                      {(['val_auc', 'test_auc', 'test_emp', 'test_ece'] as const).map((k) => {
                        const value = metricsQ.data?.versions[String(v.version)]?.[k];
                        return (
                          <td key={k} className="whitespace-nowrap pr-3 text-right tabular-nums">
                            {value === undefined ? <span className="text-slate-400">—</span> : formatVersionMetric(k, value)}
                          </td>
                        );
                      })}
                      <td className="max-w-md pr-3 text-slate-600">{v.description}</td>
                      {canEdit && (
                        <td className="whitespace-nowrap text-right">
                          <button type="button" className={buttonCls + ' !py-1 text-xs'} onClick={() => setAction({ kind: 'promote', version: v.version })} aria-label={`Promote v${v.version}`}>
                            Promote…
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Card title="Alias history" subtitle="Every promotion, rollback and removal, from the audit log.">
          {isAdmin ? <AliasHistory model={name} /> : <p className="text-sm text-slate-500">The alias history is read from the audit log, which administrators can open.</p>}
        </Card>
      </div>
      {action && (
        <AliasDialog
          model={name}
          action={action}
          versions={action.kind === 'rollback' ? rollbackCandidates(versions, aliases.get(action.alias)) : versions}
          aliases={aliases}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
    </>
  );
}
