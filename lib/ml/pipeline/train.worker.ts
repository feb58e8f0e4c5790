// Worker-thread entry: trains one candidate per message and streams its rounds back, so the request thread (or the
// CLI's progress display) never blocks on CPU work.
import { parentPort } from 'node:worker_threads';
import { trainCandidate, type CandidateTask } from './candidate';

parentPort!.on('message', (task: CandidateTask) => {
  try {
    const result = trainCandidate(task, (info) => parentPort!.postMessage({ type: 'round', id: task.id, info }));
    parentPort!.postMessage({ type: 'done', id: task.id, result });
  } catch (e) {
    parentPort!.postMessage({ type: 'error', id: task.id, message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
