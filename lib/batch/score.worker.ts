// Worker-thread entry for batch scoring: builds the model once from the bytes the job sends (never opening the
// database: with PGlite only the main thread may), then scores chunk after chunk in order.
import { parentPort } from 'node:worker_threads';
import { buildScoringModel } from '@/lib/serving/model-bundle';
import { scoreChunk, type ChunkContext } from './score-chunk';
import type { WorkerRequest, WorkerResponse } from './score-protocol';

let ctx: ChunkContext | null = null;
const port = parentPort!;
const reply = (m: WorkerResponse) => port.postMessage(m);

// Messages are handled one after another (a promise chain), so chunks finish in the order they were sent.
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      if (m.type === 'init') {
        const model = await buildScoringModel(m.bundle);
        ctx = { model, features: m.bundle.manifest.features, columns: m.columns, policy: m.policy };
        reply({ type: 'ready', id: m.id });
      } else if (m.type === 'close') {
        // Sessions are released here, in order after every chunk: terminating a thread while onnxruntime runs
        // aborts the whole process ("terminate called after throwing an instance of 'Napi::Error'").
        await Promise.all([ctx?.model.scorer.release(), ctx?.model.explainer?.release()]);
        ctx = null;
        reply({ type: 'closed', id: m.id });
      } else {
        if (!ctx) throw new Error('the scoring worker got a chunk before its model');
        reply({ type: 'chunk', id: m.id, result: await scoreChunk(ctx, m.bytes, m.startLine) });
      }
    } catch (e) {
      reply({ type: 'error', id: m.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
});
