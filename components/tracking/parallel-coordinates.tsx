'use client';

import { useMemo, useState } from 'react';
import { buildAxis, axisXs, polylinePath, type Axis } from '@/lib/ui/parallel';
import { sequentialColor } from '@/lib/ui/run-colors';
import { cellValue, columnLabel, parseColumnId } from '@/lib/ui/run-columns';
import { formatMetric } from '@/lib/ui/tracking-format';
import type { Run } from '@/lib/ui/tracking-types';
import { useElementWidth } from '@/lib/ui/use-element-width';

const HEIGHT = 340;
const TOP = 46;
const BOTTOM = 30;
const PAD = 70;

/**
 * Parallel coordinates (one polyline per run) over the chosen params, closed by the colour metric's axis. Numeric
 * axes are linear or log, categorical ones space their values evenly. Hovering a line highlights the run.
 */
export function ParallelCoordinates({ runs, axisIds, colorId }: { runs: Run[]; axisIds: string[]; colorId: string | null }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [hover, setHover] = useState<string | null>(null);
  const ids = useMemo(() => [...axisIds.filter((a) => a !== colorId), ...(colorId ? [colorId] : [])], [axisIds, colorId]);
  const axes: Axis[] = useMemo(
    () =>
      ids.flatMap((id) => {
        const col = parseColumnId(id);
        return col ? [buildAxis(id, columnLabel(col), runs.map((r) => cellValue(r, col)))] : [];
      }),
    [ids, runs],
  );
  const colorAxis = colorId ? axes.find((a) => a.id === colorId) : undefined;
  const colorCol = colorId ? parseColumnId(colorId) : null;
  const h = HEIGHT - TOP - BOTTOM;
  const xs = axisXs(axes.length, width, PAD);

  if (axes.length < 2)
    return (
      <div ref={ref} className="flex h-40 items-center justify-center rounded bg-slate-50 text-sm text-slate-500">
        Choose at least two axes (params or metrics) to draw parallel coordinates.
      </div>
    );

  const lines = runs.map((r) => {
    const positions = axes.map((a, i) => a.pos(cellValue(r, parseColumnId(ids[i]!)!)));
    const t = colorAxis && colorCol ? colorAxis.pos(cellValue(r, colorCol)) : null;
    return { run: r, d: polylinePath(positions, xs, TOP, h), color: t === null ? '#94a3b8' : sequentialColor(t), value: colorCol ? cellValue(r, colorCol) : null };
  });

  return (
    <div ref={ref} data-testid="parallel-coordinates" className="w-full">
      <svg width={width} height={HEIGHT} role="img" aria-label={`Parallel coordinates of ${runs.length} runs over ${axes.map((a) => a.label).join(', ')}`}>
        {/* Faint lines first, the hovered run on top. */}
        <g fill="none">
          {lines.map((l) => (
            <path
              key={l.run.info.run_id}
              className="pc-line"
              data-run-id={l.run.info.run_id}
              d={l.d}
              stroke={l.color}
              strokeWidth={hover === l.run.info.run_id ? 3.5 : 1.8}
              strokeOpacity={hover && hover !== l.run.info.run_id ? 0.15 : 0.85}
              onMouseEnter={() => setHover(l.run.info.run_id)}
              onMouseLeave={() => setHover(null)}
            >
              <title>{`${l.run.info.run_name}${l.value !== null ? ` · ${typeof l.value === 'number' ? formatMetric(l.value) : l.value}` : ''}`}</title>
            </path>
          ))}
        </g>
        {axes.map((a, i) => (
          <g key={a.id} transform={`translate(${xs[i]},0)`}>
            <line y1={TOP} y2={TOP + h} stroke="#334155" strokeWidth={1} />
            <text y={TOP - 24} textAnchor="middle" className="fill-slate-800 text-[11px] font-semibold">
              <title>{a.id}</title>
              {a.label.length > 18 ? a.label.slice(0, 17) + '…' : a.label}
            </text>
            <text y={TOP - 11} textAnchor="middle" className="fill-slate-400 text-[10px]">
              {a.id.startsWith('metrics.') ? 'metric' : a.id.startsWith('params.') ? 'param' : 'tag'}
              {a.kind === 'numeric' && a.scale !== 'linear' ? ` · ${a.scale}` : ''}
            </text>
            {a.ticks.map((t, k) => (
              <g key={k} transform={`translate(0,${TOP + (1 - t.pos) * h})`}>
                <line x2={-4} stroke="#334155" />
                <text x={-6} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[10px]" style={{ paintOrder: 'stroke', stroke: 'white', strokeWidth: 3 }}>
                  {t.label.length > 14 ? t.label.slice(0, 13) + '…' : t.label}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      {colorAxis && colorAxis.kind === 'numeric' && (
        <div className="mt-1 flex items-center justify-end gap-2 text-xs text-slate-500">
          <span>{colorAxis.label}</span>
          <span className="tabular-nums">{formatMetric(colorAxis.min)}</span>
          <span className="h-2.5 w-40 rounded" style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(sequentialColor).join(',')})` }} />
          <span className="tabular-nums">{formatMetric(colorAxis.max)}</span>
        </div>
      )}
      {hover && <p className="mt-1 text-xs text-slate-600">{runs.find((r) => r.info.run_id === hover)?.info.run_name}</p>}
    </div>
  );
}
