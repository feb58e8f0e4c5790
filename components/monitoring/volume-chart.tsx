'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { tick, yTitle, Y_WIDTH_TITLED } from '@/components/models/chart-style';
import { formatInt } from '@/lib/ui/format';
import type { OverviewPoint } from '@/lib/monitoring/views';
import { ChartFrame, COLORS, legendProps, tooltipStyle, windowAxis } from './chart-bits';

const compact = (v: number) => (v >= 1000 ? `${Number((v / 1000).toFixed(1))}k` : String(v));

/** Predictions per window, split by whether their label has arrived. */
export function VolumeChart({ data }: { data: OverviewPoint[] }) {
  const labels = new Map(data.map((d) => [d.key, d.label]));
  const titles = new Map(data.map((d) => [d.key, d.title]));
  return (
    <ChartFrame testId="volume-chart" height={220}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {windowAxis(labels)}
          <YAxis tick={tick} tickFormatter={compact} width={Y_WIDTH_TITLED} label={yTitle('Predictions')} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(k) => titles.get(String(k)) ?? String(k)} formatter={(v, name) => [formatInt(Number(v)), String(name)]} />
          <Legend {...legendProps} />
          <Bar dataKey="labeled" name="With label" stackId="v" fill={COLORS.labelled} isAnimationActive={false} />
          <Bar dataKey="unlabeled" name="Awaiting label" stackId="v" fill={COLORS.unlabelled} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
