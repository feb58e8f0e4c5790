'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { tick, yTitle, Y_WIDTH_TITLED } from '@/components/models/chart-style';
import { fmtMetric, type OverviewPoint } from '@/lib/monitoring/views';
import { ChartFrame, COLORS, legendProps, eventLines, tooltipStyle, windowAxis, type EventMark } from './chart-bits';

/**
 * Realized AUC (from labels, solid) against CBPE's label-free estimate (dashed, with its band) and the reference AUC.
 * A realized line below the band is the concept-change signal: the scores are as confident as before but wrong more.
 */
export function PerformanceChart({ data, events, referenceAuc, referenceSplit }: { data: OverviewPoint[]; events: EventMark[]; referenceAuc: number | null; referenceSplit: string | null }) {
  const labels = new Map(data.map((d) => [d.key, d.label]));
  const titles = new Map(data.map((d) => [d.key, d.title]));
  const values = data.flatMap((d) => [d.realizedAuc, d.estimatedAuc, ...(d.band ?? [])]).filter((v): v is number => v !== null);
  if (referenceAuc !== null) values.push(referenceAuc);
  const lo = values.length ? Math.floor((Math.min(...values) - 0.01) * 50) / 50 : 0.5;
  const hi = values.length ? Math.ceil((Math.max(...values) + 0.01) * 50) / 50 : 1;
  const unlabelled = data.filter((d) => d.realizedAuc === null);
  const first = unlabelled[0];
  const last = unlabelled.at(-1);
  return (
    <ChartFrame testId="auc-chart" height={300}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 20, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {windowAxis(labels)}
          <YAxis domain={[Math.max(0, lo), Math.min(1, hi)]} tick={tick} tickFormatter={(v: number) => v.toFixed(2)} width={Y_WIDTH_TITLED} label={yTitle('ROC AUC')} allowDataOverflow />
          <Tooltip
            contentStyle={tooltipStyle}
            labelFormatter={(k) => {
              const p = data.find((d) => d.key === k);
              return `${titles.get(String(k)) ?? k}${p && p.realizedAuc === null ? ' — estimate only (no or too few labels yet)' : ''}`;
            }}
            formatter={(v, name) => {
              if (Array.isArray(v)) return [`${fmtMetric(Number(v[0]))} – ${fmtMetric(Number(v[1]))}`, String(name)];
              return [v === null || v === undefined ? 'no labels yet' : fmtMetric(Number(v)), String(name)];
            }}
          />
          <Legend {...legendProps} />
          {first && last && first.key !== last.key && (
            <ReferenceArea x1={first.key} x2={last.key} fill="#f1f5f9" fillOpacity={0.9} ifOverflow="extendDomain" label={{ value: 'estimate only', position: 'insideBottom', fontSize: 10, fill: '#64748b' }} />
          )}
          {first && first.key === last?.key && (
            <ReferenceLine x={first.key} stroke="#cbd5e1" strokeWidth={6} strokeOpacity={0.6} label={{ value: 'estimate only', position: 'insideBottomRight', fontSize: 10, fill: '#64748b' }} />
          )}
          <Area dataKey="band" name="Estimate band (±3 SE)" stroke="none" fill={COLORS.band} fillOpacity={0.7} isAnimationActive={false} connectNulls={false} />
          {referenceAuc !== null && (
            <ReferenceLine
              y={referenceAuc}
              stroke="#475569"
              strokeDasharray="5 4"
              label={{ value: `reference ${referenceSplit ?? ''} ${fmtMetric(referenceAuc)}`.replace(/\s+/g, ' '), position: 'insideTopRight', fontSize: 10, fill: '#334155' }}
            />
          )}
          {eventLines(events)}
          <Line dataKey="estimatedAuc" name="Estimated AUC (CBPE, no labels)" stroke={COLORS.estimate} strokeWidth={2} strokeDasharray="6 4" dot={data.length > 40 ? false : { r: 3 }} isAnimationActive={false} />
          <Line dataKey="realizedAuc" name="Realized AUC (labels)" stroke={COLORS.current} strokeWidth={2.5} dot={data.length > 40 ? false : { r: 3.5 }} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
