// Batch-scoring throughput: `tsx --conditions=react-server lib/batch/measure-cli.ts [rows] [pglite|postgres] [chunk rows]`.
// Uploads a generated CSV (with a few broken rows) to a fresh database holding the shipped model, runs the job the
// way the queue does (scoring in a worker thread, the log + checkpoint per chunk on the main thread), and prints
// rows/s, where the time went, and how long the main thread's event loop was ever blocked (a server's latency floor).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import postgres from 'postgres';
import { openPglite, openPostgres, setDbHandle, type DbHandle } from '@/db/client';
import { seedShippedModel } from '@/db/seed-model';

const rows = Number(process.argv[2] ?? 20_000);
const driver = process.argv[3] === 'postgres' ? 'postgres' : 'pglite';
const chunkRows = Number(process.argv[4] ?? 5000);
// Before lib/env is read: the job's files go to a scratch folder, never the working copy's .data.
process.env.ARTIFACT_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-batch-measure-'));

async function open(): Promise<{ h: DbHandle; drop: () => Promise<void> }> {
  if (driver === 'pglite') return { h: await openPglite('memory://'), drop: async () => {} };
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sf_batch_measure_${process.pid}`;
  const a = postgres(admin, { max: 1, onnotice: () => {} });
  await a.unsafe(`create database ${name}`);
  await a.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    h: await openPostgres(url.toString()),
    drop: async () => {
      const b = postgres(admin, { max: 1, onnotice: () => {} });
      await b.unsafe(`drop database if exists ${name} with (force)`);
      await b.end();
    },
  };
}

async function main() {
  const { batchCsv } = await import('./testing');
  const { createBatchJob } = await import('./service');
  const { runBatchJob } = await import('./runner');
  const { spawnTsxScoreWorker } = await import('./spawn-tsx-worker');
  const { h, drop } = await open();
  try {
    setDbHandle(h);
    await seedShippedModel(h);
    const data = batchCsv(rows, { brokenEvery: 1000 });
    const t0 = performance.now();
    const req = new Request('http://measure.local/api/v1/batch-jobs', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: data.text });
    const job = await createBatchJob({ db: h.db, req, principal: null, enqueue: async () => {} });
    const uploaded = performance.now();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let firstChunk = 0;
    const done = await runBatchJob(h.db, job.id, { chunkRows, spawn: spawnTsxScoreWorker, hook: (s, i) => void (s === 'committed' && i === 0 && (firstChunk = performance.now())) });
    const finished = performance.now();
    loop.disable();
    if (done?.status !== 'succeeded') throw new Error(`job ended ${done?.status}: ${done?.error}`);
    const run = (finished - uploaded) / 1000;
    const steady = (finished - firstChunk) / 1000;
    console.log(`batch scoring, ${driver}, ${rows.toLocaleString('en-US')} rows (${(Buffer.byteLength(data.text) / 1e6).toFixed(1)} MB, ${done.invalidRows} invalid), chunks of ${chunkRows.toLocaleString('en-US')} rows`);
    console.log(`| step | seconds | rows/s |`);
    console.log(`|---|---|---|`);
    console.log(`| upload (stream to disk, count, header check) | ${((uploaded - t0) / 1000).toFixed(2)} | ${Math.round(rows / ((uploaded - t0) / 1000)).toLocaleString('en-US')} |`);
    console.log(`| job, end to end (worker start, model load, score, explain, log) | ${run.toFixed(2)} | ${Math.round(rows / run).toLocaleString('en-US')} |`);
    console.log(`| job after its first chunk (steady state) | ${steady.toFixed(2)} | ${Math.round((rows - chunkRows) / steady).toLocaleString('en-US')} |`);
    console.log(`main-thread event loop during the job: p99 delay ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`);
  } finally {
    setDbHandle(undefined);
    await h.close();
    await drop();
    fs.rmSync(process.env.ARTIFACT_ROOT!, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
