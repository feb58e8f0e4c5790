'use client';

import { useId, useMemo, useState } from 'react';
import { CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { inputCls } from '@/components/tracking/bits';
import { dependenceCaption, dependenceData, type DepPoint } from './dependence-data';
import type { Evaluation, Manifest } from './eval-data';
import { tick, xTitle, yTitle, Y_WIDTH_TITLED } from './chart-style';


/** SHAP dependence for one feature, chosen from a list ordered by importance. */
export function DependencePanel({ evaluation, manifest }: { evaluation: Evaluation; manifest: Manifest | null }) {
  const selectId = useId();
  const features = useMemo(() => evaluation.importance.map((i) => i.feature).filter((f) => evaluation.dependence[f]), [evaluation]);
  const [feature, setFeature] = useState(features[0] ?? '');
  const encoding = manifest?.features.find((f) => f.name === feature);
  const data = useMemo(() => (evaluation.dependence[feature] ? dependenceData(evaluation.dependence[feature], encoding) : null), [evaluation, feature, encoding]);
  if (!data) return <p className="text-sm text-slate-500">No dependence data was stored with this version.</p>;
  const cats = data.categories;
  const longCats = data.kind === 'categorical' && cats.some((c) => c.length > 8);
  const xLabel = encoding?.unit ? `${feature} (${encoding.unit})` : feature;
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="text-sm text-slate-600">
          Feature
        </label>
        <select id={selectId} className={inputCls} value={feature} onChange={(e) => setFeature(e.target.value)}>
          {features.map((f, i) => (
            <option key={f} value={f}>
              {i + 1}. {f}
            </option>
          ))}
        </select>
        <span className="text-xs text-slate-500">{encoding ? `${encoding.type}${encoding.unit ? `, ${encoding.unit}` : ''}` : ''}</span>
      </div>
      <div data-testid="dependence-chart" data-feature={feature} style={{ height: 300 }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: longCats ? 40 : 18, left: 4 }}>
            <CartesianGrid stroke="#e2e8f0" />
            {data.kind === 'categorical' ? (
              <XAxis
                type="number"
                dataKey="x"
                domain={[-0.5, cats.length - 0.5]}
                ticks={cats.map((_, i) => i)}
                interval={0}
                tickFormatter={(v: number) => cats[v] ?? ''}
                tick={longCats ? { ...tick, angle: -25, textAnchor: 'end' } : tick}
                height={longCats ? 60 : 30}
                label={longCats ? undefined : xTitle(xLabel)}
              />
            ) : (
              <XAxis type="number" dataKey="x" domain={['auto', 'auto']} tick={tick} label={xTitle(xLabel)} />
            )}
            <YAxis type="number" dataKey="shap" tick={tick} width={Y_WIDTH_TITLED} tickFormatter={(v: number) => v.toFixed(2)} label={yTitle('SHAP (log-odds)')} />
            <ZAxis range={[14, 14]} />
            <ReferenceLine y={0} stroke="#64748b" />
            <Tooltip
              isAnimationActive={false}
              cursor={{ strokeDasharray: '3 3' }}
              content={({ payload }) => {
                const p = payload?.[0]?.payload as DepPoint | undefined;
                if (!p) return null;
                return (
                  <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                    <p>
                      {feature}: {p.label}
                    </p>
                    <p>
                      push on risk: {p.shap >= 0 ? '+' : ''}
                      {p.shap.toFixed(3)}
                    </p>
                  </div>
                );
              }}
            />
            <Scatter data={data.points} isAnimationActive={false} fillOpacity={0.55}>
              {data.points.map((p, i) => (
                <Cell key={i} fill={p.shap >= 0 ? '#dc2626' : '#2563eb'} />
              ))}
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-2 text-xs text-slate-600">{dependenceCaption(feature, data)}</p>
    </div>
  );
}
