'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import { formatTimestamp } from '@/lib/ui/tracking-format';
import type { Experiment } from '@/lib/ui/tracking-types';
import { encodeList } from '@/lib/ui/url-state';
import { buttonCls, Chip, ErrorNote, inputCls, LoadingBlock, primaryCls } from './bits';

type SortKey = 'name' | 'experiment_id' | 'creation_time' | 'last_update_time';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'experiment_id', label: 'ID' },
  { key: 'creation_time', label: 'Created' },
  { key: 'last_update_time', label: 'Last updated' },
];

function compareBy(key: SortKey) {
  return (a: Experiment, b: Experiment) => {
    if (key === 'name') return a.name.localeCompare(b.name);
    if (key === 'experiment_id') return Number(a.experiment_id) - Number(b.experiment_id);
    return (a[key] ?? 0) - (b[key] ?? 0);
  };
}

/** The experiments; tick several and open their runs together in one table. */
export function ExperimentsTable() {
  const router = useRouter();
  const q = useInfiniteQuery({
    queryKey: ['experiments'],
    queryFn: ({ pageParam, signal }) => trackingApi.searchExperiments({ max_results: 1000, page_token: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'last_update_time', desc: true });

  const all = useMemo(() => q.data?.pages.flatMap((p) => p.experiments ?? []) ?? [], [q.data]);
  const rows = useMemo(() => {
    const t = text.trim().toLowerCase();
    const list = t ? all.filter((e) => e.name.toLowerCase().includes(t) || (e.tags ?? []).some((x) => `${x.key}=${x.value}`.toLowerCase().includes(t))) : [...all];
    list.sort(compareBy(sort.key));
    if (sort.desc) list.reverse();
    return list;
  }, [all, text, sort]);

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const open = () => {
    if (selected.length === 1) router.push(`/experiments/${selected[0]}`);
    else router.push(`/experiments/runs?experiments=${encodeList(selected)}`);
  };

  if (q.isPending) return <LoadingBlock label="Loading experiments…" />;
  if (q.isError) return <ErrorNote title="Could not load experiments">{(q.error as TrackingApiError).message}</ErrorNote>;
  if (all.length === 0)
    return (
      <EmptyState title="No experiments yet">
        Point an mlflow client at this server (<code>MLFLOW_TRACKING_URI</code>) and log a run; its experiment appears here.
      </EmptyState>
    );

  const allShown = rows.length > 0 && rows.every((e) => selected.includes(e.experiment_id));
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 p-3">
        <input aria-label="Filter experiments" placeholder="Filter by name or tag" className={inputCls + ' w-72'} value={text} onChange={(e) => setText(e.target.value)} />
        <span className="text-xs text-slate-500">
          {rows.length} of {all.length} experiments
        </span>
        <div className="ml-auto flex items-center gap-2">
          {selected.length > 0 && (
            <button type="button" className={buttonCls} onClick={() => setSelected([])}>
              Clear selection
            </button>
          )}
          <button type="button" className={primaryCls} disabled={selected.length === 0} onClick={open}>
            Open runs ({selected.length})
          </button>
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all experiments"
                  checked={allShown}
                  onChange={() => setSelected(allShown ? [] : rows.map((e) => e.experiment_id))}
                />
              </th>
              {COLUMNS.map((c) => (
                <th key={c.key} className="px-3 py-2" aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}>
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 uppercase hover:text-slate-800"
                    onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== 'name' }))}
                  >
                    {c.label}
                    <span aria-hidden>{sort.key === c.key ? (sort.desc ? '▼' : '▲') : ''}</span>
                  </button>
                </th>
              ))}
              <th className="px-3 py-2">Tags</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((e) => {
              const note = e.tags?.find((t) => t.key === 'mlflow.note.content')?.value;
              const tags = (e.tags ?? []).filter((t) => !t.key.startsWith('mlflow.'));
              return (
                <tr key={e.experiment_id} className={selected.includes(e.experiment_id) ? 'bg-brand-50/50' : 'hover:bg-slate-50'}>
                  <td className="px-3 py-2">
                    <input type="checkbox" aria-label={`Select experiment ${e.name}`} checked={selected.includes(e.experiment_id)} onChange={() => toggle(e.experiment_id)} />
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/experiments/${e.experiment_id}`} className="font-medium text-brand-700 hover:underline">
                      {e.name}
                    </Link>
                    {note && <p className="mt-0.5 line-clamp-1 max-w-xl text-xs text-slate-500">{note}</p>}
                  </td>
                  <td className="px-3 py-2 tabular-nums text-slate-600">{e.experiment_id}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatTimestamp(e.creation_time)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatTimestamp(e.last_update_time)}</td>
                  <td className="px-3 py-2">
                    <div className="flex max-w-md flex-wrap gap-1">
                      {tags.length === 0 ? (
                        <span className="text-xs text-slate-400">—</span>
                      ) : (
                        tags.map((t) => (
                          <Chip key={t.key} title={`${t.key}: ${t.value}`}>
                            {t.key}: {t.value}
                          </Chip>
                        ))
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-sm text-slate-500">
                  No experiment matches “{text}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {q.hasNextPage && (
        <div className="border-t border-slate-100 p-3 text-center">
          <button type="button" className={buttonCls} disabled={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
            {q.isFetchingNextPage ? 'Loading…' : 'Load more experiments'}
          </button>
        </div>
      )}
    </div>
  );
}
