// Runs one batch job to the end: the main thread reads the upload chunk by chunk and owns every file and database
// write; one long-lived worker thread builds the model from the version's bytes and does all parsing, scoring and
// explaining, one chunk ahead of the writes. After each chunk the result/error lines are written and synced, then
// the chunk's prediction-log rows and the job's progress + checkpoint commit in ONE transaction. A re-run (crash,
// retry) truncates the files back to the checkpoint and continues from its byte offset, so no row is logged twice
// or skipped, and the result file is byte-identical to an uninterrupted run's.
import { open, type FileHandle } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import type { Db } from '@/db/client';
import type { LogRow } from '@/db/prediction-log';
import { claimBatchJob, commitBatchChunk, findBatchJob, finishBatchJob, type BatchCheckpoint } from '@/db/queries/batch-jobs';
import type { BatchJob } from '@/db/serving-schema';
import { csvLine } from '@/lib/data/csv';
import { servingPolicy } from '@/lib/serving/live-policy';
import { readModelBundle } from '@/lib/serving/served-model';
import { readChunks, type Chunk } from './chunk-reader';
import { parseHeader } from './csv-records';
import { batchJobFile, ERRORS_FILE, INPUT_FILE, RESULT_FILE } from './files';
import { ERROR_COLUMNS, RESULT_COLUMNS, type ChunkResult } from './score-chunk';
import { ScoreWorker, spawnScoreWorker } from './score-worker';

export const DEFAULT_CHUNK_ROWS = 5000;

export interface RunOptions {
  /** How to start the scoring thread (tests and tsx scripts pass spawnTsxScoreWorker). */
  spawn?: () => Worker;
  /** Rows per chunk for a job's first run (a resumed job keeps the size in its checkpoint). */
  chunkRows?: number;
  /** Test hook, called after chunk `index` is written to the files and again after it commits; a throw acts as a crash. */
  hook?: (stage: 'written' | 'committed', index: number) => void | Promise<void>;
  /** pg-boss aborts it when this process no longer holds the job. */
  signal?: AbortSignal;
}

async function readHeader(input: FileHandle): Promise<{ columns: string[]; offset: number; line: number }> {
  const first = await readChunks(input, { offset: 0, line: 1 }, 1).next();
  if (first.done) throw new Error('the uploaded file has no header');
  const c = first.value;
  return { columns: parseHeader(c.bytes.toString('utf8').replace(/\r?\n$/, '')), offset: c.endOffset, line: c.endLine };
}

async function writeAt(fh: FileHandle, text: string, position: number): Promise<number> {
  if (!text) return 0;
  const b = Buffer.from(text, 'utf8');
  await fh.write(b, 0, b.length, position);
  return b.length;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 500);
}

/** Runs (or resumes) the job; returns its row as left. Failures are recorded on the job, not thrown. */
export async function runBatchJob(db: Db, id: string, opts: RunOptions = {}): Promise<BatchJob | undefined> {
  const job = await claimBatchJob({ db, id });
  if (!job) return findBatchJob({ db, id });
  const attempt = job.attempts;
  let worker: ScoreWorker | null = null;
  const files: FileHandle[] = [];
  const openFile = async (p: string, flags: string) => {
    const fh = await open(p, flags);
    files.push(fh);
    return fh;
  };
  try {
    const version = job.modelVersion;
    if (version === null) throw new Error('the job names no model version');
    const bundle = await readModelBundle(db, job.modelName, version);
    const input = await openFile(batchJobFile(id, INPUT_FILE), 'r');
    const header = await readHeader(input);
    let ck = job.checkpoint as BatchCheckpoint | null;
    let result: FileHandle;
    let errors: FileHandle;
    if (!ck) {
      result = await openFile(batchJobFile(id, RESULT_FILE), 'w');
      errors = await openFile(batchJobFile(id, ERRORS_FILE), 'w');
      const resultBytes = await writeAt(result, csvLine(RESULT_COLUMNS), 0);
      const errorsBytes = await writeAt(errors, csvLine(ERROR_COLUMNS), 0);
      ck = { inputOffset: header.offset, line: header.line, resultBytes, errorsBytes, chunkRows: opts.chunkRows ?? DEFAULT_CHUNK_ROWS, rowsPerSecond: 0 };
    } else {
      result = await openFile(batchJobFile(id, RESULT_FILE), 'r+');
      errors = await openFile(batchJobFile(id, ERRORS_FILE), 'r+');
      await result.truncate(ck.resultBytes);
      await errors.truncate(ck.errorsBytes);
    }
    let rowsDone = job.checkpoint ? job.rowsDone : 0;
    let invalidRows = job.checkpoint ? job.invalidRows : 0;

    worker = new ScoreWorker((opts.spawn ?? spawnScoreWorker)());
    // The version's decision policy, with its fairness threshold policy when one is active (rows with the attribute).
    const policy = await servingPolicy(db, { name: job.modelName, version, manifest: bundle.manifest });
    await worker.init(bundle, header.columns, policy);
    const scoring = worker;
    const submit = (c: Chunk) => {
      const p = scoring.score(c.bytes, c.startLine);
      p.catch(() => {}); // awaited below; this only keeps a rejection while it waits from counting as unhandled
      return { chunk: c, result: p };
    };

    const t0 = performance.now();
    let attemptRows = 0;
    const chunks = readChunks(input, { offset: ck.inputOffset, line: ck.line }, ck.chunkRows);
    let next = await chunks.next();
    let inFlight: { chunk: Chunk; result: Promise<ChunkResult> } | null = next.done ? null : submit(next.value);
    for (let index = 0; inFlight; index++) {
      // The worker scores the next chunk while this one is written.
      next = await chunks.next();
      const following = next.done ? null : submit(next.value);
      const { chunk } = inFlight;
      const r = await inFlight.result;
      if (opts.signal?.aborted) return findBatchJob({ db, id });
      const resultBytes = ck.resultBytes + (await writeAt(result, r.resultCsv, ck.resultBytes));
      const errorsBytes = ck.errorsBytes + (await writeAt(errors, r.errorsCsv, ck.errorsBytes));
      await Promise.all([result.datasync(), errors.datasync()]);
      await opts.hook?.('written', index);
      rowsDone += r.rows;
      invalidRows += r.invalidRows;
      attemptRows += r.rows;
      const nextCk: BatchCheckpoint = {
        inputOffset: chunk.endOffset,
        line: chunk.endLine,
        resultBytes,
        errorsBytes,
        chunkRows: ck.chunkRows,
        rowsPerSecond: attemptRows / Math.max(1e-3, (performance.now() - t0) / 1000),
      };
      const latencyMs = r.rows ? r.ms / r.rows : 0;
      const logRows: LogRow[] = r.scored.map((s) => ({
        requestId: id,
        rowIndex: s.line,
        source: 'batch',
        modelName: job.modelName,
        modelVersion: version,
        customerId: s.customerId,
        features: s.features,
        churnProbability: s.p,
        riskBand: s.band,
        contact: s.contact,
        threshold: s.threshold,
        latencyMs,
        caller: job.createdBy,
      }));
      // Not ours any more (cancelled, or a newer attempt took over): stop without writing anything else.
      if (!(await commitBatchChunk({ db, id, attempt, rowsDone, invalidRows, checkpoint: nextCk, logRows }))) return findBatchJob({ db, id });
      ck = nextCk;
      await opts.hook?.('committed', index);
      inFlight = following;
    }
    await result.truncate(ck.resultBytes);
    return (await finishBatchJob({ db, id, attempt, status: 'succeeded', totalRows: rowsDone })) ?? findBatchJob({ db, id });
  } catch (e) {
    console.error(`[batch] job ${id} attempt ${attempt} failed:`, firstLine(e));
    const failed = await finishBatchJob({ db, id, attempt, status: 'failed', error: firstLine(e) }).catch(() => undefined);
    if (!failed) throw e; // the database itself is failing: let the queue retry the job
    return failed;
  } finally {
    await worker?.close();
    await Promise.all(files.map((f) => f.close().catch(() => {})));
  }
}
