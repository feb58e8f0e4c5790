// The runs table and the compare view keep all their state in the URL, so a copied link reproduces the view.
// Defaults are left out of the URL to keep links short.

export type SortDir = 'ASC' | 'DESC';

export interface RunsViewState {
  filter: string;
  /** Column id ('metrics.val_auc', 'attributes.start_time') and direction; null = the server's default (newest first). */
  order: { col: string; dir: SortDir } | null;
  /** Chosen columns; null = the defaults derived from the loaded runs. */
  cols: string[] | null;
  selected: string[];
  /** Runs as a flat list instead of children indented under their parent. */
  flat: boolean;
}

export interface CompareState {
  runs: string[];
  /** Defaults to the first run. */
  baseline: string | null;
  diffOnly: boolean;
  transpose: boolean;
  /** Show the Δ and %Δ columns against the baseline (on unless turned off). */
  deltas: boolean;
  /** Metric keys with a history chart; null = a default. */
  charts: string[] | null;
  /** Parallel-coordinates axes (column ids); null = the params that vary. */
  axes: string[] | null;
  /** Column id of the metric that colours the parallel coordinates and closes its axes. */
  color: string | null;
  x: string | null;
  y: string | null;
  /** Metric the parameter importance is computed for. */
  importance: string | null;
}

type Params = Pick<URLSearchParams, 'get'>;

/** A list as one parameter: items comma-separated, each URI-encoded, so keys holding commas survive. */
export function encodeList(items: readonly string[]): string {
  return items.map((s) => encodeURIComponent(s).replace(/%2E/gi, '.')).join(',');
}

export function decodeList(v: string | null | undefined): string[] {
  if (!v) return [];
  return v
    .split(',')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .filter((s) => s.length > 0);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** '-metrics.val_auc' is descending, 'metrics.val_auc' ascending. */
export function encodeOrder(o: { col: string; dir: SortDir } | null): string | null {
  if (!o) return null;
  return (o.dir === 'DESC' ? '-' : '') + o.col;
}

export function decodeOrder(v: string | null): { col: string; dir: SortDir } | null {
  if (!v) return null;
  const desc = v.startsWith('-');
  const col = desc ? v.slice(1) : v;
  return col.includes('.') ? { col, dir: desc ? 'DESC' : 'ASC' } : null;
}

export function decodeRunsState(p: Params): RunsViewState {
  const cols = p.get('cols');
  return {
    filter: p.get('filter') ?? '',
    order: decodeOrder(p.get('order')),
    cols: cols === null ? null : unique(decodeList(cols)),
    selected: unique(decodeList(p.get('selected'))),
    flat: p.get('flat') === '1',
  };
}

/** The runs state as search params, keeping any other params (e.g. experiments=1,2) that `base` holds. */
export function encodeRunsState(s: RunsViewState, base?: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(base);
  const set = (k: string, v: string | null) => (v === null || v === '' ? out.delete(k) : out.set(k, v));
  set('filter', s.filter.trim() || null);
  set('order', encodeOrder(s.order));
  if (s.cols === null) out.delete('cols');
  else out.set('cols', encodeList(s.cols));
  set('selected', s.selected.length ? encodeList(s.selected) : null);
  set('flat', s.flat ? '1' : null);
  return out;
}

export function decodeCompareState(p: Params): CompareState {
  const runs = unique(decodeList(p.get('runs')));
  const baseline = p.get('baseline');
  const list = (k: string) => (p.get(k) === null ? null : unique(decodeList(p.get(k))));
  return {
    runs,
    baseline: baseline && runs.includes(baseline) ? baseline : (runs[0] ?? null),
    diffOnly: p.get('diff') === '1',
    transpose: p.get('transpose') === '1',
    deltas: p.get('deltas') !== '0',
    charts: list('charts'),
    axes: list('axes'),
    color: p.get('color') || null,
    x: p.get('x') || null,
    y: p.get('y') || null,
    importance: p.get('importance') || null,
  };
}

export function encodeCompareState(s: CompareState): URLSearchParams {
  const out = new URLSearchParams();
  out.set('runs', encodeList(s.runs));
  if (s.baseline && s.baseline !== s.runs[0] && s.runs.includes(s.baseline)) out.set('baseline', s.baseline);
  if (s.diffOnly) out.set('diff', '1');
  if (s.transpose) out.set('transpose', '1');
  if (!s.deltas) out.set('deltas', '0');
  if (s.charts !== null) out.set('charts', encodeList(s.charts));
  if (s.axes !== null) out.set('axes', encodeList(s.axes));
  for (const k of ['color', 'x', 'y', 'importance'] as const) if (s[k]) out.set(k, s[k]!);
  return out;
}

/** Experiment ids from '?experiments=1,2' (numbers only, as MLflow's ids are). */
export function decodeExperimentIds(v: string | null | undefined): string[] {
  return unique(decodeList(v).filter((s) => /^\d+$/.test(s)));
}

/** The compare link for a set of runs. */
export function compareHref(runIds: readonly string[], baseline?: string): string {
  const p = new URLSearchParams({ runs: encodeList(runIds) });
  if (baseline && baseline !== runIds[0]) p.set('baseline', baseline);
  return `/experiments/compare?${p.toString().replace(/%2C/g, ',')}`;
}

/** A query string with readable commas: URLSearchParams encodes them, browsers and Next accept them raw. */
export function toQueryString(p: URLSearchParams): string {
  const s = p.toString().replace(/%2C/gi, ',');
  return s ? '?' + s : '';
}

/** A path segment decoded once; Next may hand it over decoded already, and a stray '%' must not throw. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
