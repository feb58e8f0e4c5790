// Columns of the runs table: which params, metrics and tags the loaded runs carry, what a cell holds, and the MLflow
// order_by clause for a column.
import { toNumber } from './tracking-format';
import type { Run } from './tracking-types';

export type ColumnKind = 'attributes' | 'params' | 'metrics' | 'tags';
export const COLUMN_KINDS: readonly ColumnKind[] = ['attributes', 'params', 'metrics', 'tags'];

/** A column as 'kind.key', e.g. 'metrics.val_auc'; the key may itself contain dots ('tags.mlflow.source.name'). */
export interface ColumnRef {
  kind: ColumnKind;
  key: string;
}

export function columnId(c: ColumnRef): string {
  return `${c.kind}.${c.key}`;
}

export function parseColumnId(id: string): ColumnRef | null {
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) return null;
  const kind = id.slice(0, dot) as ColumnKind;
  if (!COLUMN_KINDS.includes(kind)) return null;
  return { kind, key: id.slice(dot + 1) };
}

/** Attributes every run has; shown as fixed columns. `sortKey` is what the server sorts by (null: not sortable). */
export const ATTRIBUTE_COLUMNS = [
  { key: 'run_name', label: 'Run name', sortKey: 'run_name' },
  { key: 'start_time', label: 'Created', sortKey: 'start_time' },
  { key: 'status', label: 'Status', sortKey: 'status' },
  { key: 'duration', label: 'Duration', sortKey: null },
  { key: 'user_id', label: 'User', sortKey: 'user_id' },
] as const;

/** Tags MLflow sets itself; they are offered last in the column chooser and never chosen by default. */
export function isSystemTag(key: string): boolean {
  return key.startsWith('mlflow.');
}

export interface DiscoveredColumns {
  params: string[];
  metrics: string[];
  tags: string[];
}

/** The union of param, metric and tag keys over the runs, sorted (user tags before mlflow.* tags). */
export function discoverColumns(runs: readonly Run[]): DiscoveredColumns {
  const params = new Set<string>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  for (const r of runs) {
    for (const p of r.data.params ?? []) params.add(p.key);
    for (const m of r.data.metrics ?? []) metrics.add(m.key);
    for (const t of r.data.tags ?? []) tags.add(t.key);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  const tagOrder = (a: string, b: string) => Number(isSystemTag(a)) - Number(isSystemTag(b)) || byName(a, b);
  return { params: [...params].sort(byName), metrics: [...metrics].sort(byName), tags: [...tags].sort(tagOrder) };
}

/** Without a choice in the URL: every metric and param up to a limit each, so a 12,000-key experiment stays usable. */
export function defaultColumns(d: DiscoveredColumns, perKind = 8): string[] {
  return [...d.metrics.slice(0, perKind).map((k) => `metrics.${k}`), ...d.params.slice(0, perKind).map((k) => `params.${k}`)];
}

export type CellValue = string | number | null;

/** Lookup tables per run, built once: a 10,000-row table must not scan arrays per cell. */
export interface RunIndex {
  params: Map<string, string>;
  metrics: Map<string, number>;
  tags: Map<string, string>;
}

const indexCache = new WeakMap<Run, RunIndex>();

export function runIndex(run: Run): RunIndex {
  let ix = indexCache.get(run);
  if (!ix) {
    ix = {
      params: new Map((run.data.params ?? []).map((p) => [p.key, p.value])),
      metrics: new Map((run.data.metrics ?? []).map((m) => [m.key, toNumber(m.value) ?? NaN])),
      tags: new Map((run.data.tags ?? []).map((t) => [t.key, t.value])),
    };
    indexCache.set(run, ix);
  }
  return ix;
}

/** The value of a column for a run; null when the run does not have it. */
export function cellValue(run: Run, col: ColumnRef, now = Date.now()): CellValue {
  const ix = runIndex(run);
  switch (col.kind) {
    case 'params':
      return ix.params.get(col.key) ?? null;
    case 'metrics':
      return ix.metrics.get(col.key) ?? null;
    case 'tags':
      return ix.tags.get(col.key) ?? null;
    case 'attributes': {
      const i = run.info;
      if (col.key === 'duration') {
        if (!i.start_time) return null;
        if (i.end_time) return i.end_time - i.start_time;
        return i.status === 'RUNNING' ? now - i.start_time : null;
      }
      if (col.key === 'experiment_id') return i.experiment_id;
      const v = (i as unknown as Record<string, unknown>)[col.key];
      return typeof v === 'string' || typeof v === 'number' ? v : null;
    }
  }
}

/** MLflow quotes keys that are not plain identifiers with backticks: metrics.`f1-score`. */
export function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : '`' + key.replace(/`/g, '') + '`';
}

/** The order_by item for a column, e.g. "metrics.val_auc DESC"; null for a column the server cannot sort by. */
export function orderByClause(col: ColumnRef, dir: 'ASC' | 'DESC'): string | null {
  if (col.kind === 'attributes') {
    const attr = ATTRIBUTE_COLUMNS.find((a) => a.key === col.key);
    const sortKey = attr ? attr.sortKey : col.key;
    return sortKey ? `attributes.${sortKey} ${dir}` : null;
  }
  return `${col.kind}.${quoteKey(col.key)} ${dir}`;
}

export function columnLabel(col: ColumnRef): string {
  if (col.kind === 'attributes') return ATTRIBUTE_COLUMNS.find((a) => a.key === col.key)?.label ?? col.key;
  return col.key;
}

/** The parent of a run (MLflow's mlflow.parentRunId tag), or null. */
export function parentRunId(run: Run): string | null {
  return runIndex(run).tags.get('mlflow.parentRunId') ?? null;
}
