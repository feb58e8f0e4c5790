// Labels: resolve what each one answers (a customer's month, or a request's row), then upsert them all in one
// transaction. The same key sent twice keeps the last outcome; a retried request changes nothing.
import { and, inArray, sql } from 'drizzle-orm';
import { ApiError } from '@/lib/api/errors';
import type { LabelInput } from '@/lib/monitoring/labels';
import type { Db } from '../client';
import { arrayLiteral } from '../prediction-log';
import { churnLabels } from '../monitoring-schema';
import { predictionBatches } from '../serving-schema';

export interface UpsertLabelsResult {
  received: number;
  inserted: number;
  updated: number;
}

/** The month of each customer's latest prediction in the log (for labels that leave month out). */
async function latestMonths(db: Db, customerIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < customerIds.length; i += 5000) {
    const ids = customerIds.slice(i, i + 5000);
    // A text[] literal sent as one bound parameter (never spliced into the SQL).
    const list = arrayLiteral(ids);
    const rows = await db
      .select({ customerId: sql<string>`c.customer_id`, month: sql<string>`to_char(max(${predictionBatches.at}) at time zone 'UTC', 'YYYY-MM-01')` })
      .from(predictionBatches)
      .innerJoin(sql`lateral unnest(${predictionBatches.customerIds}) as c(customer_id)`, sql`true`)
      .where(and(sql`${predictionBatches.customerIds} && ${list}::text[]`, sql`c.customer_id = any(${list}::text[])`))
      .groupBy(sql`c.customer_id`);
    for (const r of rows) out.set(r.customerId, r.month);
  }
  return out;
}

/** Row indexes present per request id. */
async function requestRows(db: Db, requestIds: string[]): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  for (let i = 0; i < requestIds.length; i += 5000) {
    const rows = await db.select({ requestId: predictionBatches.requestId, rowIndexes: predictionBatches.rowIndexes }).from(predictionBatches).where(inArray(predictionBatches.requestId, requestIds.slice(i, i + 5000)));
    for (const r of rows) {
      const s = out.get(r.requestId) ?? new Set<number>();
      for (const x of r.rowIndexes) s.add(x);
      out.set(r.requestId, s);
    }
  }
  return out;
}

export async function upsertLabels({ db, labels, source, where = 'body' }: { db: Db; labels: LabelInput[]; source: 'api' | 'csv' | 'demo'; where?: string }): Promise<UpsertLabelsResult> {
  const needMonth = [...new Set(labels.filter((l) => l.customer_id && !l.month).map((l) => l.customer_id!))];
  const months = needMonth.length ? await latestMonths(db, needMonth) : new Map<string, string>();
  const reqIds = [...new Set(labels.filter((l) => l.request_id).map((l) => l.request_id!))];
  const present = reqIds.length ? await requestRows(db, reqIds) : new Map<string, Set<number>>();
  const issues: { path: string; message: string }[] = [];
  // Last one wins for a key repeated inside the request (one INSERT cannot update a row twice).
  const byCustomer = new Map<string, { customerId: string; month: string; churned: boolean }>();
  const byRequest = new Map<string, { requestId: string; rowIndex: number; churned: boolean }>();
  labels.forEach((l, i) => {
    if (l.customer_id) {
      const month = l.month ?? months.get(l.customer_id);
      if (!month) {
        issues.push({ path: `${where}.labels.${i}.month`, message: `no prediction for customer ${l.customer_id} is in the log; give the month the prediction was made in` });
        return;
      }
      byCustomer.set(`${l.customer_id}\u0000${month}`, { customerId: l.customer_id, month, churned: l.churned });
    } else {
      const row = l.row_index ?? 0;
      const rows = present.get(l.request_id!);
      if (!rows) issues.push({ path: `${where}.labels.${i}.request_id`, message: `no prediction with request id ${l.request_id} is in the log` });
      else if (!rows.has(row)) issues.push({ path: `${where}.labels.${i}.row_index`, message: `request ${l.request_id} has no row ${row}` });
      else byRequest.set(`${l.request_id}\u0000${row}`, { requestId: l.request_id!, rowIndex: row, churned: l.churned });
    }
  });
  if (issues.length) throw new ApiError('validation_failed', `Invalid ${issues[0]!.path}: ${issues[0]!.message}`, issues.slice(0, 100));

  // One timestamp at millisecond precision: monitoring's watermark compares label times as JavaScript dates.
  const now = new Date();
  const flags: boolean[] = [];
  await db.transaction(async (tx) => {
    const cust = [...byCustomer.values()];
    for (let i = 0; i < cust.length; i += 5000) {
      const rows = await tx
        .insert(churnLabels)
        .values(cust.slice(i, i + 5000).map((l) => ({ ...l, source, createdAt: now, updatedAt: now })))
        .onConflictDoUpdate({ target: [churnLabels.customerId, churnLabels.month], targetWhere: sql`customer_id is not null`, set: { churned: sql`excluded.churned`, source: sql`excluded.source`, updatedAt: now } })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const r of rows) flags.push(r.inserted);
    }
    const reqs = [...byRequest.values()];
    for (let i = 0; i < reqs.length; i += 5000) {
      const rows = await tx
        .insert(churnLabels)
        .values(reqs.slice(i, i + 5000).map((l) => ({ ...l, source, createdAt: now, updatedAt: now })))
        .onConflictDoUpdate({ target: [churnLabels.requestId, churnLabels.rowIndex], targetWhere: sql`request_id is not null`, set: { churned: sql`excluded.churned`, source: sql`excluded.source`, updatedAt: now } })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const r of rows) flags.push(r.inserted);
    }
  });
  const inserted = flags.filter(Boolean).length;
  return { received: labels.length, inserted, updated: flags.length - inserted };
}

export async function labelCounts({ db }: { db: Db }) {
  const [r] = await db.select({ total: sql<number>`count(*)`.mapWith(Number), latest: sql<string | null>`max(${churnLabels.updatedAt})` }).from(churnLabels);
  return { total: r?.total ?? 0, latest: r?.latest ?? null };
}
