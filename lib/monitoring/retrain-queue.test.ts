// Retraining through the product's job queue (pg-boss, the same instance as batch scoring): a manual start enqueues
// the run in the insert's transaction and this process's worker trains it to the end on a training thread; at
// start-up a queued run that lost its queue entry is enqueued again and a running one nobody will resume is failed.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, setDbHandle, type DbHandle } from '@/db/client';
import { findRetrainingRun } from '@/db/queries/retraining-runs';
import { retrainingRuns } from '@/db/schema';
import { seedShippedModel } from '@/db/seed-model';
import { batchQueue, reconcileRetraining, RETRAIN_QUEUE, stopBatchQueue } from '@/lib/batch/queue';
import { getAlias } from '@/db/queries/registry';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { spawnTsxWorker } from '@/lib/ml/pipeline/spawn-tsx-worker';
import { seedLabelledLog } from './retrain-testing';
import { startManualRetraining } from './retrain-trigger';

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// PGlite only: the queue on PostgreSQL is covered by lib/batch/queue.test.ts, and this run is about the wiring.
describe('the retraining queue on pglite', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openPglite('memory://');
    setDbHandle(h);
    await seedShippedModel(h);
    await seedLabelledLog(h.db, { world: { seed: 3, activeCustomers: 900, months: 5, startMonth: '2026-02' } });
  });
  afterAll(async () => {
    await stopBatchQueue();
    setDbHandle(undefined);
    await h?.close();
  });

  it('runs a started retraining in the background on a training thread, and reports progress', async () => {
    await batchQueue({ retrain: { spawn: spawnTsxWorker, testOverrides: { maxIter: 10 } } });
    const started = await startManualRetraining({ db: h.db, reason: 'through the queue', requestedBy: 'ds@q.test' });
    if (!started.started) throw new Error(started.message);
    const { boss } = await batchQueue();
    expect((await boss.findJobs(RETRAIN_QUEUE, { key: started.run.id })).length).toBe(1);
    const seen = new Set<number>();
    const done = await until('the run to finish', () => findRetrainingRun({ db: h.db, id: started.run.id }), (r) => (seen.add(r?.progress ?? 0), r?.status === 'succeeded' || r?.status === 'failed'));
    expect([...seen].some((p) => p > 0 && p < 1)).toBe(true);
    expect(done?.error).toBeNull();
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, newVersion: 2, promoted: false });
    expect(await getAlias({ db: h.db, name: CHURN_MODEL, alias: 'challenger' })).toBe(2);
  });

  it('re-enqueues a queued run that lost its queue entry and fails a running one nobody will resume', async () => {
    const { boss } = await batchQueue();
    const [lost] = await h.db.insert(retrainingRuns).values({ modelName: 'not-trained-here', baseVersion: 1, reason: 'entry lost' }).returning();
    const [orphan] = await h.db.insert(retrainingRuns).values({ modelName: 'not-trained-here-either', baseVersion: 1, reason: 'process died', status: 'running' }).returning();
    await reconcileRetraining(boss, h.db);
    expect((await findRetrainingRun({ db: h.db, id: orphan!.id }))).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    // The re-enqueued run is picked up and fails with its reason (the product trains only its churn model).
    const failed = await until('the lost run to run', () => findRetrainingRun({ db: h.db, id: lost!.id }), (r) => r?.status === 'failed');
    expect(failed?.error).toMatch(/only streamflow-churn is trained by the product/);
    await h.db.delete(retrainingRuns).where(eq(retrainingRuns.id, lost!.id));
  });
});
