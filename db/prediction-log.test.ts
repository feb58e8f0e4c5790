// The prediction log's group commit, on both drivers: concurrent appends share statements, every row lands exactly
// once with its values intact, and a failed statement rejects its callers without writing a partial batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbHandle } from './client';
import { GroupCommitLog, insertLogRows, rawLogInserter, type LogRow } from './prediction-log';
import { openTestDb, testDrivers } from './test-utils';

function row(i: number, requestId = 'r1'): LogRow {
  return {
    requestId, rowIndex: i, source: 'api', modelName: 'm', modelVersion: 1, customerId: i % 2 ? `C${i}` : null,
    features: { plan: 'basic', tenure_months: i, watch_hours_30d: null, promo_used: true }, churnProbability: i / 1000,
    riskBand: 'low', contact: false, threshold: 0.2, latencyMs: 1.5, caller: 'key:t',
  };
}

describe.each(testDrivers())('prediction log on %s', (driver) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(driver);
  });
  afterAll(async () => h?.close());

  it.each([
    ['drizzle (transactions, batch jobs)', (rows: LogRow[]) => insertLogRows(h.db, rows)],
    ['the driver client (the serving path)', (rows: LogRow[]) => rawLogInserter(h)(rows)],
  ])('writes rows with their values, nulls and JSON features intact through %s', async (how, insert) => {
    const id = `values-${how.length}`;
    await insert([row(1, id), row(2, id), { ...row(0, `${id}-b`), source: 'v2', contact: true, riskBand: 'high' }]);
    const got = rowsOf<Record<string, unknown>>(await h.db.execute(sql`select request_id, row_index, customer_id, features, churn_probability, source, caller, contact, risk_band, threshold from prediction_log where request_id like ${id + '%'} order by request_id, row_index`));
    const features = (i: number) => ({ plan: 'basic', tenure_months: i, watch_hours_30d: null, promo_used: true });
    expect(got).toEqual([
      { request_id: id, row_index: 1, customer_id: 'C1', features: features(1), churn_probability: 0.001, source: 'api', caller: 'key:t', contact: false, risk_band: 'low', threshold: 0.2 },
      { request_id: id, row_index: 2, customer_id: null, features: features(2), churn_probability: 0.002, source: 'api', caller: 'key:t', contact: false, risk_band: 'low', threshold: 0.2 },
      { request_id: `${id}-b`, row_index: 0, customer_id: null, features: features(0), churn_probability: 0, source: 'v2', caller: 'key:t', contact: true, risk_band: 'high', threshold: 0.2 },
    ]);
    // Rows of one request share one stored tuple.
    const tuples = rowsOf<{ n: number }>(await h.db.execute(sql`select n from prediction_batches where request_id like ${id + '%'} order by request_id`));
    expect(tuples.map((t) => t.n)).toEqual([2, 1]);
  });

  it('keeps customer ids with quotes, backslashes, commas, braces, "NULL" and non-ASCII exactly through the driver client', async () => {
    const ids = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', ' spaced ', 'Ünïcødé ✓', ''];
    await rawLogInserter(h)(ids.map((id, i) => ({ ...row(i, 'escape'), customerId: id })));
    const got = rowsOf<{ customer_id: string }>(await h.db.execute(sql`select customer_id from prediction_log where request_id = 'escape' order by row_index`));
    expect(got.map((r) => r.customer_id)).toEqual(ids);
  });

  it('groups concurrent appends into few statements and resolves each only after its rows are committed', async () => {
    const statements: number[] = [];
    const log = new GroupCommitLog(async (rows) => {
      statements.push(rows.length);
      await insertLogRows(h.db, rows);
    });
    const appends = Array.from({ length: 50 }, (_, k) => log.append([row(0, `g${k}`), row(1, `g${k}`)]));
    await Promise.all(appends);
    // The first statement goes out alone; everything queued behind it shares the next one.
    expect(statements.length).toBeLessThanOrEqual(3);
    expect(statements.reduce((a, b) => a + b, 0)).toBe(100);
    const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from prediction_log where request_id like 'g%'`));
    expect(n).toBe(100);
    expect(log.stats()).toEqual({ queuedRows: 0, inFlight: 0 });
  });

  it('rejects the callers of a failed statement and writes none of its rows', async () => {
    let fail = true;
    const log = new GroupCommitLog(async (rows) => {
      if (fail) {
        // A statement that fails half-way: the good row and a bad one in one INSERT, so nothing may be kept.
        await insertLogRows(h.db, [...rows, { ...row(9, 'bad'), source: null as never }]);
      } else await insertLogRows(h.db, rows);
    });
    await expect(log.append([row(0, 'fail')])).rejects.toThrow();
    fail = false;
    await log.append([row(1, 'fail')]);
    const got = rowsOf<{ row_index: number }>(await h.db.execute(sql`select row_index from prediction_log where request_id in ('fail', 'bad') order by row_index`));
    expect(got.map((r) => r.row_index)).toEqual([1]);
  });
});
