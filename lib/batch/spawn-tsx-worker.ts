// For vitest and tsx scripts, where the bundler is absent: a worker that registers tsx, then loads the TypeScript
// entry. Kept out of score-worker.ts on purpose: a route that imported this `new URL(...)` would make Next bundle
// tsx itself (and fail the build).
import { Worker } from 'node:worker_threads';

export const spawnTsxScoreWorker = () => new Worker(new URL('./score-worker-tsx.mjs', import.meta.url));
