// Column profiles: the sufficient statistics every drift test needs, so a stored reference is never rescanned.
// A numeric profile keeps the full distinct-value histogram (sorted distinct finite values + counts), which is
// lossless for KS, Wasserstein, std, Sturges bins and per-value buckets. Profiles are plain JSON.

import { countDistinctDense, countDistinctHashed, countDistinctSorted, type Distinct } from './distinct';
import { DriftInputError } from './errors';
import { CompensatedSum } from './special';

export type ColumnType = 'numeric' | 'categorical';
export type RawValue = number | string | boolean | null | undefined;

export interface NumericProfile {
  type: 'numeric';
  /** Rows seen, nulls included. */
  n: number;
  /** null / undefined / NaN / +-Infinity rows (Evidently drops them before testing). */
  nulls: number;
  /** Sorted distinct finite values. */
  values: number[];
  /** Row count per entry of `values`. */
  counts: number[];
  /** Sum and sum of squares of the finite values, compensated (summaries only; the tests use `values`). */
  sum: number;
  sumSq: number;
}

export interface CategoricalProfile {
  type: 'categorical';
  n: number;
  nulls: number;
  /** Row count per category; booleans are 'true' / 'false', numbers their String() form. */
  categories: Record<string, number>;
}

export type ColumnProfile = NumericProfile | CategoricalProfile;

/** Rows that take part in the tests. */
export const nonNullCount = (p: ColumnProfile): number => p.n - p.nulls;

/** Share of null rows (0 for an empty profile). */
export const nullShare = (p: ColumnProfile): number => (p.n === 0 ? 0 : p.nulls / p.n);

/** Numeric profile; typed arrays take a branch-free path, generic arrays reject non-numeric values. */
export function buildNumericProfile(values: ArrayLike<RawValue>, column = ''): NumericProfile {
  const len = values.length;
  let m = 0;
  let min = Infinity;
  let max = -Infinity;
  let src: ArrayLike<number>;
  let srcLen: number;
  if (ArrayBuffer.isView(values)) {
    // One read-only pass for count and range; the counting strategies then read the typed array in place.
    // Sums are taken later over distinct values: fewer float accumulators in the per-row loop keeps it fast.
    const arr = values as unknown as ArrayLike<number>;
    for (let i = 0; i < len; i++) {
      const v = arr[i];
      // v - v is 0 only for finite v: one test drops NaN and both infinities.
      if (v - v === 0) {
        m++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    src = arr;
    srcLen = len;
  } else {
    const buf = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      const v = values[i];
      if (typeof v === 'number') {
        if (v - v === 0) {
          buf[m++] = v;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      } else if (v !== null && v !== undefined) {
        throw new DriftInputError(column, `column "${column}" is numeric but holds a ${typeof v} value`, 'invalid_value');
      }
    }
    src = buf;
    srcLen = m;
  }
  // Cheapest exact strategy first: dense counts for quantised data, a hash table for few distinct values,
  // a typed-array sort for everything else (measurements in distinct.ts).
  let found: Distinct | null = m === 0 ? { keys: [], counts: [] } : countDistinctDense(src, srcLen, min, max);
  if (!found) {
    // Hash and sort need a compact finite copy; + 0 folds -0 into 0 as numpy's unique does.
    const buf = new Float64Array(m);
    for (let i = 0, k = 0; i < srcLen; i++) {
      const v = src[i];
      if (v - v === 0) buf[k++] = v + 0;
    }
    found = countDistinctHashed(buf, m) ?? countDistinctSorted(buf, m);
  }
  const sum = new CompensatedSum();
  const sumSq = new CompensatedSum();
  for (let i = 0; i < found.keys.length; i++) {
    const v = found.keys[i];
    sum.add(v * found.counts[i]);
    sumSq.add(v * v * found.counts[i]);
  }
  return {
    type: 'numeric',
    n: len,
    nulls: len - m,
    values: Array.from(found.keys),
    counts: Array.from(found.counts),
    sum: sum.value,
    sumSq: sumSq.value,
  };
}

/** Categorical key of a raw value, or null when it counts as missing. */
function categoryKey(v: RawValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return Number.isFinite(v) ? String(v) : null;
}

export function buildCategoricalProfile(values: ArrayLike<RawValue>): CategoricalProfile {
  const counts = new Map<string, number>();
  let nulls = 0;
  const len = values.length;
  for (let i = 0; i < len; i++) {
    const v = values[i];
    // Strings dominate; test them first so the common case skips categoryKey's type dispatch.
    const key = typeof v === 'string' ? v : categoryKey(v);
    if (key === null) nulls++;
    else counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const categories: Record<string, number> = {};
  for (const [k, c] of counts) categories[k] = c;
  return { type: 'categorical', n: len, nulls, categories };
}

/**
 * Categorical profile from dictionary-encoded data (codes into `labels`, as columnar stores and the data
 * generator hold categories). Counting small integers avoids 1M string hash lookups (~50 ms -> ~2 ms).
 * A negative / out-of-range code or a null label counts as missing.
 */
export function buildCategoricalProfileFromCodes(
  codes: ArrayLike<number>,
  labels: readonly (string | null)[],
): CategoricalProfile {
  const counts = new Float64Array(labels.length);
  let nulls = 0;
  const len = codes.length;
  for (let i = 0; i < len; i++) {
    const c = codes[i];
    if (c >= 0 && c < labels.length) counts[c]++;
    else nulls++;
  }
  const categories: Record<string, number> = {};
  for (let c = 0; c < labels.length; c++) {
    const label = labels[c];
    if (counts[c] === 0) continue;
    if (label === null) nulls += counts[c];
    else categories[label] = (categories[label] ?? 0) + counts[c];
  }
  return { type: 'categorical', n: len, nulls, categories };
}

/** All non-null values are numbers -> numeric, anything else -> categorical (null when there are no values). */
export function inferType(...columns: ArrayLike<RawValue>[]): ColumnType | null {
  let seen = false;
  for (const values of columns) {
    if (ArrayBuffer.isView(values)) {
      if (values.length > 0) seen = true;
      continue;
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number') return 'categorical';
      seen = true;
    }
  }
  return seen ? 'numeric' : null;
}

/** Builds the profile of one column (see NumericProfile / CategoricalProfile for what is kept). */
export function buildProfile(values: ArrayLike<RawValue>, type: ColumnType, column = ''): ColumnProfile {
  return type === 'numeric' ? buildNumericProfile(values, column) : buildCategoricalProfile(values);
}

/** Combines two profiles of the same column (e.g. day windows into a week) exactly. */
export function mergeProfiles(a: NumericProfile, b: NumericProfile): NumericProfile;
export function mergeProfiles(a: CategoricalProfile, b: CategoricalProfile): CategoricalProfile;
export function mergeProfiles(a: ColumnProfile, b: ColumnProfile): ColumnProfile;
export function mergeProfiles(a: ColumnProfile, b: ColumnProfile): ColumnProfile {
  if (a.type !== b.type) throw new TypeError(`cannot merge a ${a.type} profile with a ${b.type} profile`);
  if (a.type === 'categorical' && b.type === 'categorical') {
    const categories: Record<string, number> = { ...a.categories };
    for (const [k, c] of Object.entries(b.categories)) categories[k] = (categories[k] ?? 0) + c;
    return { type: 'categorical', n: a.n + b.n, nulls: a.nulls + b.nulls, categories };
  }
  const x = a as NumericProfile;
  const y = b as NumericProfile;
  const values: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.values.length || j < y.values.length) {
    if (j >= y.values.length || (i < x.values.length && x.values[i] < y.values[j])) {
      values.push(x.values[i]);
      counts.push(x.counts[i++]);
    } else if (i >= x.values.length || y.values[j] < x.values[i]) {
      values.push(y.values[j]);
      counts.push(y.counts[j++]);
    } else {
      values.push(x.values[i]);
      counts.push(x.counts[i++] + y.counts[j++]);
    }
  }
  return { type: 'numeric', n: x.n + y.n, nulls: x.nulls + y.nulls, values, counts, sum: x.sum + y.sum, sumSq: x.sumSq + y.sumSq };
}
