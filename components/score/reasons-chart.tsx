'use client';

// The reasons behind one score as horizontal bars of log-odds contribution: red raises the churn risk, green lowers
// it. Labels are plain words ("Failed payments in the last 90 days: 3 → raises risk"); the same reasons follow as a
// list for screen readers, since the chart itself is a picture.
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tick, xTitle } from '@/components/models/chart-style';
import { wrapLabel, type ReasonBar } from '@/lib/score/reasons';

const COLOR = { raises: '#dc2626', lowers: '#059669', neutral: '#94a3b8' };
const LINE = 13;

function signed(v: number): string {
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;
}

export function ReasonsChart({ bars, axisMax, changed, testId, labelWidth = 250 }: { bars: ReasonBar[]; axisMax: number; changed?: ReadonlySet<string>; testId: string; labelWidth?: number }) {
  const chars = Math.max(18, Math.floor(labelWidth / 6.1));
  const lines = new Map(bars.map((b) => [b.feature, wrapLabel(b.label, chars)]));
  const rowHeight = Math.max(30, Math.max(...bars.map((b) => lines.get(b.feature)!.length)) * LINE + 12);
  const height = bars.length * rowHeight + 44;
  const renderTick = ({ x, y, payload }: { x: number | string; y: number | string; payload: { value: string } }) => {
    const text = lines.get(payload.value) ?? [payload.value];
    const isChanged = changed?.has(payload.value);
    return (
      <text x={Number(x) - 6} y={Number(y) - ((text.length - 1) * LINE) / 2} textAnchor="end" dominantBaseline="middle" fontSize={11} fill={isChanged ? '#92400e' : '#334155'} fontWeight={isChanged ? 600 : 400}>
        {text.map((t, i) => (
          <tspan key={i} x={Number(x) - 6} dy={i === 0 ? 0 : LINE}>
            {t}
          </tspan>
        ))}
      </text>
    );
  };
  return (
    <div>
      <div data-testid={testId} aria-hidden="true" style={{ height }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 22, left: 4 }} barCategoryGap={6} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" domain={[-axisMax, axisMax]} tick={tick} tickFormatter={(v: number) => signed(v)} label={xTitle('contribution to churn risk (log-odds)')} allowDataOverflow />
            <YAxis type="category" dataKey="feature" width={labelWidth} interval={0} tick={renderTick} tickLine={false} />
            <ReferenceLine x={0} stroke="#64748b" />
            <Tooltip isAnimationActive={false} cursor={{ fill: '#f1f5f9' }} formatter={(v) => [`${signed(Number(v))} log-odds`, 'contribution']} labelFormatter={(f) => bars.find((b) => b.feature === f)?.label ?? String(f)} contentStyle={{ fontSize: 12 }} />
            <Bar dataKey="contribution" isAnimationActive={false} radius={2}>
              {bars.map((b) => (
                <Cell key={b.feature} fill={COLOR[b.direction]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="sr-only">
        {bars.map((b) => (
          <li key={b.feature}>
            {b.label} ({signed(b.contribution)} log-odds){changed?.has(b.feature) ? ', changed in the what-if' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
