// Messages between a batch job (main thread) and its scoring worker thread.
import type { ModelBundle } from '@/lib/serving/model-bundle';
import type { DecisionPolicy } from '@/lib/serving/policy';
import type { ChunkResult } from './score-chunk';

export type WorkerRequest =
  | { type: 'init'; id: number; bundle: ModelBundle; columns: string[]; policy: DecisionPolicy }
  | { type: 'chunk'; id: number; bytes: Uint8Array; startLine: number }
  | { type: 'close'; id: number };

export type WorkerResponse = { type: 'ready'; id: number } | { type: 'closed'; id: number } | { type: 'chunk'; id: number; result: ChunkResult } | { type: 'error'; id: number; message: string };
