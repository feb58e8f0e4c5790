'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tick } from './chart-style';

export interface ImportanceSeries {
  name: string;
  color: string;
  values: { feature: string; mean_abs_shap: number }[];
}


/**
 * Global importance as horizontal bars of mean |SHAP|, largest first. With two series (compare), features follow the
 * first series' order and the bars sit side by side per feature.
 */
export function ImportanceChart({
  series,
  testId = 'importance-chart',
  limit,
  order: fixedOrder,
  xMax,
}: {
  series: ImportanceSeries[];
  testId?: string;
  limit?: number;
  /** Feature order to follow (e.g. another version's), so two charts side by side line up row for row. */
  order?: string[];
  /** Shared x-axis end, so bar lengths compare across charts. */
  xMax?: number;
}) {
  const order = fixedOrder ? [...fixedOrder] : (series[0]?.values ?? []).map((v) => v.feature);
  for (const s of series.slice(1)) for (const v of s.values) if (!order.includes(v.feature)) order.push(v.feature);
  const shown = limit ? order.slice(0, limit) : order;
  const rows = shown.map((feature) => Object.fromEntries([['feature', feature], ...series.map((s) => [s.name, s.values.find((v) => v.feature === feature)?.mean_abs_shap ?? 0])]));
  const perRow = series.length > 1 ? 30 : 22;
  const height = Math.max(160, rows.length * perRow + (series.length > 1 ? 70 : 40));
  const labelWidth = Math.min(200, Math.max(90, ...shown.map((f) => f.length * 6.5 + 8)));
  return (
    <div data-testid={testId} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }} barCategoryGap={series.length > 1 ? 4 : 3}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" domain={[0, xMax ?? 'auto']} tick={tick} tickFormatter={(v: number) => v.toFixed(2)} />
          <YAxis type="category" dataKey="feature" width={labelWidth} interval={0} tick={{ fontSize: 11, fill: '#334155' }} />
          <Tooltip isAnimationActive={false} formatter={(v, name) => [`${Number(v).toFixed(3)} log-odds`, series.length > 1 ? name : 'mean |SHAP|']} contentStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar key={s.name} dataKey={s.name} fill={s.color} radius={[0, 3, 3, 0]} isAnimationActive={false} />
          ))}
          {series.length > 1 && <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
