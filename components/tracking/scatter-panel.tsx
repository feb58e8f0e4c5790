'use client';

import { useMemo } from 'react';
import { CartesianGrid, Cell, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { isNumericColumn, sortCategories } from '@/lib/ui/parallel';
import { cellValue, columnLabel, parseColumnId } from '@/lib/ui/run-columns';
import { formatMetric, toNumber } from '@/lib/ui/tracking-format';
import type { Run } from '@/lib/ui/tracking-types';

interface Point {
  x: number | string;
  y: number | string;
  name: string;
  color: string;
}

function axisValues(runs: Run[], id: string) {
  const col = parseColumnId(id);
  const raw = col ? runs.map((r) => cellValue(r, col)) : runs.map(() => null);
  const numeric = isNumericColumn(raw);
  return { raw, numeric, label: col ? columnLabel(col) : id, categories: numeric ? [] : sortCategories(raw.filter((v) => v !== null).map(String)) };
}

const fmt = (v: unknown) => (typeof v === 'number' ? formatMetric(v) : String(v));

/** Any param or metric against any other, one dot per run in the run's colour; categorical values on a band axis. */
export function ScatterPanel({ runs, colors, xId, yId }: { runs: Run[]; colors: string[]; xId: string; yId: string }) {
  const { points, x, y } = useMemo(() => {
    const x = axisValues(runs, xId);
    const y = axisValues(runs, yId);
    const read = (v: string | number | null, numeric: boolean) => (v === null ? null : numeric ? (typeof v === 'number' ? v : toNumber(v)) : String(v));
    const points: Point[] = [];
    runs.forEach((r, i) => {
      const xv = read(x.raw[i]!, x.numeric);
      const yv = read(y.raw[i]!, y.numeric);
      if (xv === null || yv === null || (typeof xv === 'number' && !Number.isFinite(xv)) || (typeof yv === 'number' && !Number.isFinite(yv))) return;
      points.push({ x: xv, y: yv, name: r.info.run_name || r.info.run_id, color: colors[i]! });
    });
    return { points, x, y };
  }, [runs, colors, xId, yId]);

  if (points.length === 0)
    return <div className="flex h-40 items-center justify-center rounded bg-slate-50 text-sm text-slate-500">No run has both {x.label} and {y.label}.</div>;

  return (
    <div data-testid="scatter-plot" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 10, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" />
          {x.numeric ? (
            <XAxis dataKey="x" type="number" name={x.label} domain={['auto', 'auto']} tickFormatter={fmt} tick={{ fontSize: 11, fill: '#64748b' }} label={{ value: x.label, position: 'insideBottom', offset: -14, fontSize: 12, fill: '#334155' }} />
          ) : (
            <XAxis dataKey="x" type="category" name={x.label} allowDuplicatedCategory={false} ticks={x.categories} tick={{ fontSize: 11, fill: '#64748b' }} label={{ value: x.label, position: 'insideBottom', offset: -14, fontSize: 12, fill: '#334155' }} />
          )}
          {y.numeric ? (
            <YAxis dataKey="y" type="number" name={y.label} domain={['auto', 'auto']} tickFormatter={fmt} tick={{ fontSize: 11, fill: '#64748b' }} width={64} label={{ value: y.label, angle: -90, position: 'insideLeft', fontSize: 12, fill: '#334155' }} />
          ) : (
            <YAxis dataKey="y" type="category" name={y.label} allowDuplicatedCategory={false} ticks={y.categories} tick={{ fontSize: 11, fill: '#64748b' }} width={80} />
          )}
          <Tooltip
            isAnimationActive={false}
            cursor={{ strokeDasharray: '3 3' }}
            content={({ active, payload }) => {
              const p = active ? (payload?.[0]?.payload as Point | undefined) : undefined;
              if (!p) return null;
              return (
                <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                  <p className="font-medium" style={{ color: p.color }}>
                    {p.name}
                  </p>
                  <p>
                    {x.label}: {fmt(p.x)}
                  </p>
                  <p>
                    {y.label}: {fmt(p.y)}
                  </p>
                </div>
              );
            }}
          />
          <Scatter data={points} isAnimationActive={false}>
            {points.map((p, i) => (
              <Cell key={i} fill={p.color} fillOpacity={0.85} stroke="white" />
            ))}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
