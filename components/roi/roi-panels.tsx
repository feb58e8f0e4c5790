'use client';
// Saved scenarios (named inputs, compared side by side with the figures they had on their day) and the ROI policy
// (what scoring decides with), with its revisions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RoiInputs, RoiOptimum, RoiResult } from '@/lib/roi';
import { apiFetch } from '@/lib/ui/api-client';
import { formatInt, formatPct, formatUsd } from '@/lib/ui/format';

const inputCls = 'rounded-md border border-slate-300 px-2 py-1 text-sm';
const btn = 'rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50';

interface Scenario {
  id: number;
  name: string;
  inputs: RoiInputs;
  result: { as_of: string; optimum: RoiOptimum; band: { p05: number; p95: number }; break_even_acceptance_rate: number | null } | null;
  created_by: string;
}

const describe = (i: RoiInputs) =>
  `${i.clv.kind === 'per_customer' ? `${i.clv.months} mo` : formatUsd(i.clv.value)} · offer ${formatUsd(i.offerCost)} · contact ${formatUsd(i.contactCost)} · γ ${formatPct(i.acceptanceRate, 0)}${i.capacity !== null ? ` · cap ${formatInt(i.capacity)}` : ''}${i.fixedCost ? ` · fixed ${formatUsd(i.fixedCost)}` : ''}`;

export function ScenarioPanel({ inputs, current }: { inputs: RoiInputs; current: RoiResult }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const list = useQuery({ queryKey: ['roi-scenarios'], queryFn: () => apiFetch<{ scenarios: Scenario[] }>('/api/v1/roi/scenarios') });
  const save = useMutation({
    mutationFn: () => apiFetch('/api/v1/roi/scenarios', { method: 'POST', body: { name: name.trim(), inputs } }),
    onSuccess: () => {
      setName('');
      void qc.invalidateQueries({ queryKey: ['roi-scenarios'] });
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => apiFetch(`/api/v1/roi/scenarios/${id}`, { method: 'DELETE' }), onSuccess: () => void qc.invalidateQueries({ queryKey: ['roi-scenarios'] }) });
  return (
    <section aria-label="Scenarios" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-800">Scenarios</h2>
      <form
        className="mt-2 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <input aria-label="Scenario name" className={inputCls + ' grow'} placeholder="e.g. Q1 budget, cautious" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className={btn} disabled={!name.trim() || save.isPending}>
          Save scenario
        </button>
      </form>
      {save.isError && <p className="mt-2 text-xs text-red-700">{save.error.message}</p>}
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-xs" aria-label="Scenarios compared">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-500">
              <th className="py-1 pr-2 font-medium">Scenario</th>
              <th className="py-1 pr-2 text-right font-medium">Contact</th>
              <th className="py-1 pr-2 text-right font-medium">Expected profit</th>
              <th className="py-1 pr-2 text-right font-medium">90% interval</th>
              <th className="py-1 pr-2 text-right font-medium">ROI</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-slate-100 bg-slate-50">
              <th scope="row" className="py-1 pr-2 text-left font-medium">
                Current sliders
                <span className="block font-normal text-slate-500">{describe(inputs)}</span>
              </th>
              <td className="py-1 pr-2 text-right tabular-nums">{formatInt(current.optimum.contacted)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{formatUsd(current.optimum.expected_profit)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">
                {formatUsd(current.optimum.p05)} – {formatUsd(current.optimum.p95)}
              </td>
              <td className="py-1 pr-2 text-right tabular-nums">{current.optimum.roi === null ? '—' : formatPct(current.optimum.roi, 0)}</td>
              <td />
            </tr>
            {(list.data?.scenarios ?? []).map((s) => (
              <tr key={s.id} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-2 text-left font-medium">
                  {s.name}
                  <span className="block font-normal text-slate-500">
                    {describe(s.inputs)} · {s.result?.as_of} · {s.created_by}
                  </span>
                </th>
                <td className="py-1 pr-2 text-right tabular-nums">{s.result ? formatInt(s.result.optimum.contacted) : '—'}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{s.result ? formatUsd(s.result.optimum.expected_profit) : '—'}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{s.result ? `${formatUsd(s.result.optimum.p05)} – ${formatUsd(s.result.optimum.p95)}` : '—'}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{s.result?.optimum.roi != null ? formatPct(s.result.optimum.roi, 0) : '—'}</td>
                <td className="py-1 text-right">
                  <button type="button" aria-label={`Delete scenario ${s.name}`} className="text-slate-400 hover:text-red-600" onClick={() => remove.mutate(s.id)}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface Policy {
  revision: number;
  kind: 'threshold' | 'top_k';
  threshold: number;
  top_k: number | null;
  reason: string;
  active: boolean;
  created_by: string;
  created_at: string;
  evidence: { optimum?: RoiOptimum; as_of?: string };
}

export function RoiPolicyPanel({ inputs, optimum, canSet }: { inputs: RoiInputs; optimum: RoiOptimum; canSet: boolean }) {
  const qc = useQueryClient();
  const [kind, setKind] = useState<'threshold' | 'top_k'>('threshold');
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['roi-policy'], queryFn: () => apiFetch<{ active: Policy | null; policies: Policy[] }>('/api/v1/roi/policy') });
  const save = useMutation({
    mutationFn: () => apiFetch('/api/v1/roi/policy', { method: 'POST', body: { kind, inputs, reason: reason.trim(), ...(kind === 'threshold' ? { threshold: optimum.threshold ?? undefined } : { top_k: optimum.contacted }) } }),
    onSuccess: () => {
      setReason('');
      void qc.invalidateQueries({ queryKey: ['roi-policy'] });
    },
  });
  const withdraw = useMutation({ mutationFn: () => apiFetch('/api/v1/roi/policy', { method: 'DELETE', body: { reason: 'withdrawn from the ROI page' } }), onSuccess: () => void qc.invalidateQueries({ queryKey: ['roi-policy'] }) });
  const active = q.data?.active ?? null;
  return (
    <section aria-label="ROI policy" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-800">ROI policy: who the product tells the team to contact</h2>
      <p className="mt-1 text-sm text-slate-700" data-testid="roi-policy-active">
        {active
          ? `Active: v${active.revision} — ${active.kind === 'top_k' ? `the ${formatInt(active.top_k ?? 0)} riskiest customers (churn score ≥ ${active.threshold.toFixed(3)} on ${active.evidence.as_of})` : `churn score ≥ ${active.threshold.toFixed(3)}`}, saved by ${active.created_by}: “${active.reason}”. The predict API, the scoring form and batch jobs decide with it.`
          : 'No ROI policy: scoring decides at the threshold stored with the served model version.'}
      </p>
      {canSet && (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim().length >= 10 && optimum.contacted > 0) save.mutate();
          }}
        >
          <label className="text-xs text-slate-600">
            Save the optimum as
            <select aria-label="Policy kind" className={inputCls + ' mt-1 block'} value={kind} onChange={(e) => setKind(e.target.value as 'threshold')}>
              <option value="threshold">a score threshold (≥ {optimum.threshold?.toFixed(3) ?? '—'})</option>
              <option value="top_k">the top {formatInt(optimum.contacted)} customers</option>
            </select>
          </label>
          <label className="grow text-xs text-slate-600">
            Reason
            <input aria-label="Policy reason" className={inputCls + ' mt-1 block w-full'} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Q1 campaign: $10 offer, 30% expected acceptance" />
          </label>
          <button type="submit" className={btn} disabled={reason.trim().length < 10 || optimum.contacted === 0 || save.isPending}>
            Save ROI policy
          </button>
          {active && (
            <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" onClick={() => withdraw.mutate()}>
              Withdraw
            </button>
          )}
        </form>
      )}
      {(save.isError || withdraw.isError) && <p className="mt-2 text-xs text-red-700">{(save.error ?? withdraw.error)!.message}</p>}
      {(q.data?.policies.length ?? 0) > 0 && (
        <ol className="mt-3 space-y-1 text-xs text-slate-600" aria-label="ROI policy revisions">
          {q.data!.policies.map((p) => (
            <li key={p.revision}>
              v{p.revision} · {p.kind === 'top_k' ? `top ${formatInt(p.top_k ?? 0)}` : `≥ ${p.threshold.toFixed(3)}`} · {p.created_by} · {p.created_at.slice(0, 16).replace('T', ' ')} · {p.active ? 'active' : 'inactive'} — {p.reason}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
