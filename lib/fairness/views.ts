// Shapes a version audit for the fairness page: the per-group rows of one attribute with their intervals, the
// disparity chart's bars and tolerance band, and the two-attribute intersection grid. Pure functions (unit-tested).
import type { GroupMetric, Tolerance } from './types';

type Interval = [number, number] | null;
export interface GroupLike {
  count: number;
  small: boolean;
  [metric: string]: unknown;
}
export interface AuditLike {
  overall: Record<string, unknown>;
  by_group: Record<string, Record<string, GroupLike>>;
  ci?: { by_group: Record<string, Record<string, Record<string, Interval | undefined>>>; level: number; n: number } | null;
}

export const METRIC_LABELS: Record<string, string> = {
  base_rate: 'Base rate',
  selection_rate: 'Selection rate',
  tpr: 'TPR (recall)',
  fpr: 'FPR',
  fnr: 'FNR',
  tnr: 'TNR',
  precision: 'Precision (PPV)',
  for: 'FOR',
  fdr: 'FDR',
  accuracy: 'Accuracy',
  auc: 'AUC',
  mean_score: 'Mean predicted',
  calibration_ratio: 'Predicted ÷ observed',
};

export const ATTRIBUTE_LABELS: Record<string, string> = {
  age_band: 'Age band',
  gender: 'Gender',
  region: 'Region',
  'age_band&gender': 'Age × gender',
  'age_band&region': 'Age × region',
  'gender&region': 'Gender × region',
  'age_band&gender&region': 'Age × gender × region',
};

const AGE_ORDER = ['18-24', '25-34', '35-49', '50-64', '65+'];
/** Age bands in age order; everything else alphabetically. */
export function groupOrder(a: string, b: string): number {
  const ia = AGE_ORDER.indexOf(a.split('&')[0]!);
  const ib = AGE_ORDER.indexOf(b.split('&')[0]!);
  if (ia !== ib && ia >= 0 && ib >= 0) return ia - ib;
  return a.localeCompare(b);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface GroupRow {
  group: string;
  count: number;
  small: boolean;
  values: Record<string, { value: number | null; ci: Interval }>;
}

export function groupRows(audit: AuditLike, attribute: string, metrics: readonly string[]): GroupRow[] {
  const groups = audit.by_group[attribute] ?? {};
  const ci = audit.ci?.by_group[attribute] ?? {};
  return Object.keys(groups)
    .sort(groupOrder)
    .map((group) => {
      const g = groups[group]!;
      return {
        group,
        count: g.count,
        small: g.small,
        values: Object.fromEntries(metrics.map((m) => [m, { value: num(g[m]), ci: ci[group]?.[m] ?? null }])),
      };
    });
}

export interface DisparityBar {
  group: string;
  value: number;
  /** [value − lo, hi − value] for recharts' ErrorBar. */
  error: [number, number] | null;
  lo: number | null;
  hi: number | null;
  count: number;
  small: boolean;
  within: boolean | null;
}

/** The reference a bar chart's band is drawn around: the largest group (Aequitas's default) unless one is named. */
export function referenceGroup(audit: AuditLike, attribute: string, named?: string | null): string | null {
  const groups = audit.by_group[attribute] ?? {};
  if (named && groups[named]) return named;
  let best: string | null = null;
  for (const [g, v] of Object.entries(groups)) if (best === null || v.count > groups[best]!.count) best = g;
  return best;
}

export function disparityBars(audit: AuditLike, attribute: string, metric: GroupMetric, tolerance: Tolerance, reference: string | null) {
  const rows = groupRows(audit, attribute, [metric]);
  const refValue = reference ? (rows.find((r) => r.group === reference)?.values[metric]?.value ?? null) : null;
  const band =
    refValue === null ? null : tolerance.kind === 'ratio' ? { lo: refValue * tolerance.lower, hi: refValue * tolerance.upper } : { lo: Math.max(0, refValue - tolerance.max), hi: refValue + tolerance.max };
  const bars: DisparityBar[] = rows
    .filter((r) => r.values[metric]!.value !== null)
    .map((r) => {
      const v = r.values[metric]!.value!;
      const ci = r.values[metric]!.ci;
      return {
        group: r.group,
        value: v,
        lo: ci?.[0] ?? null,
        hi: ci?.[1] ?? null,
        error: ci ? [Math.max(0, v - ci[0]), Math.max(0, ci[1] - v)] : null,
        count: r.count,
        small: r.small,
        within: band ? v >= band.lo - 1e-12 && v <= band.hi + 1e-12 : null,
      };
    });
  return { bars, reference, refValue, band, missing: rows.filter((r) => r.values[metric]!.value === null).map((r) => r.group) };
}

export interface GridCell {
  value: number | null;
  count: number;
  small: boolean;
}

/** A two-attribute intersection as a grid (rows: first attribute, columns: second). */
export function intersectionGrid(audit: AuditLike, key: string, metric: string) {
  const [a, b] = key.split('&');
  const groups = audit.by_group[key] ?? {};
  const rowsSet = new Set<string>();
  const colsSet = new Set<string>();
  for (const g of Object.keys(groups)) {
    const [x, y] = g.split('&');
    rowsSet.add(x!);
    colsSet.add(y!);
  }
  const rows = [...rowsSet].sort(groupOrder);
  const cols = [...colsSet].sort(groupOrder);
  const cells: GridCell[][] = rows.map((r) =>
    cols.map((c) => {
      const g = groups[`${r}&${c}`];
      return g ? { value: num(g[metric]), count: g.count, small: g.small } : { value: null, count: 0, small: true };
    }),
  );
  const values = cells.flat().filter((c) => c.value !== null && !c.small).map((c) => c.value!);
  return { rowAttribute: a!, colAttribute: b!, rows, cols, cells, min: values.length ? Math.min(...values) : null, max: values.length ? Math.max(...values) : null };
}
