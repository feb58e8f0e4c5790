'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import type { ParamImportance } from '@/lib/ui/tracking-types';
import { ErrorNote } from './bits';

const fmt2 = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(2));

/** Which hyperparameters matter for a metric: importance bars next to their correlation (green up, red down). */
export function ImportancePanel({ runIds, metric }: { runIds: string[]; metric: string }) {
  const q = useQuery({
    queryKey: ['importance', metric, runIds],
    queryFn: ({ signal }) => trackingApi.importance(runIds, metric, signal),
    staleTime: 60_000,
    enabled: runIds.length > 0 && !!metric,
  });
  if (q.isPending) return <div aria-busy="true" aria-label="Loading parameter importance" className="h-48 animate-pulse rounded bg-slate-100" />;
  if (q.isError) return <ErrorNote>{(q.error as TrackingApiError).message}</ErrorNote>;
  const params = q.data.params ?? [];
  if (params.length === 0)
    return <p className="rounded bg-slate-50 px-3 py-8 text-center text-sm text-slate-500">No parameter varies across these runs, so none can explain {metric}.</p>;
  const data = params.map((p) => ({ ...p, corr: p.correlation ?? p.spearman ?? 0 }));
  const height = Math.max(140, data.length * 30 + 40);
  const tip = (p: ParamImportance) =>
    `${p.key} (${p.kind}) · importance ${fmt2(p.importance)} · correlation ${fmt2(p.correlation)} · Spearman ${fmt2(p.spearman)} · ${p.runs} runs`;
  return (
    <div data-testid="importance-chart" className="grid grid-cols-1 gap-4 md:grid-cols-[3fr_2fr]">
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">Importance for {metric}</p>
        <div style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ top: 0, right: 36, bottom: 0, left: 4 }}>
              <CartesianGrid stroke="#e2e8f0" horizontal={false} />
              <XAxis type="number" domain={[0, 'auto']} tick={{ fontSize: 11, fill: '#64748b' }} tickFormatter={(v: number) => v.toFixed(2)} />
              <YAxis type="category" dataKey="key" width={120} tick={{ fontSize: 11, fill: '#334155' }} />
              <Tooltip isAnimationActive={false} formatter={(v) => [Number(v).toFixed(3), 'importance']} labelFormatter={(k, pl) => (pl?.[0]?.payload ? tip(pl[0].payload as ParamImportance) : String(k))} contentStyle={{ fontSize: 12, maxWidth: 360, whiteSpace: 'normal' }} />
              <Bar dataKey="importance" fill="#2563eb" radius={[0, 3, 3, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">Correlation with {metric}</p>
        <div style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 4 }}>
              <CartesianGrid stroke="#e2e8f0" horizontal={false} />
              <XAxis type="number" domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} tick={{ fontSize: 11, fill: '#64748b' }} />
              <YAxis type="category" dataKey="key" hide />
              <ReferenceLine x={0} stroke="#64748b" />
              <Tooltip isAnimationActive={false} formatter={(v) => [Number(v).toFixed(3), 'correlation']} contentStyle={{ fontSize: 12 }} />
              <Bar dataKey="corr" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.key} fill={d.corr >= 0 ? '#16a34a' : '#dc2626'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <p className="text-xs text-slate-500 md:col-span-2">
        Importance is computed on the server from {Math.max(...params.map((p) => p.runs))} runs; correlation is Pearson for numeric params
        {params.some((p) => p.kind === 'categorical') ? ' (categorical params have no sign and show 0)' : ''}. Hover a bar for Spearman and run counts.
      </p>
    </div>
  );
}
