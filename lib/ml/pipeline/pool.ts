// Runs sweep candidates on a small pool of worker threads (one per core by default). `inline` runs them on the
// calling thread instead — for tests, where the test runner's module loader is not available inside workers.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RoundInfo } from '@/lib/ml/gbt';
import { trainCandidate, type CandidateResult, type CandidateTask } from './candidate';

export interface PoolOptions {
  concurrency?: number;
  inline?: boolean;
  onRound?: (id: string, info: RoundInfo) => void;
  onDone?: (result: CandidateResult) => void;
  /** How to start a worker: by default the TypeScript entry (bundled by Next); the CLI passes a tsx bootstrap (spawn-tsx-worker.ts). */
  spawn?: () => Worker;
}

export const spawnTsWorker = () => new Worker(new URL('./train.worker.ts', import.meta.url));

type Message = { type: 'round'; id: string; info: RoundInfo } | { type: 'done'; id: string; result: CandidateResult } | { type: 'error'; id: string; message: string };

export async function runCandidates(tasks: CandidateTask[], opts: PoolOptions = {}): Promise<CandidateResult[]> {
  const results = new Map<string, CandidateResult>();
  if (opts.inline) {
    for (const t of tasks) {
      const r = trainCandidate(t, (info) => opts.onRound?.(t.id, info));
      results.set(t.id, r);
      opts.onDone?.(r);
    }
    return tasks.map((t) => results.get(t.id)!);
  }
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? os.availableParallelism(), tasks.length));
  const queue = [...tasks];
  const workers = Array.from({ length: concurrency }, opts.spawn ?? spawnTsWorker);
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const task = queue.shift();
              if (!task) return resolve();
              w.postMessage(task);
            };
            w.on('message', (m: Message) => {
              if (m.type === 'round') opts.onRound?.(m.id, m.info);
              else if (m.type === 'error') reject(new Error(`training ${m.id} failed: ${m.message}`));
              else {
                results.set(m.id, m.result);
                opts.onDone?.(m.result);
                next();
              }
            });
            w.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return tasks.map((t) => results.get(t.id)!);
}
