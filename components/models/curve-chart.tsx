'use client';

import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { XY } from './eval-data';
import { tick, xTitle, yTitle, Y_WIDTH_TITLED } from './chart-style';

export interface CurveSeries {
  name: string;
  color: string;
  points: XY[];
  dashed?: boolean;
}

const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * Curves on the unit square (ROC, precision–recall), several series overlaid, with the no-skill reference: the
 * diagonal for ROC, a horizontal line at the base rate for precision–recall.
 */
export function CurveChart({
  testId,
  series,
  xLabel,
  yLabel,
  reference,
  height = 280,
}: {
  testId: string;
  series: CurveSeries[];
  xLabel: string;
  yLabel: string;
  reference: { kind: 'diagonal' } | { kind: 'horizontal'; y: number; label: string };
  height?: number;
}) {
  return (
    <div data-testid={testId} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart margin={{ top: 8, right: 16, bottom: 18, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis type="number" dataKey="x" domain={[0, 1]} ticks={TICKS} tick={tick} tickFormatter={(v: number) => v.toFixed(1)} label={xTitle(xLabel)} />
          <YAxis type="number" dataKey="y" domain={[0, 1]} ticks={TICKS} tick={tick} tickFormatter={(v: number) => v.toFixed(1)} width={Y_WIDTH_TITLED} label={yTitle(yLabel)} />
          {reference.kind === 'diagonal' ? (
            <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="#94a3b8" strokeDasharray="5 4" />
          ) : (
            <ReferenceLine y={reference.y} stroke="#94a3b8" strokeDasharray="5 4" label={{ value: reference.label, position: 'insideTopRight', fontSize: 10, fill: '#64748b' }} />
          )}
          {series.map((s) => (
            <Line
              key={s.name}
              data={s.points}
              dataKey="y"
              name={s.name}
              type="linear"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '6 3' : undefined}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
