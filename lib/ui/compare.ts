// The compare table's model: one row per attribute, param, metric and tag over the chosen runs, whether the runs
// differ on it, and each run's difference from the baseline run (Δ and %Δ).
import { cellValue, runIndex, type CellValue } from './run-columns';
import { toNumber } from './tracking-format';
import type { Run } from './tracking-types';

export type CompareSection = 'attributes' | 'params' | 'metrics' | 'tags';
export type CompareFormat = 'text' | 'number' | 'timestamp' | 'duration' | 'run';

export interface CompareRow {
  /** Column id, e.g. 'params.l2'. */
  id: string;
  section: CompareSection;
  key: string;
  label: string;
  format: CompareFormat;
  values: CellValue[];
  /** The numeric reading of each value (null when missing or not a number). */
  nums: (number | null)[];
  /** Every present value is a number, so differences are arithmetic. */
  numeric: boolean;
  differs: boolean;
  /** value − baseline, per run (null for the baseline itself and where either side is missing or not finite). */
  delta: (number | null)[];
  /** (value − baseline) / |baseline|; null when the baseline is 0. */
  pct: (number | null)[];
}

export function delta(value: number | null, base: number | null): number | null {
  if (value === null || base === null || !Number.isFinite(value) || !Number.isFinite(base)) return null;
  return value - base;
}

export function pctDelta(value: number | null, base: number | null): number | null {
  const d = delta(value, base);
  if (d === null || base === 0 || base === null) return null;
  return d / Math.abs(base);
}

/** Same value for every run (NaN equals NaN; a missing value differs from any present one). */
export function valuesDiffer(values: readonly CellValue[]): boolean {
  if (values.length < 2) return false;
  const norm = (v: CellValue) => (v === null ? '\u0000missing' : typeof v === 'number' ? (Number.isNaN(v) ? 'NaN' : String(v)) : v);
  const first = norm(values[0]!);
  return values.some((v) => norm(v) !== first);
}

/** Params are strings; '0.001' and '1e-3' read as numbers. A metric is a number already. */
export function numericReading(v: CellValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  return toNumber(v);
}

function makeRow(section: CompareSection, key: string, label: string, format: CompareFormat, values: CellValue[], baseline: number, numericAllowed: boolean): CompareRow {
  const nums = values.map(numericReading);
  const present = values.filter((v) => v !== null);
  const numeric = numericAllowed && present.length > 0 && values.every((v, i) => v === null || nums[i] !== null);
  let differs: boolean;
  if (numeric) {
    // 0.001 and 1e-3 are the same parameter value.
    differs = valuesDiffer(nums.map((n, i) => (values[i] === null ? null : n)));
  } else differs = valuesDiffer(values);
  const base = numeric ? (nums[baseline] ?? null) : null;
  return {
    id: `${section}.${key}`,
    section,
    key,
    label,
    format,
    values,
    nums: numeric ? nums : values.map(() => null),
    numeric,
    differs,
    delta: nums.map((n, i) => (numeric && i !== baseline ? delta(n, base) : null)),
    pct: nums.map((n, i) => (numeric && i !== baseline ? pctDelta(n, base) : null)),
  };
}

export interface BuildOptions {
  baselineIndex: number;
  /** Experiment names by id, for the Experiment row. */
  experimentNames?: ReadonlyMap<string, string>;
  now?: number;
}

/** All rows, attributes first, then params, metrics and tags, each sorted by key. */
export function buildCompareRows(runs: readonly Run[], opts: BuildOptions): CompareRow[] {
  const b = Math.min(Math.max(0, opts.baselineIndex), Math.max(0, runs.length - 1));
  const now = opts.now ?? Date.now();
  const rows: CompareRow[] = [];
  const attr = (key: string, label: string, format: CompareFormat, values: CellValue[], numeric = false) =>
    rows.push(makeRow('attributes', key, label, format, values, b, numeric));
  attr('run_id', 'Run ID', 'text', runs.map((r) => r.info.run_id));
  attr('experiment_id', 'Experiment', 'text', runs.map((r) => opts.experimentNames?.get(r.info.experiment_id) ?? r.info.experiment_id));
  attr('status', 'Status', 'text', runs.map((r) => r.info.status));
  attr('start_time', 'Started', 'timestamp', runs.map((r) => r.info.start_time || null));
  attr('duration', 'Duration', 'duration', runs.map((r) => cellValue(r, { kind: 'attributes', key: 'duration' }, now)), true);
  attr('user_id', 'User', 'text', runs.map((r) => r.info.user_id ?? null));
  attr('parent', 'Parent run', 'run', runs.map((r) => runIndex(r).tags.get('mlflow.parentRunId') ?? null));

  const keys = { params: new Set<string>(), metrics: new Set<string>(), tags: new Set<string>() };
  for (const r of runs) {
    const ix = runIndex(r);
    ix.params.forEach((_, k) => keys.params.add(k));
    ix.metrics.forEach((_, k) => keys.metrics.add(k));
    ix.tags.forEach((_, k) => keys.tags.add(k));
  }
  // Tags already shown above as attributes.
  keys.tags.delete('mlflow.parentRunId');
  keys.tags.delete('mlflow.runName');
  for (const section of ['params', 'metrics', 'tags'] as const) {
    for (const key of [...keys[section]].sort((x, y) => x.localeCompare(y))) {
      const values = runs.map((r) => {
        const v = runIndex(r)[section].get(key);
        return v === undefined ? null : v;
      });
      rows.push(makeRow(section, key, key, section === 'tags' ? 'text' : 'number', values, b, section !== 'tags'));
    }
  }
  return rows;
}

export interface RowFilter {
  diffOnly: boolean;
  /** Case-insensitive substring of the key. */
  query?: string;
}

/** Attribute rows always stay (they identify the runs); the others obey the switch and the key filter. */
export function filterRows(rows: readonly CompareRow[], f: RowFilter): CompareRow[] {
  const q = f.query?.trim().toLowerCase() ?? '';
  return rows.filter((r) => {
    if (r.section === 'attributes') return true;
    if (f.diffOnly && !r.differs) return false;
    return !q || r.key.toLowerCase().includes(q);
  });
}

/** Counts for the section headings: how many keys and how many of them differ. */
export function sectionCounts(rows: readonly CompareRow[]): Record<CompareSection, { total: number; differ: number }> {
  const out = { attributes: { total: 0, differ: 0 }, params: { total: 0, differ: 0 }, metrics: { total: 0, differ: 0 }, tags: { total: 0, differ: 0 } };
  for (const r of rows) {
    out[r.section].total++;
    if (r.differs) out[r.section].differ++;
  }
  return out;
}

/** Whether a larger value is better, guessed from the key (losses and errors go down). null when unclear. */
export function metricDirection(key: string): 'max' | 'min' | null {
  const k = key.toLowerCase();
  if (/(loss|error|err\b|rmse|mse|mae|brier|perplexity|latency|duration|_time\b|^time|ece|calibration_error)/.test(k)) return 'min';
  if (/(auc|acc|accuracy|precision|recall|f1|f_1|ap\b|pr_auc|roc|r2|score|lift|gain|ndcg|map\b|roi|revenue|kappa|mcc)/.test(k)) return 'max';
  return null;
}

/** +1 when the change is an improvement, −1 when it is worse, 0 when unknown or no change. */
export function deltaQuality(key: string, d: number | null): -1 | 0 | 1 {
  if (d === null || d === 0) return 0;
  const dir = metricDirection(key);
  if (!dir) return 0;
  return (dir === 'max') === d > 0 ? 1 : -1;
}

/** Rows ↔ columns of a matrix: the transpose switch for a table given as rows of cells. */
export function transpose<T>(m: readonly (readonly T[])[]): T[][] {
  if (m.length === 0) return [];
  const width = Math.max(...m.map((r) => r.length));
  return Array.from({ length: width }, (_, j) => m.map((r) => r[j] as T));
}
