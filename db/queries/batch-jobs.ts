import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { insertLogRows, type LogRow } from '../prediction-log';
import { batchJobs, type BatchJob } from '../schema';

/** What a running job stores after each chunk so that a restart continues exactly where it stopped. */
export interface BatchCheckpoint {
  /** Input byte offset and physical line just past the last committed chunk. */
  inputOffset: number;
  line: number;
  /** Byte lengths of the result and error files at that point (a resumed run truncates them back to these). */
  resultBytes: number;
  errorsBytes: number;
  /** Rows per chunk, fixed for the job's life so chunk boundaries (and the result file) never depend on restarts. */
  chunkRows: number;
  /** Throughput of the current attempt (rows per second), for the ETA. */
  rowsPerSecond: number;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function insertBatchJob({ db, job }: { db: Db | Tx; job: typeof batchJobs.$inferInsert }): Promise<BatchJob> {
  const [row] = await db.insert(batchJobs).values(job).returning();
  return row!;
}

export async function findBatchJob({ db, id }: { db: Db; id: string }): Promise<BatchJob | undefined> {
  const [row] = await db.select().from(batchJobs).where(eq(batchJobs.id, id));
  return row;
}

export async function listBatchJobs({ db, limit }: { db: Db; limit: number }): Promise<BatchJob[]> {
  return db.select().from(batchJobs).orderBy(desc(batchJobs.createdAt), desc(batchJobs.id)).limit(limit);
}

export async function listUnfinishedBatchJobs({ db }: { db: Db }): Promise<BatchJob[]> {
  return db.select().from(batchJobs).where(inArray(batchJobs.status, ['queued', 'running']));
}

/** Marks a queued (or interrupted running) job as running for a new attempt; undefined when it is not runnable. */
export async function claimBatchJob({ db, id }: { db: Db; id: string }): Promise<BatchJob | undefined> {
  const [row] = await db
    .update(batchJobs)
    .set({ status: 'running', attempts: sql`${batchJobs.attempts} + 1`, startedAt: sql`coalesce(${batchJobs.startedAt}, now())`, error: null, finishedAt: null, updatedAt: sql`now()` })
    .where(and(eq(batchJobs.id, id), inArray(batchJobs.status, ['queued', 'running'])))
    .returning();
  return row;
}

/**
 * One chunk, atomically: its prediction-log rows and the job's progress and checkpoint commit together, and only
 * while this attempt still owns the job (not cancelled, not taken over by a newer attempt). False: nothing written.
 */
export async function commitBatchChunk({ db, id, attempt, rowsDone, invalidRows, checkpoint, logRows }: { db: Db; id: string; attempt: number; rowsDone: number; invalidRows: number; checkpoint: BatchCheckpoint; logRows: LogRow[] }): Promise<boolean> {
  class Lost extends Error {}
  try {
    await db.transaction(async (tx) => {
      const owned = await tx
        .update(batchJobs)
        .set({ rowsDone, invalidRows, checkpoint: checkpoint as unknown as Record<string, unknown>, updatedAt: sql`now()` })
        .where(and(eq(batchJobs.id, id), eq(batchJobs.status, 'running'), eq(batchJobs.attempts, attempt)))
        .returning({ id: batchJobs.id });
      if (owned.length === 0) throw new Lost();
      await insertLogRows(tx as unknown as Db, logRows);
    });
    return true;
  } catch (e) {
    if (e instanceof Lost) return false;
    throw e;
  }
}

/** Ends an attempt (succeeded or failed) if it still owns the job. */
export async function finishBatchJob({ db, id, attempt, status, error, totalRows }: { db: Db; id: string; attempt: number; status: 'succeeded' | 'failed'; error?: string | null; totalRows?: number }): Promise<BatchJob | undefined> {
  const [row] = await db
    .update(batchJobs)
    .set({ status, error: error ?? null, finishedAt: sql`now()`, updatedAt: sql`now()`, ...(totalRows !== undefined ? { totalRows } : {}) })
    .where(and(eq(batchJobs.id, id), eq(batchJobs.status, 'running'), eq(batchJobs.attempts, attempt)))
    .returning();
  return row;
}

/** Failed or cancelled → queued again (its checkpoint kept, so it resumes); undefined when the job is in another state. */
export async function requeueBatchJob({ db, id }: { db: Db | Tx; id: string }): Promise<BatchJob | undefined> {
  const [row] = await db
    .update(batchJobs)
    .set({ status: 'queued', error: null, finishedAt: null, updatedAt: sql`now()` })
    .where(and(eq(batchJobs.id, id), inArray(batchJobs.status, ['failed', 'cancelled'])))
    .returning();
  return row;
}

export async function cancelBatchJob({ db, id }: { db: Db; id: string }): Promise<BatchJob | undefined> {
  const [row] = await db
    .update(batchJobs)
    .set({ status: 'cancelled', finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(batchJobs.id, id), inArray(batchJobs.status, ['queued', 'running'])))
    .returning();
  return row;
}

/** A job left running or queued that no queue entry will pick up any more (see the queue's reconciliation). */
export async function failBatchJob({ db, id, error }: { db: Db; id: string; error: string }): Promise<void> {
  await db
    .update(batchJobs)
    .set({ status: 'failed', error, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(batchJobs.id, id), inArray(batchJobs.status, ['queued', 'running'])));
}
