// Metric-history overlay: the server's downsampled series (one per run) merged into one row per step for recharts,
// with each run's min/max band, and the zoom range a drag selects.
import { toNumber } from './tracking-format';
import type { HistorySeries } from './tracking-types';

/** recharts reads `v0`, `lo0`/`hi0` (band) for the first run, `v1`… for the next; keys never contain dots. */
export type HistoryRow = { step: number } & Record<string, number | [number, number] | null>;

function finite(v: number | string | null | undefined): number | null {
  const n = typeof v === 'number' ? v : toNumber(v ?? null);
  return n !== null && Number.isFinite(n) ? n : null;
}

/**
 * One row per distinct step across the runs, sorted by step. `runIds` fixes the series order (and so the colours);
 * series for runs not listed are ignored. Non-finite values are left out (gaps, not spikes to infinity).
 */
export function mergeHistory(series: readonly HistorySeries[], runIds: readonly string[]): HistoryRow[] {
  const byStep = new Map<number, HistoryRow>();
  const index = new Map(runIds.map((id, i) => [id, i]));
  for (const s of series) {
    const i = index.get(s.run_id);
    if (i === undefined) continue;
    for (const p of s.points) {
      const v = finite(p.value);
      if (v === null) continue;
      let row = byStep.get(p.step);
      if (!row) {
        row = { step: p.step } as HistoryRow;
        byStep.set(p.step, row);
      }
      row[`v${i}`] = v;
      const lo = finite(p.min) ?? v;
      const hi = finite(p.max) ?? v;
      row[`b${i}`] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** The step range two drag ends select, ordered; null when the drag selected a single step or nothing. */
export function zoomRange(a: number | string | null | undefined, b: number | string | null | undefined): { min: number; max: number } | null {
  const x = finite(a);
  const y = finite(b);
  if (x === null || y === null || x === y) return null;
  return { min: Math.min(x, y), max: Math.max(x, y) };
}

/** Whether any series came back downsampled (some bucket holds more than one logged point). */
export function isDownsampled(series: readonly HistorySeries[]): boolean {
  return series.some((s) => s.points.some((p) => (p.count ?? 1) > 1) || s.total_points > s.points.length);
}

/** Summary for the chart caption: points drawn and points logged in the current range. */
export function pointCounts(series: readonly HistorySeries[]): { drawn: number; logged: number } {
  let drawn = 0;
  let logged = 0;
  for (const s of series) {
    drawn += s.points.length;
    logged += s.points.reduce((n, p) => n + (p.count ?? 1), 0);
  }
  return { drawn, logged };
}

/** Whether any band is wider than its line (worth drawing). */
export function hasBands(rows: readonly HistoryRow[], runs: number): boolean {
  for (const r of rows) {
    for (let i = 0; i < runs; i++) {
      const b = r[`b${i}`];
      if (Array.isArray(b) && b[1] > b[0]) return true;
    }
  }
  return false;
}

/** Metric keys a run logged more than one step for, i.e. the ones with a history worth charting. */
export function keysWithHistory(metrics: readonly { key: string; step: number }[]): string[] {
  return [...new Set(metrics.filter((m) => m.step > 0).map((m) => m.key))].sort();
}
