'use client';
// Mitigation by per-group thresholds: choose the attribute, the objective and the tolerance; the server solves the
// thresholds on the version's audit data and returns the trade-off ladder. A data scientist can apply the optimum as
// the version's threshold policy (scoring then uses it for requests that carry the attribute) or withdraw it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CartesianGrid, Legend, ReferenceArea, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { tick } from '@/components/models/chart-style';
import { CRITERION_INFO } from '@/lib/fairness/criteria';
import { CRITERION_METRICS, type Criterion } from '@/lib/fairness/types';
import { ATTRIBUTE_LABELS, groupOrder, METRIC_LABELS } from '@/lib/fairness/views';
import { apiFetch } from '@/lib/ui/api-client';
import { formatInt, formatPct, formatUsd } from '@/lib/ui/format';

const inputCls = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';
const ATTRS = ['age_band', 'region', 'gender', 'age_band&region'];
const KINDS = [
  { kind: 'current', label: 'Today (one threshold)', color: '#64748b' },
  { kind: 'best_single', label: 'Best single threshold', color: '#d97706' },
  { kind: 'unconstrained', label: 'Per group, no constraint', color: '#7c3aed' },
  { kind: 'constrained', label: 'Per group, within a tolerance', color: '#059669' },
];

interface Point {
  label: string;
  kind: string;
  feasible: boolean;
  pass: boolean;
  disparity: number | null;
  objective: number | null;
  accuracy: number | null;
  profit: number | null;
}
interface Options {
  source: string;
  convention: string;
  economics: { clvMonths: number; offerCost: number; contactCost: number; saveRate: number };
  result: {
    status: string;
    feasible: boolean;
    reason: string | null;
    global_threshold: number;
    before: { accuracy: number | null; profit: number | null };
    after: { accuracy: number | null; profit: number | null };
    disparity_before: { ratio: number | null };
    disparity_after: { ratio: number | null };
    check_before: string;
    check_after: string;
    groups: { group: string; count: number; small: boolean; kept: string | null; threshold: number; before: Record<string, number | null>; after: Record<string, number | null> }[];
  };
  tradeoff: Point[];
}

export function MitigationPanel(p: {
  name: string;
  version: number;
  canApply: boolean;
  criterion: Criterion;
  tolerance: { lower: number; upper: number };
  active: { id: number; attribute: string; thresholds: Record<string, number>; objective: string; createdBy: string } | null;
}) {
  const router = useRouter();
  const [attribute, setAttribute] = useState(p.active?.attribute ?? 'age_band');
  const [objective, setObjective] = useState<'profit' | 'accuracy'>((p.active?.objective as 'profit') ?? 'profit');
  const [criterion, setCriterion] = useState<Criterion>(p.criterion === 'calibration' ? 'equal_opportunity' : p.criterion);
  const [reason, setReason] = useState('');
  const qs = new URLSearchParams({ attribute, criterion, objective, lower: String(p.tolerance.lower), upper: String(p.tolerance.upper) });
  const url = `/api/v1/fairness/models/${encodeURIComponent(p.name)}/versions/${p.version}`;
  const q = useQuery({ queryKey: ['mitigation', p.name, p.version, qs.toString()], queryFn: () => apiFetch<Options>(`${url}/mitigation?${qs}`), staleTime: 60_000 });
  const apply = useMutation({
    mutationFn: () => apiFetch(`${url}/policy`, { method: 'POST', body: { attribute, criterion, objective, tolerance: { kind: 'ratio', ...p.tolerance }, reason: reason.trim() } }),
    onSuccess: () => {
      setReason('');
      router.refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: () => apiFetch(`${url}/policy`, { method: 'DELETE', body: { reason: 'withdrawn from the fairness page' } }),
    onSuccess: () => router.refresh(),
  });
  const metrics = CRITERION_METRICS[criterion];
  const o = q.data;
  const points = (o?.tradeoff ?? []).filter((t) => t.disparity !== null && t.objective !== null).map((t) => ({ ...t, y: objective === 'profit' ? t.profit : t.accuracy }));
  const fmtY = (v: number | null) => (objective === 'profit' ? formatUsd(v) : formatPct(v));
  // Zoom the x axis onto the options (they cluster), always keeping the tolerance's lower edge and equality (1) in view.
  const xMin = Math.max(0, Math.floor((Math.min(p.tolerance.lower, ...points.map((t) => t.disparity!)) - 0.05) * 20) / 20);
  const xTicks = Array.from({ length: Math.round((1 - xMin) / 0.05) + 1 }, (_, i) => Math.round((xMin + i * 0.05) * 100) / 100).filter((_, i, a) => a.length <= 11 || i % 2 === 0 || i === a.length - 1);
  const groupsSorted = o ? [...o.result.groups].sort((a, b) => groupOrder(a.group, b.group)) : [];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3 text-xs text-slate-600">
        <label>
          Thresholds per
          <select aria-label="Thresholds per" className={inputCls + ' mt-1 block'} value={attribute} onChange={(e) => setAttribute(e.target.value)}>
            {ATTRS.map((a) => (
              <option key={a} value={a}>
                {ATTRIBUTE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Criterion
          <select aria-label="Mitigation criterion" className={inputCls + ' mt-1 block'} value={criterion} onChange={(e) => setCriterion(e.target.value as Criterion)}>
            {(Object.keys(CRITERION_INFO) as Criterion[])
              .filter((c) => c !== 'calibration')
              .map((c) => (
                <option key={c} value={c}>
                  {CRITERION_INFO[c].label}
                </option>
              ))}
          </select>
        </label>
        <label>
          Maximise
          <select aria-label="Objective" className={inputCls + ' mt-1 block'} value={objective} onChange={(e) => setObjective(e.target.value as 'profit')}>
            <option value="profit">Expected profit</option>
            <option value="accuracy">Accuracy</option>
          </select>
        </label>
        <span className="pb-2">
          Tolerance {p.tolerance.lower}–{p.tolerance.upper} (from the decision record)
        </span>
      </div>
      {q.isPending && <p className="text-sm text-slate-500">Solving per-group thresholds…</p>}
      {q.isError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{q.error.message}</p>}
      {o && (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <figure data-testid="tradeoff-chart">
              <div className="h-72">
                <ResponsiveContainer width="100%" height="100%">
                  <ScatterChart margin={{ top: 16, right: 24, bottom: 24, left: 16 }}>
                    <CartesianGrid stroke="#e2e8f0" />
                    <XAxis type="number" dataKey="disparity" domain={[xMin, 1]} ticks={xTicks} tick={tick} tickFormatter={(v: number) => v.toFixed(2)} label={{ value: `${metrics.map((m) => METRIC_LABELS[m]).join(' & ')} ratio, min ÷ max (1 = equal)`, position: 'insideBottom', offset: -12, fontSize: 11, fill: '#475569' }} />
                    <YAxis type="number" dataKey="y" tick={tick} tickFormatter={(v: number) => fmtY(v)} width={72} domain={['auto', 'auto']} />
                    <ZAxis range={[70, 70]} />
                    <ReferenceArea x1={p.tolerance.lower} x2={1} fill="#d1fae5" fillOpacity={0.6} />
                    <Tooltip
                      content={({ payload }) => {
                        const t = payload?.[0]?.payload as (Point & { y: number }) | undefined;
                        return t ? (
                          <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                            <p className="font-medium">{t.label}</p>
                            <p>
                              ratio {t.disparity?.toFixed(3)} · {fmtY(t.y)}
                            </p>
                          </div>
                        ) : null;
                      }}
                    />
                    <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
                    {KINDS.map((k) => (
                      <Scatter key={k.kind} name={k.label} data={points.filter((t) => t.kind === k.kind)} fill={k.color} isAnimationActive={false} />
                    ))}
                  </ScatterChart>
                </ResponsiveContainer>
              </div>
              <figcaption className="text-xs text-slate-500">
                Each point is one threshold option on {o.source}: its disparity (x; the green band meets the tolerance) and its {objective === 'profit' ? 'expected retention profit' : 'accuracy'} (y). Profit uses
                CLV = {o.economics.clvMonths} × monthly charge, offer ${o.economics.offerCost}, contact ${o.economics.contactCost}, save rate {formatPct(o.economics.saveRate, 0)}.
              </figcaption>
            </figure>
            <div className="space-y-2 text-sm">
              <table className="w-full text-xs" aria-label="Threshold options">
                <thead>
                  <tr className="border-b border-slate-200 text-left text-slate-500">
                    <th className="py-1 pr-2 font-medium">Option</th>
                    <th className="py-1 pr-2 text-right font-medium">Ratio</th>
                    <th className="py-1 pr-2 text-right font-medium">{objective === 'profit' ? 'Expected profit' : 'Accuracy'}</th>
                    <th className="py-1 text-right font-medium">Meets {p.tolerance.lower}–{p.tolerance.upper}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.tradeoff.map((t) => (
                    <tr key={t.label} className="border-b border-slate-100">
                      <td className="py-1 pr-2">{t.label}</td>
                      <td className="py-1 pr-2 text-right tabular-nums">{t.disparity?.toFixed(3) ?? '—'}</td>
                      <td className="py-1 pr-2 text-right tabular-nums">{t.feasible ? fmtY(objective === 'profit' ? t.profit : t.accuracy) : 'infeasible'}</td>
                      <td className={'py-1 text-right ' + (t.pass ? 'text-emerald-700' : 'text-slate-500')}>{t.pass ? 'yes' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                <span className="font-medium">Today:</span> {o.result.check_before}
              </p>
              <p>
                <span className="font-medium">With per-group thresholds:</span> {o.result.feasible ? o.result.check_after : `no thresholds meet it — ${o.result.reason}`}
              </p>
              <p className="text-xs text-slate-600">
                {objective === 'profit' ? 'Expected profit' : 'Accuracy'}: {fmtY(objective === 'profit' ? o.result.before.profit : o.result.before.accuracy)} →{' '}
                <span className="font-semibold">{fmtY(objective === 'profit' ? o.result.after.profit : o.result.after.accuracy)}</span>. Deterministic thresholds (no randomisation): a customer&apos;s decision is
                always “score ≥ their group&apos;s threshold”, so it can be explained and reproduced.
              </p>
            </div>
          </div>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[640px] text-sm" aria-label="Per-group thresholds">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                  <th className="py-2 pr-3 font-medium">{ATTRIBUTE_LABELS[attribute]}</th>
                  <th className="py-2 pr-3 text-right font-medium">Count</th>
                  <th className="py-2 pr-3 text-right font-medium">Threshold</th>
                  {metrics.map((m) => (
                    <th key={m} className="py-2 pr-3 text-right font-medium">
                      {METRIC_LABELS[m]} before → after
                    </th>
                  ))}
                  <th className="py-2 pr-3 text-right font-medium">Selection rate after</th>
                </tr>
              </thead>
              <tbody>
                {groupsSorted.map((g) => (
                  <tr key={g.group} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      {g.group}
                      {g.kept && <span className="ml-2 text-[10px] uppercase text-amber-700">{g.kept === 'small' ? 'small: global threshold' : 'kept'}</span>}
                    </th>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatInt(g.count)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {o.result.global_threshold.toFixed(3)} → <span className="font-semibold">{g.threshold.toFixed(3)}</span>
                    </td>
                    {metrics.map((m) => (
                      <td key={m} className="py-2 pr-3 text-right tabular-nums">
                        {formatPct(g.before[m] ?? null)} → {formatPct(g.after[m] ?? null)}
                      </td>
                    ))}
                    <td className="py-2 pr-3 text-right tabular-nums">{formatPct(g.after.selection_rate ?? null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {p.active && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="active-policy">
          <span>
            Active: fairness policy #{p.active.id} — per-{p.active.attribute} thresholds {Object.entries(p.active.thresholds).map(([g, t]) => `${g} ${t.toFixed(3)}`).join(', ')} (by {p.active.createdBy}). Requests that send{' '}
            {p.active.attribute.replaceAll('&', ' and ')} are decided at their group&apos;s threshold; others at the version&apos;s own, and the response says which.
          </span>
          {p.canApply && (
            <button type="button" className="rounded-md border border-emerald-300 bg-white px-3 py-1 text-xs font-medium hover:bg-emerald-100" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
              Withdraw policy
            </button>
          )}
        </div>
      )}
      {p.canApply && o?.result.feasible && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim().length >= 10) apply.mutate();
          }}
        >
          <label className="grow text-xs text-slate-600">
            Reason for applying
            <input aria-label="Reason for applying" className={inputCls + ' mt-1 block w-full'} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. equal opportunity across age bands at a small profit cost" />
          </label>
          <button type="submit" disabled={reason.trim().length < 10 || apply.isPending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
            {apply.isPending ? 'Applying…' : 'Apply as threshold policy'}
          </button>
        </form>
      )}
      {(apply.isError || withdraw.isError) && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{(apply.error ?? withdraw.error)!.message}</p>}
    </div>
  );
}
