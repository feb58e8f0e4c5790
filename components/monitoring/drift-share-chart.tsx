'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { percentTick, tick, yTitle, Y_WIDTH_TITLED } from '@/components/models/chart-style';
import { fmtShare, type OverviewPoint } from '@/lib/monitoring/views';
import { ChartFrame, COLORS, eventLines, tooltipStyle, windowAxis, type EventMark } from './chart-bits';

/** Share of features that drifted per window, against the dataset-drift share (Evidently's 0.5), with events. */
export function DriftShareChart({ data, events, driftShare }: { data: OverviewPoint[]; events: EventMark[]; driftShare: number }) {
  const labels = new Map(data.map((d) => [d.key, d.label]));
  const titles = new Map(data.map((d) => [d.key, d.title]));
  return (
    <ChartFrame testId="drift-share-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 20, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {windowAxis(labels)}
          <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percentTick} tick={tick} width={Y_WIDTH_TITLED} label={yTitle('Features drifted')} />
          <Tooltip
            contentStyle={tooltipStyle}
            labelFormatter={(k) => titles.get(String(k)) ?? String(k)}
            formatter={(v, _n, item) => {
              const p = item.payload as OverviewPoint;
              return [`${fmtShare(Number(v), 0)} (${p.drifted} features)${p.datasetDrift ? ' — dataset drift' : ''}`, 'Drifted'];
            }}
          />
          <ReferenceLine y={driftShare} stroke={COLORS.threshold} strokeDasharray="5 4" label={{ value: `dataset drift at ${fmtShare(driftShare, 0)}`, position: 'insideBottomRight', fontSize: 10, fill: COLORS.threshold }} />
          {eventLines(events)}
          <Line dataKey="driftShare" name="Features drifted" stroke={COLORS.share} strokeWidth={2.5} dot={data.length > 40 ? false : { r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
