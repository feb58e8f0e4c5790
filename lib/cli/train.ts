// `npm run train`: trains the churn-model sweep on worker threads, logs it to the tracking store of the configured
// database (DATABASE_URL, or the embedded one), registers the best version, points `champion` at it, and writes the
// model files (models/ by default — with the default seed that reproduces the shipped model byte for byte).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openConfiguredDb, setDbHandle } from '@/db/client';
import { createApiKey, revokeKey } from '@/lib/auth/admin';
import { writeModelFiles, SHIPPED_MODEL_DIR } from '@/lib/ml/pipeline/model-files';
import { spawnTsxWorker } from '@/lib/ml/pipeline/spawn-tsx-worker';
import { DEFAULT_SEED } from '@/lib/ml/pipeline/sweep';
import { trainAndRegister, type ProgressEvent } from '@/lib/ml/pipeline/train';
import { mlflowClient } from '@/lib/tracking/client';
import { inProcessTransport } from '@/lib/tracking/in-process';
import { CliError, runCli } from './common';

const HELP = `Usage: npm run train -- [--seed N] [--alias champion|challenger|none] [--out DIR] [--no-write]

Trains the StreamFlow churn sweep (gradient-boosted trees + a logistic baseline), logs it to the tracking store,
registers the best tree ensemble as a new version of "streamflow-churn" and moves the alias to it.
  --seed N        training seed (default ${DEFAULT_SEED}; the shipped model is seed ${DEFAULT_SEED})
  --alias A       alias for the new version (default champion; "none" registers without an alias)
  --out DIR       where to write model.onnx and its manifest (default ${SHIPPED_MODEL_DIR}/)
  --no-write      do not write model files`;

function progressPrinter() {
  const tty = process.stdout.isTTY;
  const last = new Map<string, number>();
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
  return (e: ProgressEvent) => {
    if (e.type === 'data') {
      const d = e.dataset;
      console.log(`Data: train ${d.split.train.join('..')} (${d.train.rows.toLocaleString('en-US')} rows), validation ${d.split.valid} (${d.valid.rows.toLocaleString('en-US')}), test ${d.split.test} (${d.test.rows.toLocaleString('en-US')}); ${d.spec.features.length} features.`);
    } else if (e.type === 'round') {
      // One line per candidate every 25 rounds (a TTY gets every round on a single rewritten line).
      if (tty) process.stdout.write(`\r${secs()} s  ${e.name.padEnd(28)} round ${String(e.info.round).padStart(4)}/${e.maxIter}  val AUC ${e.info.validAuc?.toFixed(4) ?? '-'}   `);
      else if (e.info.round - (last.get(e.name) ?? 0) >= 25) {
        last.set(e.name, e.info.round);
        console.log(`${secs()} s  ${e.name.padEnd(28)} round ${String(e.info.round).padStart(4)}/${e.maxIter}  val loss ${e.info.validLoss?.toFixed(5) ?? '-'}  val AUC ${e.info.validAuc?.toFixed(4) ?? '-'}`);
      }
    } else if (e.type === 'candidate') {
      const r = e.result;
      if (tty) process.stdout.write('\r' + ' '.repeat(100) + '\r');
      console.log(`${secs()} s  done ${r.name.padEnd(28)} ${r.kind === 'gbt' ? `${r.bestRound} trees (${r.rounds} rounds)` : 'IRLS'} in ${r.seconds.toFixed(1)} s`);
    } else {
      console.log(`Registered streamflow-churn version ${e.version}${e.alias ? ` as @${e.alias}` : ''}.`);
    }
  };
}

runCli(async () => {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, alias: { type: 'string' }, out: { type: 'string' }, 'no-write': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(HELP);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new CliError(`--seed must be an integer, got "${values.seed}"`);
  const alias = values.alias ?? 'champion';
  if (!['champion', 'challenger', 'none'].includes(alias)) throw new CliError(`--alias must be champion, challenger or none, got "${alias}"`);

  const handle = await openConfiguredDb();
  setDbHandle(handle);
  const actor = { type: 'system' as const, id: null, label: 'npm run train' };
  const key = await createApiKey(handle.db, actor, { name: 'npm run train (revoked after use)', scopes: ['tracking'] });
  try {
    const client = mlflowClient({ baseUrl: 'http://in-process', token: key.key, transport: inProcessTransport() });
    const out = await trainAndRegister({ client, seed, alias: alias === 'none' ? null : (alias as 'champion' | 'challenger'), onProgress: progressPrinter(), spawn: spawnTsxWorker });
    const ev = out.pkg.evaluation;
    console.log(`Best: ${out.best.name} — validation AUC ${ev.splits.valid.auc.toFixed(4)}, test AUC ${ev.splits.test.auc.toFixed(4)}, test ECE ${ev.splits.test.ece.toFixed(4)} (uncalibrated ${ev.uncalibrated.test.ece.toFixed(4)}), threshold ${ev.threshold}.`);
    if (out.baselineTestAuc !== null) console.log(`Logistic baseline test AUC ${out.baselineTestAuc.toFixed(4)} (the trees add ${(ev.splits.test.auc - out.baselineTestAuc).toFixed(4)}).`);
    console.log(`Parent run ${out.parentRunId}; best run ${out.pkg.manifest.training?.run_id}.`);
    if (!values['no-write']) {
      const dir = path.resolve(values.out ?? SHIPPED_MODEL_DIR);
      writeModelFiles(dir, out.pkg);
      console.log(`Wrote ${dir}/model.onnx (${(out.pkg.onnx.length / 1024).toFixed(0)} KB) and its manifest.`);
    }
  } finally {
    await revokeKey(handle.db, actor, key.id);
    await handle.close();
  }
});
