// The reasons behind one score as chart rows in plain words ("Failed payments in the last 90 days: 3 → raises
// risk"), from the explanation's per-feature contributions (log-odds). For a what-if, both sides show the same
// features in the same order — the strongest of either side plus every changed field — so bars line up row by row.
import { formatNumber, isMissing } from '@/lib/ml/explain/reasons';
import { fieldLabel, type FeatureInfo } from './form';

export type Direction = 'raises' | 'lowers' | 'neutral';

export interface ReasonBar {
  feature: string;
  /** "Failed payments in the last 90 days: 3 → raises risk" */
  label: string;
  contribution: number;
  direction: Direction;
}

/** A value as a person reads it: "$12.99", "45%", "4.2 stars", "annual", "yes", "missing". */
export function formatFeatureValue(f: Pick<FeatureInfo, 'name' | 'type' | 'unit'> | undefined, value: unknown): string {
  if (isMissing(value)) return 'missing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value).replace(/_/g, ' ');
  const unit = f?.unit?.trim();
  if (unit === 'USD') return `$${value.toFixed(2)}`;
  if (unit === 'ratio') return `${formatNumber(value * 100)}%`;
  if (unit === 'percent' || unit === '%') return `${formatNumber(value)}%`;
  const v = formatNumber(value);
  // The unit is already in the name ("tenure months", "watch hours …", "days since last login") or is a count.
  if (!unit || unit === 'count' || (f && f.name.toLowerCase().split(/[_\s]+/).includes(unit.toLowerCase()))) return v;
  return `${v} ${unit}`;
}

export function directionOf(contribution: number): Direction {
  return contribution > 0 ? 'raises' : contribution < 0 ? 'lowers' : 'neutral';
}

export function reasonLabel(f: FeatureInfo | undefined, feature: string, value: unknown, contribution: number): string {
  const d = directionOf(contribution);
  return `${fieldLabel({ name: feature })}: ${formatFeatureValue(f ?? { name: feature, type: 'numeric' }, value)} → ${d === 'neutral' ? 'no effect' : `${d} risk`}`;
}

/** The features to chart: the k largest |contribution| across the given explanations, plus `include`, by strength. */
export function chartFeatures(contributions: readonly Record<string, number>[], k: number, include: readonly string[] = []): string[] {
  const strength = new Map<string, number>();
  for (const c of contributions) {
    for (const [name, v] of Object.entries(c)) if (Number.isFinite(v)) strength.set(name, Math.max(strength.get(name) ?? 0, Math.abs(v)));
  }
  const byStrength = (a: string, b: string) => (strength.get(b) ?? 0) - (strength.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  const picked = new Set<string>();
  for (const c of contributions) {
    Object.keys(c)
      .filter((n) => (c[n] ?? 0) !== 0 && Number.isFinite(c[n]))
      .sort((a, b) => Math.abs(c[b]!) - Math.abs(c[a]!) || (a < b ? -1 : 1))
      .slice(0, k)
      .forEach((n) => picked.add(n));
  }
  for (const n of include) picked.add(n);
  return [...picked].sort(byStrength);
}

/** One bar per feature in `order`, labelled from the record's values. */
export function reasonBars(order: readonly string[], contributions: Record<string, number>, record: Record<string, unknown>, features: readonly FeatureInfo[]): ReasonBar[] {
  const meta = new Map(features.map((f) => [f.name, f]));
  return order.map((feature) => {
    const c = contributions[feature] ?? 0;
    return { feature, label: reasonLabel(meta.get(feature), feature, record[feature], c), contribution: c, direction: directionOf(c) };
  });
}

/** A symmetric axis end for the bars of one or more charts, so lengths compare across them. */
export function contributionAxisMax(bars: readonly ReasonBar[][]): number {
  const m = Math.max(0, ...bars.flat().map((b) => Math.abs(b.contribution)));
  if (m === 0) return 0.1;
  const step = m > 1 ? 0.5 : m > 0.3 ? 0.1 : 0.05;
  return Math.ceil((m * 1.05) / step) * step;
}

/** Splits a label into lines of at most `width` characters at spaces (a word longer than that gets its own line). */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
