'use client';

// /score: find a customer or enter one, score them with reasons and the recommended action, then ask "what if"
// with some fields changed and see both scores side by side.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { buttonCls, ErrorNote, LoadingBlock, primaryCls } from '@/components/tracking/bits';
import { EmptyState } from '@/components/ui/empty-state';
import { scoreApi } from '@/lib/score/api';
import type { ModelInfo } from '@/lib/score/form';
import { ApiClientError } from '@/lib/ui/api-client';
import { CustomerLookup } from './customer-lookup';
import { FeatureForm, fieldId } from './feature-form';
import { ScoreResults } from './score-results';
import { useScoreForm, type SubmitOutcome } from './use-score-form';

const FOCUS_RING = ' focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';
const ID_PREFIX = 'score-field';

export function ScorePage() {
  const model = useQuery({ queryKey: ['served-model-info'], queryFn: () => scoreApi.model() });
  if (model.isPending) return <LoadingBlock label="Loading the served model…" />;
  if (model.isError) {
    const e = model.error;
    if (e instanceof ApiClientError && (e.status === 404 || e.status === 503)) {
      return <EmptyState title="Scoring opens when a model is in production">{e.message}</EmptyState>;
    }
    return <ErrorNote title="Could not load the served model">{e.message}</ErrorNote>;
  }
  return <ScoreWorkspace info={model.data} />;
}

function ScoreWorkspace({ info }: { info: ModelInfo }) {
  const form = useScoreForm(info.features, info.example.record);
  const resultsRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const changed = new Set(form.changed);

  const scoredKey = form.scored ? `${form.scored.response.base.churn_probability}:${form.scored.response.what_if?.churn_probability ?? ''}` : '';
  useEffect(() => {
    if (scoredKey) resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [scoredKey]);

  const after = (outcome: SubmitOutcome) => {
    if (!outcome.ok && outcome.focus) setTimeout(() => document.getElementById(fieldId(ID_PREFIX, outcome.focus!))?.focus(), 0);
  };

  return (
    <div className="space-y-4">
      <CustomerLookup customer={form.customer} onLoaded={(c) => form.loadCustomer(c).then(after)} onExample={form.fillExample} onClear={form.clear} busy={form.pending} />

      <form
        ref={formRef}
        noValidate
        aria-labelledby="score-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit().then(after);
        }}
        className={`rounded-xl border bg-white p-5 shadow-sm ${form.whatIfMode ? 'border-amber-300' : 'border-slate-200'}`}
      >
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="score-form-title" className="text-sm font-semibold text-slate-800">
            {form.whatIfMode ? 'What if… — change any fields' : 'Customer record'}
          </h2>
          <p className="text-xs text-slate-500">
            Every input of {info.name} v{info.version}
          </p>
        </div>
        {form.whatIfMode && (
          <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The scored record is kept as the base. Changed fields are highlighted; <strong>Score what-if</strong> scores both and shows them side by side.
            {form.changed.length > 0 && <> Changed so far: {form.changed.length}.</>}
          </p>
        )}
        {form.formError && (
          <div className="mb-3">
            <ErrorNote>{form.formError}</ErrorNote>
          </div>
        )}
        <FeatureForm features={info.features} values={form.values} errors={form.errors} base={form.baseValues} changed={changed} idPrefix={ID_PREFIX} onChange={form.setField} />
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <button type="submit" className={primaryCls + FOCUS_RING} disabled={form.pending}>
            {form.pending ? 'Scoring…' : form.whatIfMode ? 'Score what-if' : 'Score'}
          </button>
          {!form.whatIfMode && form.scored && (
            <button type="button" className={buttonCls + FOCUS_RING} onClick={form.startWhatIf} disabled={form.pending}>
              What if…
            </button>
          )}
          {form.whatIfMode && (
            <>
              <button type="button" className={buttonCls + FOCUS_RING} onClick={form.undoChanges} disabled={form.pending || form.changed.length === 0}>
                Undo changes
              </button>
              <button type="button" className={buttonCls + FOCUS_RING} onClick={form.leaveWhatIf} disabled={form.pending}>
                Leave what-if
              </button>
            </>
          )}
          <p className="text-xs text-slate-500">Each score is logged (source: form) for monitoring.</p>
        </div>
      </form>

      <p role="status" aria-live="polite" className="sr-only">
        {form.announcement}
      </p>
      {form.scored && <ScoreResults ref={resultsRef} scored={form.scored} features={info.features} stale={form.stale} />}
    </div>
  );
}
