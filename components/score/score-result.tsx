// One scored record: the gauge, risk band, the policy's decision, the recommended action with its expected value,
// and the reasons. Used alone for a score, and twice side by side for a what-if.
import type { ScoredRecord } from '@/lib/score/api';
import { formatMoney } from '@/lib/score/format';
import type { ReasonBar } from '@/lib/score/reasons';
import { formatPct } from '@/lib/ui/format';
import { ProbabilityGauge, RiskBadge } from './probability-gauge';
import { ReasonsChart } from './reasons-chart';

function ActionBox({ scored }: { scored: ScoredRecord }) {
  const { action } = scored;
  const e = action.economics;
  const p = scored.churn_probability;
  const tone = action.code === 'offer' ? 'border-brand-100 bg-brand-50' : action.code === 'contact_negative_value' ? 'border-amber-200 bg-amber-50' : 'border-slate-200 bg-slate-50';
  return (
    <div className={`rounded-lg border px-3 py-2 ${tone}`}>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Recommended action</p>
      <p className="mt-0.5 font-semibold text-ink">{action.label}</p>
      {action.expected_value !== null && action.customer_value !== null ? (
        <>
          <p className="mt-1 text-sm text-slate-700">
            Expected value of contacting: <span className="font-semibold tabular-nums">{formatMoney(action.expected_value)}</span>
          </p>
          <details className="mt-1 text-xs text-slate-600">
            <summary className="cursor-pointer rounded text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">How this is worked out</summary>
            <p className="mt-1">
              E = p·γ·(CLV − d) − (1 − p)·d − f = {p.toFixed(3)} × {e.saveRate} × ({formatMoney(action.customer_value, false)} − ${e.offerCost}) − {(1 - p).toFixed(3)} × ${e.offerCost} − ${e.contactCost} = {formatMoney(action.expected_value)}
            </p>
            <p className="mt-1">
              CLV is {e.clvMonths} months of the monthly charge; an offer costs ${e.offerCost} and a contact ${e.contactCost}; {Math.round(e.saveRate * 100)}% of would-be churners accept and stay. These are StreamFlow&apos;s defaults until the ROI settings make them configurable.
            </p>
          </details>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">This model does not take the monthly charge, so the contact cannot be valued.</p>
      )}
    </div>
  );
}

export function ScoreResult({
  title,
  scored,
  bars,
  axisMax,
  changed,
  testId,
  labelWidth,
  wide = false,
}: {
  title: string;
  scored: ScoredRecord;
  bars: ReasonBar[];
  axisMax: number;
  changed?: ReadonlySet<string>;
  testId: string;
  labelWidth?: number;
  /** One result on its own: the summary and the reasons side by side on wide screens. */
  wide?: boolean;
}) {
  const { decision } = scored;
  const summary = (
    <div>
      <div className="flex flex-wrap items-center gap-5">
        <ProbabilityGauge probability={scored.churn_probability} threshold={decision.threshold} band={scored.risk_band} />
        <div className="min-w-48 flex-1 space-y-2">
          <p className="text-sm text-slate-700">
            Churn probability <span className="font-semibold tabular-nums text-ink">{formatPct(scored.churn_probability)}</span> within 30 days
          </p>
          <RiskBadge band={scored.risk_band} />
          <p className="text-sm text-slate-700">
            Policy: <span className="font-medium">{decision.contact ? 'contact' : 'do not contact'}</span>{' '}
            <span className="text-slate-500">(contact at {formatPct(decision.threshold)} or above)</span>
          </p>
        </div>
      </div>
      <div className="mt-3">
        <ActionBox scored={scored} />
      </div>
    </div>
  );
  const reasons = (
    <div>
      <h4 className="text-sm font-semibold text-slate-800">Top reasons</h4>
      {bars.length > 0 ? (
        <ReasonsChart bars={bars} axisMax={axisMax} changed={changed} testId={`${testId}-reasons`} labelWidth={labelWidth} />
      ) : (
        <p className="mt-1 text-sm text-slate-500">This model version has no explainer, so there are no reasons to show.</p>
      )}
    </div>
  );
  return (
    <section aria-label={title} data-testid={`${testId}-result`} className="min-w-0 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h3 className="mb-3 text-sm font-semibold text-slate-800">{title}</h3>
      {wide ? (
        <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          {summary}
          {reasons}
        </div>
      ) : (
        <div className="space-y-4">
          {summary}
          {reasons}
        </div>
      )}
    </section>
  );
}
