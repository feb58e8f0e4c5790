// The drift engine the HTTP API and the monitoring jobs call. Defaults follow Evidently's _get_default_stattest
// and its per-test thresholds / drift rules (see /work/shared/reference/drift-monitoring.md 1.1-1.5).

import { DriftInputError } from './errors';
import {
  chiSquare,
  evidentlyBuckets,
  jensenShannon,
  ks,
  numericView,
  psi,
  valueBuckets,
  wassersteinNormed,
  zTest,
} from './methods';
import { buildProfile, inferType, nonNullCount, nullShare } from './profile';
import type { ColumnProfile, ColumnType, RawValue } from './profile';

export type Method = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';
export const METHODS: readonly Method[] = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'];
const P_VALUE_METHODS: ReadonlySet<Method> = new Set<Method>(['ks', 'chisquare', 'z']);
const NUMERIC_ONLY: ReadonlySet<Method> = new Set<Method>(['ks', 'wasserstein']);

/** Evidently's code defaults: 0.05 for p-value tests, 0.1 for distances. */
export const DEFAULT_THRESHOLDS: Readonly<Record<Method, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};
export const DEFAULT_DRIFT_SHARE = 0.5;

export interface ColumnOptions {
  type?: ColumnType;
  method?: Method;
  threshold?: number;
}

export interface ColumnDrift {
  type: ColumnType;
  method: Method;
  /** KS D, chi-square statistic (may be Infinity: category unseen in the reference), z, or the distance / PSI. */
  statistic: number;
  /** p-value for ks / chisquare / z; null for distance methods. */
  p_value: number | null;
  /** What the threshold is compared with: the p-value, or the distance / PSI. */
  score: number;
  threshold: number;
  drift: boolean;
  null_share: { reference: number; current: number };
  /** Present when a convention replaced an undefined result (e.g. chi-square on a constant column). */
  note?: string;
}

export interface DriftReport {
  columns: Record<string, ColumnDrift>;
  drifted_columns: number;
  share: number;
  dataset_drift: boolean;
  drift_share: number;
}

export interface DatasetOptions {
  columns?: Record<string, ColumnOptions>;
  drift_share?: number;
}

/** Distinct non-null values of ref U cur (pandas nunique of the concatenation). */
function unionDistinct(ref: ColumnProfile, cur: ColumnProfile): number {
  if (ref.type === 'categorical' && cur.type === 'categorical') {
    let n = Object.keys(ref.categories).length;
    for (const k of Object.keys(cur.categories)) if (!(k in ref.categories)) n++;
    return n;
  }
  if (ref.type === 'numeric' && cur.type === 'numeric') {
    const a = numericView(ref).values;
    const b = numericView(cur).values;
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.length || j < b.length) {
      const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
      if (i < a.length && a[i] === x) i++;
      if (j < b.length && b[j] === x) j++;
      n++;
    }
    return n;
  }
  return valueBuckets(ref, cur).labels.length;
}

/** Evidently's _get_default_stattest on n_ref (non-null reference rows) and n_unique (ref U cur). */
export function defaultMethod(ref: ColumnProfile, cur: ColumnProfile, type: ColumnType = ref.type): Method {
  const nRef = nonNullCount(ref);
  const nUnique = unionDistinct(ref, cur);
  if (nRef <= 1000) {
    if (type === 'numeric') return nUnique > 5 ? 'ks' : nUnique > 2 ? 'chisquare' : 'z';
    return nUnique > 2 ? 'chisquare' : 'z';
  }
  return type === 'numeric' && nUnique > 5 ? 'wasserstein' : 'jensenshannon';
}

/** Drift rule per test: ks p <= thr (Evidently), other p-values p < thr, distances d >= thr. */
function isDrift(method: Method, score: number, threshold: number): boolean {
  if (method === 'ks') return score <= threshold;
  if (P_VALUE_METHODS.has(method)) return score < threshold;
  return score >= threshold;
}

/** Compares one column's reference and current profiles. `column` only names the column in errors. */
export function compareProfiles(
  ref: ColumnProfile,
  cur: ColumnProfile,
  opts: ColumnOptions = {},
  column = '',
): ColumnDrift {
  const label = column ? `column "${column}"` : 'column';
  if (ref.type !== cur.type) {
    throw new DriftInputError(column, `${label}: reference is ${ref.type} but current is ${cur.type}`, 'type_mismatch');
  }
  if (opts.type !== undefined && opts.type !== ref.type) {
    throw new DriftInputError(column, `${label}: profiles are ${ref.type}, options ask for ${opts.type}`, 'type_mismatch');
  }
  const type = ref.type;
  if (nonNullCount(ref) === 0 || nonNullCount(cur) === 0) {
    const side = nonNullCount(ref) === 0 ? 'reference' : 'current';
    throw new DriftInputError(column, `${label} has no non-null values in the ${side} data`, 'empty_column');
  }
  const method = opts.method ?? defaultMethod(ref, cur, type);
  if (!METHODS.includes(method)) {
    throw new DriftInputError(column, `${label}: unknown method "${String(method)}"`, 'invalid_option');
  }
  if (type === 'categorical' && NUMERIC_ONLY.has(method)) {
    throw new DriftInputError(column, `${label}: method "${method}" needs a numeric column`, 'invalid_method');
  }
  const threshold = opts.threshold ?? DEFAULT_THRESHOLDS[method];
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    throw new DriftInputError(column, `${label}: threshold must be a finite number`, 'invalid_option');
  }

  let statistic: number;
  let pValue: number | null = null;
  let note: string | undefined;
  if (method === 'ks' && ref.type === 'numeric' && cur.type === 'numeric') {
    const r = ks(ref, cur);
    statistic = r.statistic;
    pValue = r.pValue;
  } else if (method === 'wasserstein' && ref.type === 'numeric' && cur.type === 'numeric') {
    statistic = wassersteinNormed(ref, cur);
  } else if (method === 'chisquare' || method === 'z') {
    const r = method === 'chisquare' ? chiSquare(valueBuckets(ref, cur)) : zTest(valueBuckets(ref, cur));
    statistic = r.statistic;
    pValue = r.pValue;
    note = r.note;
  } else {
    const buckets = evidentlyBuckets(ref, cur);
    statistic = method === 'psi' ? psi(buckets) : jensenShannon(buckets);
  }
  const score = pValue ?? statistic;
  const result: ColumnDrift = {
    type,
    method,
    statistic,
    p_value: pValue,
    score,
    threshold,
    drift: isDrift(method, score, threshold),
    null_share: { reference: nullShare(ref), current: nullShare(cur) },
  };
  if (note) result.note = note;
  return result;
}

function checkDriftShare(driftShare: number): void {
  if (typeof driftShare !== 'number' || !(driftShare >= 0 && driftShare <= 1)) {
    throw new DriftInputError('', 'drift_share must be a number in [0, 1]', 'invalid_option');
  }
}

/** Dataset verdict as Evidently's get_dataset_drift: drifted / columns >= drift_share. */
function summarise(columns: Record<string, ColumnDrift>, driftShare: number): DriftReport {
  const names = Object.keys(columns);
  const drifted = names.filter((c) => columns[c].drift).length;
  const share = names.length === 0 ? 0 : drifted / names.length;
  return { columns, drifted_columns: drifted, share, dataset_drift: names.length > 0 && share >= driftShare, drift_share: driftShare };
}

/** Compares every reference column with the same column of the current profiles (stored-reference path). */
export function compareProfileSets(
  refProfiles: Record<string, ColumnProfile>,
  curProfiles: Record<string, ColumnProfile>,
  opts: DatasetOptions = {},
): DriftReport {
  const driftShare = opts.drift_share ?? DEFAULT_DRIFT_SHARE;
  checkDriftShare(driftShare);
  const columns: Record<string, ColumnDrift> = {};
  for (const name of Object.keys(refProfiles)) {
    const cur = curProfiles[name];
    if (!cur) throw new DriftInputError(name, `column "${name}" is missing from the current data`, 'missing_column');
    columns[name] = compareProfiles(refProfiles[name], cur, opts.columns?.[name], name);
  }
  return summarise(columns, driftShare);
}

/** Column type from options, else inferred from both sides (all non-null values numbers -> numeric). */
function columnType(name: string, ref: ArrayLike<RawValue>, cur: ArrayLike<RawValue> | undefined, o?: ColumnOptions): ColumnType {
  if (o?.type) return o.type;
  const t = cur ? inferType(ref, cur) : inferType(ref);
  if (!t) throw new DriftInputError(name, `column "${name}" has no non-null values`, 'empty_column');
  return t;
}

/** Profiles of several columns at once (e.g. to store a reference). Types are inferred unless given. */
export function buildProfiles(
  data: Record<string, ArrayLike<RawValue>>,
  columns: Record<string, ColumnOptions> = {},
): Record<string, ColumnProfile> {
  const out: Record<string, ColumnProfile> = {};
  for (const name of Object.keys(data)) out[name] = buildProfile(data[name], columnType(name, data[name], undefined, columns[name]), name);
  return out;
}

/** Raw-array entry point: profiles both sides (type inferred from both unless given) and compares them. */
export function compareDatasets(
  reference: Record<string, ArrayLike<RawValue>>,
  current: Record<string, ArrayLike<RawValue>>,
  opts: DatasetOptions = {},
): DriftReport {
  const refProfiles: Record<string, ColumnProfile> = {};
  const curProfiles: Record<string, ColumnProfile> = {};
  for (const name of Object.keys(reference)) {
    const cur = current[name];
    if (!cur) throw new DriftInputError(name, `column "${name}" is missing from the current data`, 'missing_column');
    const type = columnType(name, reference[name], cur, opts.columns?.[name]);
    refProfiles[name] = buildProfile(reference[name], type, name);
    curProfiles[name] = buildProfile(cur, type, name);
  }
  return compareProfileSets(refProfiles, curProfiles, opts);
}
