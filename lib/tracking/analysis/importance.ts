// Parameter importance for one metric across runs — the numbers behind W&B's "parameter importance" panel:
// a random-forest impurity importance plus Pearson/Spearman correlation for numeric params.
//
// Decisions worth knowing when reading the output:
// - Runs whose metric is null, NaN or ±Infinity are skipped. With fewer than 3 usable runs the result is an empty
//   list: two points always correlate perfectly and no forest can tell anything apart.
// - Params are strings (as MLflow stores them). A param is numeric when every present value parses as a finite
//   number, otherwise categorical. "Missing" means the key is absent or the value is blank.
// - A param is skipped when it is constant over the usable runs, where "missing" counts as a value of its own: a
//   flag that is only logged when enabled (`use_amp=True` on some runs, absent on others) is not constant.
// - Categorical params get `correlation` and `spearman` null. Mean-target encoding was rejected: the encoded
//   correlation is non-negative by construction and grows with the number of levels (a unique level per run fits
//   every run perfectly), so pure noise would look like a strong signal next to honest numeric correlations.
//   Their effect shows up in `importance` instead.
// - Numeric correlations use the runs where the param is present; null when undefined (fewer than 3 such runs or
//   zero variance on either side).

import { averageRanks, pearson, spearman } from './correlation';
import { forestImportance } from './random-forest';
import type { BinnedColumn } from './random-forest';

export interface ImportanceRow {
  params: Readonly<Record<string, string | undefined>>;
  metric: number | null;
}

export interface ParamImportance {
  key: string;
  kind: 'numeric' | 'categorical';
  /** Pearson with the metric; numeric params only. */
  correlation: number | null;
  /** Spearman rank correlation with the metric; numeric params only. */
  spearman: number | null;
  /** Random-forest impurity-decrease importance, normalised to sum 1 over the returned params (all 0 for a constant metric). */
  importance: number;
  /** Usable runs (finite metric) in which the param is present. */
  runs: number;
}

export interface ImportanceOptions {
  /** Number of trees; default 100. */
  trees?: number;
  /** PRNG seed; the result is deterministic per seed. Default 1. */
  seed?: number;
  /** Maximum tree depth; default 16. A bound on lopsided trees: the minimum node size normally stops them earlier. */
  maxDepth?: number;
}

const MIN_RUNS = 3;
/**
 * Nodes with fewer than 1% of the runs are not split (scikit-learn's fractional min_samples_split). Such nodes only
 * fit residual noise; skipping them roughly halves the time at 1000 runs and slightly lowers the share that noise
 * hands to irrelevant params. Sweeps under 200 runs grow full trees.
 */
const MIN_SPLIT_FRACTION = 0.01;
/** Numeric params with more distinct values are split into quantile bins; sweeps rarely need finer thresholds. */
const MAX_NUMERIC_BINS = 32;
/** Rarer categorical levels are pooled into one "other" column, bounding the one-hot width of e.g. free-text params. */
const MAX_CATEGORICAL_LEVELS = 32;

interface ParsedParam {
  key: string;
  kind: 'numeric' | 'categorical';
  /** Per usable run; undefined = missing. */
  raw: (string | undefined)[];
  /** Parsed once per value (NaN = missing); only meaningful while kind is numeric. */
  nums: Float64Array;
  present: number;
}

export function parameterImportance(rows: readonly ImportanceRow[], opts: ImportanceOptions = {}): ParamImportance[] {
  const usable = rows.filter((r) => typeof r.metric === 'number' && Number.isFinite(r.metric));
  if (usable.length < MIN_RUNS) return [];
  const metric = Float64Array.from(usable, (r) => r.metric!);

  const params = collectParams(usable).filter((p) => !isConstant(p));
  if (params.length === 0) return [];

  const columns: BinnedColumn[] = [];
  params.forEach((p, group) => {
    if (p.kind === 'numeric') columns.push(numericColumn(p.nums, group));
    else columns.push(...oneHotColumns(p.raw, group));
  });
  const importance = forestImportance(
    { columns, groups: params.length, target: metric },
    {
      trees: Math.max(1, Math.floor(opts.trees ?? 100)),
      seed: opts.seed ?? 1,
      maxDepth: opts.maxDepth ?? 16,
      // Breiman's p/3 for regression, taken over params rather than one-hot columns so that a categorical param's
      // level count does not raise its chance of being considered.
      featuresPerSplit: Math.ceil(params.length / 3),
      minLeaf: 1,
      minSplit: Math.max(2, Math.ceil(usable.length * MIN_SPLIT_FRACTION)),
    },
  );

  // Most params are set on every run, so the metric's ranks are shared rather than re-sorted per param.
  const metricRanks = averageRanks(metric);
  const result = params.map((p, g): ParamImportance => {
    let correlation: number | null = null;
    let rank: number | null = null;
    if (p.kind === 'numeric' && p.present >= MIN_RUNS) {
      const xs: number[] = [];
      const ys: number[] = [];
      p.nums.forEach((x, i) => {
        if (!Number.isNaN(x)) {
          xs.push(x);
          ys.push(metric[i]!);
        }
      });
      correlation = pearson(xs, ys);
      rank = xs.length === metric.length ? pearson(averageRanks(xs), metricRanks) : spearman(xs, ys);
    }
    return { key: p.key, kind: p.kind, correlation, spearman: rank, importance: importance[g]!, runs: p.present };
  });
  // Key as tie-breaker keeps the order stable for equal (e.g. all-zero) importances.
  return result.sort((a, b) => b.importance - a.importance || compareKeys(a.key, b.key));
}

/** Code-unit order, not localeCompare: the result must not depend on the server's locale. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function collectParams(rows: readonly ImportanceRow[]): ParsedParam[] {
  // A Map rather than an object so keys like "__proto__" or "constructor" are ordinary keys.
  const byKey = new Map<string, ParsedParam>();
  rows.forEach((row, i) => {
    for (const key of Object.keys(row.params)) {
      const value = row.params[key];
      if (typeof value !== 'string' || value.trim() === '') continue;
      let p = byKey.get(key);
      if (p === undefined) {
        const raw = new Array<string | undefined>(rows.length).fill(undefined);
        p = { key, kind: 'numeric', raw, nums: new Float64Array(rows.length).fill(NaN), present: 0 };
        byKey.set(key, p);
      }
      p.raw[i] = value.trim();
      p.present++;
      if (p.kind === 'numeric') {
        const x = Number(value);
        if (Number.isFinite(x)) p.nums[i] = x;
        else p.kind = 'categorical';
      }
    }
  });
  return [...byKey.values()];
}

function isConstant(p: ParsedParam): boolean {
  if (p.present === 0) return true;
  const hasMissing = p.present < p.raw.length;
  // Numeric values compare by number so "0.1" and "1e-1" are the same setting.
  const first = p.raw.findIndex((v) => v !== undefined);
  const same =
    p.kind === 'numeric'
      ? p.nums.every((x) => Number.isNaN(x) || x === p.nums[first])
      : p.raw.every((v) => v === undefined || v === p.raw[first]);
  return same && !hasMissing;
}

/**
 * Ordered bins for a numeric param: exact distinct values when there are few (the usual grid sweep), quantile bins
 * otherwise. Missing values get bin 0, below every real value, so a single split can separate "not set" runs.
 */
function numericColumn(xs: Float64Array, group: number): BinnedColumn {
  const present = xs.filter((x) => !Number.isNaN(x)).sort();
  const distinct: number[] = [];
  for (const x of present) if (distinct.length === 0 || distinct[distinct.length - 1] !== x) distinct.push(x);

  let edges = distinct;
  if (distinct.length > MAX_NUMERIC_BINS) {
    // Upper edge of each quantile bin; ties collapse, so heavy repeats simply yield fewer bins.
    edges = [];
    const m = present.length;
    for (let k = 1; k <= MAX_NUMERIC_BINS; k++) {
      const edge = present[Math.ceil((k * m) / MAX_NUMERIC_BINS) - 1]!;
      if (edges.length === 0 || edges[edges.length - 1] !== edge) edges.push(edge);
    }
  }
  const offset = present.length < xs.length ? 1 : 0;
  const bins = new Uint8Array(xs.length);
  xs.forEach((x, i) => {
    bins[i] = Number.isNaN(x) ? 0 : offset + firstEdgeAtLeast(edges, x);
  });
  return { group, bins, nBins: edges.length + offset };
}

function firstEdgeAtLeast(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length - 1; // the last edge is the max, so an answer always exists
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function oneHotColumns(raw: readonly (string | undefined)[], group: number): BinnedColumn[] {
  const MISSING = Symbol('missing');
  const counts = new Map<string | typeof MISSING, number>();
  for (const v of raw) {
    const level = v ?? MISSING;
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  // Most frequent levels first; ties by name so the column layout, and hence the forest, is deterministic.
  const levels = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareKeys(String(a[0]), String(b[0])))
    .map(([level]) => level);
  const kept = levels.slice(0, MAX_CATEGORICAL_LEVELS);
  const columns = kept.map((level) => ({
    group,
    bins: Uint8Array.from(raw, (v) => ((v ?? MISSING) === level ? 1 : 0)),
    nBins: 2,
  }));
  if (levels.length > kept.length) {
    const keptSet = new Set(kept);
    columns.push({ group, bins: Uint8Array.from(raw, (v) => (keptSet.has(v ?? MISSING) ? 0 : 1)), nBins: 2 });
  }
  return columns;
}
