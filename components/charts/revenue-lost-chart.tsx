'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMonth, formatUsd } from '@/lib/ui/format';

export function RevenueLostChart({ data }: { data: { month: string; churnedMrr: number | null }[] }) {
  return (
    <div data-testid="revenue-lost-chart" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="month" tickFormatter={(m: string) => formatMonth(m, true)} tick={{ fontSize: 12, fill: '#64748b' }} minTickGap={16} />
          <YAxis tickFormatter={(v: number) => formatUsd(v, true)} tick={{ fontSize: 12, fill: '#64748b' }} width={56} />
          <Tooltip labelFormatter={(m) => formatMonth(String(m))} formatter={(v) => [formatUsd(Number(v)), 'Monthly revenue lost']} />
          <Bar dataKey="churnedMrr" fill="#f97316" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
