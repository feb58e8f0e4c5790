// Block resolvers about the champion model and its decisions: the fairness audit (lib/fairness/version-audit.ts,
// without bootstrap intervals: a slide shows point estimates), the model card (lib/fairness/model-card.ts) and the
// ROI recommendation (lib/roi/live.ts). Each returns a text block saying what is missing instead of throwing.
import type { Db } from '@/db/client';
import { getAlias } from '@/db/queries/registry';
import { METRIC_LABELS } from '@/lib/fairness/criterion-info';
import { buildModelCard } from '@/lib/fairness/model-card';
import { RATE_METRICS, SCORE_METRICS, type GroupMetric } from '@/lib/fairness/types';
import { auditVersion, type VersionAudit } from '@/lib/fairness/version-audit';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { liveRoi } from '@/lib/roi/live';
import { formatValue, textBlock, thin } from './format';
import type { Block, BlockData } from './types';

const champion = (db: Db) => getAlias({ db, name: CHURN_MODEL, alias: 'champion' });
const NO_CHAMPION = `No champion model: ${CHURN_MODEL} has no @champion version yet.`;
const attrLabel = (a: string) => a.replaceAll('_', ' ').replaceAll('&', ' × ');

/** The champion's audit on its test month (no bootstrap), or a text block saying why there is none. */
async function championAudit(db: Db, title: string): Promise<{ ok: true; audit: VersionAudit } | { ok: false; block: BlockData }> {
  const version = await champion(db);
  if (version === null) return { ok: false, block: textBlock(title, NO_CHAMPION) };
  try {
    return { ok: true, audit: await auditVersion(db, CHURN_MODEL, version, { bootstrap: 0 }) };
  } catch (e) {
    return { ok: false, block: textBlock(title, `No fairness audit for v${version}: ${e instanceof Error ? e.message : String(e)}`) };
  }
}

export async function resolveFairnessTable(db: Db, attribute: string): Promise<BlockData> {
  const title = `Fairness by ${attrLabel(attribute)}`;
  const a = await championAudit(db, title);
  if (!a.ok) return a.block;
  const groups = a.audit.by_group[attribute];
  if (!groups) return textBlock(title, `The audit has no attribute '${attribute}' (it has ${Object.keys(a.audit.by_group).join(', ')}).`);
  const pct = (v: number | null | undefined) => formatValue(v ?? null, 'pct');
  const small = Object.values(groups).some((g) => g.small);
  return {
    type: 'table',
    title: `${title} — champion v${a.audit.model.version}`,
    columns: ['Group', 'Count', 'Base rate', 'TPR', 'FPR', 'Precision'],
    rows: Object.entries(groups).map(([g, m]) => [`${g}${m.small ? ' (small)' : ''}`, m.count.toLocaleString('en-US'), pct(m.base_rate), pct(m.tpr), pct(m.fpr), pct(m.precision)]),
    note: `${a.audit.data.source.label}; decided at threshold ${a.audit.data.threshold}.${small ? ` Groups under ${a.audit.min_group_size} customers are marked small.` : ''}`,
  };
}

const METRICS = new Set<string>([...RATE_METRICS, ...SCORE_METRICS]);

export async function resolveDisparity(db: Db, attribute: string, metricParam: string): Promise<BlockData> {
  const metric = (METRICS.has(metricParam) ? metricParam : 'fpr') as GroupMetric;
  const label = METRIC_LABELS[metric];
  const title = `${label} by ${attrLabel(attribute)}`;
  const a = await championAudit(db, title);
  if (!a.ok) return a.block;
  const groups = a.audit.by_group[attribute];
  if (!groups) return textBlock(title, `The audit has no attribute '${attribute}'.`);
  const between = a.audit.disparities[attribute]?.between_groups[metric];
  const isRate = (RATE_METRICS as readonly string[]).includes(metric) || metric === 'mean_score';
  const overall = a.audit.overall[metric] ?? null;
  return {
    type: 'chart',
    chart: 'hbar',
    title: `${title} — champion v${a.audit.model.version}`,
    xLabel: label,
    format: isRate ? 'pct' : 'num',
    labels: Object.keys(groups),
    series: [{ name: label, values: Object.values(groups).map((g) => g[metric] ?? null) }],
    note: [
      `Overall ${label}: ${formatValue(overall, isRate ? 'pct' : 'num')}.`,
      between?.ratio !== null && between?.ratio !== undefined ? `Lowest ÷ highest group: ${between.ratio.toFixed(2)} (${between.min_group} vs ${between.max_group}).` : '',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

/** The first sentence of a card paragraph (the card's sentences run long for a slide). */
const firstSentence = (s: string) => (s.match(/^.*?[.!?](\s|$)/)?.[0] ?? s).trim();

export async function resolveModelCard(db: Db): Promise<BlockData> {
  const version = await champion(db);
  if (version === null) return textBlock('Model card', NO_CHAMPION);
  const card = await buildModelCard(db, CHURN_MODEL, version);
  const section = (id: string) => card.sections.find((s) => s.id === id);
  const details = section('details');
  const metrics = section('metrics')?.paragraphs ?? [];
  const gate = section('ethics')?.paragraphs.find((p) => p.startsWith('Promotion gate:'));
  const bullets = [
    `Version: ${CHURN_MODEL} v${version} (@champion)`,
    ...(details?.bullets?.filter((b) => b.startsWith('Decision threshold:')) ?? []),
    ...(metrics[0] ? [metrics[0]] : []),
    ...(metrics[1] ? [firstSentence(metrics[1])] : []),
    ...(metrics[2] && metrics[2].startsWith('Decision thresholds: per') ? [firstSentence(metrics[2])] : []),
    ...(gate ? [gate] : []),
  ];
  return { type: 'text', title: card.title, paragraphs: [], bullets };
}

type Roi = NonNullable<Awaited<ReturnType<typeof liveRoi>>>;
type RoiOverrides = Parameters<typeof liveRoi>[1];

async function roi(db: Db, params: Block['params']): Promise<{ ok: true; r: Roi } | { ok: false; block: BlockData }> {
  // A block's numeric parameters override the saved ROI inputs (e.g. {offer_cost: 15}); none: the saved inputs.
  const overrides = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
  try {
    const r = await liveRoi(db, (Object.keys(overrides).length ? overrides : undefined) as RoiOverrides);
    if (!r) return { ok: false, block: textBlock('ROI', 'No live scores yet: the ROI is computed on the champion’s scores of the current customers.') };
    return { ok: true, r };
  } catch (e) {
    return { ok: false, block: textBlock('ROI', `No ROI evaluation available: ${e instanceof Error ? e.message : String(e)}`) };
  }
}

const cents = (v: number) => Math.round(v * 100) / 100;

export async function resolveRoiCurve(db: Db, params: Block['params']): Promise<BlockData> {
  const x = await roi(db, params);
  if (!x.ok) return x.block;
  const points = thin([...x.r.curve].sort((a, b) => a.contacted - b.contacted), 60);
  if (!points.length) return textBlock('ROI: profit curve', 'The ROI evaluation has no curve (no scored customers).');
  return {
    type: 'chart',
    chart: 'line',
    title: 'Expected profit by customers contacted',
    xLabel: 'Customers contacted (highest churn risk first)',
    yLabel: 'Expected profit',
    format: 'usd',
    labels: points.map((p) => p.contacted.toLocaleString('en-US')),
    series: [
      { name: 'Expected profit', values: points.map((p) => cents(p.expected_profit)) },
      { name: '5th percentile', values: points.map((p) => cents(p.p05)) },
      { name: '95th percentile', values: points.map((p) => cents(p.p95)) },
    ],
    note: `Optimum: contact ${x.r.optimum.contacted.toLocaleString('en-US')} of ${x.r.customers.toLocaleString('en-US')} customers (threshold ${x.r.optimum.threshold.toFixed(3)}). As of ${x.r.asOf.slice(0, 10)}.`,
  };
}

export async function resolveRoiSummary(db: Db, params: Block['params']): Promise<BlockData> {
  const x = await roi(db, params);
  if (!x.ok) return x.block;
  const { optimum: o, baselines: b } = x.r;
  return {
    type: 'kpis',
    title: 'ROI recommendation',
    items: [
      { label: 'Customers to contact', value: formatValue(o.contacted, 'num'), hint: `score ≥ ${o.threshold.toFixed(3)}, of ${x.r.customers.toLocaleString('en-US')}` },
      { label: 'Expected profit', value: formatValue(o.expected_profit, 'usd'), hint: `90% interval ${formatValue(o.p05, 'usd')} – ${formatValue(o.p95, 'usd')}` },
      { label: 'ROI', value: formatValue(o.roi, 'pct'), hint: `contact all: ${formatValue(b.contact_all.expected_profit, 'usd')}` },
      { label: 'Break-even acceptance', value: formatValue(x.r.break_even_acceptance_rate, 'pct'), hint: 'offer acceptance rate at which profit is zero' },
    ],
    note: x.r.summary,
  };
}
