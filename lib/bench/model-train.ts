// `npx tsx lib/bench/model-train.ts [--rows N] [--rounds N] [--repeats N]`: training wall time and test AUC of our
// histogram GBT (lib/ml/gbt) against scikit-learn's HistGradientBoostingClassifier at matching settings, on the same
// encoded StreamFlow matrix. Goals: ours ≤ 2× sklearn's fit time, |ΔAUC| ≤ 0.005.
//
// The split is by time, never random rows across months: training takes the earliest labelled months until it has
// `rows` rows (the month that crosses the line contributes a seeded random subset of its customers), and the test
// set is the whole following month. sklearn runs in the same invocation, so both timings share the machine's load.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { generateWorld } from '@/lib/data/generator';
import type { GeneratedSnapshot } from '@/lib/data/generator';
import { contractEncoding, encodeRows, fitCategoryOrder } from '@/lib/ml/encoder';
import { trainGbt } from '@/lib/ml/gbt';
import { auc } from '@/lib/ml/metrics';
import { mulberry32 } from '@/lib/ml/prng';
import { predictProba, type TreeEnsemble } from '@/lib/ml/tree-ensemble';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3'; // Debian's python, which sees the system scikit-learn
const SCRIPT = fileURLToPath(new URL('./sklearn_hgb.py', import.meta.url));

export interface TrainingBench {
  rows: number;
  testRows: number;
  features: number;
  rounds: number;
  trainMonths: string[];
  testMonth: string;
  sklearnSeconds: number[];
  /** sklearn again with OMP_NUM_THREADS=1: the same single core that our trainer uses. */
  sklearn1Seconds: number[];
  oursSeconds: number[];
  /** Median ours / median sklearn. */
  ratio: number;
  sklearnAuc: number;
  oursAuc: number;
  aucDiff: number;
  sklearnIter: number;
  ompThreads: number;
  ompThreadsSource: string;
  sklearnVersion: string;
  /** With `keep`: the model we trained, the encoded test matrix, and the CSV files (the caller deletes `dir`). */
  kept?: { model: TreeEnsemble; xTest: Float32Array; yTest: Uint8Array; trainCsv: string; testCsv: string; dir: string; skParams: Record<string, number> };
}

function timeSplit(all: GeneratedSnapshot[], rows: number) {
  const byMonth = new Map<string, GeneratedSnapshot[]>();
  for (const r of all) {
    if (r.churned === null) continue;
    if (!byMonth.has(r.month)) byMonth.set(r.month, []);
    byMonth.get(r.month)!.push(r);
  }
  const months = [...byMonth.keys()].sort();
  const train: GeneratedSnapshot[] = [];
  const trainMonths: string[] = [];
  let m = 0;
  while (train.length < rows && m < months.length - 1) {
    const month = byMonth.get(months[m]!)!;
    const need = rows - train.length;
    if (month.length <= need) train.push(...month);
    else {
      // Selection sampling keeps customer order and draws exactly `need` rows.
      const rand = mulberry32(1);
      let left = need;
      for (let i = 0; i < month.length && left > 0; i++) {
        if (rand() * (month.length - i) < left) {
          train.push(month[i]!);
          left--;
        }
      }
    }
    trainMonths.push(months[m]!);
    m++;
  }
  if (train.length < rows) throw new Error(`only ${train.length} labelled rows before the last labelled month`);
  return { train, trainMonths, test: byMonth.get(months[m]!)!, testMonth: months[m]! };
}

function writeCsv(file: string, names: string[], x: Float32Array, y: Uint8Array, rows: number): void {
  const d = names.length;
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, [...names, 'label'].join(',') + '\n');
    let buf: string[] = [];
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      // A float32 printed as its shortest double repr parses back to exactly the same value in Python.
      for (let j = 0; j < d; j++) cells.push(Number.isNaN(x[r * d + j]!) ? '' : String(x[r * d + j]));
      cells.push(String(y[r]));
      buf.push(cells.join(','));
      if (buf.length === 5000) {
        fs.writeSync(fd, buf.join('\n') + '\n');
        buf = [];
      }
    }
    if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export async function benchTraining(opts: { rows?: number; rounds?: number; repeats?: number; keep?: boolean } = {}): Promise<TrainingBench> {
  const rows = opts.rows ?? 100_000;
  const rounds = opts.rounds ?? 200;
  const repeats = opts.repeats ?? 1;
  const world = generateWorld({ seed: 42 });
  const { train, trainMonths, test, testMonth } = timeSplit([...world.snapshots()], rows);
  const ytr = Uint8Array.from(train, (r) => (r.churned ? 1 : 0));
  const yte = Uint8Array.from(test, (r) => (r.churned ? 1 : 0));
  const spec = fitCategoryOrder(contractEncoding(), train as unknown as Record<string, unknown>[], ytr);
  const xtr = encodeRows(spec, train as unknown as Record<string, unknown>[]);
  const xte = encodeRows(spec, test as unknown as Record<string, unknown>[]);
  const names = spec.features.map((f) => f.name);
  const d = names.length;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt-bench-'));
  try {
    const trainCsv = path.join(dir, 'train.csv');
    const testCsv = path.join(dir, 'test.csv');
    writeCsv(trainCsv, names, xtr, ytr, train.length);
    writeCsv(testCsv, names, xte, yte, test.length);
    const skParams = { learning_rate: 0.1, max_iter: rounds, max_leaf_nodes: 31, min_samples_leaf: 20, l2_regularization: 0, max_bins: 255 };
    const params = { learningRate: 0.1, maxIter: rounds, maxLeafNodes: 31, maxDepth: null, minSamplesLeaf: 20, l2: 0, maxBins: 255, earlyStopping: null, seed: 0 };

    const sklearnSeconds: number[] = [];
    const sklearn1Seconds: number[] = [];
    const oursSeconds: number[] = [];
    let sk: { fit_seconds: number; test_auc: number; n_iter: number; omp_threads: number; omp_threads_source: string; sklearn: string } | undefined;
    let oursAuc = NaN;
    let model: TreeEnsemble | undefined;
    const sklearn = async (env: NodeJS.ProcessEnv) => {
      const { stdout } = await run(PYTHON, [SCRIPT, trainCsv, testCsv, JSON.stringify(skParams)], { maxBuffer: 1 << 20, env });
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as NonNullable<typeof sk>;
    };
    // Interleave the runs so that a burst of load from other processes on the shared cores hits all of them alike.
    for (let k = 0; k < repeats; k++) {
      sk = await sklearn(process.env);
      sklearnSeconds.push(sk.fit_seconds);
      sklearn1Seconds.push((await sklearn({ ...process.env, OMP_NUM_THREADS: '1' })).fit_seconds);

      const t0 = performance.now();
      const res = trainGbt({ x: xtr, y: ytr, rows: train.length, nFeatures: d, params });
      oursSeconds.push((performance.now() - t0) / 1000);
      oursAuc = auc(predictProba(res.model, xte, test.length), yte);
      model = res.model;
    }
    return {
      rows: train.length,
      testRows: test.length,
      features: d,
      rounds,
      trainMonths,
      testMonth,
      sklearnSeconds,
      sklearn1Seconds,
      oursSeconds,
      ratio: median(oursSeconds) / median(sklearnSeconds),
      sklearnAuc: sk!.test_auc,
      oursAuc,
      aucDiff: oursAuc - sk!.test_auc,
      sklearnIter: sk!.n_iter,
      ompThreads: sk!.omp_threads,
      ompThreadsSource: sk!.omp_threads_source,
      sklearnVersion: sk!.sklearn,
      ...(opts.keep ? { kept: { model: model!, xTest: xte, yTest: yte, trainCsv, testCsv, dir, skParams } } : {}),
    };
  } finally {
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printTable(b: TrainingBench): void {
  const s = (xs: number[]) => (xs.length > 1 ? `${median(xs).toFixed(2)} (runs: ${xs.map((v) => v.toFixed(2)).join(', ')})` : xs[0]!.toFixed(2));
  console.log(`train: ${b.trainMonths[0]}..${b.trainMonths.at(-1)} (${b.rows} rows), test: ${b.testMonth} (${b.testRows} rows)`);
  console.log('| Quantity | Value | Goal |');
  console.log('|---|---|---|');
  console.log(`| rows × features | ${b.rows} × ${b.features} | |`);
  console.log(`| rounds (sklearn n_iter_) | ${b.rounds} (${b.sklearnIter}) | |`);
  console.log(`| sklearn ${b.sklearnVersion} fit, s (OMP threads: ${b.ompThreads}, via ${b.ompThreadsSource}) | ${s(b.sklearnSeconds)} | |`);
  console.log(`| ours trainGbt, s (1 thread) | ${s(b.oursSeconds)} | |`);
  console.log(`| ratio ours / sklearn | ${b.ratio.toFixed(2)} | ≤ 2 |`);
  console.log(`| reference: sklearn fit with OMP_NUM_THREADS=1, s; ours / it | ${s(b.sklearn1Seconds)}; ${(median(b.oursSeconds) / median(b.sklearn1Seconds)).toFixed(2)} | |`);
  console.log(`| sklearn test AUC | ${b.sklearnAuc.toFixed(4)} | |`);
  console.log(`| ours test AUC | ${b.oursAuc.toFixed(4)} | |`);
  console.log(`| Δ AUC (ours − sklearn) | ${b.aucDiff >= 0 ? '+' : ''}${b.aucDiff.toFixed(4)} | ≤ 0.005 in absolute value |`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  benchTraining({ rows: arg('rows'), rounds: arg('rounds'), repeats: arg('repeats') }).then(printTable, (e) => {
    console.error(e);
    process.exit(1);
  });
}
