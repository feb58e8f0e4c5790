// The queue wiring with a real pg-boss on the product's database: an upload is enqueued in the same transaction as
// its row and a worker in this process runs it to the end; at start-up, jobs the table calls queued but that have
// no queue entry are enqueued again, and running ones nobody will resume are marked failed (retryable).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, setDbHandle, type DbHandle } from '@/db/client';
import { findBatchJob, insertBatchJob } from '@/db/queries/batch-jobs';
import { seedShippedModel } from '@/db/seed-model';
import { testDrivers } from '@/db/test-utils';
import { resetEnvForTests } from '@/lib/env';
import { batchQueue, BATCH_QUEUE, reconcile, stopBatchQueue } from './queue';
import { spawnTsxScoreWorker } from './spawn-tsx-worker';
import { createBatchJob } from './service';
import { batchCsv } from './testing';

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.each(testDrivers())('the batch queue on %s', (driver) => {
  let h: DbHandle;
  let dropDb: (() => Promise<void>) | null = null;
  const data = batchCsv(300, { brokenEvery: 50 });

  beforeAll(async () => {
    if (driver === 'pglite') h = await openPglite('memory://');
    else {
      // pg-boss connects by URL (DATABASE_URL), so this file makes its own database rather than use openTestDb's.
      const admin = process.env.TEST_DATABASE_URL!;
      const name = `sf_queue_${process.pid}_${randomBytes(3).toString('hex')}`;
      const a = postgres(admin, { max: 1, onnotice: () => {} });
      await a.unsafe(`create database ${name}`);
      await a.end();
      const url = new URL(admin);
      url.pathname = `/${name}`;
      process.env.DATABASE_URL = url.toString();
      resetEnvForTests();
      h = await openPostgres(url.toString(), { max: 4 });
      dropDb = async () => {
        const b = postgres(admin, { max: 1, onnotice: () => {} });
        await b.unsafe(`drop database if exists ${name} with (force)`);
        await b.end();
      };
    }
    setDbHandle(h);
    await seedShippedModel(h);
  });
  afterAll(async () => {
    await stopBatchQueue();
    setDbHandle(undefined);
    await h?.close();
    await dropDb?.();
    delete process.env.DATABASE_URL;
    resetEnvForTests();
  });

  it('runs an uploaded job to the end in the background', async () => {
    await batchQueue({ run: { spawn: spawnTsxScoreWorker, chunkRows: 100 } });
    const req = new Request('http://test.local/api/v1/batch-jobs', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: data.text });
    const job = await createBatchJob({ db: h.db, req, principal: null });
    const { boss } = await batchQueue();
    expect((await boss.findJobs(BATCH_QUEUE, { key: job.id })).length).toBe(1);
    const done = await until('the job to finish', () => findBatchJob({ db: h.db, id: job.id }), (j) => j?.status === 'succeeded' || j?.status === 'failed');
    expect(done).toMatchObject({ status: 'succeeded', rowsDone: 300, invalidRows: data.invalid.size, attempts: 1 });
  });

  it('re-enqueues a queued job that lost its queue entry, and fails a running one nobody will resume', async () => {
    const { boss } = await batchQueue();
    const orphan = await createBatchJob({
      db: h.db,
      req: new Request('http://test.local/x', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: data.text }),
      principal: null,
      enqueue: async () => {}, // as if the queue entry had been lost
    });
    const stuck = await insertBatchJob({ db: h.db, job: { fileName: 'x.csv', modelName: 'streamflow-churn', modelVersion: 1, status: 'running', totalRows: 10 } });
    await reconcile(boss, h.db);
    const failed = await findBatchJob({ db: h.db, id: stuck.id });
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.error).toMatch(/retry it/);
    const done = await until('the orphan to finish', () => findBatchJob({ db: h.db, id: orphan.id }), (j) => j?.status === 'succeeded' || j?.status === 'failed');
    expect(done?.status).toBe('succeeded');
  });
});
