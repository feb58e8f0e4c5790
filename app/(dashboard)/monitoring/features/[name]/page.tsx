import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DistributionPanel } from '@/components/monitoring/distribution-panel';
import { FeatureDriftChart, NullShareChart } from '@/components/monitoring/feature-charts';
import { KindSwitch, KIND_LABELS, parseKind } from '@/components/monitoring/kind-switch';
import { MonitoringEmpty } from '@/components/monitoring/monitoring-empty';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Stat } from '@/components/ui/stat';
import { getDb } from '@/db/client';
import { worldEvents } from '@/db/queries/monitoring-pages';
import { requirePage } from '@/lib/auth/guard';
import { FEATURES } from '@/lib/data/features';
import { loadFeatureHistograms, loadMonitoring, referenceFeatures } from '@/lib/monitoring/page-data';
import { describeTest, eventMarkers, featureSeries, fmtShare, METHOD_NAMES, windowKey } from '@/lib/monitoring/views';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ name: string }>; searchParams: Promise<{ kind?: string | string[]; window?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).name)} · Monitoring` };
}

export default async function FeaturePage({ params, searchParams }: Params) {
  const name = decodeURIComponent((await params).name);
  await requirePage(`/monitoring/features/${encodeURIComponent(name)}`);
  const sp = await searchParams;
  const kind = parseKind(sp.kind);
  const db = await getDb();
  const known = (await referenceFeatures(db)) ?? FEATURES.map((f) => f.name);
  if (!known.includes(name)) notFound();
  const spec = FEATURES.find((f) => f.name === name);
  const m = await loadMonitoring(db, kind);
  const back = (
    <Link href={kind === 'month' ? '/monitoring' : `/monitoring?kind=${kind}`} className="text-sm text-brand-700 hover:underline">
      ← Monitoring
    </Link>
  );
  const header = (
    <PageHeader title={name} description={spec ? `${spec.description}${spec.unit ? ` Unit: ${spec.unit}.` : ''}` : undefined}>
      <div className="flex flex-col items-end gap-2">
        {back}
        <KindSwitch kind={kind} basePath={`/monitoring/features/${encodeURIComponent(name)}`} />
      </div>
    </PageHeader>
  );
  if (m.state !== 'ready') {
    return (
      <>
        {header}
        <MonitoringEmpty state={m} />
      </>
    );
  }
  const [hist, events] = await Promise.all([loadFeatureHistograms(db, m.model, m.version, kind, name), worldEvents({ db })]);
  const series = featureSeries(kind, m.windows, name);
  const marks = eventMarkers(kind, m.windows, events);
  const last = series.at(-1);
  const drifted = series.filter((p) => p.drift);
  const requested = Array.isArray(sp.window) ? sp.window[0] : sp.window;
  const options = m.windows.map((w, i) => {
    const p = series.find((s) => s.key === windowKey(kind, w.start));
    return { key: windowKey(kind, w.start), title: series[i]?.title ?? w.start.slice(0, 10), summary: p ? `${p.drift ? 'Drift' : 'No drift'}: ${describeTest({ type: 'numeric', method: p.method, statistic: p.statistic, p_value: p.pValue, score: p.score, threshold: p.threshold, drift: p.drift, null_share: { reference: 0, current: 0 } })} · ${fmtShare(p.nullShare)} missing` : '' };
  });
  const initial = options.find((o) => o.key === requested)?.key ?? options.at(-1)!.key;

  return (
    <>
      {header}
      <div className="space-y-6">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <Stat label="Drift test" value={last ? METHOD_NAMES[last.method] : '—'} hint={last ? `threshold ${last.threshold}${last.pValue !== null ? ' (p-value)' : ''}` : undefined} />
          <Stat label="Newest window" value={last ? (last.drift ? 'Drift' : 'No drift') : '—'} hint={last ? `${last.title}: ${describeTest({ type: 'numeric', method: last.method, statistic: last.statistic, p_value: last.pValue, score: last.score, threshold: last.threshold, drift: last.drift, null_share: { reference: 0, current: 0 } })}` : undefined} />
          <Stat label="Windows drifted" value={`${drifted.length} of ${series.length}`} hint={drifted.length ? `first in ${drifted[0]!.title}` : KIND_LABELS[kind].toLowerCase() + ' windows'} />
          <Stat label="Missing values" value={last ? fmtShare(last.nullShare) : '—'} hint={last ? `newest window · reference ${fmtShare(last.referenceNullShare)}` : undefined} />
        </div>
        <Card title="Drift score over time" subtitle="The window against the reference, with the test's threshold. Dashed vertical lines mark StreamFlow events.">
          <FeatureDriftChart data={series} events={marks} />
        </Card>
        <Card title="Distribution: reference vs window" subtitle="Pick a window to compare with the reference (the model's training data).">
          {hist?.reference ? (
            <DistributionPanel feature={name} unit={spec?.unit} reference={hist.reference} windows={options} histograms={hist.windows} initial={initial} />
          ) : (
            <p className="text-sm text-slate-500">The reference holds no profile for this feature.</p>
          )}
        </Card>
        <Card title="Missing values over time" subtitle="Share of rows where the feature is null, against the reference's share. A jump usually means a broken data feed, not changed customers.">
          <NullShareChart data={series} events={marks} />
        </Card>
      </div>
    </>
  );
}
