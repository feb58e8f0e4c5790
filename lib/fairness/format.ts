// Number and tolerance wording shared by the fairness sentences (criteria summaries, impossibility texts).
// Rates near churn base rates (0.04–0.06) would all read "0.05" at two decimals, so small values keep two
// significant digits instead.
import type { Tolerance } from './types';

/** 0.4712 → "0.47", 0.0431 → "0.043", 0 → "0". */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return Math.abs(v) >= 0.1 ? v.toFixed(2) : v.toPrecision(2);
}

/** Ratios always at two decimals; an undefined ratio (x ÷ 0) reads "undefined". */
export function fmtRatio(v: number | null): string {
  return v === null ? 'undefined' : v.toFixed(2);
}

/** A tolerance as the user typed it: 0.05 → "0.05", 0.1 → "0.1". */
export function fmtTolerance(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** 0.0431 → "4.3%". */
export function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/** "within 0.80–1.25", "within 0.80–1.25 of the overall value", "with differences of at most 0.05". */
export function toleranceText(t: Tolerance, convention: 'between_groups' | 'to_overall' | 'vs_reference' | 'calibration'): string {
  if (t.kind === 'difference') {
    const of = convention === 'to_overall' ? ' from the overall value' : convention === 'vs_reference' ? ' from the reference group' : convention === 'calibration' ? ' between mean predicted and observed' : '';
    return `with differences${of} of at most ${fmtTolerance(t.max)}`;
  }
  const of = convention === 'to_overall' ? ' of the overall value' : convention === 'vs_reference' ? ' of the reference group' : convention === 'calibration' ? ' of perfect calibration' : '';
  return `within ${t.lower.toFixed(2)}–${t.upper.toFixed(2)}${of}`;
}
