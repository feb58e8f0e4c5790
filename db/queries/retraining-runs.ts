// retraining_runs: one row per retraining (queued by a policy or by hand), its progress while it runs, and what it
// produced. Starting one is serialised per model with a transaction-scoped advisory lock, so two alerts firing at
// once cannot both queue a retraining.
import 'server-only';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { retrainingRuns, type RetrainingRun } from '../schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type StartBlock = { reason: 'busy' | 'cooldown'; existing: RetrainingRun };

/**
 * Inserts a queued run and calls `enqueue` in the same transaction — unless a run of the model is queued or
 * running, or (with `cooldownMs` > 0) one finished less than `cooldownMs` ago. Returns the new row or what blocked it.
 */
export async function insertRetrainingRunIfIdle({
  db,
  run,
  cooldownMs,
  enqueue,
}: {
  db: Db;
  run: typeof retrainingRuns.$inferInsert;
  cooldownMs: number;
  enqueue: (tx: Tx, id: string) => Promise<void>;
}): Promise<{ run: RetrainingRun } | StartBlock> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`retraining:${run.modelName}`}))::text as locked`);
    const [busy] = await tx
      .select()
      .from(retrainingRuns)
      .where(and(eq(retrainingRuns.modelName, run.modelName), inArray(retrainingRuns.status, ['queued', 'running'])))
      .orderBy(desc(retrainingRuns.createdAt))
      .limit(1);
    if (busy) return { reason: 'busy' as const, existing: busy };
    if (cooldownMs > 0) {
      const since = new Date(Date.now() - cooldownMs);
      const [recent] = await tx
        .select()
        .from(retrainingRuns)
        .where(and(eq(retrainingRuns.modelName, run.modelName), gt(retrainingRuns.finishedAt, since)))
        .orderBy(desc(retrainingRuns.finishedAt))
        .limit(1);
      if (recent) return { reason: 'cooldown' as const, existing: recent };
    }
    const [row] = await tx.insert(retrainingRuns).values({ ...run, status: 'queued' }).returning();
    await enqueue(tx, row!.id);
    return { run: row! };
  });
}

export async function findRetrainingRun({ db, id }: { db: Db; id: string }): Promise<RetrainingRun | undefined> {
  const [row] = await db.select().from(retrainingRuns).where(eq(retrainingRuns.id, id));
  return row;
}

export async function listRetrainingRuns({ db, limit, modelName }: { db: Db; limit: number; modelName?: string }): Promise<RetrainingRun[]> {
  return db
    .select()
    .from(retrainingRuns)
    .where(modelName ? eq(retrainingRuns.modelName, modelName) : undefined)
    .orderBy(desc(retrainingRuns.createdAt), desc(retrainingRuns.id))
    .limit(limit);
}

export async function listUnfinishedRetrainingRuns({ db }: { db: Db }): Promise<RetrainingRun[]> {
  return db.select().from(retrainingRuns).where(inArray(retrainingRuns.status, ['queued', 'running']));
}

/**
 * Marks a queued run (or one left running by a crashed process, which a re-delivered job restarts from the
 * beginning) as running; undefined when it is finished or missing.
 */
export async function claimRetrainingRun({ db, id }: { db: Db; id: string }): Promise<RetrainingRun | undefined> {
  const [row] = await db
    .update(retrainingRuns)
    .set({ status: 'running', startedAt: sql`now()`, finishedAt: null, error: null, progress: 0 })
    .where(and(eq(retrainingRuns.id, id), inArray(retrainingRuns.status, ['queued', 'running'])))
    .returning();
  return row;
}

type Patch = Partial<Pick<RetrainingRun, 'progress' | 'baseVersion' | 'newVersion' | 'runId' | 'data' | 'comparison' | 'promoted'>>;

/** Progress and results while the run is running (ignored once it has finished). */
export async function updateRetrainingRun({ db, id, patch }: { db: Db; id: string; patch: Patch }): Promise<void> {
  await db.update(retrainingRuns).set(patch).where(and(eq(retrainingRuns.id, id), eq(retrainingRuns.status, 'running')));
}

export async function finishRetrainingRun({ db, id, status, error, patch = {} }: { db: Db; id: string; status: 'succeeded' | 'failed'; error?: string | null; patch?: Patch }): Promise<RetrainingRun | undefined> {
  const [row] = await db
    .update(retrainingRuns)
    .set({ ...patch, status, error: error ?? null, finishedAt: sql`now()`, ...(status === 'succeeded' ? { progress: 1 } : {}) })
    .where(and(eq(retrainingRuns.id, id), inArray(retrainingRuns.status, ['queued', 'running'])))
    .returning();
  return row;
}
