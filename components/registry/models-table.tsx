'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Chip, ErrorNote, inputCls, LoadingBlock } from '@/components/tracking/bits';
import { versionHref } from '@/components/models/model-links';
import { EmptyState } from '@/components/ui/empty-state';
import { aliasMap, sortVersions } from '@/lib/ui/registry';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import { formatTimestamp } from '@/lib/ui/tracking-format';

/** Registered models with the versions their aliases (champion, challenger, …) point at. */
export function ModelsTable() {
  const q = useQuery({ queryKey: ['registered-models'], queryFn: ({ signal }) => trackingApi.searchRegisteredModels({ max_results: 1000 }, signal) });
  const [text, setText] = useState('');
  if (q.isPending) return <LoadingBlock label="Loading models…" />;
  if (q.isError) return <ErrorNote title="Could not load the registry">{(q.error as TrackingApiError).message}</ErrorNote>;
  const all = q.data.registered_models ?? [];
  if (all.length === 0)
    return (
      <EmptyState title="No registered models yet">
        Register a model from a run (<code>mlflow.register_model</code>, or <code>log_model(…, registered_model_name=…)</code>) and it appears here with its versions.
      </EmptyState>
    );
  const t = text.trim().toLowerCase();
  const models = t ? all.filter((m) => m.name.toLowerCase().includes(t) || (m.description ?? '').toLowerCase().includes(t)) : all;
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center gap-3 border-b border-slate-100 p-3">
        <input aria-label="Filter models" placeholder="Filter by name" className={inputCls + ' w-64'} value={text} onChange={(e) => setText(e.target.value)} />
        <span className="text-xs text-slate-500">
          {models.length} of {all.length} models
        </span>
      </div>
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-3 py-2">Model</th>
            <th className="px-3 py-2">Aliases</th>
            <th className="px-3 py-2">Latest version</th>
            <th className="px-3 py-2">Last updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {models.map((m) => {
            const aliases = aliasMap(m, m.latest_versions ?? []);
            const latest = sortVersions(m.latest_versions ?? [])[0];
            return (
              <tr key={m.name} className="hover:bg-slate-50">
                <td className="px-3 py-2">
                  <Link href={`/models/${encodeURIComponent(m.name)}`} className="font-medium text-brand-700 hover:underline">
                    {m.name}
                  </Link>
                  {m.description && <p className="mt-0.5 line-clamp-2 max-w-xl text-xs text-slate-500">{m.description}</p>}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-1">
                    {aliases.size === 0 ? (
                      <span className="text-xs text-slate-400">none</span>
                    ) : (
                      [...aliases].map(([a, v]) => (
                        <Chip key={a} tone={a === 'champion' ? 'emerald' : a === 'challenger' ? 'amber' : 'brand'}>
                          @{a} → v{v}
                        </Chip>
                      ))
                    )}
                  </div>
                </td>
                <td className="px-3 py-2 text-slate-600">
                  {latest ? (
                    <Link href={versionHref(m.name, latest.version)} className="text-brand-700 hover:underline">
                      v{latest.version}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatTimestamp(m.last_updated_timestamp ?? m.creation_timestamp)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
