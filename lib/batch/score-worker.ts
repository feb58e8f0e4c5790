// The main thread's handle on a batch job's scoring thread: one long-lived worker per running job, requests
// answered in order, a crash or exit rejecting everything still pending (so a job fails instead of hanging).
import { Worker } from 'node:worker_threads';
import type { ModelBundle } from '@/lib/serving/model-bundle';
import type { DecisionPolicy } from '@/lib/serving/policy';
import type { ChunkResult } from './score-chunk';
import type { WorkerRequest, WorkerResponse } from './score-protocol';

/** The TypeScript entry, bundled by Next (recipe (a) of the stack notes). */
export const spawnScoreWorker = () => new Worker(new URL('./score.worker.ts', import.meta.url));

// Omit over each member of the union (a plain Omit would merge them).
type Outgoing = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
type Pending = { resolve: (m: WorkerResponse) => void; reject: (e: Error) => void };

export class ScoreWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: WorkerResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(`scoring worker: ${m.message}`));
      else p.resolve(m);
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the scoring worker exited (code ${code})`)));
  }

  private request(msg: Outgoing, transfer: ArrayBuffer[] = []): Promise<WorkerResponse> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  async init(bundle: ModelBundle, columns: string[], policy: DecisionPolicy): Promise<void> {
    await this.request({ type: 'init', bundle, columns, policy });
  }

  /** Scores a chunk; its bytes are moved to the worker (the caller must not reuse them). */
  async score(bytes: Uint8Array, startLine: number): Promise<ChunkResult> {
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    const m = await this.request({ type: 'chunk', bytes: own, startLine }, [own.buffer as ArrayBuffer]);
    return (m as Extract<WorkerResponse, { type: 'chunk' }>).result;
  }

  /**
   * Waits for every chunk already sent, releases the model, then ends the thread. Never terminate a thread that
   * is scoring: onnxruntime aborts the whole process when its thread is torn down mid-run.
   */
  async close(): Promise<void> {
    if (!this.failure) await this.request({ type: 'close' }).catch(() => {});
    await this.worker.terminate();
  }
}
