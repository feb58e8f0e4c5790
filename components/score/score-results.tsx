'use client';

// The result of POST /api/v1/score: one column for a score, or the base and the what-if side by side with the
// change in probability, band and action. Both reason charts show the same features on the same axis.
import type { FormScoreResponse } from '@/lib/score/api';
import { fieldLabel, type FeatureInfo } from '@/lib/score/form';
import { formatMoney } from '@/lib/score/format';
import { chartFeatures, contributionAxisMax, reasonBars } from '@/lib/score/reasons';
import { formatPct, formatPp } from '@/lib/ui/format';
import { ScoreResult } from './score-result';

const TOP_K = 6;

export interface ScoredRequest {
  response: FormScoreResponse;
  baseRecord: Record<string, unknown>;
  whatIfRecord?: Record<string, unknown>;
}

export function ScoreResults({ scored, features, stale, ref }: { scored: ScoredRequest; features: FeatureInfo[]; stale: boolean; ref?: React.Ref<HTMLElement> }) {
  const { response, baseRecord, whatIfRecord } = scored;
  const { base, what_if: alt, changed } = response;
  const baseC = base.explanation?.contributions ?? {};
  const altC = alt?.explanation?.contributions ?? {};
  const order = chartFeatures(alt ? [baseC, altC] : [baseC], TOP_K, alt ? changed : []);
  const baseBars = base.explanation ? reasonBars(order, baseC, baseRecord, features) : [];
  const altBars = alt?.explanation && whatIfRecord ? reasonBars(order, altC, whatIfRecord, features) : [];
  const axisMax = contributionAxisMax([baseBars, altBars]);
  const changedSet = new Set(changed);
  return (
    <section ref={ref} aria-labelledby="score-results-title" className="scroll-mt-4 space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="score-results-title" className="text-lg font-semibold text-ink">
          {alt ? 'Base vs what-if' : 'Score'}
        </h2>
        <p className="text-xs text-slate-500">
          {response.model.name} v{response.model.version} · {response.policy.source}
        </p>
      </div>
      {stale && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">The form has changed since this score; score again to update it.</p>
      )}
      {alt && (
        <div className="rounded-xl border border-slate-200 bg-white px-5 py-3 text-sm text-slate-700 shadow-sm" data-testid="what-if-summary">
          <p>
            Churn probability <span className="font-semibold tabular-nums">{formatPct(base.churn_probability)}</span> →{' '}
            <span className="font-semibold tabular-nums">{formatPct(alt.churn_probability)}</span>{' '}
            <span className={`font-semibold tabular-nums ${alt.delta_probability > 0 ? 'text-red-700' : alt.delta_probability < 0 ? 'text-emerald-700' : ''}`}>
              (Δ {formatPp(alt.delta_probability)})
            </span>
            {base.risk_band !== alt.risk_band && (
              <>
                ; risk band {base.risk_band} → {alt.risk_band}
              </>
            )}
            {base.action.code !== alt.action.code && <>; action “{base.action.label}” → “{alt.action.label}”</>}
            {base.action.expected_value !== null && alt.action.expected_value !== null && (
              <>
                ; expected value {formatMoney(base.action.expected_value)} → {formatMoney(alt.action.expected_value)}
              </>
            )}
            .
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Changed: {changed.length ? changed.map((c) => fieldLabel({ name: c })).join(', ') : 'nothing (both columns score the same record)'}
          </p>
        </div>
      )}
      <div className={alt ? 'grid gap-4 lg:grid-cols-2' : ''}>
        <ScoreResult title={alt ? 'Base' : 'Current record'} scored={base} bars={baseBars} axisMax={axisMax} changed={alt ? changedSet : undefined} testId="base" labelWidth={alt ? 190 : 240} wide={!alt} />
        {alt && <ScoreResult title="What if" scored={alt} bars={altBars} axisMax={axisMax} changed={changedSet} testId="what-if" labelWidth={190} />}
      </div>
    </section>
  );
}
