// What the monitoring pages draw, shaped from stored windows (pure: no database, no React), so every number a chart
// or a "what we found" sentence shows is unit-tested. Pages never recompute drift: they read monitoring_windows.
import type { WindowKind } from '@/db/monitoring-schema';
import { driftStrength, fmtNum, strengthLevel } from './drift-display';
import type { DisplayHistogram } from './histogram';
import type { Method } from './stats';
import type { WindowResult } from './window';
import type { RealizedPerformance } from './types';

// The drift test's names, formats, scales and strength levels live in drift-display.ts; the pages import them from here.
export * from './drift-display';

/** One stored window as the pages use it (dates as ISO strings so it crosses the server/client boundary as is). */
export type WindowView = Omit<WindowResult, 'profiles'> & { start: string; end: string; computedAt: string };

/** Below this many labelled predictions a window's realized metrics are noise (one label gives a 0% or 100% churn rate). */
export const MIN_LABELED = 100;

/** The window's realized performance when enough labels back it, else null. */
export function realizedOf(w: Pick<WindowView, 'realized'>): RealizedPerformance | null {
  return w.realized && w.realized.n >= MIN_LABELED ? w.realized : null;
}

export interface WorldEvent {
  id: string;
  /** YYYY-MM-01 */
  month: string;
  title: string;
  description?: string;
}

// ── Labels and formatting ────────────────────────────────────────────────────────────────────────────────────────

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A stable key for a window: YYYY-MM for months, YYYY-MM-DD otherwise (used in URLs and test ids). */
export function windowKey(kind: WindowKind, start: string): string {
  return kind === 'month' ? start.slice(0, 7) : start.slice(0, 10);
}

/** Short axis / column label: "Mar 26" (month), "2 Mar" (week start, day), "last 5,000" (last N). */
export function windowLabel(kind: WindowKind, w: Pick<WindowView, 'start' | 'predictions'>): string {
  const d = new Date(w.start);
  const m = MONTHS[d.getUTCMonth()]!;
  if (kind === 'month') return `${m} ${String(d.getUTCFullYear()).slice(2)}`;
  if (kind === 'last_n') return `last ${w.predictions.toLocaleString('en-US')}`;
  return `${d.getUTCDate()} ${m}`;
}

/** Long label for tooltips and sentences: "Mar 2026", "week of 2 Mar 2026", "2 Mar 2026", "last 5,000 predictions". */
export function windowTitle(kind: WindowKind, w: Pick<WindowView, 'start' | 'predictions'>): string {
  const d = new Date(w.start);
  const m = MONTHS[d.getUTCMonth()]!;
  const y = d.getUTCFullYear();
  if (kind === 'month') return `${m} ${y}`;
  if (kind === 'week') return `week of ${d.getUTCDate()} ${m} ${y}`;
  if (kind === 'day') return `${d.getUTCDate()} ${m} ${y}`;
  return `last ${w.predictions.toLocaleString('en-US')} predictions`;
}

export interface HeatCell {
  window: string;
  feature: string;
  method: Method;
  statistic: number;
  pValue: number | null;
  score: number;
  threshold: number;
  drift: boolean;
  strength: number;
  level: number;
  nullShare: { reference: number; current: number };
}

export interface Heatmap {
  columns: { key: string; label: string; title: string; driftShare: number; datasetDrift: boolean }[];
  rows: { feature: string; drifted: number; cells: (HeatCell | null)[] }[];
}

/** The features in display order: the given order first (the model's), then any others the windows hold. */
export function featureOrder(windows: readonly WindowView[], preferred: readonly string[] = []): string[] {
  const seen = new Set<string>();
  for (const w of windows) for (const f of Object.keys(w.drift.columns)) seen.add(f);
  const first = preferred.filter((f) => seen.has(f));
  return [...first, ...[...seen].filter((f) => !first.includes(f)).sort()];
}

export function heatmap(kind: WindowKind, windows: readonly WindowView[], features: readonly string[]): Heatmap {
  const columns = windows.map((w) => ({ key: windowKey(kind, w.start), label: windowLabel(kind, w), title: windowTitle(kind, w), driftShare: w.driftShare, datasetDrift: w.datasetDrift }));
  const rows = features.map((feature) => {
    const cells = windows.map((w, i): HeatCell | null => {
      const c = w.drift.columns[feature];
      if (!c) return null;
      const strength = driftStrength(c);
      return {
        window: columns[i]!.key, feature, method: c.method, statistic: c.statistic, pValue: c.p_value, score: c.score, threshold: c.threshold,
        drift: c.drift, strength, level: strengthLevel(strength, c.drift), nullShare: c.null_share,
      };
    });
    return { feature, drifted: cells.filter((c) => c?.drift).length, cells };
  });
  return { columns, rows };
}

// ── Time series for the charts ───────────────────────────────────────────────────────────────────────────────────

export interface SeriesPoint {
  key: string;
  label: string;
  title: string;
}

export interface OverviewPoint extends SeriesPoint {
  driftShare: number;
  datasetDrift: boolean;
  drifted: number;
  predictions: number;
  labeled: number;
  unlabeled: number;
  /** The score's drift: the method's score (distance or p-value) and its threshold. */
  scoreDrift: number;
  scoreThreshold: number;
  scoreMethod: Method;
  scoreDrifted: boolean;
  meanScore: number;
  observedRate: number | null;
  realizedAuc: number | null;
  estimatedAuc: number | null;
  /** [lower, upper] of the CBPE band, for a range area. */
  band: [number, number] | null;
  realizedPrecision: number | null;
  realizedRecall: number | null;
  /** Some labels, but fewer than MIN_LABELED: realized metrics are withheld. */
  fewLabels: boolean;
  estimatedPrecision: number | null;
  estimatedRecall: number | null;
  threshold: number;
}

export function overviewSeries(kind: WindowKind, windows: readonly WindowView[]): OverviewPoint[] {
  return windows.map((w) => {
    const band = w.estimated.auc_band;
    return {
      key: windowKey(kind, w.start),
      label: windowLabel(kind, w),
      title: windowTitle(kind, w),
      driftShare: w.driftShare,
      datasetDrift: w.datasetDrift,
      drifted: w.drift.drifted_columns,
      predictions: w.predictions,
      labeled: w.labeled,
      unlabeled: Math.max(0, w.predictions - w.labeled),
      scoreDrift: w.predictionDrift.score,
      scoreThreshold: w.predictionDrift.threshold,
      scoreMethod: w.predictionDrift.method,
      scoreDrifted: w.predictionDrift.drift,
      meanScore: w.meanScore,
      observedRate: realizedOf(w)?.base_rate ?? null,
      realizedAuc: realizedOf(w)?.auc ?? null,
      estimatedAuc: w.estimated.auc,
      band: band ? [band.lower, band.upper] : null,
      realizedPrecision: realizedOf(w)?.precision ?? null,
      realizedRecall: realizedOf(w)?.recall ?? null,
      estimatedPrecision: w.estimated.precision,
      estimatedRecall: w.estimated.recall,
      fewLabels: w.labeled > 0 && realizedOf(w) === null,
      threshold: w.realized?.threshold ?? w.estimated.threshold,
    };
  });
}

/**
 * The world's events that fall inside the windows' span, placed on the window that holds them (for vertical
 * markers on a categorical axis). Events before the first or after the last window are left out.
 */
export function eventMarkers(kind: WindowKind, windows: readonly WindowView[], events: readonly WorldEvent[]): { key: string; label: string; title: string; id: string }[] {
  if (!windows.length || kind === 'last_n') return [];
  const out: { key: string; label: string; title: string; id: string }[] = [];
  for (const e of events) {
    const t = Date.parse(`${e.month.slice(0, 7)}-01T00:00:00Z`);
    // The first window that starts in the event's month (or, for weeks, the one that holds its first day).
    const w = windows.find((x) => Date.parse(x.start) <= t && t < Date.parse(x.end)) ?? windows.find((x) => Date.parse(x.start) >= t && Date.parse(x.start) < t + 31 * 86_400_000);
    if (!w) continue;
    out.push({ key: windowKey(kind, w.start), label: windowLabel(kind, w), title: e.title, id: e.id });
  }
  return out;
}

// ── Data quality ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface NullChange {
  window: string;
  windowTitle: string;
  feature: string;
  reference: number;
  current: number;
  /** current − reference, as a share (0.12 = 12 points). */
  change: number;
}

/** Features whose null share moved more than `minChange` (a share: 0.05 = 5 points) from the reference, biggest first. */
export function nullShareChanges(kind: WindowKind, windows: readonly WindowView[], minChange = 0.05): NullChange[] {
  const out: NullChange[] = [];
  for (const w of windows) {
    for (const [feature, c] of Object.entries(w.drift.columns)) {
      const change = c.null_share.current - c.null_share.reference;
      if (Math.abs(change) > minChange) out.push({ window: windowKey(kind, w.start), windowTitle: windowTitle(kind, w), feature, reference: c.null_share.reference, current: c.null_share.current, change });
    }
  }
  return out.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
}

// ── Feature page ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface FeaturePoint extends SeriesPoint {
  method: Method;
  score: number;
  statistic: number;
  pValue: number | null;
  threshold: number;
  drift: boolean;
  nullShare: number;
  referenceNullShare: number;
}

export function featureSeries(kind: WindowKind, windows: readonly WindowView[], feature: string): FeaturePoint[] {
  const out: FeaturePoint[] = [];
  for (const w of windows) {
    const c = w.drift.columns[feature];
    if (!c) continue;
    out.push({
      key: windowKey(kind, w.start), label: windowLabel(kind, w), title: windowTitle(kind, w),
      method: c.method, score: c.score, statistic: c.statistic, pValue: c.p_value, threshold: c.threshold, drift: c.drift,
      nullShare: c.null_share.current, referenceNullShare: c.null_share.reference,
    });
  }
  return out;
}

export interface DistributionBar {
  label: string;
  /** Shares of all rows (missing values included), so the bars of each side add up to 1. */
  reference: number;
  current: number;
  special?: 'below' | 'above' | 'missing';
}

function binLabel(lo: number, hi: number): string {
  const span = Math.abs(hi - lo);
  const digits = span >= 10 ? 0 : span >= 1 ? 1 : span >= 0.1 ? 2 : 3;
  return `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
}

/**
 * Reference and window side by side on the reference's bins. Both histograms must come from the same reference
 * (displayHistogram(ref, ref) and displayHistogram(ref, window)); categories only one side has are kept.
 */
export function distributionBars(ref: DisplayHistogram, cur: DisplayHistogram): DistributionBar[] {
  const share = (c: number, n: number) => (n > 0 ? c / n : 0);
  const bars: DistributionBar[] = [];
  if (ref.kind === 'bins' && cur.kind === 'bins' && ref.edges) {
    const e = ref.edges;
    if (ref.below || cur.below) bars.push({ label: `< ${fmtNum(e[0]!)}`, reference: share(ref.below, ref.n), current: share(cur.below, cur.n), special: 'below' });
    ref.counts.forEach((c, i) => bars.push({ label: binLabel(e[i]!, e[i + 1]!), reference: share(c, ref.n), current: share(cur.counts[i] ?? 0, cur.n) }));
    if (ref.above || cur.above) bars.push({ label: `> ${fmtNum(e.at(-1)!)}`, reference: share(ref.above, ref.n), current: share(cur.above, cur.n), special: 'above' });
  } else {
    const labels = [...(ref.labels ?? [])];
    for (const l of cur.labels ?? []) if (!labels.includes(l)) labels.push(l);
    // Numeric values shown one by one (few distinct values): in numeric order, wherever a value came from.
    if (labels.length && labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)))) labels.sort((a, b) => Number(a) - Number(b));
    const idx = (h: DisplayHistogram, l: string) => {
      const i = (h.labels ?? []).indexOf(l);
      return i < 0 ? 0 : (h.counts[i] ?? 0);
    };
    for (const l of labels) bars.push({ label: l, reference: share(idx(ref, l), ref.n), current: share(idx(cur, l), cur.n) });
  }
  if (ref.nulls || cur.nulls) bars.push({ label: 'missing', reference: share(ref.nulls, ref.n), current: share(cur.nulls, cur.n), special: 'missing' });
  return bars;
}

/** Mean of a numeric profile (the reference's score profile): its sum over its non-null rows. */
export function profileMean(p: { type: string; n: number; nulls: number; sum?: number } | null | undefined): number | null {
  if (!p || p.type !== 'numeric' || p.sum === undefined) return null;
  const n = p.n - p.nulls;
  return n > 0 ? p.sum / n : null;
}

/** Labels coverage over the windows: labelled predictions / predictions, and how many windows have enough labels to measure. */
export function labelsCoverage(windows: readonly WindowView[]): { predictions: number; labeled: number; share: number; windowsWithLabels: number } {
  const predictions = windows.reduce((a, w) => a + w.predictions, 0);
  const labeled = windows.reduce((a, w) => a + w.labeled, 0);
  return { predictions, labeled, share: predictions ? labeled / predictions : 0, windowsWithLabels: windows.filter((w) => realizedOf(w) !== null).length };
}
