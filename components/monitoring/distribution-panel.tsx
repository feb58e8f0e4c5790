'use client';
// Reference vs one window's distribution on the reference's bins; the window is picked from a select.
import { useId, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tick, yTitle, Y_WIDTH_TITLED } from '@/components/models/chart-style';
import { inputCls } from '@/components/tracking/bits';
import type { DisplayHistogram } from '@/lib/monitoring/histogram';
import { distributionBars, fmtShare } from '@/lib/monitoring/views';
import { ChartFrame, COLORS, legendProps, tooltipStyle } from './chart-bits';

export interface WindowOption {
  key: string;
  title: string;
  summary: string;
}

export function DistributionPanel({
  feature,
  unit,
  reference,
  windows,
  histograms,
  initial,
}: {
  feature: string;
  unit?: string;
  reference: DisplayHistogram;
  windows: WindowOption[];
  histograms: Record<string, DisplayHistogram>;
  initial: string;
}) {
  const selectId = useId();
  const [key, setKey] = useState(initial);
  const current = histograms[key];
  const option = windows.find((w) => w.key === key);
  const bars = useMemo(() => (current ? distributionBars(reference, current) : []), [reference, current]);
  const many = bars.length > 12;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={selectId} className="block text-xs font-medium text-slate-600">
            Window
          </label>
          <select id={selectId} className={inputCls + ' mt-1'} value={key} onChange={(e) => setKey(e.target.value)}>
            {windows.map((w) => (
              <option key={w.key} value={w.key}>
                {w.title}
              </option>
            ))}
          </select>
        </div>
        {option && <p className="pb-1.5 text-sm text-slate-600">{option.summary}</p>}
      </div>
      {current ? (
        <ChartFrame
          testId="distribution-chart"
          height={300}
          caption={
            <>
              <span data-testid="distribution-caption">
                {option?.title ?? key} vs the reference
              </span>
              : share of rows per {reference.kind === 'bins' ? `bin${unit ? ` (${unit})` : ''}` : 'value'}, missing values included so each side sums to 100%. Bins are the reference&apos;s.
            </>
          }
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={bars} margin={{ top: 8, right: 12, bottom: many ? 36 : 8, left: 4 }} barCategoryGap={many ? 2 : '20%'}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="label" tick={{ ...tick, fontSize: many ? 10 : 11 }} interval={0} angle={many ? -40 : 0} textAnchor={many ? 'end' : 'middle'} height={many ? 50 : 30} />
              <YAxis tick={tick} tickFormatter={(v: number) => fmtShare(v, 0)} width={Y_WIDTH_TITLED} label={yTitle('Share of rows')} />
              <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [fmtShare(Number(v)), String(name)]} labelFormatter={(l) => `${feature}: ${l}`} />
              <Legend {...legendProps} />
              <Bar dataKey="reference" name="Reference" fill={COLORS.reference} isAnimationActive={false} />
              <Bar dataKey="current" name={option?.title ?? 'Window'} fill={COLORS.current} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFrame>
      ) : (
        <p className="text-sm text-slate-500">This window has no stored distribution for {feature}.</p>
      )}
    </div>
  );
}
