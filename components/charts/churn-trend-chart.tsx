'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt, formatMonth, formatPct } from '@/lib/ui/format';

export interface TrendPoint {
  month: string;
  active: number;
  churnRate: number | null;
}

export function ChurnTrendChart({ data }: { data: TrendPoint[] }) {
  return (
    <div data-testid="churn-trend-chart" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="month" tickFormatter={(m: string) => formatMonth(m, true)} tick={{ fontSize: 12, fill: '#64748b' }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis yAxisId="rate" tickFormatter={(v: number) => formatPct(v, 0)} tick={{ fontSize: 12, fill: '#64748b' }} width={44} domain={[0, 'auto']} />
          <YAxis yAxisId="active" orientation="right" tickFormatter={(v: number) => formatInt(v / 1000) + 'k'} tick={{ fontSize: 12, fill: '#94a3b8' }} width={44} />
          <Tooltip
            labelFormatter={(m) => formatMonth(String(m))}
            formatter={(v, name) => (name === 'Churn rate' ? [formatPct(Number(v)), name] : [formatInt(Number(v)), name])}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="active" dataKey="active" name="Active customers" fill="#bfdbfe" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="churnRate" name="Churn rate" stroke="#dc2626" strokeWidth={2.5} dot={{ r: 2.5 }} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
