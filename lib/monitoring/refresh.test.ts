// Monitoring end to end on a real database: log predictions for a few months, send labels, refresh, and check the
// stored windows — their counts, the label join, drift where it was injected and nowhere else, and that a second
// pass recomputes only what new predictions or labels touched.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { insertLogRows, type LogRow } from '@/db/prediction-log';
import { upsertLabels } from '@/db/queries/labels';
import { listWindows } from '@/db/queries/monitoring';
import { monitoringReferences, monitoringWindows, predictionBatches } from '@/db/schema';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { generateWorld } from '@/lib/data/generator';
import { featureRecord } from '@/lib/ml/pipeline/dataset';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { refreshMonitoring, windowOf } from './refresh';

const world = generateWorld({ seed: 7, activeCustomers: 600, months: 22 });
const byMonth = new Map<string, ReturnType<typeof world.snapshots> extends Iterable<infer T> ? T[] : never>();
for (const s of world.snapshots()) (byMonth.get(s.month) ?? byMonth.set(s.month, []).get(s.month)!).push(s);
const MONTHS = ['2026-03-01', '2026-04-01', '2026-05-01'];

function rowsFor(month: string, opts: { sessionsFactor?: number; day?: number } = {}): LogRow[] {
  const at = new Date(`${month}T00:00:00Z`);
  at.setUTCDate(opts.day ?? 10);
  return byMonth.get(month)!.map((s, i) => {
    const features = featureRecord(s);
    if (opts.sessionsFactor) features.sessions_30d = Math.round((features.sessions_30d as number) * opts.sessionsFactor);
    return {
      requestId: `req-${month}-${opts.day ?? 10}`, rowIndex: i, source: 'batch', modelName: CHURN_MODEL, modelVersion: 1, customerId: s.customer_id,
      features, churnProbability: Math.min(0.99, s.p_true), riskBand: 'low', contact: s.p_true >= 0.196, threshold: 0.196, latencyMs: 1, caller: 'test', at,
    };
  });
}

describe.each(testDrivers())('monitoring refresh on %s', (driver) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    await seedShippedModel(h);
    await insertLogRows(h.db, rowsFor(MONTHS[0]!));
    await insertLogRows(h.db, rowsFor(MONTHS[1]!));
    await insertLogRows(h.db, rowsFor(MONTHS[2]!, { sessionsFactor: 1.5 })); // an engagement jump in the third month only
    const labels = byMonth.get(MONTHS[0]!)!.map((s) => ({ customer_id: s.customer_id, month: MONTHS[0]!, churned: Boolean(s.churned) }));
    await upsertLabels({ db: h.db, labels, source: 'api' });
  }, 60_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  it('computes every window kind, with the reference built once', async () => {
    const r = await refreshMonitoring({ db: h.db, lastN: 500 });
    // 3 months: 3 day windows, 3 week windows, 3 month windows, and last N.
    expect(r.windows).toBe(10);
    expect(r.versions).toEqual([{ modelName: CHURN_MODEL, modelVersion: 1 }]);
    const refs = await h.db.select().from(monitoringReferences);
    expect(refs).toHaveLength(1);
    expect(refs[0]!.source).toBe('reference rows packaged with the model'); // no demo world in this database
    const months = await listWindows({ db: h.db, modelName: CHURN_MODEL, kind: 'month' });
    expect(months.map((w) => w.start.toISOString().slice(0, 10))).toEqual(MONTHS);
    expect(months.map((w) => w.predictions)).toEqual(MONTHS.map((m) => byMonth.get(m)!.length));
    const lastN = await listWindows({ db: h.db, modelName: CHURN_MODEL, kind: 'last_n' });
    expect(lastN).toHaveLength(1);
    expect(lastN[0]!.predictions).toBe(byMonth.get(MONTHS[2]!)!.length); // one tuple already holds ≥ 500 rows
  });

  it('joins labels by customer and month, and computes realized next to estimated performance', async () => {
    const [march, april] = await listWindows({ db: h.db, modelName: CHURN_MODEL, kind: 'month' });
    const labelled = byMonth.get(MONTHS[0]!)!.filter((s) => s.churned !== null);
    expect(march!.labeled).toBe(labelled.length);
    const realized = march!.realized as { auc: number; positives: number };
    expect(realized.positives).toBe(labelled.filter((s) => s.churned).length);
    expect(realized.auc).toBeGreaterThan(0.75); // p_true is the Bayes score
    expect(april!.labeled).toBe(0);
    expect(april!.realized).toBeNull();
    expect((april!.estimated as { auc: number }).auc).toBeGreaterThan(0.75);
  });

  it('flags the injected shift in its month only', async () => {
    const months = await listWindows({ db: h.db, modelName: CHURN_MODEL, kind: 'month' });
    const cols = months.map((w) => (w.drift as { columns: Record<string, { drift: boolean; score: number; method: string }> }).columns);
    expect(cols.map((c) => c.sessions_30d!.drift)).toEqual([false, false, true]);
    expect(cols.map((c) => c.sessions_30d!.method)).toEqual(['ks', 'ks', 'ks']); // ≤ 1,000 reference rows: Evidently's K-S
    // The world's own price increase (2026-03) shows in every month against the pre-increase reference.
    expect(cols.map((c) => c.monthly_charge!.drift)).toEqual([true, true, true]);
  });

  it('recomputes only the windows that new labels or predictions touch', async () => {
    expect((await refreshMonitoring({ db: h.db, lastN: 500 })).windows).toBe(0);
    const before = await h.db.select().from(monitoringWindows).where(and(eq(monitoringWindows.kind, 'month')));
    const april = byMonth.get(MONTHS[1]!)!.slice(0, 50).map((s) => ({ request_id: `req-${MONTHS[1]}-10`, row_index: byMonth.get(MONTHS[1]!)!.indexOf(s), churned: Boolean(s.churned) }));
    await upsertLabels({ db: h.db, labels: april, source: 'api' });
    const r = await refreshMonitoring({ db: h.db, lastN: 500 });
    expect(r.windows).toBe(4); // April's day, week and month, and last N
    const after = await listWindows({ db: h.db, modelName: CHURN_MODEL, kind: 'month' });
    expect(after[1]!.labeled).toBe(50);
    expect(after[0]!.computedAt.getTime()).toBe(before.find((w) => w.start.getTime() === after[0]!.start.getTime())!.computedAt.getTime());

    await insertLogRows(h.db, rowsFor(MONTHS[1]!, { day: 20 }));
    const r2 = await refreshMonitoring({ db: h.db, lastN: 500 });
    expect(r2.windows).toBe(4); // the new day, its week, April, last N
    const april2 = (await listWindows({ db: h.db, modelName: CHURN_MODEL, kind: 'month' }))[1]!;
    expect(april2.predictions).toBe(2 * byMonth.get(MONTHS[1]!)!.length);
  });

  it('folds in a statement that committed after a higher id the previous pass already saw', async () => {
    const now = new Date();
    const rows = (requestId: string, at: Date, n: number): LogRow[] =>
      rowsFor(MONTHS[0]!).slice(0, n).map((r) => ({ ...r, requestId, at }));
    await insertLogRows(h.db, rows('late', now, 7));
    await insertLogRows(h.db, rows('early', now, 5));
    const [late] = await h.db.select({ id: predictionBatches.id }).from(predictionBatches).where(eq(predictionBatches.requestId, 'late'));
    // "late" has the lower id but had not committed when the pass ran: take it out, refresh, then put it back.
    await h.db.delete(predictionBatches).where(eq(predictionBatches.id, late!.id));
    await refreshMonitoring({ db: h.db, lastN: 500 });
    const today = windowOf('day', now).start.getTime();
    const day = async () => (await listWindows({ db: h.db, modelName: CHURN_MODEL, kind: 'day' })).find((w) => w.start.getTime() === today)!;
    expect((await day()).predictions).toBe(5);
    await h.db.execute(sql`insert into prediction_batches overriding system value
      select ${late!.id}, at, 'late', source, model_name, model_version, threshold, latency_ms, caller, n, row_indexes, customer_ids, feature_names, features, probabilities, risk_bands, contacts
      from prediction_batches where request_id = 'early'`);
    // Something new on another day makes the next pass look again at the recent ids below its watermark.
    await insertLogRows(h.db, rows('other-day', new Date(now.getTime() - 3 * 86_400_000), 3));
    await refreshMonitoring({ db: h.db, lastN: 500 });
    expect((await day()).predictions).toBe(10);
  });

  it('puts calendar windows on UTC days, ISO weeks and months', () => {
    const t = new Date('2026-03-05T13:00:00Z'); // a Thursday
    expect(windowOf('day', t).start.toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(windowOf('week', t).start.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(windowOf('week', new Date('2026-03-08T23:59:59Z')).start.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(windowOf('month', t).end.toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
});
