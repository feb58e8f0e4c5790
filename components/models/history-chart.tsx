'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { niceTicks } from '@/lib/ui/parallel';
import { formatMetric } from '@/lib/ui/tracking-format';
import type { Evaluation } from './eval-data';
import { tick, xTitle } from './chart-style';


/**
 * Training by boosting round: validation AUC on its own chart, training and validation loss on another (their scales
 * differ, and one chart with two y axes is easy to misread). `kept` marks the round the version stopped at.
 */
export function HistoryCharts({ history, kept, height = 240 }: { history: Evaluation['history']; kept?: number; height?: number }) {
  const hasAuc = history.some((h) => h.validAuc !== undefined);
  const keptLine = kept ? <ReferenceLine x={kept} stroke="#16a34a" strokeDasharray="4 3" label={{ value: `kept ${kept}`, position: 'insideBottomRight', fontSize: 10, fill: '#15803d' }} /> : null;
  const last = history.at(-1)?.round ?? 1;
  // Round numbers on the axis (recharts would split 1–181 into 1, 46, 91, …).
  const ticks = niceTicks(0, last, 6).filter((t) => t <= last);
  const xAxis = (
    <XAxis dataKey="round" type="number" domain={[0, last]} ticks={ticks} tick={tick} allowDecimals={false} label={xTitle('Boosting round (trees)')} />
  );
  // Both panels share the frame: grid, round axis, y axis, kept-round marker and legend; only title and lines differ.
  const panel = (title: string, tooltip: (v: unknown, name: unknown) => [string, string], lines: React.ReactNode) => (
    <div>
      <p className="mb-1 text-xs font-medium text-slate-500">{title}</p>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={history} margin={{ top: 8, right: 12, bottom: 18, left: 4 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            {xAxis}
            <YAxis domain={['auto', 'auto']} tick={tick} width={52} tickFormatter={(v: number) => v.toFixed(3)} />
            <Tooltip isAnimationActive={false} labelFormatter={(r) => `round ${r}`} formatter={(v, name) => tooltip(v, name)} contentStyle={{ fontSize: 12 }} />
            {keptLine}
            {lines}
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
  return (
    <div data-testid="history-chart" className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      {hasAuc &&
        panel(
          'Validation AUC',
          (v) => [formatMetric(Number(v)), 'validation AUC'],
          <Line dataKey="validAuc" name="Validation AUC" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} />,
        )}
      {panel(
        'Log loss',
        (v, name) => [formatMetric(Number(v)), String(name)],
        <>
          <Line dataKey="trainLoss" name="Training loss" stroke="#94a3b8" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="validLoss" name="Validation loss" stroke="#dc2626" strokeWidth={2} dot={false} isAnimationActive={false} />
        </>,
      )}
    </div>
  );
}
