// How one drift test reads on the pages: the method's name, number formats, the p-value and score scales of the
// charts, and the strength (test score relative to its threshold) that colours the heatmap. Pure, unit-tested through
// lib/monitoring/views.ts, which re-exports it.
import type { ColumnDrift, Method } from './stats';

export const METHOD_NAMES: Record<Method, string> = {
  ks: 'Kolmogorov–Smirnov',
  chisquare: 'Chi-square',
  z: 'Z-test',
  wasserstein: 'Wasserstein',
  jensenshannon: 'Jensen–Shannon',
  psi: 'PSI',
};

export const isPValueMethod = (m: Method) => m === 'ks' || m === 'chisquare' || m === 'z';

/** What the method's score is, for an axis title: "p-value (K–S)" or "Wasserstein distance (normed)". */
export function scoreAxisTitle(m: Method): string {
  if (isPValueMethod(m)) return `${METHOD_NAMES[m]} p-value`;
  if (m === 'wasserstein') return 'Wasserstein distance (normed)';
  if (m === 'psi') return 'PSI';
  return 'Jensen–Shannon distance';
}

/** A compact number: 3 significant digits, p-values below 0.001 in exponent form. */
export function fmtNum(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 0.001) return x.toExponential(1).replace('e-', 'e−');
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(a >= 1 ? 3 : 2)));
}

/** AUC and other 0–1 metrics: three decimals. */
export function fmtMetric(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3);
}

export function fmtShare(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** "Wasserstein 0.42 ≥ 0.1" or "Chi-square p = 1.2e−5 < 0.05": the test, its score and the rule it met. */
export function describeTest(c: ColumnDrift): string {
  const name = METHOD_NAMES[c.method];
  if (isPValueMethod(c.method)) {
    const op = c.drift ? (c.method === 'ks' ? '≤' : '<') : c.method === 'ks' ? '>' : '≥';
    return `${name} p = ${fmtNum(c.score)} ${op} ${fmtNum(c.threshold)}`;
  }
  return `${name} ${fmtNum(c.score)} ${c.drift ? '≥' : '<'} ${fmtNum(c.threshold)}`;
}

/** p-values are drawn on a log axis down to this floor (a p-value of 0 is "below 1e−12"). */
export const P_FLOOR = 1e-12;
export const P_TICKS = [1e-12, 1e-9, 1e-6, 1e-3, 1];

/** The value a chart draws for a test's score: p-values floored for the log axis, infinite distances capped. */
export function plotScore(method: Method, score: number, cap = 10): number {
  if (isPValueMethod(method)) return Math.max(P_FLOOR, Math.min(1, score));
  return Number.isFinite(score) ? score : cap;
}

/** Tick label on a log p-value axis: 1, 1e−3, … */
export function pTick(v: number): string {
  if (v >= 1) return '1';
  return `1e−${Math.round(-Math.log10(v))}`;
}

/** A 0-based axis that reads well: the smallest 1, 2, 4 or 8 × 10^k above `max` (its quarters are round), and its ticks. */
export function niceAxis(max: number): { max: number; ticks: number[] } {
  const target = Number.isFinite(max) && max > 0 ? max * 1.05 : 1;
  const pow = 10 ** Math.floor(Math.log10(target));
  const top = [1, 2, 4, 8, 10].map((m) => m * pow).find((v) => v >= target)!;
  return { max: top, ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => Number((top * f).toPrecision(3))) };
}

/** niceAxis for shares, never past 100%. */
export function niceShareAxis(max: number): { max: number; ticks: number[] } {
  return max * 1.05 >= 0.8 ? { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] } : niceAxis(max);
}

// ── Drift strength and the heatmap ───────────────────────────────────────────────────────────────────────────────

export const STRENGTH_CAP = 10;

/**
 * One scale for every method, 1 = exactly at the threshold, higher = more drift. Distances and PSI grow with drift
 * (score / threshold); p-values shrink with it (threshold / p). Capped so one extreme cell does not wash out the rest.
 */
export function driftStrength(c: Pick<ColumnDrift, 'method' | 'score' | 'threshold'>): number {
  if (!Number.isFinite(c.score)) return STRENGTH_CAP;
  let s: number;
  if (isPValueMethod(c.method)) s = c.score <= 0 ? STRENGTH_CAP : c.threshold / c.score;
  else s = c.threshold > 0 ? c.score / c.threshold : STRENGTH_CAP;
  return Math.max(0, Math.min(STRENGTH_CAP, s));
}

/** The heatmap's colour steps: three below the threshold, three at or above it. */
export const STRENGTH_LEVELS = [
  { level: 0, label: 'under ¼ of threshold', bg: '#f1f5f9', fg: '#475569' },
  { level: 1, label: '¼–½ of threshold', bg: '#fef3c7', fg: '#78350f' },
  { level: 2, label: '½–1× threshold', bg: '#fcd34d', fg: '#78350f' },
  { level: 3, label: 'drift: 1–2×', bg: '#f97316', fg: '#ffffff' },
  { level: 4, label: 'drift: 2–4×', bg: '#dc2626', fg: '#ffffff' },
  { level: 5, label: 'drift: 4× or more', bg: '#7f1d1d', fg: '#ffffff' },
] as const;

/** The colour step of a cell. The stored drift verdict decides which side of the threshold it is on. */
export function strengthLevel(strength: number, drift: boolean): number {
  if (drift) return strength >= 4 ? 5 : strength >= 2 ? 4 : 3;
  return strength >= 0.5 ? 2 : strength >= 0.25 ? 1 : 0;
}
