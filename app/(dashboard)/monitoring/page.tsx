import type { Metadata } from 'next';
import { AlertsSummary } from '@/components/monitoring/alerts-summary';
import { DataQualityList } from '@/components/monitoring/data-quality-card';
import { DriftHeatmap } from '@/components/monitoring/drift-heatmap';
import { DriftShareChart } from '@/components/monitoring/drift-share-chart';
import { FindingsList } from '@/components/monitoring/findings-list';
import { KindSwitch, KIND_LABELS, parseKind } from '@/components/monitoring/kind-switch';
import { LabelsUpload } from '@/components/monitoring/labels-upload';
import { MonitoringEmpty } from '@/components/monitoring/monitoring-empty';
import { PerformanceChart } from '@/components/monitoring/performance-chart';
import { PerformanceTable } from '@/components/monitoring/performance-table';
import { RetrainingPanel } from '@/components/monitoring/RetrainingPanel';
import { ScoreDriftCharts } from '@/components/monitoring/score-drift-charts';
import { VolumeChart } from '@/components/monitoring/volume-chart';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Stat } from '@/components/ui/stat';
import { getDb } from '@/db/client';
import { sampleLoggedCustomer } from '@/db/queries/monitoring-pages';
import { requirePage } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { loadMonitoring, loadMonitoringExtras } from '@/lib/monitoring/page-data';
import { findings } from '@/lib/monitoring/findings';
import { eventMarkers, fmtMetric, fmtShare, heatmap, labelsCoverage, nullShareChanges, overviewSeries } from '@/lib/monitoring/views';
import { formatInt } from '@/lib/ui/format';

export const metadata: Metadata = { title: 'Monitoring' };
export const dynamic = 'force-dynamic';

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const clockFmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<{ kind?: string | string[] }> }) {
  const user = await requirePage('/monitoring');
  const kind = parseKind((await searchParams).kind);
  const db = await getDb();
  const m = await loadMonitoring(db, kind);
  const canLabel = hasRole(user.role, 'data_scientist');

  if (m.state !== 'ready') {
    return (
      <>
        <PageHeader title="Monitoring" description="Data and prediction drift over time, realized and estimated performance, and alerts for the production churn model.">
          {m.state === 'no_windows' && <KindSwitch kind={kind} basePath="/monitoring" />}
        </PageHeader>
        <MonitoringEmpty state={m} />
      </>
    );
  }

  const [extras, example] = await Promise.all([loadMonitoringExtras(db, m.model), canLabel ? sampleLoggedCustomer({ db, modelName: m.model, modelVersion: m.version }) : null]);
  const { windows, reference } = m;
  const series = overviewSeries(kind, windows);
  const events = eventMarkers(kind, windows, extras.events);
  const heat = heatmap(kind, windows, m.features);
  const nulls = nullShareChanges(kind, windows);
  const found = findings(kind, windows, { reference: reference?.performance ?? null, features: m.features });
  const coverage = labelsCoverage(windows);
  const lastComputed = windows.reduce((a, w) => (w.computedAt > a ? w.computedAt : a), windows[0]!.computedAt);
  const driftShareThreshold = windows[0]!.drift.drift_share;
  const latest = windows.at(-1)!;
  const unlabelled = series.filter((p) => p.realizedAuc === null);

  return (
    <>
      <PageHeader
        title="Monitoring"
        description={`${m.model} v${m.version} (champion) · ${KIND_LABELS[kind].toLowerCase()} windows over ${formatInt(m.predictions)} logged predictions, compared with the ${reference ? `reference (${reference.source}, ${formatInt(reference.rows)} rows)` : 'reference'}.`}
      >
        <KindSwitch kind={kind} basePath="/monitoring" />
      </PageHeader>

      <div className="space-y-6">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <Stat label="Model in production" value={`v${m.version}`} hint={`${m.model} · @champion`} />
          <Stat
            label="Features drifted"
            value={`${latest.drift.drifted_columns} of ${Object.keys(latest.drift.columns).length}`}
            hint={`in the newest window${latest.datasetDrift ? ' · dataset drift' : ''}`}
          />
          <Stat label="Labels coverage" value={fmtShare(coverage.share, 0)} hint={`${formatInt(coverage.labeled)} of ${formatInt(coverage.predictions)} predictions · ${coverage.windowsWithLabels} of ${windows.length} windows measurable`} />
          <Stat
            label="Last computed"
            value={dayFmt.format(new Date(lastComputed))}
            hint={`at ${clockFmt.format(new Date(lastComputed))} UTC · ${windows.length} ${KIND_LABELS[kind].toLowerCase()} window${windows.length === 1 ? '' : 's'}`}
          />
        </div>

        <Card title="What we found" subtitle="Generated from the stored windows; each feature links to its detail page.">
          <FindingsList items={found} />
        </Card>

        <Card
          title="Feature drift by window"
          subtitle={`Each cell compares the window with the reference using the feature's test (Evidently's defaults). Colour = drift strength relative to the test's threshold; ▲ = drifted. Hover or focus a cell for the test.`}
        >
          <DriftHeatmap data={heat} />
        </Card>

        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <Card title="Dataset drift" subtitle={`Share of the ${m.features.length} features that drifted per window; at ${fmtShare(driftShareThreshold, 0)} or more the dataset counts as drifted.`}>
            <DriftShareChart data={series} events={events} driftShare={driftShareThreshold} />
          </Card>
          <Card title="Data volume and labels" subtitle="Predictions logged per window, and how many have their churn label yet (labels arrive a month later).">
            <VolumeChart data={series} />
          </Card>
        </div>

        <Card title="Prediction drift" subtitle="Has the distribution of churn scores moved away from the reference, and does the mean score still match observed churn?">
          <ScoreDriftCharts data={series} events={events} referenceMean={reference?.meanScore ?? null} />
        </Card>

        <Card
          title="Model performance: realized vs estimated"
          subtitle={`Realized AUC from the labels that have arrived; the estimate (CBPE) needs no labels and assumes the model is still calibrated.${unlabelled.length ? ` ${unlabelled.length === 1 ? unlabelled[0]!.title : `${unlabelled.length} windows`}: estimate only, labels not in yet.` : ''}`}
        >
          <PerformanceChart data={series} events={events} referenceAuc={reference?.performance.auc ?? null} referenceSplit={reference?.performance.split ?? null} />
          <h3 className="mb-2 mt-5 text-sm font-semibold text-slate-800">
            Precision and recall at the policy threshold
            {reference && <span className="ml-2 font-normal text-slate-500">(reference: precision {fmtMetric(reference.performance.precision)}, recall {fmtMetric(reference.performance.recall)})</span>}
          </h3>
          <PerformanceTable data={series} />
        </Card>

        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <Card title="Data quality" subtitle="Features whose share of missing values moved more than 5 points from the reference.">
            <DataQualityList items={nulls} />
          </Card>
          <Card title="Open alerts" subtitle="Alert rules are evaluated on every monitoring pass.">
            <AlertsSummary {...extras.alerts} />
          </Card>
        </div>

        <RetrainingPanel canRetrain={canLabel} />

        {canLabel && (
          <Card title="Upload churn labels" subtitle="Ground truth for realized performance: which scored customers churned.">
            <LabelsUpload example={example} />
          </Card>
        )}
      </div>
    </>
  );
}
