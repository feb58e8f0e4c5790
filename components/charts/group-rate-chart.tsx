'use client';

import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt, formatPct } from '@/lib/ui/format';

export interface GroupRatePoint {
  group: string;
  customers: number;
  churnRate: number;
}

export function GroupRateChart({ data, testId, color = '#2563eb' }: { data: GroupRatePoint[]; testId: string; color?: string }) {
  return (
    <div data-testid={testId} className="w-full" style={{ height: Math.max(160, data.length * 44 + 30) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 48, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatPct(v, 0)} tick={{ fontSize: 12, fill: '#64748b' }} domain={[0, 'auto']} />
          <YAxis type="category" dataKey="group" tick={{ fontSize: 12, fill: '#334155' }} width={80} />
          <Tooltip
            formatter={(v) => [formatPct(Number(v)), 'Churn rate']}
            labelFormatter={(g, p) => `${g} · ${formatInt(Number(p?.[0]?.payload?.customers ?? 0))} customer-months`}
          />
          <Bar dataKey="churnRate" fill={color} radius={[0, 4, 4, 0]} isAnimationActive={false}>
            <LabelList dataKey="churnRate" position="right" formatter={(v: unknown) => formatPct(Number(v))} style={{ fontSize: 12, fill: '#334155' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
