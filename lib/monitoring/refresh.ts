// Incremental monitoring: find the windows that new predictions or new labels touched since the last pass, recompute
// exactly those from the log against the version's stored reference, and store them. Pages and the windows API read
// the stored results; nothing is recomputed on page load.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Db } from '@/db/client';
import { changesSince, customerMonthKey, getWatermark, labelsFor, loggedVersions, newestBatches, requestRowKey, setWatermark, upsertWindow, windowBatches, type LogBatch } from '@/db/queries/monitoring';
import type { WindowKind } from '@/db/monitoring-schema';
import { readModelBundle } from '@/lib/serving/served-model';
import { featureKinds } from './reference';
import { ensureReference } from './reference-source';
import { computeWindow, computeWindowFromPart, mergeParts, windowPart, type CellValue, type ColumnKind, type WindowPart, type WindowResult, type WindowRows } from './window';

export const DEFAULT_LAST_N = 5000;
const DAY = 86_400_000;

/** [start, end) of the calendar window (UTC) of `kind` that holds `t`; weeks start on Monday (ISO). */
export function windowOf(kind: Exclude<WindowKind, 'last_n'>, t: Date): { start: Date; end: Date } {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const d = t.getUTCDate();
  if (kind === 'month') return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
  const day = Date.UTC(y, m, d);
  if (kind === 'day') return { start: new Date(day), end: new Date(day + DAY) };
  const monday = day - ((t.getUTCDay() + 6) % 7) * DAY;
  return { start: new Date(monday), end: new Date(monday + 7 * DAY) };
}

/** Column-wise rows of the given log tuples, with each row's label (or -1). */
export function rowsOf(batches: readonly LogBatch[], kinds: Record<string, ColumnKind>, labels: Awaited<ReturnType<typeof labelsFor>>): WindowRows {
  let n = 0;
  for (const b of batches) n += b.rowIndexes.length;
  const names = Object.keys(kinds);
  const features: Record<string, CellValue[]> = Object.fromEntries(names.map((k) => [k, new Array<CellValue>(n).fill(null)]));
  const scores = new Float64Array(n);
  const thresholds = new Float64Array(n);
  const y = new Int8Array(n).fill(-1);
  let i = 0;
  for (const b of batches) {
    const month = `${b.at.toISOString().slice(0, 7)}-01`;
    const cols = b.featureNames.map((name) => features[name]);
    for (let r = 0; r < b.rowIndexes.length; r++, i++) {
      const values = b.features[r]!;
      for (let c = 0; c < cols.length; c++) if (cols[c]) cols[c]![i] = (values[c] ?? null) as CellValue;
      scores[i] = b.probabilities[r]!;
      thresholds[i] = b.threshold;
      const cid = b.customerIds[r];
      const label = labels.byRequestRow.get(requestRowKey(b.requestId, b.rowIndexes[r]!)) ?? (cid ? labels.byCustomerMonth.get(customerMonthKey(cid, month)) : undefined);
      if (label !== undefined) y[i] = label ? 1 : 0;
    }
  }
  return { features, kinds, scores, thresholds, labels: y };
}

type Key = string;
interface Dirty {
  modelName: string;
  modelVersion: number;
  windows: Map<Key, { kind: WindowKind; start: Date; end: Date }>;
}

export interface RefreshResult {
  windows: number;
  versions: { modelName: string; modelVersion: number }[];
  ms: number;
}

export interface RefreshOptions {
  db: Db;
  lastN?: number;
  kinds?: readonly Exclude<WindowKind, 'last_n'>[];
  log?: (m: string) => void;
}

/** Recomputes every window touched since the last pass; returns the versions whose windows changed. */
export async function refreshMonitoring({ db, lastN = DEFAULT_LAST_N, kinds = ['day', 'week', 'month'], log = () => {} }: RefreshOptions): Promise<RefreshResult> {
  const t0 = performance.now();
  const wm = await getWatermark({ db });
  const ch = await changesSince({ db, ...wm });
  const dirty = new Map<string, Dirty>();
  const mark = (modelName: string, modelVersion: number, t: Date) => {
    const vk = `${modelName}@${modelVersion}`;
    let d = dirty.get(vk);
    if (!d) dirty.set(vk, (d = { modelName, modelVersion, windows: new Map() }));
    for (const kind of kinds) {
      const w = windowOf(kind, t);
      d.windows.set(`${kind}:${w.start.toISOString()}`, { kind, ...w });
    }
  };
  for (const c of ch.days) mark(c.modelName, c.modelVersion, new Date(`${c.day}T00:00:00Z`));
  if (ch.labelMonths.length) {
    const versions = await loggedVersions({ db });
    for (const month of ch.labelMonths) {
      const start = new Date(`${month}T00:00:00Z`);
      const end = windowOf('month', start).end;
      for (const v of versions) for (let t = start.getTime(); t < end.getTime(); t += DAY) mark(v.modelName, v.modelVersion, new Date(t));
    }
  }
  let computed = 0;
  for (const d of dirty.values()) {
    const reference = await ensureReference(db, d.modelName, d.modelVersion);
    const bundle = await readModelBundle(db, d.modelName, d.modelVersion);
    const kindsOf = featureKinds(bundle.manifest);
    const labelsOf = (batches: LogBatch[], start: Date, end: Date) => {
      const customerIds: string[] = [];
      for (const b of batches) for (const c of b.customerIds) if (c) customerIds.push(c);
      return labelsFor({ db, start, end, requestIds: batches.map((b) => b.requestId), customerIds });
    };
    const store = async (kind: WindowKind, start: Date, end: Date, result: WindowResult) => {
      await upsertWindow({ db, modelName: d.modelName, modelVersion: d.modelVersion, kind, start, end, result });
      computed++;
      await yieldToLoop(); // long refreshes must not starve requests
    };
    // Windows grouped by the month they start in: each group's rows and labels are read once and sliced per window
    // (a month's days, the weeks starting in it, and the month itself), instead of once per window.
    const groups = new Map<string, { kind: WindowKind; start: Date; end: Date }[]>();
    for (const w of [...d.windows.values()].sort((a, b) => a.start.getTime() - b.start.getTime())) {
      const k = w.start.toISOString().slice(0, 7);
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(w);
    }
    for (const ws of groups.values()) {
      const start = new Date(Math.min(...ws.map((w) => w.start.getTime())));
      const end = new Date(Math.max(...ws.map((w) => w.end.getTime())));
      const batches = await windowBatches({ db, ...d, start, end });
      const labels = await labelsOf(batches, start, end);
      // One part per UTC day present, each built once; every window merges the parts of its days.
      const byDay = new Map<number, LogBatch[]>();
      for (const b of batches) {
        const day = windowOf('day', b.at).start.getTime();
        (byDay.get(day) ?? byDay.set(day, []).get(day)!).push(b);
      }
      const parts = new Map<number, WindowPart>();
      for (const [day, bs] of byDay) parts.set(day, windowPart(rowsOf(bs, kindsOf, labels), reference));
      for (const w of ws) {
        const days = [...parts.keys()].filter((t) => t >= w.start.getTime() && t < w.end.getTime()).sort((a, b) => a - b);
        if (!days.length) continue;
        await store(w.kind, w.start, w.end, computeWindowFromPart(mergeParts(days.map((t) => parts.get(t)!)), reference));
      }
    }
    // "Last N predictions": the newest tuples holding at least N rows.
    const newest = await newestBatches({ db, ...d, rows: lastN });
    if (newest.length) {
      const start = newest[newest.length - 1]!.at;
      const end = new Date(Math.max(...newest.map((b) => b.at.getTime())) + 1);
      newest.reverse();
      await store('last_n', start, end, computeWindow(rowsOf(newest, kindsOf, await labelsOf(newest, start, end)), reference));
    }
    log(`monitoring: ${d.modelName} v${d.modelVersion}: ${d.windows.size} windows recomputed`);
  }
  await setWatermark({ db, lastBatchId: ch.maxBatchId, lastLabelAt: ch.maxLabelAt });
  return { windows: computed, versions: [...dirty.values()].map(({ modelName, modelVersion }) => ({ modelName, modelVersion })), ms: Math.round(performance.now() - t0) };
}
