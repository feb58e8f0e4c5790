// Batch scoring end to end without the queue: upload → runBatchJob (worker thread) → result file, error file and the
// prediction log; then crashes, take-overs, cancellation and retries, which must leave exactly one log row per
// valid line and a result file identical to an uninterrupted run's.
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { cancelBatchJob, findBatchJob } from '@/db/queries/batch-jobs';
import { batchJobs, predictionLog } from '@/db/schema';
import { activatePolicy, deactivatePolicy } from '@/db/queries/fairness';
import { seedShippedModel } from '@/db/seed-model';
import { forgetServingPolicy } from '@/lib/serving/live-policy';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { getServedModel } from '@/lib/serving/served-model';
import { parseRecord, splitRecords } from './csv-records';
import { batchJobFile, ERRORS_FILE, RESULT_FILE } from './files';
import { runBatchJob, type RunOptions } from './runner';
import { RESULT_COLUMNS } from './score-chunk';
import { spawnTsxScoreWorker } from './spawn-tsx-worker';
import { createBatchJob, retryBatchJob } from './service';
import { batchCsv } from './testing';

const noQueue = async () => {};
const data = batchCsv(1000, { brokenEvery: 150 });

function records(file: string): string[][] {
  const buf = fs.readFileSync(file);
  const out: string[][] = [];
  splitRecords(buf, { pos: 0, line: 1 }, true, (s, e) => void out.push(parseRecord(buf.toString('utf8', s, e)).fields));
  return out;
}

describe.each(testDrivers())('batch jobs on %s', (driver) => {
  let h: DbHandle;
  let reference: Buffer; // the result file of the uninterrupted run
  const run = (id: string, opts: RunOptions = {}) => runBatchJob(h.db, id, { spawn: spawnTsxScoreWorker, chunkRows: 200, ...opts });
  const upload = async (text = data.text) => {
    const req = new Request('http://test.local/api/v1/batch-jobs?file_name=customers.csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: text });
    return createBatchJob({ db: h.db, req, principal: null, enqueue: noQueue });
  };
  const logLines = async (id: string) =>
    (await h.db.select({ line: predictionLog.rowIndex, source: predictionLog.source }).from(predictionLog).where(eq(predictionLog.requestId, id))).map((r) => {
      expect(r.source).toBe('batch');
      return r.line;
    });
  const expectExactlyValidLogged = async (id: string) => {
    const lines = await logLines(id);
    expect(lines.length).toBe(data.valid.size); // no duplicates …
    expect(new Set(lines)).toEqual(new Set(data.valid.keys())); // … and none missing
  };

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('scores every valid line, lists every invalid one by line number, and logs exactly the scored rows', async () => {
    const created = await upload();
    expect(created).toMatchObject({ status: 'queued', totalRows: 1000, fileName: 'customers.csv', modelName: 'streamflow-churn', modelVersion: 1 });
    const job = await run(created.id);
    expect(job).toMatchObject({ status: 'succeeded', rowsDone: 1000, invalidRows: data.invalid.size, attempts: 1, error: null });

    const [header, ...rows] = records(batchJobFile(created.id, RESULT_FILE));
    expect(header).toEqual(RESULT_COLUMNS);
    expect(rows.map((r) => Number(r[1]))).toEqual([...data.valid.keys()]);
    // The probabilities are the served scorer's for the same records, to the last bit.
    const model = await getServedModel(h.db);
    const expected = await model.scorer.score([...data.valid.values()].map((v) => v.record));
    expect(rows.map((r) => Number(r[2]))).toEqual(Array.from(expected));
    expect(rows.map((r) => r[0])).toEqual([...data.valid.values()].map((v) => v.customerId));
    const t = model.manifest.threshold;
    for (const r of rows) {
      const p = Number(r[2]);
      expect(r[3]).toBe(p >= t ? 'high' : p >= t / 2 ? 'medium' : 'low');
      expect(r[4]).toBe(String(p >= t));
      expect(Number(r[5])).toBe(t);
      expect(r[6]).toMatch(/ (raises|lowers) the churn risk$/);
    }

    const errors = records(batchJobFile(created.id, ERRORS_FILE)).slice(1);
    expect(new Set(errors.map((e) => Number(e[0])))).toEqual(new Set(data.invalid.keys()));
    for (const [line, field] of data.invalid) expect(errors.some((e) => Number(e[0]) === line && e[2] === field)).toBe(true);
    expect(errors.find((e) => e[2] === 'plan')?.[3]).toMatch(/must be one of/);

    await expectExactlyValidLogged(created.id);
    const [logged] = await h.db.select().from(predictionLog).where(and(eq(predictionLog.requestId, created.id), eq(predictionLog.rowIndex, Number(rows[0]![1]))));
    expect(logged).toMatchObject({ modelName: 'streamflow-churn', modelVersion: 1, churnProbability: Number(rows[0]![2]), threshold: t });
    reference = fs.readFileSync(batchJobFile(created.id, RESULT_FILE));
  });

  it.each([
    ['written', 2],
    ['committed', 1],
  ] as const)('resumes after a crash once chunk %s (chunk %i): nothing logged twice or skipped, the same result file', async (stage, at) => {
    const created = await upload();
    const crashed = await run(created.id, {
      hook: (s, i) => {
        if (s === stage && i === at) throw new Error('simulated crash');
      },
    });
    expect(crashed).toMatchObject({ status: 'failed', error: 'simulated crash' });
    const committed = stage === 'committed' ? at + 1 : at;
    expect(crashed!.rowsDone).toBe(committed * 200);
    expect((await logLines(created.id)).length).toBeLessThan(data.valid.size);

    expect((await retryBatchJob({ db: h.db, id: created.id, enqueue: noQueue })).status).toBe('queued');
    const resumed = await run(created.id, { chunkRows: 50 }); // the checkpoint's chunk size wins
    expect(resumed).toMatchObject({ status: 'succeeded', rowsDone: 1000, invalidRows: data.invalid.size, attempts: 2 });
    expect(fs.readFileSync(batchJobFile(created.id, RESULT_FILE)).equals(reference)).toBe(true);
    await expectExactlyValidLogged(created.id);
  });

  it('lets a new attempt take over a job whose runner stopped answering; the old runner then writes nothing', async () => {
    const created = await upload();
    let reached!: () => void;
    const atGate = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stalled = run(created.id, {
      hook: async (s, i) => {
        if (s === 'committed' && i === 1) {
          reached();
          await gate;
        }
      },
    });
    await atGate;
    const second = await run(created.id); // as pg-boss does after missed heartbeats
    expect(second).toMatchObject({ status: 'succeeded', attempts: 2 });
    release();
    expect((await stalled)?.status).toBe('succeeded');
    expect(fs.readFileSync(batchJobFile(created.id, RESULT_FILE)).equals(reference)).toBe(true);
    await expectExactlyValidLogged(created.id);
  });

  it('stops a cancelled job after its current chunk and finishes it on retry', async () => {
    const created = await upload();
    const cancelled = await run(created.id, {
      hook: async (s, i) => {
        if (s === 'committed' && i === 0) await cancelBatchJob({ db: h.db, id: created.id });
      },
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', rowsDone: 200 });
    expect((await run(created.id))?.status).toBe('cancelled'); // a stale queue entry does not revive it
    await retryBatchJob({ db: h.db, id: created.id, enqueue: noQueue });
    expect((await run(created.id))?.status).toBe('succeeded');
    expect(fs.readFileSync(batchJobFile(created.id, RESULT_FILE)).equals(reference)).toBe(true);
    await expectExactlyValidLogged(created.id);
  });

  it('fails a job whose model files are gone, with the reason, and leaves it retryable', async () => {
    const created = await upload();
    await h.db.update(batchJobs).set({ modelVersion: 99 }).where(eq(batchJobs.id, created.id));
    const job = await run(created.id);
    expect(job).toMatchObject({ status: 'failed' });
    expect(job!.error).toMatch(/version 99/);
    expect((await findBatchJob({ db: h.db, id: created.id }))?.finishedAt).not.toBeNull();
  });

  it("decides rows that carry age_band at the active fairness policy's group threshold, and logs the threshold used", async () => {
    const model = await getServedModel(h.db);
    const t = model.manifest.threshold;
    await activatePolicy({
      db: h.db,
      policy: { modelName: 'streamflow-churn', modelVersion: 1, attribute: 'age_band', thresholds: { '65+': 0.5 }, defaultThreshold: t, criterion: 'equal_opportunity', objective: 'profit', tolerance: { kind: 'ratio', lower: 0.8, upper: 1.25 }, evidence: {}, createdBy: 'test' },
    });
    forgetServingPolicy('streamflow-churn', 1);
    try {
      const names = model.manifest.features.map((f) => f.name);
      const rec = model.manifest.reference_rows[0]!;
      const line = (age: string) => [...names.map((n) => (rec[n] === null || rec[n] === undefined ? '' : String(rec[n]))), age].join(',');
      const created = await upload([[...names, 'age_band'].join(','), line('65+'), line(''), line('18-24')].join('\n') + '\n');
      expect(await run(created.id)).toMatchObject({ status: 'succeeded' });
      const [, ...rows] = records(batchJobFile(created.id, RESULT_FILE));
      expect(rows.map((r) => Number(r[5]))).toEqual([0.5, t, t]);
      const logged = await h.db.select({ line: predictionLog.rowIndex, threshold: predictionLog.threshold }).from(predictionLog).where(eq(predictionLog.requestId, created.id));
      expect(logged.sort((a, b) => a.line - b.line).map((r) => r.threshold)).toEqual([0.5, t, t]);
    } finally {
      await deactivatePolicy({ db: h.db, modelName: 'streamflow-churn', modelVersion: 1 });
      forgetServingPolicy('streamflow-churn', 1);
    }
  });
});
