'use client';
// One criterion metric per group: bars with bootstrap error bars, the reference group's value as a line, and the
// tolerance band around it shaded. A bar outside the band is drawn in red; small groups are hatched pale.
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tick } from '@/components/models/chart-style';
import type { DisparityBar } from '@/lib/fairness/views';
import { formatInt, formatPct } from '@/lib/ui/format';

export function DisparityChart({
  bars,
  band,
  refValue,
  reference,
  metricLabel,
  testId,
}: {
  bars: DisparityBar[];
  band: { lo: number; hi: number } | null;
  refValue: number | null;
  reference: string | null;
  metricLabel: string;
  testId: string;
}) {
  const top = Math.max(...bars.map((b) => b.hi ?? b.value), band?.hi ?? 0) * 1.1 || 1;
  return (
    <figure data-testid={testId} className="w-full">
      <div style={{ height: Math.max(180, bars.length * 34 + 50) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars} layout="vertical" margin={{ top: 22, right: 56, bottom: 18, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" domain={[0, top]} tick={tick} tickFormatter={(v: number) => formatPct(v, 0)} label={{ value: metricLabel, position: 'insideBottom', offset: -10, fontSize: 11, fill: '#475569' }} />
            <YAxis type="category" dataKey="group" tick={tick} width={128} tickFormatter={(g: string) => g.replaceAll('&', ' · ')} />
            {band && <ReferenceArea x1={band.lo} x2={band.hi} fill="#d1fae5" fillOpacity={0.7} stroke="#6ee7b7" strokeDasharray="3 3" ifOverflow="extendDomain" />}
            {refValue !== null && <ReferenceLine x={refValue} stroke="#059669" strokeWidth={1.5} label={{ value: `ref ${reference}`, position: 'top', fontSize: 10, fill: '#047857' }} />}
            <Tooltip
              formatter={(v) => [formatPct(Number(v)), metricLabel]}
              labelFormatter={(g, p) => {
                const b = p?.[0]?.payload as DisparityBar | undefined;
                if (!b) return String(g);
                return `${g} · ${formatInt(b.count)} customers${b.small ? ' (small group)' : ''}${b.lo !== null ? ` · CI ${formatPct(b.lo)}–${formatPct(b.hi)}` : ''}`;
              }}
            />
            <Bar dataKey="value" isAnimationActive={false} radius={[0, 3, 3, 0]}>
              {bars.map((b) => (
                <Cell key={b.group} fill={b.within === false ? '#dc2626' : '#2563eb'} fillOpacity={b.small ? 0.35 : 0.9} />
              ))}
              <ErrorBar dataKey="error" width={5} strokeWidth={1.5} stroke="#0f172a" direction="x" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-500">
        Bars: {metricLabel} per group with {bars.some((b) => b.error) ? 'bootstrap intervals' : 'no intervals'}. Green band: the tolerance around the reference group
        {reference ? ` (${reference})` : ''}; red bars fall outside it. Pale bars are groups below the minimum size.
      </figcaption>
    </figure>
  );
}
