'use client';

import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiftRow } from './eval-data';
import { tick, xTitle, yTitle, Y_WIDTH_TITLED, percentTick } from './chart-style';

export interface LiftSeries {
  name: string;
  color: string;
  rows: LiftRow[];
}


/** Lift per risk decile (bars, 1× = random) and cumulative gains (share of churners reached vs share contacted). */
export function LiftCharts({ series, height = 260 }: { series: LiftSeries[]; height?: number }) {
  const deciles = series[0]?.rows.map((r) => r.decile) ?? [];
  const liftRows = deciles.map((d, i) => Object.fromEntries([['decile', d], ...series.map((s) => [s.name, s.rows[i]?.lift ?? null])]));
  // Gains start at the origin: contacting nobody reaches nobody.
  const gainSeries = series.map((s) => ({ ...s, points: [{ share: 0, gain: 0 }, ...s.rows.map((r) => ({ share: r.share, gain: r.gain }))] }));
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">Lift by risk decile (1 = riskiest 10%)</p>
        <div data-testid="lift-chart" style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={liftRows} margin={{ top: 8, right: 12, bottom: 18, left: 4 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="decile" tick={tick} label={xTitle('Risk decile')} />
              <YAxis tick={tick} width={40} tickFormatter={(v: number) => `${v}×`} domain={[0, 'auto']} />
              <ReferenceLine y={1} stroke="#94a3b8" strokeDasharray="5 4" label={{ value: 'random', position: 'insideTopRight', fontSize: 10, fill: '#64748b' }} />
              <Tooltip isAnimationActive={false} formatter={(v, name) => [`${Number(v).toFixed(2)}× base rate`, name]} labelFormatter={(d) => `Decile ${d}`} contentStyle={{ fontSize: 12 }} />
              {series.map((s) => (
                <Bar key={s.name} dataKey={s.name} fill={s.color} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              ))}
              {series.length > 1 && <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">Cumulative gains</p>
        <div data-testid="gains-chart" style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart margin={{ top: 8, right: 16, bottom: 18, left: 4 }}>
              <CartesianGrid stroke="#e2e8f0" />
              <XAxis
                type="number"
                dataKey="share"
                domain={[0, 1]}
                ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
                tick={tick}
                tickFormatter={percentTick}
                label={xTitle('Customers contacted, riskiest first')}
              />
              <YAxis
                type="number"
                dataKey="gain"
                domain={[0, 1]}
                ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
                tick={tick}
                width={Y_WIDTH_TITLED}
                tickFormatter={percentTick}
                label={yTitle('Churners reached')}
              />
              <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="#94a3b8" strokeDasharray="5 4" />
              {gainSeries.map((s) => (
                <Line key={s.name} name={s.name} data={s.points} dataKey="gain" stroke={s.color} strokeWidth={2} dot={{ r: 2.5 }} isAnimationActive={false} />
              ))}
              {series.length > 1 && <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
}
