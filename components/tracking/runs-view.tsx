'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useMemo, useState } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { formatInt } from '@/lib/ui/format';
import { defaultColumns, discoverColumns, orderByClause, parseColumnId, type ColumnRef } from '@/lib/ui/run-columns';
import { buildRunTree, flatRows } from '@/lib/ui/run-tree';
import type { TrackingApiError } from '@/lib/ui/tracking-api';
import { compareHref, decodeRunsState, encodeRunsState, type RunsViewState } from '@/lib/ui/url-state';
import { useLiveSearchParams, useSearchParamsWriter } from '@/lib/ui/use-url-state';
import { buttonCls, ErrorNote, inputCls, LoadingBlock, primaryCls } from './bits';
import { ColumnChooser } from './column-chooser';
import { RunsTable } from './runs-table';
import { runsQueryOptions, useExperimentNames, useRunsSearch } from './use-runs-search';

/** A link holds the selected run ids; beyond this a compare URL outgrows what servers accept in a request line. */
export const MAX_COMPARE = 250;

const FIRST_CLICK_DESC = (col: string) => col.startsWith('metrics.') || col === 'attributes.start_time';

export function RunsView({ experimentIds }: { experimentIds: string[] }) {
  const sp = useLiveSearchParams();
  const state = useMemo(() => decodeRunsState(sp), [sp]);
  const write = useSearchParamsWriter();
  // Patches apply to the address bar's current state, so quick successive changes (ticking runs) all stick.
  const update = useCallback(
    (patch: Partial<RunsViewState> | ((s: RunsViewState) => Partial<RunsViewState>)) =>
      write((cur) => {
        const s = decodeRunsState(cur);
        return encodeRunsState({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }, cur);
      }),
    [write],
  );

  const orderCol = state.order ? parseColumnId(state.order.col) : null;
  const orderBy = orderCol && state.order ? orderByClause(orderCol, state.order.dir) : null;
  const q = useRunsSearch(experimentIds, state.filter, orderBy);
  const names = useExperimentNames(experimentIds);

  const runs = useMemo(() => q.data?.pages.flatMap((p) => p.runs ?? []) ?? [], [q.data]);
  const discovered = useMemo(() => discoverColumns(runs), [runs]);
  const colIds = state.cols ?? defaultColumns(discovered);
  const columns = useMemo(() => colIds.map(parseColumnId).filter((c): c is ColumnRef => c !== null), [colIds]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => (state.flat ? flatRows(runs) : buildRunTree(runs, collapsed)), [runs, collapsed, state.flat]);
  const selected = useMemo(() => new Set(state.selected), [state.selected]);

  // The search box: a new filter is tried first and only then written to the URL, so a malformed one leaves the
  // table as it was and the server's message appears under the box.
  const qc = useQueryClient();
  const [draft, setDraft] = useState(state.filter);
  const [filterError, setFilterError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  // Back/forward or a pasted link changes the applied filter: the box follows (adjusting state during render).
  const [draftFor, setDraftFor] = useState(state.filter);
  if (draftFor !== state.filter) {
    setDraftFor(state.filter);
    setDraft(state.filter);
  }
  const applyFilter = async (text: string) => {
    setChecking(true);
    try {
      await qc.fetchInfiniteQuery(runsQueryOptions(experimentIds, text, orderBy));
      setFilterError(null);
      update({ filter: text });
    } catch (e) {
      setFilterError((e as Error).message);
    } finally {
      setChecking(false);
    }
  };
  const queryError = q.error as TrackingApiError | null;
  const inlineError = filterError ?? (queryError && queryError.status === 400 ? queryError.message : null);

  const onSort = (col: string) =>
    update((s) => {
      const cur = s.order ?? { col: 'attributes.start_time', dir: 'DESC' as const };
      const dir = cur.col === col ? (cur.dir === 'DESC' ? 'ASC' : 'DESC') : FIRST_CLICK_DESC(col) ? 'DESC' : 'ASC';
      return { order: { col, dir } };
    });
  const onToggle = (id: string) => update((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] }));
  const onToggleAll = () => {
    const shown = rows.map((r) => r.run.info.run_id);
    const all = shown.length > 0 && shown.every((id) => selected.has(id));
    update((s) => ({ selected: all ? s.selected.filter((id) => !shown.includes(id)) : [...new Set([...s.selected, ...shown])] }));
  };
  const onToggleCollapse = (id: string) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const title = experimentIds.length === 1 ? (names.get(experimentIds[0]!) ?? `Experiment ${experimentIds[0]}`) : `Runs of ${experimentIds.length} experiments`;
  const subtitle =
    experimentIds.length === 1
      ? `Experiment ${experimentIds[0]}. Search with MLflow's filter syntax, sort by any column, tick runs to compare them.`
      : [...experimentIds].map((id) => names.get(id) ?? id).join(' · ');
  const tooMany = state.selected.length > MAX_COMPARE;

  return (
    <>
      <PageHeader title={title} description={subtitle}>
        <Link href="/experiments" className="text-sm text-brand-700 hover:underline">
          ← All experiments
        </Link>
      </PageHeader>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="space-y-2 border-b border-slate-100 p-3">
          <form
            className="flex flex-wrap items-center gap-2"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              void applyFilter(draft);
            }}
          >
            <input
              aria-label="Search runs"
              aria-invalid={inlineError ? true : undefined}
              aria-describedby="runs-filter-help"
              placeholder="metrics.val_auc > 0.8 and params.class_weight = 'balanced'"
              className={inputCls + ' min-w-[22rem] flex-1 font-mono text-xs ' + (inlineError ? 'border-red-400' : '')}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="submit" className={buttonCls} disabled={checking}>
              {checking ? 'Searching…' : 'Search'}
            </button>
            {state.filter && (
              <button
                type="button"
                className={buttonCls}
                onClick={() => {
                  setFilterError(null);
                  update({ filter: '' });
                }}
              >
                Clear
              </button>
            )}
            <div className="ml-auto flex items-center gap-2">
              <label className="flex items-center gap-1.5 text-sm text-slate-600">
                <input type="checkbox" checked={!state.flat} onChange={(e) => update({ flat: !e.target.checked })} />
                Group child runs
              </label>
              <ColumnChooser
                discovered={discovered}
                chosen={colIds}
                onToggle={(id) =>
                  update((s) => {
                    const cur = s.cols ?? defaultColumns(discovered);
                    return { cols: cur.includes(id) ? cur.filter((c) => c !== id) : [...cur, id] };
                  })
                }
                onChange={(cols) => update({ cols })}
              />
              {state.selected.length > 0 && (
                <button type="button" className={buttonCls} onClick={() => update({ selected: [] })}>
                  Clear selection
                </button>
              )}
              {state.selected.length >= 2 && !tooMany ? (
                <Link href={compareHref(state.selected)} className={primaryCls}>
                  Compare ({state.selected.length})
                </Link>
              ) : (
                <button type="button" className={primaryCls} disabled title={tooMany ? `Compare up to ${MAX_COMPARE} runs at once` : 'Tick two or more runs'}>
                  Compare ({state.selected.length})
                </button>
              )}
            </div>
          </form>
          {inlineError ? (
            <p id="runs-filter-help" role="alert" className="rounded-md bg-red-50 px-2 py-1 font-mono text-xs text-red-700">
              {inlineError}
            </p>
          ) : (
            <p id="runs-filter-help" className="text-xs text-slate-500">
              Conditions joined with <code>and</code>: <code>metrics.&lt;key&gt;</code> with numbers, <code>params.&lt;key&gt;</code> and <code>tags.&lt;key&gt;</code> with quoted
              strings (<code>=</code>, <code>!=</code>, <code>LIKE</code>, <code>ILIKE</code>), <code>attributes.status = &apos;FINISHED&apos;</code>.
            </p>
          )}
          {tooMany && <p className="text-xs text-amber-700">{formatInt(state.selected.length)} runs ticked: compare at most {MAX_COMPARE} at once (a link must hold them all).</p>}
          <p className="text-xs text-slate-500" aria-live="polite">
            {q.isPending && !q.data
              ? 'Loading runs…'
              : `${formatInt(runs.length)} run${runs.length === 1 ? '' : 's'}${q.hasNextPage ? ' loaded, more load as you scroll' : ''}${state.selected.length ? ` · ${formatInt(state.selected.length)} selected` : ''}`}
          </p>
        </div>
        {queryError && queryError.status !== 400 ? (
          <div className="p-3">
            <ErrorNote title="Could not load runs">{queryError.message}</ErrorNote>
          </div>
        ) : q.isPending && !q.data ? (
          <div className="p-3">
            <LoadingBlock label="Loading runs…" height="h-64" />
          </div>
        ) : (
          <RunsTable
            rows={rows}
            columns={columns}
            experimentNames={experimentIds.length > 1 ? names : null}
            order={state.order}
            onSort={onSort}
            selected={selected}
            onToggle={onToggle}
            onToggleAll={onToggleAll}
            collapsed={collapsed}
            onToggleCollapse={onToggleCollapse}
            hasNextPage={q.hasNextPage}
            isFetchingNextPage={q.isFetchingNextPage}
            fetchNextPage={q.fetchNextPage}
            busy={q.isPlaceholderData || (q.isFetching && !q.isFetchingNextPage)}
          />
        )}
      </div>
    </>
  );
}
