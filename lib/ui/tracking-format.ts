// Number and time formatting for runs, metrics and their differences.
import type { MetricValue } from './tracking-types';

/** A metric value as a number: MLflow's 'NaN' / 'Infinity' strings become the real values; anything else is null. */
export function toNumber(v: MetricValue | string | number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const s = v.trim();
  if (s === 'NaN') return NaN;
  if (s === 'Infinity' || s === '+Infinity' || s === 'inf') return Infinity;
  if (s === '-Infinity' || s === '-inf') return -Infinity;
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Four significant digits for small values, thousands separators for large ones; NaN and ±∞ spelled out. */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e15) return v.toLocaleString('en-US');
  if (a >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (a < 1e-4) return v.toExponential(3).replace('-', '−');
  return trimZeros(v.toPrecision(4)).replace(/^-/, '−');
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** A signed difference: +0.0123, −4. */
export function formatDelta(d: number | null | undefined): string {
  if (d === null || d === undefined || Number.isNaN(d)) return '—';
  if (d === 0) return '0';
  const s = formatMetric(Math.abs(d));
  return (d > 0 ? '+' : '−') + s;
}

/** A signed relative difference given as a fraction: 0.0123 → +1.23%. */
export function formatPctDelta(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p === 0) return '0%';
  const pct = Math.abs(p * 100);
  const digits = pct >= 100 ? 0 : pct >= 10 ? 1 : 2;
  return (p > 0 ? '+' : '−') + pct.toFixed(digits) + '%';
}

const dateTimeFmt = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** Milliseconds since the epoch as 'Mar 4, 2026, 14:05' (the browser's time zone). */
export function formatTimestamp(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return '—';
  return dateTimeFmt.format(new Date(ms));
}

/** 850 ms, 12.3 s, 4m 05s, 2h 03m, 3d 4h. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** A file size: 512 B, 1.5 KB, 3.2 MB. */
export function formatBytes(n: number | string | null | undefined): string {
  const v = typeof n === 'string' ? Number(n) : n;
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  if (v < 1024) return `${v} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let x = v / 1024;
  let i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${x < 10 ? x.toFixed(1) : Math.round(x)} ${units[i]}`;
}

/** A run's elapsed time: end − start, or now − start while it runs. */
export function runDuration(info: { start_time: number; end_time?: number | null; status: string }, now = Date.now()): number | null {
  if (!info.start_time) return null;
  if (info.end_time) return info.end_time - info.start_time;
  return info.status === 'RUNNING' ? now - info.start_time : null;
}
