// `npm run bench:fairness`: the fairness audit (lib/fairness) on 1,000,000 StreamFlow predictions x 3 sensitive
// attributes (age_band, gender, region), every pairwise intersection and the triple one, with 200 stratified
// bootstrap resamples, run in a worker_threads worker the way a route would. lib/bench/fairness_sklearn.py computes
// the same per-group point metrics with numpy/scikit-learn on the same rows (file I/O untimed).
// Data: generateWorld(seed 42, 70,000 customers, 22 months), the first 1M rows with a known label (churned);
// score = the generator's true churn probability p_true (a perfectly calibrated "oracle" score, cheap and
// deterministic, with a few hundred exact ties); prediction = score >= 0.1 (about the top 10%, a retention budget).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateWorld } from '@/lib/data/generator';
import { AGE_BANDS, GENDERS, REGIONS } from '@/lib/data/features';
import type { BenchData, BenchReply, BenchRequest } from './fairness.worker';

const ROWS = 1_000_000;
const CUSTOMERS = 70_000;
const THRESHOLD = 0.1;
const REPS = 200;
const WARM = 3;
const ATTRS = [
  { name: 'age_band', labels: [...AGE_BANDS] as string[] },
  { name: 'gender', labels: [...GENDERS] as string[] },
  { name: 'region', labels: [...REGIONS] as string[] },
];
const INTERSECTIONS = [['age_band', 'gender'], ['age_band', 'region'], ['gender', 'region'], ['age_band', 'gender', 'region']];

function extract(): BenchData & { genMs: number } {
  const t0 = performance.now();
  const world = generateWorld({ seed: 42, activeCustomers: CUSTOMERS, months: 22 });
  const byId = new Map(world.customers.map((c) => [c.customer_id, c]));
  const yTrue = new Uint8Array(ROWS);
  const yScore = new Float64Array(ROWS);
  const codes = ATTRS.map(() => new Uint8Array(ROWS));
  let n = 0;
  for (const row of world.snapshots()) {
    if (row.churned === null) continue;
    const c = byId.get(row.customer_id)!;
    yTrue[n] = row.churned ? 1 : 0;
    yScore[n] = row.p_true;
    codes[0][n] = ATTRS[0].labels.indexOf(c.age_band);
    codes[1][n] = ATTRS[1].labels.indexOf(c.gender);
    codes[2][n] = ATTRS[2].labels.indexOf(c.region);
    if (++n === ROWS) break;
  }
  if (n < ROWS) throw new Error(`only ${n} labelled rows`);
  const attributes = ATTRS.map((a, k) => ({ ...a, codes: codes[k] }));
  return { yTrue, yScore, threshold: THRESHOLD, attributes, intersections: INTERSECTIONS, genMs: performance.now() - t0 };
}

type PyGroups = Record<string, Record<string, Record<string, number | null>>>;
interface PyResult {
  timings_ms: { total: number };
  groups: PyGroups;
  numpy: string;
  sklearn: string;
}

function runPython(d: BenchData): PyResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairness-bench-'));
  try {
    const write = (f: string, a: Uint8Array | Float64Array) => fs.writeFileSync(path.join(dir, f), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    write('y_true.bin', d.yTrue);
    write('y_score.bin', d.yScore);
    for (const a of d.attributes) write(`${a.name}.bin`, a.codes);
    const groupings = [...ATTRS.map((a) => [a.name]), ...INTERSECTIONS];
    const labels = Object.fromEntries(ATTRS.map((a) => [a.name, a.labels]));
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ attributes: ATTRS.map((a) => a.name), labels, groupings, threshold: THRESHOLD }));
    const p = spawnSync('/usr/bin/python3', [path.join(import.meta.dirname, 'fairness_sklearn.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (p.status !== 0) throw new Error(`fairness_sklearn.py failed: ${p.stderr}`);
    return JSON.parse(p.stdout) as PyResult;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Max |TS − Python| over every group's count, confusion counts and metrics; a null on one side only is a mismatch. */
function compare(r: BenchReply['result'], py: PyGroups): { maxDiff: number; values: number; groups: number; nullMismatch: number } {
  let maxDiff = 0;
  let values = 0;
  let groups = 0;
  let nullMismatch = 0;
  const one = (ours: BenchReply['result']['overall'], theirs: Record<string, number | null>) => {
    groups++;
    const flat = { ...ours, ...ours.confusion } as unknown as Record<string, number | null | undefined>;
    for (const [k, v] of Object.entries(theirs)) {
      const a = flat[k];
      values++;
      if (v === null || a == null) {
        if (v !== a) nullMismatch++;
      } else maxDiff = Math.max(maxDiff, Math.abs(a - v));
    }
  };
  one(r.overall, py.overall.overall);
  for (const [key, gs] of Object.entries(py)) {
    if (key === 'overall') continue;
    for (const [label, m] of Object.entries(gs)) one(r.by_group[key][label], m);
    if (Object.keys(gs).length !== Object.keys(r.by_group[key]).length) nullMismatch++;
  }
  return { maxDiff, values, groups, nullMismatch };
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  console.log(`fairness bench: ${ROWS.toLocaleString()} predictions x ${ATTRS.length} attributes, ${INTERSECTIONS.length} intersections (3 pairwise + the triple), ${REPS} bootstrap resamples`);
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  const data = extract();
  const pos = data.yTrue.reduce((s, v) => s + v, 0);
  let sel = 0;
  for (const s of data.yScore) if (s >= THRESHOLD) sel++;
  console.log(`generated in ${ms(data.genMs)} (untimed): churn rate ${(pos / ROWS).toFixed(4)}, selected (score >= ${THRESHOLD}) ${(sel / ROWS).toFixed(4)}`);

  const py = runPython(data);

  // Spawn: tsx registration + module load in the worker + transferring the columns (no copy).
  const t = performance.now();
  const worker = new Worker(new URL('./fairness-worker-tsx.mjs', import.meta.url));
  const request = (msg: BenchRequest, transfer: ArrayBuffer[] = []) =>
    new Promise<BenchReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(msg, transfer);
    });
  const transfer = [data.yTrue.buffer, data.yScore.buffer, ...data.attributes.map((a) => a.codes.buffer)] as ArrayBuffer[];
  const { genMs: _genMs, ...payload } = data;
  await request({ kind: 'data', data: payload }, transfer);
  const spawnMs = performance.now() - t;

  const timed = async (msg: BenchRequest) => {
    const t0 = performance.now();
    const reply = await request(msg);
    return { reply, e2eMs: performance.now() - t0 };
  };
  const boot = { n: REPS, seed: 2026 };
  const cold = await timed({ kind: 'run', bootstrap: boot });
  const warm = [];
  for (let i = 0; i < WARM; i++) warm.push(await timed({ kind: 'run', bootstrap: boot }));
  const point = [];
  for (let i = 0; i < WARM; i++) point.push(await timed({ kind: 'run', bootstrap: undefined }));
  const strings = await timed({ kind: 'run', bootstrap: boot, strings: true });
  await worker.terminate();

  const r = cold.reply.result;
  const cmp = compare(r, py.groups);
  const nGroups = Object.values(r.by_group).reduce((s, g) => s + Object.keys(g).length, 0);
  const ciStats = Object.values(r.ci!.disparities).reduce((s, d) => s + Object.keys(d).length, 0);
  const pyMs = py.timings_ms.total;
  const pointMs = median(point.map((p) => p.reply.auditMs));

  console.log(`\nnumpy ${py.numpy}, scikit-learn ${py.sklearn}; ${nGroups} groups in ${Object.keys(r.by_group).length} groupings + overall; CIs for ${nGroups + 1} x ${r.metrics.length} group metrics and ${ciStats} disparity numbers`);
  console.log(`worker spawn (tsx register + load + transfer of the columns): ${ms(spawnMs)}\n`);
  const W = [58, 12, 12, 14, 8];
  const row = (cells: string[]) => console.log(cells.map((s, i) => (i === 0 ? s.padEnd(W[i]) : s.padStart(W[i]))).join(''));
  row(['stage (1M rows, 7 groupings, ' + nGroups + ' groups)', 'TS cold', 'TS warm', 'numpy/sklearn', 'ratio']);
  row(['point metrics only (confusion, rates, exact AUC, mean)', '-', ms(pointMs), ms(pyMs), `${(pyMs / pointMs).toFixed(1)}x`]);
  row([`audit + ${REPS} bootstrap resamples (in the worker)`, ms(cold.reply.auditMs), ms(median(warm.map((w) => w.reply.auditMs))), 'not run', '']);
  row(['  the same, end to end (post -> result back)', ms(cold.e2eMs), ms(median(warm.map((w) => w.e2eMs))), '', '']);
  row(['  CPU time of the audit (user + system)', ms(cold.reply.cpuMs), ms(median(warm.map((w) => w.reply.cpuMs))), '', '']);
  row(['  with 1M-string label arrays instead of codes', '', ms(strings.reply.auditMs), '', '']);
  console.log(`(building those string arrays: ${ms(strings.reply.prepMs)}, not counted)`);

  console.log('\nagreement with numpy/sklearn on this data (every group of every grouping, incl. the triple):');
  console.log(`  ${cmp.groups} groups, ${cmp.values} numbers (count, tp/fp/tn/fn, 10 rates, auc, mean_score, calibration_ratio)`);
  console.log(`  max |TS - Python| = ${cmp.maxDiff.toExponential(2)}; null on one side only: ${cmp.nullMismatch}`);

  const ov = r.overall;
  const ci = r.ci!;
  const fmt = (v: number | null | undefined, c: [number, number] | null | undefined) => `${v?.toFixed(4)} [${c?.[0].toFixed(4)}, ${c?.[1].toFixed(4)}]`;
  console.log(`\nsample output (95% CIs, ${ci.method}):`);
  console.log(`  overall auc ${fmt(ov.auc, ci.overall.auc)}, tpr ${fmt(ov.tpr, ci.overall.tpr)}`);
  for (const key of ['age_band', 'age_band&gender&region']) {
    const d = r.disparities[key];
    const c = ci.disparities[key];
    console.log(`  ${key}: equal_opportunity_ratio ${fmt(d.equal_opportunity_ratio, c.equal_opportunity_ratio)}, demographic_parity_ratio ${fmt(d.demographic_parity_ratio, c.demographic_parity_ratio)}, small groups ${d.small_groups.length}`);
  }

  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(`\ngoal: audit with ${REPS} resamples in a worker <= 5 s: ${ms(cold.e2eMs)} cold end to end (${ms(spawnMs + cold.e2eMs)} incl. worker spawn)   ${pass(spawnMs + cold.e2eMs <= 5000)}`);
}

await main();
