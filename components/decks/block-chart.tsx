'use client';
// A chart block drawn with recharts at an explicit size (no ResponsiveContainer: the slide is laid out in fixed design
// pixels and scaled with a CSS transform, which a resize observer would not see). No animation, so thumbnails,
// screenshots and present mode show the final picture at once.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { BlockData } from '@/lib/decks/types';
import { chartRows, formatValue, SERIES_COLORS } from '@/lib/decks/view';

type ChartData = Extract<BlockData, { type: 'chart' }>;

const tick = { fontSize: 15, fill: '#475569' };
const axisTitle = { fontSize: 15, fill: '#334155' };

export function BlockChart({ d, width, height, interactive }: { d: ChartData; width: number; height: number; interactive: boolean }) {
  const rows = chartRows(d);
  const fmtAxis = (v: number) => formatValue(v, d.format, 'axis');
  const fmtCell = (v: unknown) => formatValue(typeof v === 'number' ? v : null, d.format, 'cell');
  const legend = d.series.length > 1 ? <Legend verticalAlign="top" height={30} wrapperStyle={{ fontSize: 15 }} /> : null;
  const tooltip = interactive ? <Tooltip formatter={(v, name) => [fmtCell(v), String(name)]} /> : null;
  const margin = { top: 10, right: 24, bottom: d.xLabel ? 30 : 8, left: d.yLabel ? 18 : 4 };
  const xLabel = d.xLabel ? { value: d.xLabel, position: 'insideBottom' as const, offset: -18, ...axisTitle } : undefined;
  const yLabel = d.yLabel ? { value: d.yLabel, angle: -90, position: 'insideLeft' as const, style: { textAnchor: 'middle' as const }, ...axisTitle } : undefined;

  if (d.chart === 'hbar') {
    const longest = Math.max(4, ...d.labels.map((l) => l.length));
    const yWidth = Math.min(260, Math.round(longest * 8.5 + 16));
    return (
      <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ ...margin, right: 40 }} accessibilityLayer={interactive}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" tick={tick} tickFormatter={fmtAxis} label={xLabel} domain={[0, 'auto']} />
        <YAxis type="category" dataKey="label" tick={tick} width={yWidth} interval={0} />
        {tooltip}
        {legend}
        {d.series.map((s, k) => (
          <Bar key={k} dataKey={`s${k}`} name={s.name} fill={SERIES_COLORS[k % SERIES_COLORS.length]} isAnimationActive={false} radius={[0, 3, 3, 0]} />
        ))}
      </BarChart>
    );
  }
  const yAxis = <YAxis tick={tick} tickFormatter={fmtAxis} width={d.yLabel ? 84 : 66} label={yLabel} />;
  const xAxis = <XAxis dataKey="label" tick={tick} label={xLabel} minTickGap={12} interval="preserveStartEnd" />;
  if (d.chart === 'line') {
    return (
      <LineChart width={width} height={height} data={rows} margin={margin} accessibilityLayer={interactive}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        {xAxis}
        {yAxis}
        {tooltip}
        {legend}
        {d.series.map((s, k) => (
          <Line key={k} dataKey={`s${k}`} name={s.name} stroke={SERIES_COLORS[k % SERIES_COLORS.length]} strokeWidth={3} dot={rows.length <= 24 ? { r: 3 } : false} connectNulls={false} isAnimationActive={false} />
        ))}
      </LineChart>
    );
  }
  return (
    <BarChart width={width} height={height} data={rows} margin={margin} accessibilityLayer={interactive}>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      {xAxis}
      {yAxis}
      {tooltip}
      {legend}
      {d.series.map((s, k) => (
        <Bar key={k} dataKey={`s${k}`} name={s.name} fill={SERIES_COLORS[k % SERIES_COLORS.length]} isAnimationActive={false} radius={[3, 3, 0, 0]}>
          {/* Values on the bars: close values (e.g. AUCs of a sweep) are read from the labels, not the bar heights. */}
          {rows.length * d.series.length <= 12 && <LabelList dataKey={`s${k}`} position="top" formatter={(v: unknown) => fmtCell(v)} style={{ fontSize: 14, fill: '#334155' }} />}
        </Bar>
      ))}
    </BarChart>
  );
}
