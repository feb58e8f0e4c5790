// For the command line, vitest and tsx scripts, where the bundler is absent: a training worker that registers tsx,
// then loads the TypeScript entry. Kept out of pool.ts on purpose: the retraining job reaches pool.ts from the web
// server (the job queue), and a `new URL(...)` to this bootstrap there would make Next bundle tsx itself.
import { Worker } from 'node:worker_threads';

export const spawnTsxWorker = () => new Worker(new URL('./train-worker-tsx.mjs', import.meta.url));
