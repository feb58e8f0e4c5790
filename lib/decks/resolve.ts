// Block resolution: a block becomes renderer-neutral BlockData. Frozen blocks return their snapshot; live blocks are
// read now through the product's own loaders (overview, monitoring windows and heatmap, tracking runs here; fairness,
// model card and ROI in resolve-model.ts), never a re-implementation. A resolver never throws: no data, a missing
// model or a failing loader becomes a text block that says so, so a deck always renders.
import type { Db } from '@/db/client';
import { findExperimentByName } from '@/db/queries/tracking-experiments';
import { getRuns } from '@/db/queries/tracking-runs';
import { searchExperimentIds, searchRunIds } from '@/db/queries/tracking-search';
import { loadMonitoring } from '@/lib/monitoring/page-data';
import { driftStrength, featureSeries, heatmap, isPValueMethod, METHOD_NAMES, scoreAxisTitle } from '@/lib/monitoring/views';
import { loadOverview } from '@/lib/overview/load';
import { SWEEP_EXPERIMENT } from '@/lib/tracking/demo-sweep';
import { formatValue, parseText, textBlock } from './format';
import { resolveDisparity, resolveFairnessTable, resolveModelCard, resolveRoiCurve, resolveRoiSummary } from './resolve-model';
import { BLOCK_LABELS, type Block, type BlockData, type Slide } from './types';

type Params = Block['params'];
export const str = (p: Params, key: string, fallback: string): string => (typeof p[key] === 'string' && (p[key] as string).trim() ? (p[key] as string).trim() : fallback);

/** The monitoring heatmap shows at most this many of the newest monthly windows (a slide holds a year). */
const MAX_WINDOWS = 12;

async function overviewKpis(db: Db): Promise<BlockData> {
  const o = await loadOverview(db);
  if (!o.latestMonth) return textBlock('Overview', 'No customer data yet: the overview fills in once customer snapshots are loaded.');
  const month = (m: string | null) => (m ? new Date(`${m.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }) : 'n/a');
  const pp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pts`;
  return {
    type: 'kpis',
    title: `Overview — ${month(o.latestMonth)}`,
    items: [
      { label: 'Active customers', value: formatValue(o.activeCustomers, 'num'), hint: o.activeChange !== null ? `${o.activeChange >= 0 ? '+' : '−'}${Math.abs(o.activeChange * 100).toFixed(1)}% vs previous month` : undefined },
      { label: 'Churn rate', value: formatValue(o.churnRate, 'pct'), hint: o.churnRate !== null ? `${month(o.latestLabeledMonth)}${o.churnRateChange !== null ? `, ${pp(o.churnRateChange)}` : ''}` : 'labels pending' },
      { label: 'Revenue lost', value: o.revenueLost !== null ? `${formatValue(o.revenueLost, 'usd')}/mo` : 'n/a', hint: `MRR of churned customers, ${month(o.latestLabeledMonth)}` },
      { label: 'Revenue lost, 12 months', value: formatValue(o.revenueLost12m, 'usd'), hint: 'last 12 labelled months' },
      { label: 'MRR', value: formatValue(o.mrr, 'usd'), hint: month(o.latestMonth) },
    ],
  };
}

/** The champion's monthly windows, or a text block saying why there are none. */
async function monthlyWindows(db: Db) {
  const m = await loadMonitoring(db, 'month');
  if (m.state === 'ready') return { ok: true as const, windows: m.windows.slice(-MAX_WINDOWS), features: m.features, version: m.version };
  const why =
    m.state === 'no_champion'
      ? 'No champion model: drift is monitored for the model with the @champion alias.'
      : m.state === 'no_predictions'
        ? `No predictions logged yet for v${m.version}: drift is measured on what the model scores.`
        : 'No monitoring windows yet: monthly drift windows appear after the first monitoring run.';
  return { ok: false as const, block: textBlock('Data drift', why) };
}

async function driftHeatmap(db: Db): Promise<BlockData> {
  const w = await monthlyWindows(db);
  if (!w.ok) return w.block;
  const h = heatmap('month', w.windows, w.features);
  return {
    type: 'heatmap',
    title: `Feature drift by month (champion v${w.version})`,
    rows: h.rows.map((r) => r.feature),
    cols: h.columns.map((c) => c.label),
    values: h.rows.map((r) => r.cells.map((c) => (c ? Number(c.strength.toFixed(2)) : null))),
    flagged: h.rows.map((r) => r.cells.map((c) => c?.drift ?? false)),
    format: 'num',
    note: 'Drift strength: the test score relative to its threshold (1 = at the threshold, capped at 10). Red: drift flagged.',
  };
}

/** The feature with the most flagged monthly windows (ties: the strongest in the newest window), for the executive summary. */
export async function mostDriftedFeature(db: Db): Promise<string | null> {
  const w = await monthlyWindows(db).catch(() => null);
  if (!w?.ok) return null;
  const rows = heatmap('month', w.windows, w.features).rows;
  const last = (r: (typeof rows)[number]) => r.cells.at(-1)?.strength ?? 0;
  const best = [...rows].sort((a, b) => b.drifted - a.drifted || last(b) - last(a))[0];
  return best && best.drifted > 0 ? best.feature : null;
}

async function featureDrift(db: Db, params: Params): Promise<BlockData> {
  const feature = str(params, 'feature', 'monthly_charge');
  const w = await monthlyWindows(db);
  if (!w.ok) return w.block;
  const points = featureSeries('month', w.windows, feature);
  if (!points.length) return textBlock(`Drift of ${feature}`, `The monitoring windows hold no drift test for '${feature}'.`);
  const method = points.at(-1)!.method;
  const pValue = isPValueMethod(method);
  // p-values shrink as drift grows and cannot share a linear axis with a threshold of 0.05: those are drawn as the
  // drift strength (threshold ÷ p, 1 = at the threshold), the same scale the heatmap uses.
  return {
    type: 'chart',
    chart: 'line',
    title: `Drift of ${feature} by month`,
    xLabel: 'Month',
    yLabel: pValue ? 'Drift strength (× threshold)' : scoreAxisTitle(method),
    format: 'num',
    labels: points.map((p) => p.label),
    series: [
      { name: pValue ? 'Drift strength' : `${METHOD_NAMES[method]} score`, values: points.map((p) => Number((pValue ? driftStrength(p) : p.score).toFixed(4))) },
      { name: 'Threshold', values: points.map((p) => (pValue ? 1 : p.threshold)) },
    ],
    note: `${METHOD_NAMES[method]} test against the training reference; drift flagged in ${points.filter((p) => p.drift).length} of ${points.length} months.`,
  };
}

async function runComparison(db: Db, params: Params): Promise<BlockData> {
  const metric = str(params, 'metric', 'val_auc');
  const asked = Array.isArray(params.runs) ? params.runs.filter((r) => typeof r === 'string' && r) : [];
  let ids = asked;
  if (!ids.length) {
    // The best few runs of the demo sweep; without it, the best runs of any active experiment.
    const sweep = await findExperimentByName({ db, name: SWEEP_EXPERIMENT });
    const experimentIds = sweep ? [sweep.experimentId] : (await searchExperimentIds({ db, filter: [], orderBy: [], viewType: 'ACTIVE_ONLY', maxResults: 100, offset: 0 })).experimentIds;
    const found = await searchRunIds({ db, search: { experimentIds, filter: [], orderBy: [{ entity: 'metric', key: metric, ascending: false }], runViewType: 'ACTIVE_ONLY', maxResults: 6, offset: 0 } });
    ids = found.runIds;
  }
  const runs = (await getRuns({ db, ids })).map((r) => ({ name: r.info.runName || r.info.runId.slice(0, 8), value: r.metrics.find((m) => m.key === metric)?.value ?? null }));
  const withValue = (asked.length ? runs : runs.filter((r) => r.value !== null && Number.isFinite(r.value)).slice(0, 5)) as { name: string; value: number | null }[];
  if (!withValue.length) return textBlock('Run comparison', asked.length ? `None of the chosen runs has the metric '${metric}'.` : `No tracked runs with the metric '${metric}' yet.`);
  return {
    type: 'chart',
    chart: 'bar',
    title: `${metric} by run`,
    xLabel: 'Run',
    yLabel: metric,
    format: 'num',
    labels: withValue.map((r) => r.name),
    series: [{ name: metric, values: withValue.map((r) => (r.value !== null && Number.isFinite(r.value) ? Number(r.value.toFixed(4)) : null)) }],
    note: asked.length ? undefined : `The best ${withValue.length} runs by ${metric}${metric === 'val_auc' ? ' (validation ROC AUC)' : ''}.`,
  };
}

async function resolveLive(db: Db, block: Block): Promise<BlockData> {
  switch (block.kind) {
    case 'text':
      return parseText(typeof block.params.text === 'string' ? block.params.text : '', typeof block.params.title === 'string' ? block.params.title : undefined);
    case 'overview_kpis':
      return overviewKpis(db);
    case 'drift_heatmap':
      return driftHeatmap(db);
    case 'feature_drift':
      return featureDrift(db, block.params);
    case 'run_comparison':
      return runComparison(db, block.params);
    case 'fairness_table':
      return resolveFairnessTable(db, str(block.params, 'attribute', 'age_band'));
    case 'fairness_disparity':
      return resolveDisparity(db, str(block.params, 'attribute', 'age_band'), str(block.params, 'metric', 'fpr'));
    case 'model_card_summary':
      return resolveModelCard(db);
    case 'roi_curve':
      return resolveRoiCurve(db, block.params);
    case 'roi_summary':
      return resolveRoiSummary(db, block.params);
  }
}

/** A block's data: the snapshot when frozen, else resolved now; a failure becomes a text block naming the problem. */
export async function resolveBlock(db: Db, block: Block): Promise<BlockData> {
  if (block.mode === 'frozen' && block.snapshot) return block.snapshot.data;
  try {
    return await resolveLive(db, block);
  } catch (e) {
    console.error(`[decks] resolving a ${block.kind} block failed`, e);
    return textBlock(BLOCK_LABELS[block.kind], `Not available right now: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
  }
}

/** Every block of every slide, by block id (blocks resolve in parallel; the loaders cache what they share). */
export async function resolveDeck(db: Db, slides: readonly Slide[]): Promise<Record<string, BlockData>> {
  const blocks = slides.flatMap((s) => s.blocks);
  const data = await Promise.all(blocks.map((b) => resolveBlock(db, b)));
  return Object.fromEntries(blocks.map((b, i) => [b.id, data[i]!]));
}
