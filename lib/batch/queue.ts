// The batch-scoring queue: pg-boss on the product's own database (PGlite through fromPglite, PostgreSQL through
// DATABASE_URL), one instance per process, started lazily by the first upload or by instrumentation.ts at boot.
// pg-boss only says *which* job to run and re-runs it after a crash (heartbeat); progress and the checkpoint live in
// batch_jobs, so a re-run resumes at the last committed chunk. Job failures are recorded there too (the handler
// returns normally), so pg-boss retries are spent only on crashes; people retry failed jobs from the UI/API.
// The same instance also carries monitoring's retraining jobs (queue `monitoring-retrain`, one at a time per process):
// training runs on worker threads, and the run's progress and outcome live in retraining_runs.
import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type DrizzleTransactionLike } from 'pg-boss';
import { getDbHandle, type Db, type DbHandle } from '@/db/client';
import { failBatchJob, listUnfinishedBatchJobs } from '@/db/queries/batch-jobs';
import { finishRetrainingRun, listUnfinishedRetrainingRuns } from '@/db/queries/retraining-runs';
import { env } from '@/lib/env';
import { webhookRetrainingNotifier } from '@/lib/monitoring/jobs';
import { runRetraining, type RunRetrainingOptions } from '@/lib/monitoring/retrain';
import { runBatchJob, type RunOptions } from './runner';

export const BATCH_QUEUE = 'batch-scoring';
export const RETRAIN_QUEUE = 'monitoring-retrain';

/**
 * heartbeatSeconds 10 (pg-boss's minimum): a job whose process died is retried ~10 s after the supervisor next
 * looks (every 5 s). expireInSeconds only bounds a job that heartbeats yet never ends (a 1M-row file takes minutes).
 * The intervals are a trade between how soon work resumes and what an idle server spends polling: on PGlite every
 * poll runs in the web process (2 s polls, 5 s supervision, 30 s monitoring).
 */
export const QUEUE_OPTIONS = { heartbeatSeconds: 10, retryLimit: 5, retryDelay: 1, expireInSeconds: 6 * 3600, deleteAfterSeconds: 7 * 86400 };
const BOSS_OPTIONS = { superviseIntervalSeconds: 5, monitorIntervalSeconds: 30, schedule: false };
/**
 * A retraining takes minutes and restarts from the beginning after a crash, so few retries; the heartbeat allows for
 * the seconds the job's own thread spends packaging the model (SHAP, ONNX export) between training rounds.
 */
export const RETRAIN_QUEUE_OPTIONS = { heartbeatSeconds: 30, retryLimit: 2, retryDelay: 30, expireInSeconds: 3 * 3600, deleteAfterSeconds: 30 * 86400 };

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Enqueues a batch job inside the caller's transaction (so the row and its queue entry commit together). */
export type Enqueue = (tx: Tx, jobId: string) => Promise<void>;

export interface QueueOptions {
  /** Register this process as a worker (default true). */
  work?: boolean;
  run?: RunOptions;
  /** How this process runs retraining jobs (tsx scripts pass the tsx training worker; the webhooks pass `notify`). */
  retrain?: Omit<RunRetrainingOptions, 'db' | 'runRowId'>;
}

interface Running {
  boss: PgBoss;
  handle: DbHandle;
}

const g = globalThis as unknown as { __streamflowBatchQueue?: Promise<Running> };

async function start(opts: QueueOptions): Promise<Running> {
  const handle = await getDbHandle();
  const boss =
    handle.driver === 'pglite'
      ? new PgBoss({ db: fromPglite(handle.pglite!), backend: 'pglite', ...BOSS_OPTIONS })
      : new PgBoss({ connectionString: env().DATABASE_URL!, max: 3, ...BOSS_OPTIONS });
  boss.on('error', (e) => console.error('[batch] queue error:', e instanceof Error ? e.message : e));
  await boss.start();
  await boss.createQueue(BATCH_QUEUE, QUEUE_OPTIONS);
  await boss.updateQueue(BATCH_QUEUE, QUEUE_OPTIONS); // createQueue ignores options on an existing queue
  await boss.createQueue(RETRAIN_QUEUE, RETRAIN_QUEUE_OPTIONS);
  await boss.updateQueue(RETRAIN_QUEUE, RETRAIN_QUEUE_OPTIONS);
  if (opts.work !== false) {
    await boss.work<{ jobId: string }>(BATCH_QUEUE, { pollingIntervalSeconds: 2, localConcurrency: 1 }, async ([job]) => {
      const out = await runBatchJob(handle.db, job!.data.jobId, { ...opts.run, signal: job!.signal });
      return { status: out?.status ?? 'missing' };
    });
    // One retraining at a time per process: it already uses every core through its training threads.
    await boss.work<{ runId: string }>(RETRAIN_QUEUE, { pollingIntervalSeconds: 5, localConcurrency: 1 }, async ([job]) => {
      const out = await runRetraining({ notify: webhookRetrainingNotifier(handle.db), ...opts.retrain, db: handle.db, runRowId: job!.data.runId });
      return { status: out?.status ?? 'missing' };
    });
    await reconcile(boss, handle.db);
    await reconcileRetraining(boss, handle.db);
  }
  return { boss, handle };
}

/**
 * At start-up: a job the table calls queued or running but that has no live queue entry (the entry was lost, or
 * pg-boss spent its retries on repeated crashes) is re-enqueued if queued, and marked failed — retryable — if running.
 */
export async function reconcile(boss: PgBoss, db: Db): Promise<void> {
  for (const job of await listUnfinishedBatchJobs({ db })) {
    const entries = await boss.findJobs(BATCH_QUEUE, { key: job.id });
    if (entries.some((e) => e.state === 'created' || e.state === 'retry' || e.state === 'active')) continue;
    if (job.status === 'queued') await boss.send(BATCH_QUEUE, { jobId: job.id }, { singletonKey: job.id });
    else await failBatchJob({ db, id: job.id, error: 'The job was interrupted repeatedly and stopped; retry it to continue from where it stopped.' });
  }
}

/** The same for retraining runs: re-enqueue a queued run that lost its entry; fail a running one nobody will resume. */
export async function reconcileRetraining(boss: PgBoss, db: Db): Promise<void> {
  for (const run of await listUnfinishedRetrainingRuns({ db })) {
    const entries = await boss.findJobs(RETRAIN_QUEUE, { key: run.id });
    if (entries.some((e) => e.state === 'created' || e.state === 'retry' || e.state === 'active')) continue;
    if (run.status === 'queued') await boss.send(RETRAIN_QUEUE, { runId: run.id }, { singletonKey: run.id });
    else await finishRetrainingRun({ db, id: run.id, status: 'failed', error: 'The retraining was interrupted (the server stopped while it ran); start it again.' });
  }
}

/** The process's queue, started on first use (a failed start is retried by the next caller). */
export function batchQueue(opts: QueueOptions = {}): Promise<Running> {
  if (!g.__streamflowBatchQueue) {
    const starting = start(opts);
    starting.catch((e) => {
      console.error('[batch] the job queue did not start:', e instanceof Error ? e.message : e);
      if (g.__streamflowBatchQueue === starting) g.__streamflowBatchQueue = undefined;
    });
    g.__streamflowBatchQueue = starting;
  }
  return g.__streamflowBatchQueue;
}

export async function stopBatchQueue(): Promise<void> {
  const q = g.__streamflowBatchQueue;
  g.__streamflowBatchQueue = undefined;
  if (q) await (await q).boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
}

/** Starts the queue (outside any transaction: on PGlite a query awaited inside one would deadlock) and returns the enqueuer. */
export async function batchEnqueuer(): Promise<Enqueue> {
  const { boss } = await batchQueue();
  return async (tx, jobId) => {
    await boss.send(BATCH_QUEUE, { jobId }, { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql), singletonKey: jobId });
  };
}

/** Starts the queue (outside any transaction) and returns an enqueuer for retraining runs, used inside the insert's transaction. */
export async function retrainEnqueuer(): Promise<Enqueue> {
  const { boss } = await batchQueue();
  return async (tx, runId) => {
    await boss.send(RETRAIN_QUEUE, { runId }, { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql), singletonKey: runId });
  };
}

/** Enqueues a retraining run that is already in retraining_runs (outside a transaction). */
export async function sendRetrainJob(runId: string): Promise<void> {
  const { boss } = await batchQueue();
  await boss.send(RETRAIN_QUEUE, { runId }, { singletonKey: runId });
}
