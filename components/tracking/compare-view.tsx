'use client';

import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { buildCompareRows, filterRows, sectionCounts } from '@/lib/ui/compare';
import { defaultAxes, defaultCharts, preferredMetric } from '@/lib/ui/compare-defaults';
import { keysWithHistory } from '@/lib/ui/history';
import { runColor } from '@/lib/ui/run-colors';
import { discoverColumns } from '@/lib/ui/run-columns';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import type { Run } from '@/lib/ui/tracking-types';
import { decodeCompareState, encodeCompareState, type CompareState } from '@/lib/ui/url-state';
import { useLiveSearchParams, useSearchParamsWriter } from '@/lib/ui/use-url-state';
import { ErrorNote, inputCls, LoadingBlock } from './bits';
import { CompareTable } from './compare-table';
import { AxisPicker, KeySelect, Switch } from './compare-controls';
import { ImportancePanel } from './importance-panel';
import { MetricChartGrid } from './metric-chart-grid';
import type { ChartRun } from './metric-history-chart';
import { ParallelCoordinates } from './parallel-coordinates';
import { ScatterPanel } from './scatter-panel';
import { useExperimentNames } from './use-runs-search';

// Outside the component so react-query can keep the combined result stable between renders.
function combineRuns(results: UseQueryResult<{ run: Run }, Error>[]) {
  return {
    runs: results.map((r) => r.data?.run ?? null),
    pending: results.filter((r) => r.isPending).length,
    errors: results.map((r) => (r.error as TrackingApiError | null)?.message ?? null),
  };
}

/** The compare view: every chosen run's params, metrics and tags, the baseline's Δ, and five ways to look at them. */
export function CompareView() {
  const sp = useLiveSearchParams();
  const state = useMemo(() => decodeCompareState(sp), [sp]);
  const write = useSearchParamsWriter();
  // Applied to the address bar's current state, so two quick changes (X then Y axis) both stick.
  const update = (patch: Partial<CompareState>) => write((cur) => encodeCompareState({ ...decodeCompareState(cur), ...patch }));
  const [keyQuery, setKeyQuery] = useState('');

  const loaded = useQueries({
    queries: state.runs.map((id) => ({
      queryKey: ['run', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => trackingApi.getRun(id, signal),
      staleTime: 60_000,
      retry: (n: number, e: Error) => (e as TrackingApiError).status >= 500 && n < 1,
    })),
    combine: combineRuns,
  });
  const runs = useMemo(() => loaded.runs.filter((r): r is Run => r !== null), [loaded.runs]);
  const colors = useMemo(() => runs.map((r) => runColor(state.runs.indexOf(r.info.run_id))), [runs, state.runs]);
  const names = useExperimentNames(runs.map((r) => r.info.experiment_id));
  const baselineIndex = Math.max(0, runs.findIndex((r) => r.info.run_id === state.baseline));

  const rows = useMemo(() => buildCompareRows(runs, { baselineIndex, experimentNames: names }), [runs, baselineIndex, names]);
  const shown = useMemo(() => filterRows(rows, { diffOnly: state.diffOnly, query: keyQuery }), [rows, state.diffOnly, keyQuery]);
  const counts = useMemo(() => sectionCounts(rows), [rows]);
  const discovered = useMemo(() => discoverColumns(runs), [runs]);
  const historyKeys = useMemo(() => {
    const k = keysWithHistory(runs.flatMap((r) => r.data.metrics ?? []));
    return k.length ? k : discovered.metrics;
  }, [runs, discovered.metrics]);

  const charts = state.charts ?? defaultCharts(historyKeys);
  const colorMetric = state.color ?? (preferredMetric(discovered.metrics) ? `metrics.${preferredMetric(discovered.metrics)}` : null);
  const axes = state.axes ?? defaultAxes(rows);
  const numericOrAny = [...discovered.params.map((k) => `params.${k}`), ...discovered.metrics.map((k) => `metrics.${k}`)];
  const x = state.x ?? axes[0] ?? numericOrAny[0] ?? null;
  const y = state.y ?? colorMetric ?? numericOrAny[1] ?? null;
  const importanceMetric = state.importance ?? (colorMetric?.startsWith('metrics.') ? colorMetric.slice('metrics.'.length) : preferredMetric(discovered.metrics));
  const chartRuns: ChartRun[] = useMemo(() => runs.map((r, i) => ({ id: r.info.run_id, name: r.info.run_name || r.info.run_id, color: colors[i]! })), [runs, colors]);
  const runIds = useMemo(() => runs.map((r) => r.info.run_id), [runs]);

  if (state.runs.length === 0)
    return (
      <>
        <PageHeader title="Compare runs" />
        <EmptyState title="No runs chosen">
          Tick two or more runs in an <Link href="/experiments" className="text-brand-700 underline">experiment&apos;s runs table</Link> and press Compare.
        </EmptyState>
      </>
    );

  const failed = state.runs.map((id, i) => ({ id, error: loaded.errors[i] })).filter((f) => f.error);
  const experiments = [...new Set(runs.map((r) => r.info.experiment_id))];

  return (
    <>
      <PageHeader
        title={`Compare ${state.runs.length} runs`}
        description={
          experiments.length > 1
            ? `Runs from ${experiments.length} experiments: ${experiments.map((e) => names.get(e) ?? e).join(', ')}.`
            : experiments.length === 1
              ? `From ${names.get(experiments[0]!) ?? `experiment ${experiments[0]}`}.`
              : undefined
        }
      >
        {experiments.length >= 1 && (
          <Link href={experiments.length === 1 ? `/experiments/${experiments[0]}` : `/experiments/runs?experiments=${experiments.join(',')}`} className="text-sm text-brand-700 hover:underline">
            ← Runs table
          </Link>
        )}
      </PageHeader>
      {loaded.pending > 0 ? (
        <LoadingBlock label={`Loading runs (${state.runs.length - loaded.pending} of ${state.runs.length})…`} height="h-64" />
      ) : (
        <div className="space-y-6">
          {failed.length > 0 && (
            <ErrorNote title={`${failed.length} of ${state.runs.length} runs could not be loaded`}>
              <ul className="list-disc pl-5">
                {failed.map((f) => (
                  <li key={f.id}>
                    <code>{f.id}</code>: {f.error}
                  </li>
                ))}
              </ul>
            </ErrorNote>
          )}
          {runs.length === 0 ? null : (
            <>
              <div className="flex flex-wrap items-center gap-2" aria-label="Runs being compared" role="list">
                {runs.map((r, i) => (
                  <span key={r.info.run_id} role="listitem" className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 bg-white py-0.5 pl-2 pr-1 text-xs">
                    <span className="h-2.5 w-2.5 rounded-full" style={{ background: colors[i] }} aria-hidden />
                    <span className="max-w-48 truncate">{r.info.run_name || r.info.run_id}</span>
                    <button
                      type="button"
                      aria-label={`Remove ${r.info.run_name || r.info.run_id} from the comparison`}
                      className="rounded-full px-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                      onClick={() => update({ runs: state.runs.filter((id) => id !== r.info.run_id) })}
                    >
                      ×
                    </button>
                  </span>
                ))}
              </div>

              <Card title="Parameters, metrics and tags" subtitle={`${counts.params.differ} of ${counts.params.total} params and ${counts.metrics.differ} of ${counts.metrics.total} metrics differ between the runs.`}>
                <div className="mb-3 flex flex-wrap items-center gap-x-5 gap-y-2">
                  <label className="flex items-center gap-2 text-sm text-slate-700">
                    Baseline run
                    <select aria-label="Baseline run" className={inputCls} value={runs[baselineIndex]?.info.run_id ?? ''} onChange={(e) => update({ baseline: e.target.value })}>
                      {runs.map((r) => (
                        <option key={r.info.run_id} value={r.info.run_id}>
                          {r.info.run_name || r.info.run_id}
                        </option>
                      ))}
                    </select>
                  </label>
                  <Switch label="Differences only" checked={state.diffOnly} onChange={(v) => update({ diffOnly: v })} />
                  <Switch label="Δ vs baseline" checked={state.deltas} onChange={(v) => update({ deltas: v })} />
                  <Switch label="Transpose" checked={state.transpose} onChange={(v) => update({ transpose: v })} />
                  <input aria-label="Filter keys" placeholder="Filter keys" className={inputCls + ' ml-auto w-48'} value={keyQuery} onChange={(e) => setKeyQuery(e.target.value)} />
                </div>
                <CompareTable runs={runs} colors={colors} rows={shown} baseline={baselineIndex} showDeltas={state.deltas} transpose={state.transpose} />
              </Card>

              <Card title="Metric history" subtitle="Downsampled on the server (min/max per bucket); drag across a chart to zoom in and fetch that range at full detail.">
                <MetricChartGrid
                  available={historyKeys}
                  charts={charts}
                  runs={chartRuns}
                  onChange={(c) => update({ charts: c })}
                  emptyText="No metric history to chart. Add one above."
                  legend
                />
              </Card>

              <Card title="Parallel coordinates" subtitle="One line per run across the chosen params, ending on the colour metric. Starts with the params that vary.">
                <div className="mb-3 flex flex-wrap items-center gap-3">
                  <AxisPicker discovered={discovered} chosen={axes} onChange={(a) => update({ axes: a })} />
                  <KeySelect
                    label="Colour by"
                    options={discovered.metrics.map((k) => ({ value: `metrics.${k}`, label: k }))}
                    value={colorMetric ?? ''}
                    onChange={(v) => update({ color: v || null })}
                  />
                </div>
                <ParallelCoordinates runs={runs} axisIds={axes} colorId={colorMetric} />
              </Card>

              <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
                <Card title="Scatter" subtitle="Any param or metric against any other; one dot per run.">
                  <div className="mb-3 flex flex-wrap items-center gap-3">
                    <KeySelect label="X axis" options={numericOrAny.map((v) => ({ value: v, label: v }))} value={x ?? ''} onChange={(v) => update({ x: v })} />
                    <KeySelect label="Y axis" options={numericOrAny.map((v) => ({ value: v, label: v }))} value={y ?? ''} onChange={(v) => update({ y: v })} />
                  </div>
                  {x && y ? <ScatterPanel runs={runs} colors={colors} xId={x} yId={y} /> : <p className="text-sm text-slate-500">These runs logged no params or metrics.</p>}
                </Card>
                <Card title="Parameter importance" subtitle="How much each hyperparameter explains the chosen metric over these runs.">
                  <div className="mb-3">
                    <KeySelect label="Metric" options={discovered.metrics.map((k) => ({ value: k, label: k }))} value={importanceMetric ?? ''} onChange={(v) => update({ importance: v })} />
                  </div>
                  {importanceMetric ? (
                    runs.length >= 3 ? (
                      <ImportancePanel runIds={runIds} metric={importanceMetric} />
                    ) : (
                      <p className="rounded bg-slate-50 px-3 py-8 text-center text-sm text-slate-500">Importance needs at least three runs.</p>
                    )
                  ) : (
                    <p className="text-sm text-slate-500">These runs logged no metrics.</p>
                  )}
                </Card>
              </div>
            </>
          )}
        </div>
      )}
    </>
  );
}
