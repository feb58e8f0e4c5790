// `npm run bench:retrain [-- --customers 20000 --months 6]`: one real retraining with the champion's full settings
// (the shipped gbt-lr0.1-depth4: up to 400 rounds, early stopping) on a labelled prediction log of `months` labelled
// months of about `customers` rows each, on worker threads as in production. Prints where the time goes and the
// longest stall of this process's event loop (what web requests would wait for on PGlite). PGlite by default;
// PostgreSQL with TEST_DATABASE_URL (both with TEST_BOTH_DRIVERS=1).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setDbHandle } from '@/db/client';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers, type Driver } from '@/db/test-utils';
import { spawnTsxWorker } from '@/lib/ml/pipeline/spawn-tsx-worker';
import { runRetraining, type RetrainingData } from '@/lib/monitoring/retrain';
import type { RetrainComparison } from '@/lib/monitoring/retrain-compare';
import { seedLabelledLog } from '@/lib/monitoring/retrain-testing';
import { startManualRetraining } from '@/lib/monitoring/retrain-trigger';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
// The registered versions' files go to a scratch folder, never into the working copy's .data (like the tests).
const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-bench-retrain-'));
process.env.ARTIFACT_ROOT = artifacts;
const customers = arg('customers', 20_000);
const months = arg('months', 6);

async function once(driver: Driver) {
  const h = await openTestDb(driver);
  try {
    setDbHandle(h);
    await seedShippedModel(h);
    let t = performance.now();
    const log = await seedLabelledLog(h.db, { world: { seed: 42, activeCustomers: customers, months: months + 1, startMonth: '2026-01' }, duplicatesPerMonth: 0 });
    const seedS = (performance.now() - t) / 1000;
    const started = await startManualRetraining({ db: h.db, reason: 'bench:retrain', requestedBy: null, enqueue: async () => {} });
    if (!started.started) throw new Error(started.message);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    t = performance.now();
    const run = await runRetraining({ db: h.db, runRowId: started.run.id, spawn: spawnTsxWorker });
    const total = (performance.now() - t) / 1000;
    clearInterval(sampler);
    loop.disable();
    if (run?.status !== 'succeeded') throw new Error(`retraining ${run?.status}: ${run?.error}`);
    const d = run.data as RetrainingData;
    const c = run.comparison as unknown as RetrainComparison;
    return {
      driver,
      labelled: [...log.rows.values()].reduce((a, b) => a + b, 0),
      seedS,
      total,
      ...d.seconds!,
      trees: d.trees!,
      rows: d.rows!,
      maxStallMs: loop.max / 1e6,
      p99StallMs: loop.percentile(99) / 1e6,
      peakRssMb: peak / 2 ** 20,
      aucChampion: c.champion.auc,
      aucChallenger: c.challenger.auc,
    };
  } finally {
    setDbHandle(undefined);
    await h.close();
  }
}

const results = [];
try {
  for (const driver of testDrivers()) results.push(await once(driver));
} finally {
  fs.rmSync(artifacts, { recursive: true, force: true });
}
console.log(`Retraining with the champion's full settings: ${months} labelled months of ~${customers.toLocaleString('en-US')} customers.`);
console.table(
  results.map((r) => ({
    driver: r.driver,
    'labelled rows': r.labelled,
    'train/valid/test rows': `${r.rows.train}/${r.rows.valid}/${r.rows.test}`,
    'read data s': r.read,
    'train+log+register s': r.train,
    'compare s': r.compare,
    'total s': r.total.toFixed(1),
    trees: r.trees,
    'max event-loop stall ms': r.maxStallMs.toFixed(0),
    'p99 stall ms': r.p99StallMs.toFixed(0),
    'peak RSS MB': r.peakRssMb.toFixed(0),
    'AUC champion / challenger': `${r.aucChampion?.toFixed(4)} / ${r.aucChallenger?.toFixed(4)}`,
    '(seeding the log s)': r.seedS.toFixed(1),
  })),
);
