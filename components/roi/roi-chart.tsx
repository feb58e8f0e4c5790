'use client';
// The profit curve: expected net profit by number of customers contacted (riskiest first), the 5–95% band over the
// acceptance rate, random targeting at the same budget (a straight line to "contact everyone"), the optimum and the
// capacity.
import { useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tick } from '@/components/models/chart-style';
import type { RoiResult } from '@/lib/roi';
import { formatInt, formatUsd } from '@/lib/ui/format';

export function RoiChart({ result, capacity }: { result: RoiResult; capacity: number | null }) {
  const [showAll, setShowAll] = useState(false);
  const all = result.baselines.contact_all;
  // By default the x axis covers the region worth reading (a few times the optimum, and the capacity), not the long
  // negative tail of contacting everyone.
  const focus = Math.min(all.contacted, Math.max(3 * result.optimum.contacted, capacity !== null ? Math.ceil(capacity * 1.5) : 0, Math.ceil(all.contacted / 10)));
  const xMax = showAll ? all.contacted : focus;
  const data = result.curve.filter((c) => c.contacted <= xMax).map((c) => ({
    contacted: c.contacted,
    profit: c.expected_profit,
    band: [c.p05, c.p95] as [number, number],
    random: all.contacted ? (all.expected_profit * c.contacted) / all.contacted : 0,
    threshold: c.threshold,
  }));
  const o = result.optimum;
  return (
    <figure data-testid="roi-chart" className="w-full">
      <div className="h-80">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 16, right: 24, bottom: 24, left: 16 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis type="number" dataKey="contacted" domain={[0, xMax]} allowDataOverflow tick={tick} tickFormatter={(v: number) => formatInt(v)} label={{ value: 'Customers contacted (riskiest first)', position: 'insideBottom', offset: -12, fontSize: 11, fill: '#475569' }} />
            <YAxis tick={tick} tickFormatter={(v: number) => formatUsd(v, true)} width={72} />
            <Tooltip
              formatter={(v, n) => (Array.isArray(v) ? [`${formatUsd(Number(v[0]))} – ${formatUsd(Number(v[1]))}`, '90% band'] : [formatUsd(Number(v)), String(n)])}
              labelFormatter={(k, p) => {
                const t = p?.[0]?.payload?.threshold as number | null | undefined;
                return `${formatInt(Number(k))} customers${t != null ? ` · score ≥ ${t.toFixed(3)}` : ''}`;
              }}
            />
            <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 11 }} />
            <Area dataKey="band" name="90% band (acceptance rate)" stroke="none" fill="#bfdbfe" fillOpacity={0.7} isAnimationActive={false} />
            <Line dataKey="random" name="Random targeting" stroke="#94a3b8" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
            <Line dataKey="profit" name="Expected net profit" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} />
            <ReferenceLine y={0} stroke="#64748b" />
            {capacity !== null && capacity < all.contacted && <ReferenceLine x={capacity} stroke="#ea580c" strokeDasharray="4 3" label={{ value: 'capacity', position: 'top', fontSize: 10, fill: '#c2410c' }} />}
            <ReferenceDot x={o.contacted} y={o.expected_profit} r={5} fill="#059669" stroke="white" label={{ value: 'optimum', position: 'top', fontSize: 10, fill: '#047857' }} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <label className="mt-1 flex items-center gap-2 text-xs text-slate-600">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show every customer (contact everyone at the right edge)
      </label>
      <figcaption className="text-xs text-slate-500">
        Expected net profit of contacting the top k customers by churn score, with the 5–95% band over the uncertain acceptance rate. Random targeting of the same number earns the dashed line; the gap is what the model&apos;s ranking is worth.
      </figcaption>
    </figure>
  );
}

export function Tornado({ rows, base }: { rows: { label: string; profit_low: number; profit_high: number; low: number; high: number }[]; base: number }) {
  const span = Math.max(1, ...rows.flatMap((r) => [Math.abs(r.profit_low - base), Math.abs(r.profit_high - base)]));
  return (
    <table className="w-full text-xs" aria-label="Sensitivity">
      <tbody>
        {rows.map((r) => {
          const lo = Math.min(r.profit_low, r.profit_high) - base;
          const hi = Math.max(r.profit_low, r.profit_high) - base;
          return (
            <tr key={r.label}>
              <th scope="row" className="w-40 py-1 pr-2 text-left font-medium text-slate-700">
                {r.label}
              </th>
              <td className="py-1">
                <div className="relative h-4 rounded bg-slate-50">
                  <div className="absolute top-0 h-4 bg-red-300" style={{ left: `${50 + (Math.min(0, lo) / span) * 50}%`, width: `${(Math.abs(Math.min(0, lo)) / span) * 50}%` }} />
                  <div className="absolute top-0 h-4 bg-emerald-300" style={{ left: '50%', width: `${(Math.max(0, hi) / span) * 50}%` }} />
                  <div className="absolute top-0 h-4 w-px bg-slate-500" style={{ left: '50%' }} />
                </div>
              </td>
              <td className="w-44 py-1 pl-2 text-right tabular-nums text-slate-600">
                {formatUsd(Math.min(r.profit_low, r.profit_high), true)} – {formatUsd(Math.max(r.profit_low, r.profit_high), true)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
