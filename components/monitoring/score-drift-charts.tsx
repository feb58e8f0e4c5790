'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { tick, yTitle, Y_WIDTH_TITLED } from '@/components/models/chart-style';
import { fmtNum, fmtShare, isPValueMethod, METHOD_NAMES, niceAxis, P_FLOOR, P_TICKS, plotScore, pTick, scoreAxisTitle, type OverviewPoint } from '@/lib/monitoring/views';
import { ChartFrame, COLORS, legendProps, eventLines, tooltipStyle, windowAxis, type EventMark } from './chart-bits';

/**
 * Prediction drift in two panels (their scales differ): the score distribution's drift statistic with its threshold,
 * and the mean churn score per window beside the observed churn rate once labels are in.
 */
export function ScoreDriftCharts({ data, events, referenceMean }: { data: OverviewPoint[]; events: EventMark[]; referenceMean: number | null }) {
  const labels = new Map(data.map((d) => [d.key, d.label]));
  const titles = new Map(data.map((d) => [d.key, d.title]));
  const method = data[0]?.scoreMethod ?? 'wasserstein';
  const threshold = data[0]?.scoreThreshold ?? 0.1;
  const pv = isPValueMethod(method);
  const plotted = data.map((d) => ({ ...d, plot: plotScore(d.scoreMethod, d.scoreDrift) }));
  const maxScore = Math.max(threshold * 1.5, ...plotted.map((d) => d.plot));
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">
          Score drift — {METHOD_NAMES[method]}, threshold {fmtNum(threshold)} (red dashed line)
          {pv ? ' (lower p = more drift)' : ''}
        </p>
        <ChartFrame testId="score-drift-chart" height={220}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={plotted} margin={{ top: 16, right: 12, bottom: 4, left: 4 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              {windowAxis(labels)}
              {pv ? (
                <YAxis scale="log" domain={[P_FLOOR / 10, 1]} ticks={P_TICKS} tick={tick} tickFormatter={pTick} width={Y_WIDTH_TITLED} label={yTitle(scoreAxisTitle(method))} allowDataOverflow />
              ) : (
                <YAxis domain={[0, niceAxis(maxScore).max]} ticks={niceAxis(maxScore).ticks} tick={tick} tickFormatter={(v: number) => fmtNum(v)} width={Y_WIDTH_TITLED} label={yTitle(scoreAxisTitle(method))} allowDataOverflow />
              )}
              <Tooltip
                contentStyle={tooltipStyle}
                labelFormatter={(k) => titles.get(String(k)) ?? String(k)}
                formatter={(_v, _n, item) => {
                  const p = item.payload as OverviewPoint;
                  return [`${fmtNum(p.scoreDrift)}${p.scoreDrifted ? ' — drift' : ''}`, scoreAxisTitle(method)];
                }}
              />
              <ReferenceLine y={threshold} stroke={COLORS.threshold} strokeDasharray="5 4" />
              {eventLines(events)}
              <Line dataKey="plot" name="Score drift" stroke={COLORS.current} strokeWidth={2.5} dot={data.length > 40 ? false : { r: 3 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </ChartFrame>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-slate-500">
          Mean churn score vs observed churn rate{referenceMean !== null ? ` (grey dashed line: mean score on the reference, ${fmtShare(referenceMean)})` : ''}
        </p>
        <ChartFrame testId="mean-score-chart" height={220}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 16, right: 12, bottom: 4, left: 4 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              {windowAxis(labels)}
              <YAxis domain={[0, 'auto']} tick={tick} tickFormatter={(v: number) => fmtShare(v, 0)} width={Y_WIDTH_TITLED} label={yTitle('Share of customers')} />
              <Tooltip contentStyle={tooltipStyle} labelFormatter={(k) => titles.get(String(k)) ?? String(k)} formatter={(v, name) => [v === null || v === undefined ? 'no labels yet' : fmtShare(Number(v)), String(name)]} />
              {referenceMean !== null && (
                <ReferenceLine y={referenceMean} stroke={COLORS.reference} strokeDasharray="5 4" />
              )}
              <Line dataKey="meanScore" name="Mean churn score" stroke={COLORS.current} strokeWidth={2.5} dot={data.length > 40 ? false : { r: 3 }} isAnimationActive={false} />
              <Line dataKey="observedRate" name="Observed churn rate" stroke={COLORS.observed} strokeWidth={2} strokeDasharray="6 3" dot={data.length > 40 ? false : { r: 3 }} connectNulls={false} isAnimationActive={false} />
              <Legend {...legendProps} />
            </LineChart>
          </ResponsiveContainer>
        </ChartFrame>
      </div>
    </div>
  );
}
