'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { defaultCharts } from '@/lib/ui/compare-defaults';
import { keysWithHistory } from '@/lib/ui/history';
import { runColor } from '@/lib/ui/run-colors';
import { isSystemTag } from '@/lib/ui/run-columns';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import { formatDuration, formatMetric, formatTimestamp, runDuration, toNumber } from '@/lib/ui/tracking-format';
import type { Run } from '@/lib/ui/tracking-types';
import { ArtifactsBrowser } from './artifacts-browser';
import { Chip, ErrorNote, LoadingBlock, StatusBadge } from './bits';
import { MetricChartGrid } from './metric-chart-grid';
import { RunLink } from './run-name';
import { useExperimentNames } from './use-runs-search';

function KeyValueTable({ label, rows, numeric = false }: { label: string; rows: { key: string; value: React.ReactNode; extra?: React.ReactNode }[]; numeric?: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-400">No {label.toLowerCase()} logged.</p>;
  return (
    <table className="w-full text-sm" aria-label={label}>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className="max-w-56 truncate py-1.5 pr-3 text-left font-medium text-slate-600" title={r.key}>
              {r.key}
            </th>
            <td className={'break-all py-1.5 tabular-nums ' + (numeric ? 'text-right' : '')}>{r.value}</td>
            {r.extra !== undefined && <td className="py-1.5 pl-3 text-right text-xs text-slate-400">{r.extra}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ModelVersionsFromRun({ runId }: { runId: string }) {
  const q = useQuery({
    queryKey: ['model-versions', 'run', runId],
    queryFn: ({ signal }) => trackingApi.searchModelVersions({ filter: `run_id='${runId.replace(/'/g, '')}'`, max_results: 100 }, signal),
  });
  if (q.isPending) return <p className="text-sm text-slate-400">Loading…</p>;
  if (q.isError) return <ErrorNote>{(q.error as TrackingApiError).message}</ErrorNote>;
  const versions = q.data.model_versions ?? [];
  if (versions.length === 0) return <p className="text-sm text-slate-400">No model has been registered from this run.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Registered model versions">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1">Model</th>
          <th>Version</th>
          <th>Aliases</th>
          <th>Status</th>
          <th>Registered</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {versions.map((v) => (
          <tr key={`${v.name}/${v.version}`}>
            <td className="py-1.5">
              <Link href={`/models/${encodeURIComponent(v.name)}`} className="font-medium text-brand-700 hover:underline">
                {v.name}
              </Link>
            </td>
            <td>v{v.version}</td>
            <td>
              <div className="flex flex-wrap gap-1">
                {(v.aliases ?? []).map((a) => (
                  <Chip key={a} tone={a === 'champion' ? 'emerald' : 'brand'}>
                    @{a}
                  </Chip>
                ))}
              </div>
            </td>
            <td className="text-slate-600">{v.status ?? ''}</td>
            <td className="text-slate-600">{formatTimestamp(v.creation_timestamp)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Info({ run, experimentName }: { run: Run; experimentName?: string }) {
  const i = run.info;
  const parent = run.data.tags?.find((t) => t.key === 'mlflow.parentRunId')?.value;
  const items: [string, React.ReactNode][] = [
    ['Run ID', <code key="id" className="text-xs">{i.run_id}</code>],
    [
      'Experiment',
      <Link key="e" href={`/experiments/${i.experiment_id}`} className="text-brand-700 hover:underline">
        {experimentName ?? `Experiment ${i.experiment_id}`}
      </Link>,
    ],
    ['Status', <StatusBadge key="s" status={i.status} />],
    ['User', i.user_id || '—'],
    ['Started', formatTimestamp(i.start_time)],
    ['Ended', formatTimestamp(i.end_time ?? null)],
    ['Duration', formatDuration(runDuration(i))],
    [
      'Parent run',
      parent ? (
        <RunLink key="p" runId={parent} />
      ) : (
        '—'
      ),
    ],
    ['Artifact URI', <code key="a" className="break-all text-xs">{i.artifact_uri ?? '—'}</code>],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt className="text-xs text-slate-500">{k}</dt>
          <dd className="mt-0.5 font-medium text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One run: what it was, what it logged, its curves, its files, and the models registered from it. */
export function RunDetail({ runId }: { runId: string }) {
  const q = useQuery({ queryKey: ['run', runId], queryFn: ({ signal }) => trackingApi.getRun(runId, signal), staleTime: 60_000 });
  const run = q.data?.run;
  const names = useExperimentNames(run ? [run.info.experiment_id] : []);
  const metrics = useMemo(() => [...(run?.data.metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key)), [run]);
  const historyKeys = useMemo(() => keysWithHistory(metrics), [metrics]);
  const [charts, setCharts] = useState<string[] | null>(null);
  const shownCharts = charts ?? defaultCharts(historyKeys);
  const [showSystem, setShowSystem] = useState(false);

  if (q.isPending) return <LoadingBlock label="Loading run…" height="h-96" />;
  if (q.isError)
    return (
      <>
        <PageHeader title="Run" />
        <ErrorNote title="Could not load this run">{(q.error as TrackingApiError).message}</ErrorNote>
      </>
    );
  const r = q.data.run;
  const params = [...(r.data.params ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const tags = [...(r.data.tags ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const userTags = tags.filter((t) => !isSystemTag(t.key));
  const systemTags = tags.filter((t) => isSystemTag(t.key));
  const datasets = r.inputs?.dataset_inputs ?? [];
  const chartRuns = [{ id: r.info.run_id, name: r.info.run_name || r.info.run_id, color: runColor(0) }];

  return (
    <>
      <PageHeader title={r.info.run_name || r.info.run_id} description={`Run in ${names.get(r.info.experiment_id) ?? `experiment ${r.info.experiment_id}`}`}>
        <Link href={`/experiments/${r.info.experiment_id}`} className="text-sm text-brand-700 hover:underline">
          ← Runs table
        </Link>
      </PageHeader>
      <div className="space-y-6">
        <Card title="Run">
          <Info run={r} experimentName={names.get(r.info.experiment_id)} />
        </Card>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card title={`Parameters (${params.length})`}>
            <KeyValueTable label="Parameters" rows={params.map((p) => ({ key: p.key, value: p.value }))} />
          </Card>
          <Card title={`Metrics (${metrics.length})`} subtitle="Latest value of each metric and the step it was logged at">
            <KeyValueTable
              label="Metrics"
              numeric
              rows={metrics.map((m) => ({ key: m.key, value: formatMetric(toNumber(m.value)), extra: m.step > 0 ? `step ${m.step}` : '' }))}
            />
          </Card>
        </div>
        <Card title="Metric history" subtitle="Downsampled on the server; drag across a chart to zoom in at full detail.">
          <MetricChartGrid
            available={historyKeys}
            charts={shownCharts}
            runs={chartRuns}
            onChange={setCharts}
            emptyText="This run logged no metric over more than one step."
          />
        </Card>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card title="Artifacts">
            <ArtifactsBrowser experimentId={r.info.experiment_id} runId={r.info.run_id} />
          </Card>
          <Card title="Registered model versions" subtitle="Versions in the model registry whose source is this run">
            <ModelVersionsFromRun runId={r.info.run_id} />
          </Card>
        </div>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card title={`Tags (${userTags.length})`}>
            <KeyValueTable label="Tags" rows={userTags.map((t) => ({ key: t.key, value: t.value }))} />
            {systemTags.length > 0 && (
              <div className="mt-3">
                <button type="button" className="text-xs text-brand-700 hover:underline" aria-expanded={showSystem} onClick={() => setShowSystem((s) => !s)}>
                  {showSystem ? 'Hide' : 'Show'} {systemTags.length} MLflow system tags
                </button>
                {showSystem && (
                  <div className="mt-2">
                    <KeyValueTable label="System tags" rows={systemTags.map((t) => ({ key: t.key, value: t.value }))} />
                  </div>
                )}
              </div>
            )}
          </Card>
          <Card title={`Datasets (${datasets.length})`}>
            {datasets.length === 0 ? (
              <p className="text-sm text-slate-400">No dataset inputs logged.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {datasets.map((d, k) => (
                  <li key={k} className="rounded border border-slate-100 p-2">
                    <p className="font-medium">
                      {d.dataset.name} <code className="text-xs text-slate-500">{d.dataset.digest}</code>
                    </p>
                    <p className="text-xs text-slate-500">
                      {d.dataset.source_type}
                      {d.dataset.source ? ` · ${d.dataset.source}` : ''}
                    </p>
                    {(d.tags ?? []).length > 0 && (
                      <div className="mt-1 flex flex-wrap gap-1">
                        {(d.tags ?? []).map((t) => (
                          <Chip key={t.key}>
                            {t.key}: {t.value}
                          </Chip>
                        ))}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
