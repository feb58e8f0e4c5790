import type { Metadata } from 'next';
import Link from 'next/link';
import { DecisionHistory } from '@/components/fairness/decision-history';
import { DecisionPanel } from '@/components/fairness/decision-panel';
import { DisparityChart } from '@/components/fairness/disparity-chart';
import { DisparityTable } from '@/components/fairness/disparity-table';
import { GateBadge } from '@/components/fairness/gate-badge';
import { GroupTable } from '@/components/fairness/group-table';
import { ImpossibilityPanel } from '@/components/fairness/impossibility-panel';
import { IntersectionGrid } from '@/components/fairness/intersection-grid';
import { LinkSwitch } from '@/components/fairness/link-switch';
import { MitigationPanel } from '@/components/fairness/mitigation-panel';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Stat } from '@/components/ui/stat';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { CRITERION_INFO } from '@/lib/fairness/criteria';
import { loadFairnessPage } from '@/lib/fairness/page-data';
import { CRITERION_METRICS, type Criterion, type GroupMetric, type Tolerance } from '@/lib/fairness/types';
import { ATTRIBUTE_LABELS, disparityBars, groupRows, intersectionGrid, METRIC_LABELS, referenceGroup } from '@/lib/fairness/views';
import { formatInt } from '@/lib/ui/format';

export const metadata: Metadata = { title: 'Fairness' };
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const TABLE_METRICS = ['base_rate', 'selection_rate', 'tpr', 'fpr', 'fnr', 'precision', 'for', 'accuracy', 'auc', 'mean_score'] as const;
const CHART_METRICS: GroupMetric[] = ['tpr', 'fpr', 'selection_rate', 'precision', 'fnr', 'calibration_ratio'];
const PAIRS = ['age_band&region', 'age_band&gender', 'gender&region'];
const GRID_METRICS = ['fpr', 'tpr', 'selection_rate', 'base_rate'];

export default async function FairnessPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePage('/fairness');
  const sp = await searchParams;
  const db = await getDb();
  const version = Number(one(sp.version)) || undefined;
  const month = one(sp.month);
  const page = await loadFairnessPage(db, { version, attr: one(sp.attr), month: month && /^\d{4}-\d{2}$/.test(month) ? month : undefined });
  const description = 'Per-group error rates by age band, gender and region with bootstrap intervals, the chosen fairness criterion, the promotion gate and mitigation.';

  if (page.state === 'no_model') {
    return (
      <>
        <PageHeader title="Fairness" description={description} />
        <EmptyState title="No model to audit yet">When a model version exists, its per-group metrics appear here.</EmptyState>
      </>
    );
  }
  const link = (patch: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    const base: Record<string, string | number | undefined> = { version: page.version, attr: one(sp.attr), metric: one(sp.metric), grid: one(sp.grid), gmetric: one(sp.gmetric), month };
    for (const [k, v] of Object.entries({ ...base, ...patch })) if (v !== undefined && v !== '') q.set(k, String(v));
    return `/fairness?${q}`;
  };
  const versionSwitch = (
    <LinkSwitch label="Model version" current={String(page.version)} href={(v) => link({ version: v })} options={page.versions.map((v) => ({ value: String(v.version), label: `v${v.version}${v.aliases.length ? ` @${v.aliases.join(' @')}` : ''}` }))} />
  );
  const dataSwitch = (
    <LinkSwitch
      label="Audit data"
      current={month ?? 'test'}
      href={(m) => link({ month: m === 'test' ? '' : m })}
      options={[{ value: 'test', label: 'Test split' }, ...page.months.map((m) => ({ value: m, label: m }))]}
    />
  );
  if (page.state === 'no_data') {
    return (
      <>
        <PageHeader title="Fairness" description={description}>
          <div className="flex flex-wrap items-center gap-2">
            {versionSwitch}
            {dataSwitch}
          </div>
        </PageHeader>
        <EmptyState title={`No labelled data to audit v${page.version}`}>{page.message}</EmptyState>
      </>
    );
  }

  const { audit, attr } = page;
  const current = page.decisions[0] ?? null;
  const criterion = (current?.criterion as Criterion | undefined) ?? page.suggestion.criterion;
  const tolerance = (current?.tolerance as unknown as Tolerance | undefined) ?? { kind: 'ratio', lower: 0.8, upper: 1.25 };
  const metricParam = one(sp.metric) as GroupMetric | undefined;
  const metric: GroupMetric = metricParam && CHART_METRICS.includes(metricParam) ? metricParam : CRITERION_METRICS[criterion][0]!;
  const ref = referenceGroup(audit, attr, current?.reference && (current.reference as { kind?: string; group?: string }).kind === 'group' ? (current.reference as { group: string }).group : null);
  const chart = disparityBars(audit, attr, metric, tolerance, ref);
  const pair = PAIRS.includes(one(sp.grid) ?? '') ? one(sp.grid)! : PAIRS[0]!;
  const gmetric = GRID_METRICS.includes(one(sp.gmetric) ?? '') ? one(sp.gmetric)! : 'fpr';
  const grid = intersectionGrid(audit, pair, gmetric);
  const canDecide = hasRole(user.role, 'data_scientist');
  const attrOptions = Object.keys(ATTRIBUTE_LABELS).map((a) => ({ value: a, label: ATTRIBUTE_LABELS[a]! }));
  const policyNote = audit.policy ? ` Decisions at fairness policy #${audit.policy.id} (per-${audit.policy.attribute} thresholds).` : ` Decisions at the version's threshold ${audit.data.threshold}.`;

  return (
    <>
      <PageHeader title="Fairness" description={description}>
        <div className="flex flex-wrap items-center gap-2">
          {versionSwitch}
          {page.months.length > 0 && dataSwitch}
          <Link href={`/fairness/model-card?version=${page.version}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50">
            Model card
          </Link>
        </div>
      </PageHeader>

      <p className="-mt-3 mb-4 text-xs text-slate-500" data-testid="audit-source">
        Audited on the {audit.data.source.label}.{policyNote} Intervals: {audit.ci ? `${Math.round(audit.ci.level * 100)}% percentile bootstrap, ${audit.ci.n} resamples within every age × gender × region cell` : 'none'}.
      </p>

      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Customers audited" value={formatInt(audit.data.rows)} hint={`minimum group size ${audit.min_group_size}`} />
        <Stat label="Criterion" value={current ? CRITERION_INFO[criterion].label : 'Not chosen'} hint={current ? `record #${current.revision} · ${current.created_by}` : `suggested: ${CRITERION_INFO[page.suggestion.criterion].label}`} />
        <GateBadge gate={page.gate} />
        <Stat label="Threshold policy" value={page.policy ? `Per ${page.policy.attribute.replaceAll('&', ' × ')}` : 'Global'} hint={page.policy ? `policy #${page.policy.id}, ${page.policy.objective}` : `threshold ${audit.data.threshold}`} />
      </div>

      <div className="space-y-6">
        <Card title={`${METRIC_LABELS[metric]} by ${ATTRIBUTE_LABELS[attr]}`} subtitle={`The criterion's metric per group; the band is the tolerance (${tolerance.kind === 'ratio' ? `${tolerance.lower}–${tolerance.upper} × the reference group` : `± ${tolerance.max}`}).`}>
          <div className="mb-3 flex flex-wrap gap-2">
            <LinkSwitch label="Attribute" current={attr} href={(a) => link({ attr: a })} options={attrOptions} />
            <LinkSwitch label="Metric" current={metric} href={(m) => link({ metric: m })} options={CHART_METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m]! }))} />
          </div>
          <DisparityChart testId="disparity-chart" bars={chart.bars} band={chart.band} refValue={chart.refValue} reference={chart.reference} metricLabel={METRIC_LABELS[metric]!} />
          {chart.missing.length > 0 && <p className="mt-2 text-xs text-slate-500">No value (denominator 0) for: {chart.missing.join(', ')}.</p>}
          <DisparityTable disparities={audit.disparities[attr]} ci={audit.ci?.disparities[attr] ?? null} />
        </Card>

        <Card title={`Group metrics by ${ATTRIBUTE_LABELS[attr]}`} subtitle="Every rate from the group's confusion matrix at the decision threshold; intervals underneath. Overlapping intervals do not show that groups are equal.">
          <GroupTable caption={`Group metrics by ${ATTRIBUTE_LABELS[attr]}`} rows={groupRows(audit, attr, TABLE_METRICS)} metrics={TABLE_METRICS} overall={{ ...(audit.overall as unknown as Record<string, unknown>), count: audit.overall.count }} />
        </Card>

        <Card title="Intersections" subtitle="Two attributes at once: a gap can hide inside groups that look fine one attribute at a time. Dashed cells are below the minimum group size.">
          <div className="mb-3 flex flex-wrap gap-2">
            <LinkSwitch label="Intersection" current={pair} href={(g) => link({ grid: g })} options={PAIRS.map((g) => ({ value: g, label: ATTRIBUTE_LABELS[g]! }))} />
            <LinkSwitch label="Intersection metric" current={gmetric} href={(m) => link({ gmetric: m })} options={GRID_METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m]! }))} />
          </div>
          <IntersectionGrid {...grid} metric={gmetric} />
        </Card>

        <Card title="Fairness criterion" subtitle="Choose what must be equal across groups, and record why. The newest record is what the promotion gate enforces.">
          <DecisionPanel
            name={page.name}
            version={page.version}
            canDecide={canDecide}
            suggestion={page.suggestion}
            attributes={['age_band', 'gender', 'region', 'age_band&gender', 'age_band&region', 'gender&region']}
            groups={page.groups}
            overall={page.overall}
            current={current ? { criterion: current.criterion, convention: current.convention, tolerance: current.tolerance as never, attributes: current.attributes, min_group_size: current.min_group_size } : null}
          />
        </Card>

        <Card title="Why not every criterion can hold" subtitle={`On this version's numbers, by ${ATTRIBUTE_LABELS[page.impossibilityAttr]}.`}>
          <ImpossibilityPanel result={page.chouldechova} kleinberg={page.kleinberg} attributeLabel={ATTRIBUTE_LABELS[page.impossibilityAttr]!} />
        </Card>

        <Card title="Mitigation: per-group thresholds" subtitle="Post-processing: one decision threshold per group, chosen to meet the criterion within the tolerance at the best expected profit (or accuracy).">
          <MitigationPanel
            name={page.name}
            version={page.version}
            canApply={canDecide}
            criterion={criterion}
            tolerance={tolerance.kind === 'ratio' ? { lower: tolerance.lower, upper: tolerance.upper } : { lower: 0.8, upper: 1.25 }}
            active={page.policy ? { id: page.policy.id, attribute: page.policy.attribute, thresholds: page.policy.thresholds, objective: page.policy.objective, createdBy: page.policy.createdBy } : null}
          />
        </Card>

        <Card title="Decision records" subtitle="Every revision, kept: who chose which criterion, when, on what evidence.">
          <DecisionHistory entries={page.decisions} name={page.name} />
        </Card>
      </div>
    </>
  );
}
