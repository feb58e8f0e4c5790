// `npm run bench:model`: the churn model against scikit-learn on the same StreamFlow data, in one run.
// 1. Training: HistGradientBoostingClassifier vs our trainer at matching settings (lib/bench/model-train.ts).
// 2. Inference: the trained model exported to ONNX and run by onnxruntime-node (one thread, as served) at batch
//    1 / 100 / 10,000 rows, against scikit-learn's predict_proba on the same settings' model.
// 3. TreeSHAP rows/s on that model and on the shipped champion, against onnxruntime's batched scoring of the same.
// Needs Debian's python3-sklearn (`apt-get install -y python3-sklearn`), run with /usr/bin/python3.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-node';
import { shapMatrix } from '@/lib/ml/explain/tree-shap';
import { exportTreeEnsembleOnnx } from '@/lib/ml/onnx/export';
import { createSession } from '@/lib/ml/onnx/load';
import { extractTreeEnsemble, parseOnnxModel } from '@/lib/ml/onnx/parse';
import { readModelFiles, SHIPPED_MODEL_DIR } from '@/lib/ml/pipeline/model-files';
import type { TreeEnsemble } from '@/lib/ml/tree-ensemble';
import { benchTraining, printTable } from './model-train';

const run = promisify(execFile);
const BATCHES = [1, 100, 10_000] as const;

/** Rows per second of onnxruntime-node `run` over consecutive batches for ~budget ms, after a warm-up call. */
async function ortRate(session: ort.InferenceSession, x: Float32Array, rows: number, d: number, batch: number, budgetMs = 2000): Promise<number> {
  const feed = (lo: number) => ({ X: new ort.Tensor('float32', x.subarray(lo * d, (lo + batch) * d), [batch, d]) });
  await session.run(feed(0));
  let done = 0;
  let i = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budgetMs) {
    const lo = (i++ * batch) % Math.max(1, rows - batch);
    await session.run(feed(lo));
    done += batch;
  }
  return done / ((performance.now() - t0) / 1000);
}

function shapRate(model: TreeEnsemble, x: Float32Array, rows: number): number {
  shapMatrix(model, x, Math.min(50, rows)); // warm-up (JIT, per-model preparation)
  const t0 = performance.now();
  shapMatrix(model, x, rows);
  return rows / ((performance.now() - t0) / 1000);
}

const fmt = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : v.toFixed(0));
const treeShape = (m: TreeEnsemble) => `${m.trees.length} trees, ≤ ${Math.max(...m.trees.map((t) => t.feature.filter((f) => f < 0).length))} leaves`;

async function main() {
  console.log('Training: scikit-learn HistGradientBoostingClassifier vs lib/ml/gbt (same rows, same settings)…');
  const b = await benchTraining({ keep: true, repeats: Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 1 });
  const k = b.kept!;
  try {
    printTable(b);
    const d = b.features;
    const rows = b.testRows;

    console.log('\nInference: onnxruntime-node (1 thread, as served) vs scikit-learn predict_proba, same data, same settings');
    const session = await createSession(exportTreeEnsembleOnnx(k.model));
    const ours: number[] = [];
    for (const batch of BATCHES) ours.push(await ortRate(session, k.xTest, rows, d, batch));
    const { stdout } = await run('/usr/bin/python3', ['lib/bench/sklearn_predict.py', k.trainCsv, k.testCsv, JSON.stringify(k.skParams)], { maxBuffer: 1 << 20 });
    const sk = JSON.parse(stdout.trim().split('\n').at(-1)!) as { rows_per_second: Record<string, number> };
    console.log(`model: ${treeShape(k.model)}`);
    console.log('| batch | onnxruntime-node rows/s | sklearn predict_proba rows/s (reference) | ratio |');
    console.log('|---|---|---|---|');
    BATCHES.forEach((batch, i) => {
      const ref = sk.rows_per_second[String(batch)]!;
      console.log(`| ${batch} | ${fmt(ours[i]!)} | ${fmt(ref)} | ${(ours[i]! / ref).toFixed(1)}× |`);
    });
    await session.release();

    console.log('\nTreeSHAP (exact, path-dependent; one thread) vs onnxruntime scoring of the same model at batch 10,000');
    console.log('| model | TreeSHAP rows/s | scoring rows/s (reference) | explain cost / score cost |');
    console.log('|---|---|---|---|');
    const shapRows = Math.min(rows, 4000);
    const benchRate = shapRate(k.model, k.xTest, shapRows);
    console.log(`| benchmark model (${treeShape(k.model)}) | ${fmt(benchRate)} | ${fmt(ours[2]!)} | ${(ours[2]! / benchRate).toFixed(0)}× |`);
    if (fs.existsSync(`${SHIPPED_MODEL_DIR}/model.onnx`)) {
      const shipped = readModelFiles(SHIPPED_MODEL_DIR);
      const ens = extractTreeEnsemble(parseOnnxModel(shipped.onnx))!.ensemble;
      const withCovers = { ...ens, trees: ens.trees.map((t, i) => ({ ...t, cover: Float64Array.from(shipped.covers.trees[i]!) })) };
      const s2 = await createSession(shipped.onnx);
      const scoring = await ortRate(s2, k.xTest, rows, d, 10_000);
      await s2.release();
      // The shipped model's encoding (category codes) was fitted on its own split; the rows only need to be realistic.
      const shippedRate = shapRate(withCovers, k.xTest, shapRows);
      console.log(`| shipped champion (${treeShape(withCovers)}) | ${fmt(shippedRate)} | ${fmt(scoring)} | ${(scoring / shippedRate).toFixed(0)}× |`);
    }
  } finally {
    fs.rmSync(k.dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
