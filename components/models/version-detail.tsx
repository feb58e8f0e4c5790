'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { buttonCls, Chip, ErrorNote, LoadingBlock } from '@/components/tracking/bits';
import { RunLink } from '@/components/tracking/run-name';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { formatTimestamp } from '@/lib/ui/tracking-format';
import { CalibrationChart } from './calibration-chart';
import { CurveChart } from './curve-chart';
import { DependencePanel } from './dependence-chart';
import { calibrationCaption, historyCaption, importanceCaption, liftCaption, prCaption, rocCaption, splitCharts, type Evaluation, type Manifest } from './eval-data';
import { FeaturesTable } from './features-table';
import { HistoryCharts } from './history-chart';
import { ImportanceChart } from './importance-chart';
import { LiftCharts } from './lift-chart';
import { MetricSummary } from './metric-summary';
import { aliasTone } from './model-links';
import { useVersionReport, type VersionReport } from './use-model-data';

// Test is the month the model never saw while being built, so it leads; validation is drawn dashed beside it.
const TEST = { name: 'Test', color: '#2563eb' };
const VALID = { name: 'Validation', color: '#d97706' };

function Caption({ children }: { children: React.ReactNode }) {
  return <p className="mt-3 text-sm text-slate-700">{children}</p>;
}

function VersionHeader({ r }: { r: VersionReport }) {
  const base = `/models/${encodeURIComponent(r.name)}`;
  const runId = r.run_id ?? r.manifest?.training?.run_id;
  return (
    <>
      <PageHeader title={`${r.name} v${r.version}`} description={r.description || r.manifest?.description || undefined}>
        <div className="flex items-center gap-3">
          <Link href={base} className="text-sm text-brand-700 hover:underline">
            ← {r.name}
          </Link>
          <Link href={`${base}/compare`} className={buttonCls}>
            Compare champion vs challenger
          </Link>
        </div>
      </PageHeader>
      <div className="mb-6 flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-slate-600">
        {r.aliases.length === 0 ? (
          <span className="text-xs text-slate-400">no alias</span>
        ) : (
          <ul className="flex items-center gap-1" aria-label="Aliases">
            {r.aliases.map((a) => (
              <li key={a}>
                <Chip tone={aliasTone(a)}>@{a}</Chip>
              </li>
            ))}
          </ul>
        )}
        <span>Registered {formatTimestamp(r.created_at)}</span>
        <span>
          Source run: {runId ? <RunLink runId={runId} label={`Source run of v${r.version}`} /> : <span title={r.source}>external ({r.source || 'unknown'})</span>}
        </span>
        {r.manifest && <span>Model kind: {r.manifest.kind.replace('_', ' ')}</span>}
        {r.manifest?.training && <span>Seed {r.manifest.training.seed}</span>}
      </div>
    </>
  );
}

function EvaluationSections({ e, manifest }: { e: Evaluation; manifest: Manifest | null }) {
  const test = useMemo(() => splitCharts(e.splits.test), [e]);
  const valid = useMemo(() => splitCharts(e.splits.valid), [e]);
  const kept = Number(manifest?.training?.params.trees) || undefined;
  return (
    <>
      <MetricSummary evaluation={e} test={test} />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title="ROC curve" subtitle="Share of churners caught (true positive rate) against share of stayers wrongly flagged, over every threshold.">
          <CurveChart
            testId="roc-chart"
            series={[{ ...TEST, points: test.roc }, { ...VALID, points: valid.roc, dashed: true }]}
            xLabel="False positive rate"
            yLabel="True positive rate"
            reference={{ kind: 'diagonal' }}
          />
          <Caption>{rocCaption(e.splits.test)}</Caption>
        </Card>
        <Card title="Precision and recall" subtitle="Of the customers flagged, how many churn (precision), against how many churners are flagged (recall).">
          <CurveChart
            testId="pr-chart"
            series={[{ ...TEST, points: test.pr }, { ...VALID, points: valid.pr, dashed: true }]}
            xLabel="Recall"
            yLabel="Precision"
            reference={{ kind: 'horizontal', y: test.baseRate, label: `base rate ${(test.baseRate * 100).toFixed(1)}%` }}
          />
          <Caption>{prCaption(e.splits.test, e.threshold)}</Caption>
        </Card>
      </div>
      <Card title="Calibration" subtitle="Customers grouped by predicted churn probability: the average prediction in each group against the share who actually churned.">
        <CalibrationChart series={[{ ...TEST, bins: test.calibration }, { ...VALID, bins: valid.calibration }]} />
        <Caption>{calibrationCaption(e.splits.test, e.uncalibrated.test.ece)}</Caption>
      </Card>
      <Card title="Lift and gains" subtitle="Test customers sorted by risk and cut into ten equal groups; decile 1 is the riskiest tenth.">
        <LiftCharts series={[{ ...TEST, rows: test.lift }]} />
        <Caption>{liftCaption(test)}</Caption>
      </Card>
      {e.history.length > 0 && (
        <Card title="Training history" subtitle="Scores after each boosting round on the training data and on the validation month.">
          <HistoryCharts history={e.history} kept={kept} />
          <Caption>{historyCaption(e.history)}</Caption>
        </Card>
      )}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title="Global importance" subtitle={`Mean |SHAP| over ${e.shap_rows.toLocaleString('en-US')} test customers: how far each feature moves a prediction on average.`}>
          <ImportanceChart series={[{ name: 'mean |SHAP|', color: '#2563eb', values: e.importance }]} />
          <Caption>{importanceCaption(e.importance)}</Caption>
        </Card>
        <Card title="SHAP dependence" subtitle="A feature's value against its push on each customer's predicted churn risk.">
          <DependencePanel evaluation={e} manifest={manifest} />
        </Card>
      </div>
    </>
  );
}

/** One registered version: who made it, how well it does, what drives it, and the inputs it expects. */
export function VersionDetail({ name, version }: { name: string; version: string }) {
  const q = useVersionReport(name, version);
  const rank = useMemo(() => new Map((q.data?.evaluation?.importance ?? []).map((i, k) => [i.feature, k + 1])), [q.data]);
  if (q.isPending) return <LoadingBlock label="Loading version…" height="h-96" />;
  if (q.isError)
    return (
      <>
        <PageHeader title={`${name} v${version}`} />
        <ErrorNote title="Could not load this version">{q.error.message}</ErrorNote>
      </>
    );
  const r = q.data;
  return (
    <>
      <VersionHeader r={r} />
      <div className="space-y-6">
        {r.note && (
          <EmptyState title={r.evaluation ? 'Part of this version is missing' : 'No evaluation to chart'}>
            <p>{r.note}</p>
          </EmptyState>
        )}
        {r.evaluation && <EvaluationSections e={r.evaluation} manifest={r.manifest} />}
        {r.manifest && (
          <Card title="Features" subtitle="The inputs the model expects, as its manifest declares them (categorical values outside the list are treated as unseen).">
            <FeaturesTable manifest={r.manifest} rank={rank} />
          </Card>
        )}
      </div>
    </>
  );
}
