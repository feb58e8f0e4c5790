'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { tick, yTitle, Y_WIDTH_TITLED } from '@/components/models/chart-style';
import { describeTest, fmtNum, fmtShare, isPValueMethod, METHOD_NAMES, niceAxis, niceShareAxis, P_FLOOR, P_TICKS, plotScore, pTick, scoreAxisTitle, type FeaturePoint } from '@/lib/monitoring/views';
import { ChartFrame, COLORS, legendProps, eventLines, tooltipStyle, windowAxis, type EventMark } from './chart-bits';

/** The feature's drift score per window with the test's threshold (p-value tests: lower = more drift). */
export function FeatureDriftChart({ data, events }: { data: FeaturePoint[]; events: EventMark[] }) {
  const labels = new Map(data.map((d) => [d.key, d.label]));
  const titles = new Map(data.map((d) => [d.key, d.title]));
  const method = data[0]?.method ?? 'wasserstein';
  const threshold = data[0]?.threshold ?? 0.1;
  const pv = isPValueMethod(method);
  const plotted = data.map((d) => ({ ...d, plot: plotScore(d.method, d.score) }));
  const max = Math.max(threshold * 1.5, ...plotted.map((d) => d.plot));
  return (
    <ChartFrame testId="feature-drift-chart" height={260} caption={`Red dashed line: the threshold, ${fmtNum(threshold)}. ${METHOD_NAMES[method]}: drift when ${pv ? `p ${method === 'ks' ? '≤' : '<'} ${fmtNum(threshold)} (log scale; lower = more drift, p-values under 1e−12 drawn at the floor)` : `the score ≥ ${fmtNum(threshold)}`}. Red dots mark drifted windows.`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={plotted} margin={{ top: 20, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {windowAxis(labels)}
          {pv ? (
            <YAxis scale="log" domain={[P_FLOOR / 10, 1]} ticks={P_TICKS} tick={tick} tickFormatter={pTick} width={Y_WIDTH_TITLED} label={yTitle(scoreAxisTitle(method))} allowDataOverflow />
          ) : (
            <YAxis domain={[0, niceAxis(max).max]} ticks={niceAxis(max).ticks} tick={tick} tickFormatter={(v: number) => fmtNum(v)} width={Y_WIDTH_TITLED} label={yTitle(scoreAxisTitle(method))} allowDataOverflow />
          )}
          <Tooltip
            contentStyle={tooltipStyle}
            labelFormatter={(k) => titles.get(String(k)) ?? String(k)}
            formatter={(_v, _n, item) => {
              const p = item.payload as FeaturePoint;
              return [describeTest({ type: 'numeric', method: p.method, statistic: p.statistic, p_value: p.pValue, score: p.score, threshold: p.threshold, drift: p.drift, null_share: { reference: 0, current: 0 } }), p.drift ? 'Drift' : 'No drift'];
            }}
          />
          <ReferenceLine y={threshold} stroke={COLORS.threshold} strokeDasharray="5 4" />
          {eventLines(events)}
          <Line
            dataKey="plot"
            name={scoreAxisTitle(method)}
            stroke={COLORS.current}
            strokeWidth={2.5}
            isAnimationActive={false}
            dot={(props: { cx?: number; cy?: number; index?: number; payload?: FeaturePoint }) => (
              <circle
                key={props.index}
                cx={props.cx}
                cy={props.cy}
                r={props.payload?.drift ? (data.length > 40 ? 2.5 : 4.5) : data.length > 40 ? 0 : 3}
                fill={props.payload?.drift ? COLORS.threshold : COLORS.current}
                stroke="#fff"
                strokeWidth={data.length > 40 ? 0 : 1}
              />
            )}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** Share of missing values per window against the reference's. */
export function NullShareChart({ data, events }: { data: FeaturePoint[]; events: EventMark[] }) {
  const labels = new Map(data.map((d) => [d.key, d.label]));
  const titles = new Map(data.map((d) => [d.key, d.title]));
  const ref = data[0]?.referenceNullShare ?? 0;
  const axis = niceShareAxis(Math.max(0.01, ref * 1.5, ...data.map((d) => d.nullShare)));
  return (
    <ChartFrame testId="null-share-chart" height={220}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 20, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {windowAxis(labels)}
          <YAxis domain={[0, axis.max]} ticks={axis.ticks} tick={tick} tickFormatter={(v: number) => fmtShare(v, axis.max < 0.1 ? 1 : 0)} width={Y_WIDTH_TITLED} label={yTitle('Missing values')} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(k) => titles.get(String(k)) ?? String(k)} formatter={(v) => [`${fmtShare(Number(v))} (reference ${fmtShare(ref)})`, 'Null share']} />
          <Legend {...legendProps} />
          <ReferenceLine y={ref} stroke={COLORS.reference} strokeDasharray="5 4" label={{ value: `reference ${fmtShare(ref)}`, position: 'insideBottomRight', fontSize: 10, fill: '#64748b' }} />
          {eventLines(events)}
          <Line dataKey="nullShare" name="Null share in the window" stroke={COLORS.share} strokeWidth={2.5} dot={data.length > 40 ? false : { r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
