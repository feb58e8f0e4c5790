// `npm run bench:drift`: the drift engine (lib/monitoring/stats) against scipy/numpy on the same StreamFlow data.
// Reference = every row of the first 8 months, profiled once and stored as JSON; current window = 1,000,000 rows
// of the later months x 20 features. Timed: building the window's profiles, comparing them with the stored
// reference (Evidently's default methods), a K-S pass on every numeric column and chi-square on the categorical
// ones. lib/bench/drift_scipy.py runs the same statistics on the raw arrays; generation and file I/O are untimed.
// 70,000 customers: 50,000 (the README example) leaves only ~0.75M rows after month 8.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateWorld } from '@/lib/data/generator';
import { FEATURES } from '@/lib/data/features';
import {
  buildCategoricalProfile,
  buildCategoricalProfileFromCodes,
  buildNumericProfile,
  compareProfiles,
  compareProfileSets,
} from '@/lib/monitoring/stats';
import type { ColumnDrift, ColumnProfile, DriftReport } from '@/lib/monitoring/stats';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const CUSTOMERS = 70_000;
const REF_MONTHS = 8;
const WINDOW_ROWS = 1_000_000;
const NULL_CODE = 255;
const REPEATS = 5;

interface Column {
  name: string;
  type: 'numeric' | 'categorical';
  labels: string[];
  data: Float64Array | Uint8Array;
}

/** Columnar copy of the world (numeric: Float64 with NaN for null; categorical: uint8 codes, 255 = null). */
function extract(): { cols: Column[]; nRef: number; genMs: number } {
  const t0 = performance.now();
  const world = generateWorld({ seed: 42, activeCustomers: CUSTOMERS, months: 22 });
  const genMs = performance.now() - t0;
  const total = world.snapshotCount;
  const cols: Column[] = FEATURES.map((f) => {
    const labels = f.type === 'boolean' ? ['false', 'true'] : [...(f.categories ?? [])];
    return f.type === 'numeric'
      ? { name: f.name, type: 'numeric', labels, data: new Float64Array(total) }
      : { name: f.name, type: 'categorical', labels, data: new Uint8Array(total) };
  });
  const firstCurrentMonth = world.months[REF_MONTHS];
  let nRef = -1;
  let i = 0;
  for (const row of world.snapshots()) {
    if (nRef < 0 && row.month === firstCurrentMonth) nRef = i;
    const r = row as unknown as Record<string, number | string | boolean | null>;
    for (const c of cols) {
      const v = r[c.name];
      if (c.type === 'numeric') c.data[i] = v === null ? NaN : (v as number);
      else c.data[i] = v === null ? NULL_CODE : c.labels.indexOf(String(v));
    }
    i++;
  }
  if (total - nRef < WINDOW_ROWS) throw new Error(`only ${total - nRef} rows after month ${REF_MONTHS}`);
  return { cols, nRef, genMs };
}

function profileOf(c: Column, lo: number, hi: number): ColumnProfile {
  const part = c.data.subarray(lo, hi);
  return c.type === 'numeric' ? buildNumericProfile(part) : buildCategoricalProfileFromCodes(part, c.labels);
}

interface WindowResult {
  report: DriftReport;
  ks: Record<string, ColumnDrift>;
  chi: Record<string, ColumnDrift>;
  ms: { profiles: number; defaults: number; ks: number; chisquare: number; total: number };
  /** Process CPU time (user + system) of the window: less sensitive than wall time to a shared machine. */
  cpuMs: number;
  peakRssDelta: number;
  heapDelta: number;
  /** Typed arrays live outside the JS heap; their peak growth is sampled after every column. */
  externalDelta: number;
}

/** The timed unit: what a monitoring job does for one window against the stored reference profiles. */
function runWindow(cols: Column[], lo: number, hi: number, refProfiles: Record<string, ColumnProfile>): WindowResult {
  gc();
  const before = process.memoryUsage();
  let peak = before.rss;
  let peakExternal = before.arrayBuffers;
  const cpu0 = process.cpuUsage();
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakExternal = Math.max(peakExternal, m.arrayBuffers);
  };
  const t0 = performance.now();
  const cur: Record<string, ColumnProfile> = {};
  for (const c of cols) {
    cur[c.name] = profileOf(c, lo, hi);
    sample();
  }
  const t1 = performance.now();
  const report = compareProfileSets(refProfiles, cur);
  const t2 = performance.now();
  const ks: Record<string, ColumnDrift> = {};
  for (const c of cols) if (c.type === 'numeric') ks[c.name] = compareProfiles(refProfiles[c.name], cur[c.name], { method: 'ks' }, c.name);
  const t3 = performance.now();
  const chi: Record<string, ColumnDrift> = {};
  for (const c of cols) if (c.type === 'categorical') chi[c.name] = compareProfiles(refProfiles[c.name], cur[c.name], { method: 'chisquare' }, c.name);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  sample();
  const heapDelta = process.memoryUsage().heapUsed - before.heapUsed;
  const ms = { profiles: t1 - t0, defaults: t2 - t1, ks: t3 - t2, chisquare: t4 - t3, total: t4 - t0 };
  return { report, ks, chi, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssDelta: peak - before.rss, heapDelta, externalDelta: peakExternal - before.arrayBuffers };
}

function writeForPython(dir: string, cols: Column[], nRef: number): void {
  const manifest = { columns: cols.map((c) => ({ name: c.name, type: c.type, labels: c.labels })) };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  for (const c of cols) {
    const write = (file: string, a: Float64Array | Uint8Array) =>
      fs.writeFileSync(path.join(dir, file), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    write(`ref_${c.name}.bin`, c.data.subarray(0, nRef));
    write(`cur_${c.name}.bin`, c.data.subarray(nRef, nRef + WINDOW_ROWS));
  }
}

interface PyResult {
  columns: Record<string, { method: string; default: number; ks_statistic?: number; ks_p?: number; chi_statistic?: number | null; chi_p?: number | null }>;
  timings_ms: { default: number; ks: number; chisquare: number; total: number };
  scipy: string;
  numpy: string;
}

/** Largest disagreement: absolute, or relative for values below 1e-4 (tiny p-values). */
function maxDiff(pairs: [number | null | undefined, number | null | undefined][]): number {
  let worst = 0;
  for (const [a, b] of pairs) {
    if (a === b) continue;
    if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
    const d = Math.abs(a - b);
    worst = Math.max(worst, Math.abs(b) < 1e-4 ? (Math.abs(a) < 1e-300 && Math.abs(b) < 1e-300 ? 0 : d / Math.abs(b)) : d);
  }
  return worst;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number) => `${(v / 2 ** 20).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

function main(): void {
  console.log(`drift bench: ${CUSTOMERS.toLocaleString()} customers, reference = months 1-${REF_MONTHS}, window = ${WINDOW_ROWS.toLocaleString()} rows x ${FEATURES.length} features`);
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}`);
  const { cols, nRef, genMs } = extract();
  const lo = nRef;
  const hi = nRef + WINDOW_ROWS;
  console.log(`generated ${cols[0].data.length.toLocaleString()} rows in ${ms(genMs)} (untimed); reference rows ${nRef.toLocaleString()}`);

  // Reference profiles: built once, stored as JSON, loaded back (what the monitoring job keeps in Postgres).
  let t = performance.now();
  const built: Record<string, ColumnProfile> = {};
  for (const c of cols) built[c.name] = profileOf(c, 0, nRef);
  const refBuildMs = performance.now() - t;
  const json = JSON.stringify(built);
  t = performance.now();
  const refProfiles = JSON.parse(json) as Record<string, ColumnProfile>;
  const refLoadMs = performance.now() - t;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-bench-'));
  let py: PyResult;
  try {
    writeForPython(dir, cols, nRef);
    const p = spawnSync('/usr/bin/python3', [path.join(import.meta.dirname, 'drift_scipy.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (p.status !== 0) throw new Error(`drift_scipy.py failed: ${p.stderr}`);
    py = JSON.parse(p.stdout) as PyResult;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log(`load average before the timed runs: ${load()}`);
  const runs: WindowResult[] = [];
  for (let r = 0; r < REPEATS; r++) runs.push(runWindow(cols, lo, hi, refProfiles));
  const first = runs[0];
  const warm = runs.slice(1);
  const med = (k: keyof WindowResult['ms']) => median(warm.map((w) => w.ms[k]));

  // String-array categorical path, for reference (dictionary codes are what the timed run uses).
  const strCols = cols.filter((c) => c.type === 'categorical').map((c) => Array.from(c.data.subarray(lo, hi), (k) => (k === NULL_CODE ? null : c.labels[k])));
  t = performance.now();
  for (const s of strCols) buildCategoricalProfile(s);
  const strMs = performance.now() - t;

  const ourPairs = { default: [] as [number, number][], ks: [] as [number, number][], chi: [] as [number | null, number | null | undefined][] };
  let methodMismatch = 0;
  for (const c of cols) {
    const ours = first.report.columns[c.name];
    const theirs = py.columns[c.name];
    if (ours.method !== theirs.method) methodMismatch++;
    ourPairs.default.push([ours.statistic, theirs.default]);
    if (c.type === 'numeric') {
      ourPairs.ks.push([first.ks[c.name].statistic, theirs.ks_statistic!], [first.ks[c.name].p_value!, theirs.ks_p!]);
    } else {
      const chi = first.chi[c.name];
      ourPairs.chi.push([Number.isFinite(chi.statistic) ? chi.statistic : null, theirs.chi_statistic], [chi.p_value, theirs.chi_p]);
    }
  }

  console.log(`\nreference profiles: built once in ${ms(refBuildMs)} (${nRef.toLocaleString()} rows), ${mb(json.length)} as JSON, parsed in ${ms(refLoadMs)}`);
  console.log(`scipy ${py.scipy}, numpy ${py.numpy}; timings: ours = first run (cold JIT) and median of ${REPEATS - 1} warm runs\n`);
  const W = [34, 12, 12, 12, 10];
  const row = (cells: string[]) => console.log(cells.map((s, i) => (i === 0 ? pad(s, W[i]) : lpad(s, W[i]))).join(''));
  row(['stage (1M-row window, 20 columns)', 'ours cold', 'ours warm', 'scipy', 'ratio']);
  row(['window profiles (20 columns)', ms(first.ms.profiles), ms(med('profiles')), '-', '']);
  row(['default methods vs stored ref', ms(first.ms.defaults), ms(med('defaults')), ms(py.timings_ms.default), '']);
  row(['K-S, 14 numeric columns', ms(first.ms.ks), ms(med('ks')), ms(py.timings_ms.ks), '']);
  row(['chi-square, 6 categorical columns', ms(first.ms.chisquare), ms(med('chisquare')), ms(py.timings_ms.chisquare), '']);
  const ratio = py.timings_ms.total / first.ms.total;
  row(['total', ms(first.ms.total), ms(med('total')), ms(py.timings_ms.total), `${ratio.toFixed(1)}x`]);
  console.log(`process CPU time for the window: ${ms(first.cpuMs)} cold, ${ms(median(warm.map((w) => w.cpuMs)))} warm`);
  // Conservative: the larger of RSS growth and JS heap + array-buffer growth, over all runs.
  const extra = Math.max(...runs.map((r) => Math.max(r.peakRssDelta, r.heapDelta + r.externalDelta)));
  console.log(`\nextra memory for the window: peak RSS +${mb(extra)}, JS heap +${mb(first.heapDelta)}, array buffers +${mb(first.externalDelta)} (first run; RSS is measured against a heap already grown by generation)`);
  console.log(`categorical profiles from 1M-string arrays instead of codes: ${ms(strMs)} for ${strCols.length} columns (not in the table)`);

  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log('\ngoals:');
  console.log(`  total <= 1 s                 ${ms(first.ms.total)} cold, ${ms(med('total'))} warm (wall)   ${pass(first.ms.total <= 1000)}`);
  console.log(`  >= 10x faster than scipy     ${ratio.toFixed(1)}x (cold)   ${pass(ratio >= 10)}`);
  console.log(`  <= 500 MB extra memory       ${mb(extra)}   ${pass(extra <= 500 * 2 ** 20)}`);
  console.log('\nagreement with scipy on this data (absolute; relative below 1e-4):');
  console.log(`  default-method choice         ${methodMismatch === 0 ? 'identical for all 20 columns' : `${methodMismatch} columns differ`}`);
  console.log(`  wasserstein / jensenshannon   max diff ${maxDiff(ourPairs.default).toExponential(2)}`);
  console.log(`  K-S statistic and p-value     max diff ${maxDiff(ourPairs.ks).toExponential(2)}`);
  console.log(`  chi-square statistic and p    max diff ${maxDiff(ourPairs.chi).toExponential(2)}`);
  const drifted = Object.entries(first.report.columns).filter(([, c]) => c.drift).map(([n]) => n);
  console.log(`\nwindow verdict: ${first.report.drifted_columns}/20 columns drifted (share ${first.report.share.toFixed(2)}), dataset_drift ${first.report.dataset_drift}: ${drifted.join(', ')}`);
}

main();
