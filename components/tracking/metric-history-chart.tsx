'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt } from '@/lib/ui/format';
import { hasBands, isDownsampled, mergeHistory, pointCounts, zoomRange } from '@/lib/ui/history';
import { niceTicks } from '@/lib/ui/parallel';
import { trackingApi, type TrackingApiError } from '@/lib/ui/tracking-api';
import { formatMetric } from '@/lib/ui/tracking-format';
import { buttonCls, ErrorNote, inputCls } from './bits';

export interface ChartRun {
  id: string;
  name: string;
  color: string;
}

/** Points per series asked of the server: about one per horizontal pixel, fewer when many runs share the chart. */
export function maxPointsFor(runs: number): number {
  return runs <= 3 ? 1000 : runs <= 10 ? 600 : 300;
}

/**
 * One metric's history for one or more runs, drawn from the server's min/max-bucket downsampling. Dragging across
 * the chart (or the step fields) zooms in, and the zoomed range is fetched again so it shows full detail.
 */
export function MetricHistoryChart({ metricKey, runs, height = 260, onRemove }: { metricKey: string; runs: ChartRun[]; height?: number; onRemove?: () => void }) {
  const [zoom, setZoom] = useState<{ min: number; max: number } | null>(null);
  const [drag, setDrag] = useState<{ a: number; b: number | null } | null>(null);
  const [showBands, setShowBands] = useState(true);
  const runIds = useMemo(() => runs.map((r) => r.id), [runs]);
  const maxPoints = maxPointsFor(runs.length);
  const q = useQuery({
    queryKey: ['history', metricKey, runIds, maxPoints, zoom?.min ?? null, zoom?.max ?? null],
    queryFn: ({ signal }) => trackingApi.history({ runIds, key: metricKey, maxPoints, minStep: zoom?.min, maxStep: zoom?.max }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled: runIds.length > 0,
  });
  const series = useMemo(() => q.data?.series ?? [], [q.data]);
  const rows = useMemo(() => mergeHistory(series, runIds), [series, runIds]);
  const bands = showBands && hasBands(rows, runs.length);
  const counts = pointCounts(series);
  // Round tick values over the shown range (recharts would start at the first bucket's step: 166, 25,166, …).
  const lo = zoom ? zoom.min : rows[0]?.step;
  const hi = zoom ? zoom.max : rows.at(-1)?.step;
  const ticks = useMemo(() => (lo !== undefined && hi !== undefined ? niceTicks(lo, hi, 6).filter((t) => t >= lo && t <= hi) : undefined), [lo, hi]);
  const names = useMemo(() => new Map<string, string>(runs.map((r, i) => [`v${i}`, r.name])), [runs]);

  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const applyZoom = (r: { min: number; max: number } | null) => {
    setZoom(r);
    setFrom(r ? String(r.min) : '');
    setTo(r ? String(r.max) : '');
  };

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-1 flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{metricKey}</h3>
        {q.isFetching && <span className="text-xs text-slate-400">loading…</span>}
        <div className="ml-auto flex items-center gap-1">
          {zoom && (
            <button type="button" className={buttonCls + ' !px-2 !py-0.5 text-xs'} onClick={() => applyZoom(null)} aria-label={`Reset zoom of ${metricKey}`}>
              Reset zoom
            </button>
          )}
          {onRemove && (
            <button type="button" className="rounded px-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700" onClick={onRemove} aria-label={`Remove chart ${metricKey}`}>
              ×
            </button>
          )}
        </div>
      </div>
      {q.isError && !q.data ? (
        <ErrorNote>{(q.error as TrackingApiError).message}</ErrorNote>
      ) : q.isPending ? (
        <div aria-busy="true" aria-label={`Loading ${metricKey}`} className="animate-pulse rounded bg-slate-100" style={{ height }} />
      ) : rows.length === 0 ? (
        <div className="flex items-center justify-center rounded bg-slate-50 text-sm text-slate-500" style={{ height }}>
          No history logged for {metricKey}
          {zoom ? ' in this range' : ''}.
        </div>
      ) : (
        <div
          data-testid={`history-chart-${metricKey}`}
          data-zoom={zoom ? `${zoom.min}-${zoom.max}` : ''}
          data-points={counts.drawn}
          className="cursor-crosshair select-none"
          style={{ height }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart
              data={rows}
              margin={{ top: 6, right: 12, bottom: 8, left: 0 }}
              onMouseDown={(s) => s.activeLabel !== undefined && setDrag({ a: Number(s.activeLabel), b: null })}
              onMouseMove={(s) => drag && s.activeLabel !== undefined && setDrag({ a: drag.a, b: Number(s.activeLabel) })}
              onMouseUp={() => {
                if (drag) {
                  const r = zoomRange(drag.a, drag.b);
                  if (r) applyZoom(r);
                }
                setDrag(null);
              }}
              onMouseLeave={() => setDrag(null)}
            >
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis
                dataKey="step"
                type="number"
                domain={lo !== undefined && hi !== undefined ? [lo, hi] : ['dataMin', 'dataMax']}
                ticks={ticks}
                allowDataOverflow
                tick={{ fontSize: 11, fill: '#64748b' }}
                tickFormatter={(v: number) => formatInt(v)}
                label={{ value: 'step', position: 'insideBottomRight', offset: -6, fontSize: 10, fill: '#94a3b8' }}
              />
              <YAxis domain={['auto', 'auto']} tick={{ fontSize: 11, fill: '#64748b' }} tickFormatter={(v: number) => formatMetric(v)} width={56} />
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(s) => `step ${formatInt(Number(s))}`}
                formatter={(v, name) => [formatMetric(Number(v)), names.get(String(name)) ?? String(name)]}
                contentStyle={{ fontSize: 12 }}
              />
              {bands &&
                runs.map((r, i) => (
                  <Area
                    key={`b${r.id}`}
                    dataKey={`b${i}`}
                    stroke="none"
                    fill={r.color}
                    fillOpacity={0.12}
                    connectNulls
                    isAnimationActive={false}
                    tooltipType="none"
                    activeDot={false}
                    legendType="none"
                  />
                ))}
              {runs.map((r, i) => (
                <Line key={r.id} dataKey={`v${i}`} name={`v${i}`} stroke={r.color} strokeWidth={1.6} dot={false} connectNulls isAnimationActive={false} />
              ))}
              {drag && drag.b !== null && <ReferenceArea x1={drag.a} x2={drag.b} strokeOpacity={0.3} fill="#3b82f6" fillOpacity={0.12} />}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <form
        className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-500"
        onSubmit={(e) => {
          e.preventDefault();
          applyZoom(zoomRange(from, to));
        }}
      >
        <span>
          {series.length > 0 &&
            (isDownsampled(series)
              ? `${formatInt(counts.drawn)} buckets of ${formatInt(counts.logged)} points${zoom ? ' in range' : ''} · drag across to zoom`
              : `all ${formatInt(counts.logged)} points${zoom ? ' in range' : ''} · drag across to zoom`)}
        </span>
        <span className="ml-auto flex items-center gap-1">
          <label className="flex items-center gap-1">
            Steps
            <input aria-label={`From step of ${metricKey}`} className={inputCls + ' !w-20 !px-1 !py-0.5 text-xs'} inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          –
          <input aria-label={`To step of ${metricKey}`} className={inputCls + ' !w-20 !px-1 !py-0.5 text-xs'} inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} />
          <button type="submit" className={buttonCls + ' !px-2 !py-0.5 text-xs'}>
            Zoom
          </button>
          {hasBands(rows, runs.length) && (
            <label className="ml-2 flex items-center gap-1">
              <input type="checkbox" checked={showBands} onChange={(e) => setShowBands(e.target.checked)} />
              min/max band
            </label>
          )}
        </span>
      </form>
    </div>
  );
}
