'use client';

import { CartesianGrid, ComposedChart, Legend, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { formatInt } from '@/lib/ui/format';
import type { CalBin } from './eval-data';
import { tick, xTitle, yTitle, Y_WIDTH_TITLED, percentTick } from './chart-style';

export interface CalibrationSeries {
  name: string;
  color: string;
  bins: CalBin[];
}


/** The axes end just past the largest score or rate: churn scores crowd the low end, and a 0–1 square would hide them. */
export function calibrationDomain(series: CalibrationSeries[]): number {
  const max = Math.max(0.1, ...series.flatMap((s) => s.bins.flatMap((b) => [b.predicted, b.observed])));
  return Math.min(1, Math.ceil(max * 10 + 0.2) / 10);
}

/** Reliability diagram: mean predicted vs observed churn per score bin, dot area by customers in the bin. */
export function CalibrationChart({ testId = 'calibration-chart', series, height = 280 }: { testId?: string; series: CalibrationSeries[]; height?: number }) {
  const top = calibrationDomain(series);
  const ticks = Array.from({ length: 6 }, (_, i) => Math.round(((top * i) / 5) * 1000) / 1000);
  const maxCount = Math.max(1, ...series.flatMap((s) => s.bins.map((b) => b.count)));
  return (
    <div data-testid={testId} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart margin={{ top: 8, right: 16, bottom: 18, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis
            type="number"
            dataKey="predicted"
            domain={[0, top]}
            ticks={ticks}
            allowDataOverflow
            tick={tick}
            tickFormatter={percentTick}
            label={xTitle('Predicted churn probability')}
          />
          <YAxis
            type="number"
            dataKey="observed"
            domain={[0, top]}
            ticks={ticks}
            allowDataOverflow
            tick={tick}
            tickFormatter={percentTick}
            width={Y_WIDTH_TITLED}
            label={yTitle('Observed churn')}
          />
          {/* Area by the square root of the count: one crowded low-score bin would otherwise shrink the rest to specks. */}
          <ZAxis type="number" dataKey="count" scale="sqrt" domain={[0, maxCount]} range={[16, 360]} />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: top, y: top }]} stroke="#94a3b8" strokeDasharray="5 4" />
          <Tooltip
            isAnimationActive={false}
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const b = payload?.[0]?.payload as CalBin | undefined;
              if (!b) return null;
              return (
                <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                  <p>Predicted {(b.predicted * 100).toFixed(1)}%</p>
                  <p>Observed {(b.observed * 100).toFixed(1)}%</p>
                  <p className="text-slate-500">{formatInt(b.count)} customers</p>
                </div>
              );
            }}
          />
          {series.map((s) => (
            <Scatter key={s.name} name={s.name} data={s.bins} fill={s.color} fillOpacity={0.75} stroke={s.color} line={{ stroke: s.color, strokeWidth: 1.2 }} isAnimationActive={false} />
          ))}
          <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
