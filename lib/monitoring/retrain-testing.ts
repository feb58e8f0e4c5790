// Test and benchmark input for retraining: a labelled prediction log built from the seeded StreamFlow generator —
// every active customer scored once in each month (at a time inside the month), a few of them twice (an earlier
// scoring with other features, which de-duplication must drop), a share scored anonymously and labelled by request
// row instead of by customer, and outcomes for every month whose churn is known. Used by *.test.ts and lib/bench only.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { insertLogRows, type LogRow } from '@/db/prediction-log';
import { churnLabels } from '@/db/schema';
import { generateWorld, type WorldOptions } from '@/lib/data/generator';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { featureRecord } from '@/lib/ml/pipeline/dataset';

export interface LabelledLog {
  /** Labelled months, 'YYYY-MM', oldest first. */
  months: string[];
  /** Labelled rows per month after de-duplication. */
  rows: Map<string, number>;
  /** Customers scored twice in a month: the features of their latest scoring. */
  latest: Map<string, Record<string, unknown>>;
  /** Log rows written, duplicates included. */
  logRows: number;
}

const CHUNK = 1000;

export async function seedLabelledLog(db: Db, opts: { world: WorldOptions; duplicatesPerMonth?: number; anonymousEvery?: number }): Promise<LabelledLog> {
  const world = generateWorld(opts.world);
  const dupes = opts.duplicatesPerMonth ?? 20;
  const anonEvery = opts.anonymousEvery ?? 25;
  const byMonth = new Map<string, ReturnType<typeof featureRecord>[]>();
  const meta = new Map<string, { customerId: string; churned: boolean | null }[]>();
  for (const s of world.snapshots()) {
    const m = s.month.slice(0, 7);
    if (!byMonth.has(m)) {
      byMonth.set(m, []);
      meta.set(m, []);
    }
    byMonth.get(m)!.push(featureRecord(s));
    meta.get(m)!.push({ customerId: s.customer_id, churned: s.churned });
  }
  const out: LabelledLog = { months: [], rows: new Map(), latest: new Map(), logRows: 0 };
  for (const [month, records] of byMonth) {
    const info = meta.get(month)!;
    const labelled = info[0]!.churned !== null;
    const rows: LogRow[] = [];
    const labels: (typeof churnLabels.$inferInsert)[] = [];
    const base = { source: 'batch' as const, modelName: CHURN_MODEL, modelVersion: 1, churnProbability: 0, riskBand: 'low', contact: false, threshold: 0.5, latencyMs: 1, caller: null };
    records.forEach((features, i) => {
      const requestId = `rt-${month}-late-${Math.floor(i / CHUNK)}`;
      const rowIndex = i % CHUNK;
      const anonymous = i % anonEvery === anonEvery - 1;
      rows.push({ ...base, requestId, rowIndex, customerId: anonymous ? null : info[i]!.customerId, features });
      if (!labelled) return;
      if (anonymous) labels.push({ requestId, rowIndex, churned: info[i]!.churned!, source: 'demo' });
      else labels.push({ customerId: info[i]!.customerId, month: `${month}-01`, churned: info[i]!.churned!, source: 'demo' });
    });
    // The earlier scoring of a few customers, with different features: the latest one must win.
    const early: LogRow[] = [];
    for (let i = 0, k = 0; k < dupes && i < records.length; i++) {
      if (i % anonEvery === anonEvery - 1) continue;
      early.push({ ...base, requestId: `rt-${month}-early`, rowIndex: k++, customerId: info[i]!.customerId, features: { ...records[i]!, sessions_30d: (records[i]!.sessions_30d as number) + 1 } });
      out.latest.set(`${month}|${info[i]!.customerId}`, records[i]!);
    }
    for (let i = 0; i < rows.length; i += 20 * CHUNK) await insertLogRows(db, rows.slice(i, i + 20 * CHUNK));
    await insertLogRows(db, early);
    await db.execute(sql`update prediction_batches set at = (${`${month}-15 12:00:00`}::timestamp at time zone 'UTC') where request_id like ${`rt-${month}-late-%`}`);
    await db.execute(sql`update prediction_batches set at = (${`${month}-03 08:00:00`}::timestamp at time zone 'UTC') where request_id = ${`rt-${month}-early`}`);
    for (let i = 0; i < labels.length; i += 2000) await db.insert(churnLabels).values(labels.slice(i, i + 2000));
    out.logRows += rows.length + early.length;
    if (labelled) {
      out.months.push(month);
      out.rows.set(month, records.length);
    }
  }
  return out;
}
