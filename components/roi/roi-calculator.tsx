'use client';
// The ROI calculator: the engine (lib/roi) runs in the browser on the live scores, so every slider move recomputes
// the curve, the optimum, the band and the tornado at once (the time it took is shown). Below: scenarios saved by
// name and compared side by side, and — for data scientists — saving the campaign as the ROI policy that scoring uses.
import { useDeferredValue, useMemo, useState } from 'react';
import { evaluateRoi, prepareScores, sensitivity, DEFAULT_ROI_INPUTS, type RoiInputs } from '@/lib/roi';
import { roiSentence } from '@/lib/roi/summary';
import { formatInt, formatPct, formatUsd } from '@/lib/ui/format';
import { RoiChart, Tornado } from './roi-chart';
import { RoiPolicyPanel, ScenarioPanel } from './roi-panels';

export interface RoiCalculatorProps {
  scores: number[];
  charges: number[];
  asOf: string;
  source: string;
  initial: RoiInputs;
  canSetPolicy: boolean;
}

const inputCls = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm';
const CERTAINTY: Record<string, number> = { low: 8, medium: 20, high: 60 };

/** Runs `f` and adds how long it took (shown under the sliders: the page's own update cost). */
function timed<T extends object>(f: () => T): T & { ms: number } {
  const t = performance.now();
  const out = f();
  return { ...out, ms: performance.now() - t };
}

function Slider(p: { label: string; value: number; min: number; max: number; step: number; format: (v: number) => string; onChange: (v: number) => void }) {
  return (
    <label className="block text-xs text-slate-600">
      <span className="flex justify-between">
        <span>{p.label}</span>
        <span className="font-semibold tabular-nums text-slate-900">{p.format(p.value)}</span>
      </span>
      <input type="range" aria-label={p.label} className="mt-1 w-full accent-brand-600" min={p.min} max={p.max} step={p.step} value={p.value} onChange={(e) => p.onChange(Number(e.target.value))} />
    </label>
  );
}

export function RoiCalculator(p: RoiCalculatorProps) {
  const [inputs, setInputs] = useState<RoiInputs>(p.initial);
  const [certainty, setCertainty] = useState('medium');
  const deferred = useDeferredValue(inputs);
  const prepared = useMemo(() => prepareScores(p.scores, { clv: p.charges }), [p.scores, p.charges]);
  const set = (patch: Partial<RoiInputs>) => setInputs((i) => ({ ...i, ...patch }));
  const effective = useMemo<RoiInputs>(() => {
    const k = CERTAINTY[certainty]!;
    return { ...deferred, acceptanceBeta: { alpha: k * deferred.acceptanceRate, beta: k * (1 - deferred.acceptanceRate) } };
  }, [deferred, certainty]);
  const { result, tornado, ms } = useMemo(() => timed(() => ({ result: evaluateRoi(prepared, effective), tornado: sensitivity(prepared, effective) })), [prepared, effective]);
  const o = result.optimum;
  const clvMonths = inputs.clv.kind === 'per_customer' ? inputs.clv.months : 12;

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[320px_1fr]">
        <section aria-label="Assumptions" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-800">Assumptions</h2>
          <Slider label="Customer value (months of charge)" value={clvMonths} min={1} max={36} step={1} format={(v) => `${v} months`} onChange={(v) => set({ clv: { kind: 'per_customer', months: v } })} />
          <Slider label="Offer cost" value={inputs.offerCost} min={0} max={50} step={1} format={(v) => formatUsd(v)} onChange={(v) => set({ offerCost: v })} />
          <Slider label="Contact cost" value={inputs.contactCost} min={0} max={10} step={0.5} format={(v) => formatUsd(v)} onChange={(v) => set({ contactCost: v })} />
          <Slider label="Acceptance (save) rate" value={inputs.acceptanceRate} min={0.01} max={0.9} step={0.01} format={(v) => formatPct(v, 0)} onChange={(v) => set({ acceptanceRate: v })} />
          <label className="block text-xs text-slate-600">
            How sure are we of the acceptance rate?
            <select aria-label="Certainty of the acceptance rate" className={inputCls} value={certainty} onChange={(e) => setCertainty(e.target.value)}>
              <option value="low">Not sure (Beta, 8 pseudo-observations)</option>
              <option value="medium">Fairly sure (20)</option>
              <option value="high">Measured in a test (60)</option>
            </select>
          </label>
          <label className="block text-xs text-slate-600">
            Campaign fixed cost (USD)
            <input aria-label="Campaign fixed cost" className={inputCls} inputMode="decimal" value={inputs.fixedCost} onChange={(e) => set({ fixedCost: Math.max(0, Number(e.target.value) || 0) })} />
          </label>
          <label className="block text-xs text-slate-600">
            Capacity (most contacts; empty = no limit)
            <input aria-label="Capacity" className={inputCls} inputMode="numeric" value={inputs.capacity ?? ''} onChange={(e) => set({ capacity: e.target.value.trim() === '' ? null : Math.max(0, Math.round(Number(e.target.value) || 0)) })} />
          </label>
          <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => setInputs({ ...DEFAULT_ROI_INPUTS })}>
            Reset to StreamFlow defaults
          </button>
          <p className="text-[11px] text-slate-500" data-testid="roi-latency">
            Recomputed for {formatInt(prepared.n)} customers in {ms.toFixed(1)} ms.
          </p>
        </section>

        <div className="space-y-4">
          <p className="rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-slate-800" data-testid="roi-summary">
            {roiSentence(result, prepared.n)}
          </p>
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            <Kpi label="Contact" value={formatInt(o.contacted)} hint={o.threshold !== null ? `churn score ≥ ${o.threshold.toFixed(3)}${result.capacity_bound ? ' · capacity-bound' : ''}` : 'nobody'} />
            <Kpi label="Expected net profit" value={formatUsd(o.expected_profit)} hint={`90%: ${formatUsd(o.p05)} – ${formatUsd(o.p95)}`} />
            <Kpi label="ROI" value={o.roi === null ? '—' : formatPct(o.roi, 0)} hint={`spend ${formatUsd(o.spend)}`} />
            <Kpi label="Break-even acceptance" value={result.break_even_acceptance_rate === null ? 'none ≤ 100%' : formatPct(result.break_even_acceptance_rate, 1)} hint="below it no campaign pays" />
          </div>
          <RoiChart result={result} capacity={inputs.capacity} />
          <table className="w-full text-sm" aria-label="Alternatives">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                <th className="py-1.5 font-medium">Alternative</th>
                <th className="py-1.5 text-right font-medium">Contacted</th>
                <th className="py-1.5 text-right font-medium">Expected net profit</th>
              </tr>
            </thead>
            <tbody>
              <Alt name="Model's optimum" k={o.contacted} v={o.expected_profit} />
              <Alt name="Random targeting, same number" k={result.baselines.random.contacted} v={result.baselines.random.expected_profit} />
              <Alt name="Contact everyone" k={result.baselines.contact_all.contacted} v={result.baselines.contact_all.expected_profit} />
              <Alt name="Contact nobody" k={0} v={0} />
            </tbody>
          </table>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-label="Sensitivity" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-800">What moves the profit most</h2>
          <p className="mb-3 mt-0.5 text-xs text-slate-500">The optimum&apos;s expected profit with each input at −25% / +25% (the acceptance rate at its 5% / 95% quantiles), others unchanged; base {formatUsd(tornado.base_profit)}.</p>
          <Tornado rows={tornado.rows} base={tornado.base_profit} />
        </section>
        <ScenarioPanel inputs={effective} current={result} />
      </div>

      <RoiPolicyPanel inputs={effective} optimum={o} canSet={p.canSetPolicy} />
      <p className="text-xs text-slate-500">
        Profit model (Verbraken et al., 2013): contacting customer i with calibrated churn probability pᵢ is worth Eᵢ = pᵢ·γ·(CLVᵢ − d) − (1 − pᵢ)·d − f — a contacted churner accepts the offer with probability γ and stays; a contacted
        non-churner takes the offer anyway. d = offer cost, f = contact cost, CLVᵢ = months × the customer&apos;s monthly charge. A campaign&apos;s profit is the sum over those contacted minus the fixed cost; ROI is profit ÷ expected spend.
        Scores: {p.source}. A high churn score is not the same as being persuadable: γ is an assumption to test.
      </p>
    </div>
  );
}

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-xl font-semibold tabular-nums text-ink">{value}</p>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

function Alt({ name, k, v }: { name: string; k: number; v: number }) {
  return (
    <tr className="border-b border-slate-100">
      <th scope="row" className="py-1.5 text-left font-medium text-slate-700">
        {name}
      </th>
      <td className="py-1.5 text-right tabular-nums">{formatInt(k)}</td>
      <td className={'py-1.5 text-right tabular-nums ' + (v < 0 ? 'text-red-700' : '')}>{formatUsd(v)}</td>
    </tr>
  );
}
