'use client';
// The criterion decision: what each criterion would say on this version's numbers (recomputed in the browser as the
// tolerance changes, with the same evaluateCriterion the gate runs), the fairness tree's suggestion, and the form that
// records a new decision revision (criterion, convention, tolerance, attributes, rationale, rejected criteria).
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { CRITERION_INFO, evaluateCriterion, type Metrics, type Suggestion } from '@/lib/fairness/criteria';
import { criterionGroups, type AuditGroupRow } from '@/lib/fairness/criterion-groups';
import { CRITERIA, type Convention, type Criterion } from '@/lib/fairness/types';
import { ATTRIBUTE_LABELS } from '@/lib/fairness/views';
import { apiFetch } from '@/lib/ui/api-client';

const inputCls = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';

export interface DecisionPanelProps {
  name: string;
  version: number;
  canDecide: boolean;
  suggestion: Suggestion;
  attributes: string[];
  /** attribute → group → rates and confusion counts. */
  groups: Record<string, Record<string, AuditGroupRow & Metrics>>;
  overall: Metrics;
  current: { criterion: string; convention: string; tolerance: { kind: string; lower?: number; upper?: number; max?: number }; attributes: string[]; min_group_size: number } | null;
}

const CONVENTION_LABELS: Record<Convention, string> = {
  between_groups: 'Between groups (Fairlearn: worst pair, min ÷ max)',
  to_overall: 'To overall (Fairlearn: each group ÷ all customers)',
  vs_reference: 'Vs reference group (Aequitas: each group ÷ the largest group)',
};

export function DecisionPanel(p: DecisionPanelProps) {
  const router = useRouter();
  const [criterion, setCriterion] = useState<Criterion>((p.current?.criterion as Criterion) ?? p.suggestion.criterion);
  const [convention, setConvention] = useState<Convention>((p.current?.convention as Convention) ?? 'between_groups');
  const [lower, setLower] = useState(String(p.current?.tolerance.lower ?? 0.8));
  const [upper, setUpper] = useState(String(p.current?.tolerance.upper ?? 1.25));
  const [attrs, setAttrs] = useState<string[]>(p.current?.attributes ?? ['age_band', 'gender', 'region']);
  const [minSize, setMinSize] = useState(String(p.current?.min_group_size ?? 30));
  const [rationale, setRationale] = useState('');
  const [rejected, setRejected] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const lo = Number(lower);
  const hi = Number(upper);
  const toleranceOk = Number.isFinite(lo) && Number.isFinite(hi) && lo > 0 && lo < 1 && hi > 1;
  const tolerance = { kind: 'ratio' as const, lower: toleranceOk ? lo : 0.8, upper: toleranceOk ? hi : 1.25 };
  const min = Math.max(1, Math.round(Number(minSize)) || 30);

  const matrix = useMemo(
    () =>
      CRITERIA.map((c) => ({
        criterion: c,
        results: p.attributes.map((a) => evaluateCriterion({ criterion: c, convention, tolerance, groups: criterionGroups(p.groups[a] ?? {}, c), overall: p.overall, minGroupSize: min })),
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [convention, tolerance.lower, tolerance.upper, min, p.groups, p.overall, p.attributes],
  );
  const chosen = matrix.find((m) => m.criterion === criterion)!;

  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ decision: { revision: number }; holds: boolean }>(`/api/v1/fairness/models/${encodeURIComponent(p.name)}/decisions`, {
        method: 'POST',
        body: {
          model_version: p.version,
          criterion,
          convention,
          tolerance,
          attributes: attrs,
          min_group_size: min,
          intervention: 'assistive',
          rationale: rationale.trim(),
          rejected: Object.entries(rejected)
            .filter(([c, why]) => c !== criterion && why.trim())
            .map(([c, why]) => ({ criterion: c, why: why.trim() })),
        },
      }),
    onSuccess: (r) => {
      setMessage(`Decision record #${r.decision.revision} saved. ${r.holds ? 'The criterion holds on this version.' : 'The criterion does not hold on this version yet: promotions to @champion will be blocked until it does (see mitigation).'}`);
      router.refresh();
    },
  });

  const problem = !toleranceOk
    ? 'The tolerance band must satisfy 0 < lower < 1 < upper.'
    : attrs.length === 0
      ? 'Choose at least one attribute to check.'
      : rationale.trim().length < 40
        ? 'Explain the choice in at least 40 characters.'
        : null;

  return (
    <div className="space-y-5">
      <div className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-sm text-slate-700">
        <p className="font-semibold text-slate-900">Suggested for a retention offer: {CRITERION_INFO[p.suggestion.criterion].label}</p>
        <p className="mt-1">{p.suggestion.why}</p>
        <ol className="mt-2 list-decimal space-y-0.5 pl-5 text-xs text-slate-600">
          {p.suggestion.path.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        <p className="mt-2 text-xs text-slate-500">Path through the Aequitas fairness tree. The suggestion is a starting point: the data scientist chooses, and the record says why.</p>
      </div>

      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-sm" aria-label="What each criterion says on this version">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              <th className="py-2 pr-3 font-medium">Criterion</th>
              {p.attributes.map((a) => (
                <th key={a} className="py-2 pr-3 font-medium">
                  {ATTRIBUTE_LABELS[a] ?? a}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.map((m) => (
              <tr key={m.criterion} className={'border-b border-slate-100 ' + (m.criterion === criterion ? 'bg-slate-50' : '')}>
                <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800" title={CRITERION_INFO[m.criterion].question}>
                  {CRITERION_INFO[m.criterion].label}
                  <span className="block text-[11px] font-normal text-slate-500">{CRITERION_INFO[m.criterion].metricLabel}</span>
                </th>
                {m.results.map((r, i) => (
                  <td key={p.attributes[i]} className="py-2 pr-3 align-top text-xs" title={r.summary}>
                    <span className={'font-semibold ' + (r.verdict === 'pass' ? 'text-emerald-700' : r.verdict === 'fail' ? 'text-red-700' : 'text-slate-500')}>
                      {r.verdict === 'pass' ? 'holds' : r.verdict === 'fail' ? 'violated' : 'not judged'}
                    </span>
                    {r.metrics[0]?.range?.ratio != null && <span className="ml-1 text-slate-500">min÷max {r.metrics[0].range.ratio.toFixed(2)}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-xs text-slate-500">
          Computed on this version&apos;s audit with the tolerance below. The 0.80–1.25 band is the “four-fifths rule”: a convention from US employment guidance, used here as a tolerance, not a verdict that a model is fair.
        </p>
      </div>

      {p.canDecide ? (
        <form
          className="space-y-4"
          aria-label="Record a fairness decision"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!problem) save.mutate();
          }}
        >
          <div className="grid gap-4 md:grid-cols-2">
            <label className="text-xs text-slate-600">
              Criterion
              <select aria-label="Criterion" className={inputCls + ' mt-1 block w-full'} value={criterion} onChange={(e) => setCriterion(e.target.value as Criterion)}>
                {CRITERIA.map((c) => (
                  <option key={c} value={c}>
                    {CRITERION_INFO[c].label}
                  </option>
                ))}
              </select>
              <span className="mt-1 block text-slate-500">{CRITERION_INFO[criterion].question}</span>
            </label>
            <label className="text-xs text-slate-600">
              Convention
              <select aria-label="Convention" className={inputCls + ' mt-1 block w-full'} value={convention} onChange={(e) => setConvention(e.target.value as Convention)}>
                {(Object.keys(CONVENTION_LABELS) as Convention[]).map((c) => (
                  <option key={c} value={c}>
                    {CONVENTION_LABELS[c]}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="text-xs text-slate-600">
              <legend>Tolerance (ratio band)</legend>
              <div className="mt-1 flex items-center gap-2">
                <input aria-label="Lower bound" className={inputCls + ' w-20'} value={lower} onChange={(e) => setLower(e.target.value)} inputMode="decimal" />
                <span>to</span>
                <input aria-label="Upper bound" className={inputCls + ' w-20'} value={upper} onChange={(e) => setUpper(e.target.value)} inputMode="decimal" />
                <label className="ml-4">
                  Min group size <input aria-label="Minimum group size" className={inputCls + ' ml-1 w-20'} value={minSize} onChange={(e) => setMinSize(e.target.value)} inputMode="numeric" />
                </label>
              </div>
            </fieldset>
            <fieldset className="text-xs text-slate-600">
              <legend>Check on</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {p.attributes.map((a) => (
                  <label key={a} className="flex items-center gap-1">
                    <input type="checkbox" checked={attrs.includes(a)} onChange={(e) => setAttrs((xs) => (e.target.checked ? [...xs, a] : xs.filter((x) => x !== a)))} />
                    {ATTRIBUTE_LABELS[a] ?? a}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700" aria-live="polite">
            On v{p.version}:{' '}
            {chosen.results
              .map((r, i) => [p.attributes[i]!, r] as const)
              .filter(([a]) => attrs.includes(a))
              .map(([a, r]) => `${ATTRIBUTE_LABELS[a] ?? a} — ${r.summary}`)
              .join(' ')}
          </p>
          <label className="block text-xs text-slate-600">
            Rationale
            <textarea aria-label="Rationale" rows={4} className={inputCls + ' mt-1 block w-full'} value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="Why this criterion for this use: who is helped or harmed by each kind of error, what the offer budget allows, what the law and policy require." />
          </label>
          <details className="text-xs text-slate-600">
            <summary className="cursor-pointer font-medium">Criteria not chosen, and why (recorded with the decision)</summary>
            <div className="mt-2 space-y-2">
              {CRITERIA.filter((c) => c !== criterion).map((c) => (
                <label key={c} className="block">
                  {CRITERION_INFO[c].label}
                  <input aria-label={`Why not ${CRITERION_INFO[c].label}`} className={inputCls + ' mt-1 block w-full'} value={rejected[c] ?? ''} onChange={(e) => setRejected((r) => ({ ...r, [c]: e.target.value }))} placeholder={CRITERION_INFO[c].whenToUse} />
                </label>
              ))}
            </div>
          </details>
          {problem && (rationale.length > 0 || !toleranceOk) && <p className="text-xs text-red-600">{problem}</p>}
          {save.isError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {save.error.message}
            </p>
          )}
          {message && (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              {message}
            </p>
          )}
          <button type="submit" disabled={!!problem || save.isPending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
            {save.isPending ? 'Recording…' : 'Record decision'}
          </button>
        </form>
      ) : (
        <p className="text-xs text-slate-500">Recording a decision needs the data scientist role.</p>
      )}
    </div>
  );
}
