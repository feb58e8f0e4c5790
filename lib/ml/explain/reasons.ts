// Plain-language "top reasons" for one prediction: the k features with the largest |contribution|, each as a
// sentence built from the record's raw value, the feature's unit and its humanised name — e.g.
// "3 failed payments in the last 90 days raises the churn risk", "Annual contract lowers the churn risk".
// The builder is generic on purpose: a new feature in the contract gets a sensible sentence from its metadata
// alone, with no per-feature wording to keep in sync.
import type { FeatureEncoding } from '@/lib/ml/encoder';

export type Direction = 'raises' | 'lowers';

export interface Reason {
  feature: string;
  contribution: number;
  direction: Direction;
  /** The raw value from the record (null when missing). */
  value: unknown;
  sentence: string;
}

// Abbreviations seen in feature names and category values, expanded so sentences read as English.
const WORDS: Record<string, string> = { avg: 'average', pct: 'percent', num: 'number', qty: 'quantity', tv: 'TV', id: 'ID', usd: 'USD' };
const PERIOD: Record<string, [string, string]> = { d: ['day', 'days'], w: ['week', 'weeks'], m: ['month', 'months'], y: ['year', 'years'] };

function word(w: string): string {
  return WORDS[w.toLowerCase()] ?? w;
}

/** `failed_payments_90d` → "failed payments in the last 90 days" (lower case; callers capitalise). */
export function humanizeFeatureName(name: string): string {
  return name
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((t) => {
      const m = /^(\d+)([dwmy])$/.exec(t);
      if (!m) return word(t);
      const n = Number(m[1]);
      const [one, many] = PERIOD[m[2]!]!;
      return n === 1 ? `in the last ${one}` : `in the last ${n} ${many}`;
    })
    .join(' ');
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Singular of a plural English noun, for the cases our names use ("payments", "days", "changes", "stars"). */
function singular(w: string): string {
  if (/(ch|sh|ss|x)es$/.test(w)) return w.slice(0, -2);
  if (/[^s]s$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Whole numbers as they are, others to at most two decimals: 3, 12.5, 0.33. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * The subject of a reason sentence: value, unit and feature name. Numeric features put the value where English
 * does: "3 failed payments …" for counts (and when the unit is a word of the name: "12 days since last login"),
 * "Tenure of 14 months" when the name ends in its unit, "Monthly charge of 12.99 USD" otherwise; ratios read as
 * percentages. Counts of 1 take the singular.
 */
export function describeValue(f: Pick<FeatureEncoding, 'name' | 'type' | 'unit' | 'categories'>, value: unknown): string {
  const name = humanizeFeatureName(f.name);
  if (isMissing(value)) return `${capitalize(name)} missing`;
  if (f.type === 'boolean' || typeof value === 'boolean') return value === true || value === 1 ? capitalize(name) : `${capitalize(name)}: no`;
  if (f.type === 'categorical') {
    const label = typeof value === 'number' && f.categories?.[value] !== undefined ? f.categories[value]! : String(value);
    return `${capitalize(label.split(/[_\s]+/).map(word).join(' '))} ${name}`;
  }
  if (typeof value !== 'number') return `${capitalize(name)} of ${String(value)}`;
  const unit = f.unit?.trim();
  const v = formatNumber(value);
  if (unit === 'ratio' || unit === 'percent' || unit === '%') {
    return `${capitalize(name)} of ${formatNumber(unit === 'ratio' ? value * 100 : value)}%`;
  }
  if (!unit) return `${capitalize(name)} of ${v}`;
  const tokens = name.split(' ');
  // The noun the number counts: the unit when the name contains it, else the name's last word before a time window.
  let head = tokens.indexOf('in') > 0 ? tokens.indexOf('in') - 1 : tokens.length - 1;
  if (unit !== 'count') {
    const at = tokens.indexOf(unit.toLowerCase());
    const unitWord = value === 1 ? singular(unit) : unit;
    if (at < 0) return `${capitalize(name)} of ${v} ${unitWord}`;
    if (at === tokens.length - 1 && at > 0) return `${capitalize(tokens.slice(0, -1).join(' '))} of ${v} ${unitWord}`;
    head = at;
  }
  if (value === 1) tokens[head] = singular(tokens[head]!);
  return `${v} ${tokens.join(' ')}`;
}

/** The top `k` reasons by |contribution|; zero and non-finite contributions are never reasons. */
export function topReasons(
  contributions: Record<string, number>, record: Record<string, unknown>, features: readonly FeatureEncoding[], k = 3,
): Reason[] {
  const meta = new Map(features.map((f) => [f.name, f]));
  return Object.entries(contributions)
    .filter(([, c]) => Number.isFinite(c) && c !== 0)
    .sort(([a, ca], [b, cb]) => Math.abs(cb) - Math.abs(ca) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, k))
    .map(([feature, contribution]) => {
      const f = meta.get(feature) ?? { name: feature, type: 'numeric' as const, nullable: true };
      const value = record[feature];
      const direction: Direction = contribution > 0 ? 'raises' : 'lowers';
      return { feature, contribution, direction, value: isMissing(value) ? null : value, sentence: `${describeValue(f, value)} ${direction} the churn risk` };
    });
}
