'use client';

// The form that creates an alert rule: metric (with what it means), the feature for per-feature metrics, the
// condition, how many windows in a row, severity, and the retraining policy switches.
import { useId, useRef, useState } from 'react';
import { inputCls, primaryCls } from '@/components/tracking/bits';
import { COMPARISON_SYMBOL, directionWarning, METRIC_INFO, METRICS, SEVERITY_RANK, WINDOW_KIND_LABEL, type driftTests, type DriftTest } from '@/lib/monitoring/alert-metrics';
import type { AlertMetric, Comparison } from '@/db/monitoring-schema';
import { Field, FormError } from './bits';
import { monitoringApi, useAlertMutation } from './use-alerts';

type Tests = ReturnType<typeof driftTests>;

function testFor(metric: AlertMetric, feature: string, tests: Tests): DriftTest | null {
  if (metric === 'prediction_drift_score') return tests.prediction;
  if (metric === 'feature_drift_score') return tests.features[feature] ?? null;
  return null;
}

/** The condition a metric (and its column's test) usually wants: "<" the test's own level for p-values. */
function defaults(metric: AlertMetric, feature: string, tests: Tests): { comparison: Comparison; threshold?: string } {
  const test = testFor(metric, feature, tests);
  if (!test) return { comparison: METRIC_INFO[metric].worse };
  return test.pValue ? { comparison: 'lt', threshold: String(test.threshold ?? 0.05) } : { comparison: 'gte', threshold: String(test.threshold ?? 0.1) };
}

export function RuleForm({ features, tests }: { features: string[]; tests: Tests }) {
  const [metric, setMetric] = useState<AlertMetric>('feature_drift_score');
  const [feature, setFeature] = useState(features[0] ?? '');
  const initial = defaults('feature_drift_score', features[0] ?? '', tests);
  const [comparison, setComparison] = useState<Comparison>(initial.comparison);
  const [threshold, setThreshold] = useState(initial.threshold ?? '0.1');
  const [retrain, setRetrain] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const choose = (m: AlertMetric, f: string) => {
    setMetric(m);
    setFeature(f);
    const d = defaults(m, f, tests);
    setComparison(d.comparison);
    if (d.threshold) setThreshold(d.threshold);
  };
  const create = useAlertMutation(monitoringApi.createRule, (r) => {
    setCreated(r.alert_rule.name);
    // A fresh form for the next rule: nothing (least of all the retraining switch) carries over by accident.
    form.current?.reset();
    setRetrain(false);
  });
  const info = METRIC_INFO[metric];
  const id = useId();
  const test = testFor(metric, feature, tests);
  const warning = directionWarning({ metric, feature, comparison }, test);

  return (
    <form
      ref={form}
      aria-label="New alert rule"
      className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setCreated(null);
        create.mutate({
          name: String(f.get('name') ?? ''),
          metric,
          ...(info.perFeature ? { feature } : {}),
          comparison,
          threshold: threshold.trim() === '' ? null : Number(threshold),
          consecutive: Number(f.get('consecutive')),
          window_kind: String(f.get('window_kind')),
          severity: String(f.get('severity')),
          retrain,
          auto_promote: retrain && f.get('auto_promote') === 'on',
        });
      }}
    >
      <h3 className="text-sm font-semibold text-slate-800">New rule</h3>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id={`${id}-name`} label="Name">
          <input id={`${id}-name`} name="name" required maxLength={120} placeholder="e.g. Price drift" className={`${inputCls} block w-full`} />
        </Field>
        <Field id={`${id}-metric`} label="Metric">
          <select
            id={`${id}-metric`}
            name="metric"
            value={metric}
            onChange={(e) => choose(e.target.value as AlertMetric, feature)}
            className={`${inputCls} block w-full`}
          >
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_INFO[m].label}
              </option>
            ))}
          </select>
        </Field>
        {info.perFeature && (
          <Field id={`${id}-feature`} label="Feature">
            <select id={`${id}-feature`} name="feature" required value={feature} onChange={(e) => choose(metric, e.target.value)} className={`${inputCls} block w-full`}>
              {features.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </Field>
        )}
        <div className="flex items-end gap-2">
          <Field id={`${id}-comparison`} label="Condition">
            <select id={`${id}-comparison`} name="comparison" value={comparison} onChange={(e) => setComparison(e.target.value as Comparison)} className={`${inputCls} block`}>
              {(Object.keys(COMPARISON_SYMBOL) as Comparison[]).map((c) => (
                <option key={c} value={c}>
                  {COMPARISON_SYMBOL[c]}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-threshold`} label="Threshold">
            <input id={`${id}-threshold`} name="threshold" type="number" step="any" required value={threshold} onChange={(e) => setThreshold(e.target.value)} className={`${inputCls} block w-28`} />
          </Field>
        </div>
        <Field id={`${id}-consecutive`} label="Windows in a row">
          <input id={`${id}-consecutive`} name="consecutive" type="number" min={1} max={24} step={1} required defaultValue={1} className={`${inputCls} block w-24`} />
        </Field>
        <Field id={`${id}-window`} label="Window">
          <select id={`${id}-window`} name="window_kind" defaultValue="month" className={`${inputCls} block w-full`}>
            {Object.entries(WINDOW_KIND_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-severity`} label="Severity">
          <select id={`${id}-severity`} name="severity" defaultValue="warning" className={`${inputCls} block w-full`}>
            {Object.keys(SEVERITY_RANK).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
      </div>
      <p className="text-xs text-slate-500">{info.help}</p>
      {test && !warning && (
        <p className="text-xs text-slate-600">
          In the newest window {metric === 'prediction_drift_score' ? 'the score' : <code>{feature}</code>} is tested with <strong>{test.method}</strong>:{' '}
          {test.pValue ? `its score is a p-value, so lower means more drift (the test calls it drift below ${test.threshold ?? 0.05}).` : `its score is a distance, so higher means more drift (drift from ${test.threshold ?? 0.1}).`}
        </p>
      )}
      {warning && (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          {warning}
        </p>
      )}
      <fieldset className="space-y-1.5 text-sm text-slate-700">
        <legend className="sr-only">Retraining policy</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="retrain" checked={retrain} onChange={(e) => setRetrain(e.target.checked)} /> Start retraining when it fires (retraining policy)
        </label>
        <label className={'flex items-center gap-2 ' + (retrain ? '' : 'text-slate-400')}>
          <input type="checkbox" name="auto_promote" disabled={!retrain} /> Auto-promote the retrained challenger if it passes the promotion checks
        </label>
        <p className="text-xs text-slate-500">
          Retraining registers a challenger version trained on recent labelled data. Without auto-promote, promotion stays a human decision: a data scientist compares champion and challenger on the model page and promotes with a reason.
        </p>
      </fieldset>
      <FormError error={create.error} />
      {created && (
        <p role="status" className="text-sm text-emerald-700">
          Rule “{created}” created.
        </p>
      )}
      <button type="submit" className={primaryCls} disabled={create.isPending}>
        Create rule
      </button>
    </form>
  );
}
