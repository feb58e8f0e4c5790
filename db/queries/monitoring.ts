// Monitoring persistence: reference profiles, a window's rows of the prediction log with their labels, stored window
// results, and the watermark of what has been folded in.
import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { arrayLiteral } from '../prediction-log';
import { churnLabels, monitoringReferences, monitoringState, monitoringWindows, type WindowKind } from '../monitoring-schema';
import { predictionBatches } from '../serving-schema';
import type { Reference, WindowResult } from '@/lib/monitoring/window';

export async function getReference({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<(Reference & { source: string }) | null> {
  const [r] = await db.select().from(monitoringReferences).where(and(eq(monitoringReferences.modelName, modelName), eq(monitoringReferences.modelVersion, modelVersion)));
  if (!r) return null;
  return {
    rows: r.rows,
    source: r.source,
    profiles: r.profiles as unknown as Reference['profiles'],
    scoreProfile: r.scoreProfile as unknown as Reference['scoreProfile'],
    performance: r.performance as unknown as Reference['performance'],
    threshold: r.threshold,
  };
}

export async function saveReference({ db, modelName, modelVersion, source, reference }: { db: Db; modelName: string; modelVersion: number; source: string; reference: Reference }): Promise<void> {
  const values = {
    modelName, modelVersion, source, rows: reference.rows, threshold: reference.threshold,
    profiles: reference.profiles as unknown as Record<string, unknown>,
    scoreProfile: reference.scoreProfile as unknown as Record<string, unknown>,
    performance: reference.performance as unknown as Record<string, number | null>,
  };
  await db.insert(monitoringReferences).values(values).onConflictDoUpdate({ target: [monitoringReferences.modelName, monitoringReferences.modelVersion], set: { ...values, createdAt: new Date() } });
}

export interface LogBatch {
  id: number;
  at: Date;
  requestId: string;
  rowIndexes: number[];
  customerIds: (string | null)[];
  featureNames: string[];
  features: unknown[][];
  probabilities: number[];
  threshold: number;
}

const batchColumns = {
  id: predictionBatches.id, at: predictionBatches.at, requestId: predictionBatches.requestId, rowIndexes: predictionBatches.rowIndexes,
  customerIds: predictionBatches.customerIds, featureNames: predictionBatches.featureNames, features: predictionBatches.features,
  probabilities: predictionBatches.probabilities, threshold: predictionBatches.threshold,
};

/** The log's tuples of one model version inside [start, end). */
export async function windowBatches({ db, modelName, modelVersion, start, end }: { db: Db; modelName: string; modelVersion: number; start: Date; end: Date }): Promise<LogBatch[]> {
  return (await db
    .select(batchColumns)
    .from(predictionBatches)
    .where(and(eq(predictionBatches.modelName, modelName), eq(predictionBatches.modelVersion, modelVersion), gte(predictionBatches.at, start), lt(predictionBatches.at, end)))
    .orderBy(asc(predictionBatches.id))) as LogBatch[];
}

/** The newest tuples of a model version holding at least `rows` rows (newest first). */
export async function newestBatches({ db, modelName, modelVersion, rows }: { db: Db; modelName: string; modelVersion: number; rows: number }): Promise<LogBatch[]> {
  const out: LogBatch[] = [];
  let have = 0;
  let before = Number.MAX_SAFE_INTEGER;
  while (have < rows) {
    const page = (await db
      .select(batchColumns)
      .from(predictionBatches)
      .where(and(eq(predictionBatches.modelName, modelName), eq(predictionBatches.modelVersion, modelVersion), lt(predictionBatches.id, before)))
      .orderBy(desc(predictionBatches.id))
      .limit(200)) as LogBatch[];
    if (!page.length) break;
    for (const b of page) {
      out.push(b);
      have += b.rowIndexes.length;
      if (have >= rows) break;
    }
    before = page[page.length - 1]!.id;
  }
  return out;
}

export interface LabelLookup {
  byCustomerMonth: Map<string, boolean>;
  byRequestRow: Map<string, boolean>;
}

export const customerMonthKey = (customerId: string, month: string) => `${customerId}\u0000${month}`;
export const requestRowKey = (requestId: string, row: number) => `${requestId}\u0000${row}`;

/** Labels that can answer the given predictions (made in [start, end) by these requests, for these customers). */
export async function labelsFor({ db, start, end, requestIds, customerIds }: { db: Db; start: Date; end: Date; requestIds: string[]; customerIds: string[] }): Promise<LabelLookup> {
  const monthStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)).toISOString().slice(0, 10);
  const byCustomerMonth = new Map<string, boolean>();
  const byRequestRow = new Map<string, boolean>();
  const customers = [...new Set(customerIds)];
  for (let i = 0; i < customers.length; i += 20_000) {
    // A text[] literal sent as one bound parameter: one indexed lookup per customer, whatever the window's size.
    const list = arrayLiteral(customers.slice(i, i + 20_000));
    const cm = await db
      .select({ customerId: churnLabels.customerId, month: churnLabels.month, churned: churnLabels.churned })
      .from(churnLabels)
      .where(and(sql`${churnLabels.customerId} = any(${list}::text[])`, gte(churnLabels.month, monthStart), lt(churnLabels.month, end.toISOString().slice(0, 10))));
    for (const l of cm) byCustomerMonth.set(customerMonthKey(l.customerId!, String(l.month).slice(0, 10)), l.churned);
  }
  const ids = [...new Set(requestIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const rr = await db
      .select({ requestId: churnLabels.requestId, rowIndex: churnLabels.rowIndex, churned: churnLabels.churned })
      .from(churnLabels)
      .where(inArray(churnLabels.requestId, ids.slice(i, i + 5000)));
    for (const l of rr) byRequestRow.set(requestRowKey(l.requestId!, l.rowIndex ?? 0), l.churned);
  }
  return { byCustomerMonth, byRequestRow };
}

export async function upsertWindow({ db, modelName, modelVersion, kind, start, end, result }: { db: Db; modelName: string; modelVersion: number; kind: WindowKind; start: Date; end: Date; result: WindowResult }): Promise<void> {
  const values = {
    modelName, modelVersion, kind, start, end, computedAt: new Date(),
    predictions: result.predictions, labeled: result.labeled,
    drift: result.drift as unknown as Record<string, unknown>, driftShare: result.driftShare, datasetDrift: result.datasetDrift,
    predictionDrift: result.predictionDrift as unknown as Record<string, unknown>, meanScore: result.meanScore,
    realized: result.realized as unknown as Record<string, unknown> | null, estimated: result.estimated as unknown as Record<string, unknown>,
    profiles: result.profiles as unknown as Record<string, unknown>,
  };
  if (kind === 'last_n') await db.delete(monitoringWindows).where(and(eq(monitoringWindows.modelName, modelName), eq(monitoringWindows.modelVersion, modelVersion), eq(monitoringWindows.kind, 'last_n')));
  await db.insert(monitoringWindows).values(values).onConflictDoUpdate({ target: [monitoringWindows.modelName, monitoringWindows.modelVersion, monitoringWindows.kind, monitoringWindows.start], set: values });
}

export interface WindowFilter {
  db: Db;
  modelName: string;
  modelVersion?: number;
  kind?: WindowKind;
  from?: Date;
  to?: Date;
  /** Leave out the display histograms (the bulk of a row). */
  withProfiles?: boolean;
  limit?: number;
}

export async function listWindows({ db, modelName, modelVersion, kind, from, to, withProfiles = false, limit = 1000 }: WindowFilter) {
  const all = getTableColumns(monitoringWindows);
  const { profiles: _p, ...rest } = all;
  const columns = withProfiles ? all : rest;
  const where = [eq(monitoringWindows.modelName, modelName)];
  if (modelVersion !== undefined) where.push(eq(monitoringWindows.modelVersion, modelVersion));
  if (kind) where.push(eq(monitoringWindows.kind, kind));
  if (from) where.push(gte(monitoringWindows.start, from));
  if (to) where.push(lt(monitoringWindows.start, to));
  return db.select(columns).from(monitoringWindows).where(and(...where)).orderBy(asc(monitoringWindows.start)).limit(limit);
}

/** Model versions that have predictions in the log. */
export async function loggedVersions({ db }: { db: Db }): Promise<{ modelName: string; modelVersion: number }[]> {
  return db.selectDistinct({ modelName: predictionBatches.modelName, modelVersion: predictionBatches.modelVersion }).from(predictionBatches);
}

const STATE_KEY = 'windows';

export async function getWatermark({ db }: { db: Db }) {
  const [s] = await db.select().from(monitoringState).where(eq(monitoringState.key, STATE_KEY));
  return { lastBatchId: s?.lastBatchId ?? 0, lastLabelAt: s?.lastLabelAt ?? null };
}

export async function setWatermark({ db, lastBatchId, lastLabelAt }: { db: Db; lastBatchId: number; lastLabelAt: Date | null }) {
  const v = { key: STATE_KEY, lastBatchId, lastLabelAt, updatedAt: new Date() };
  await db.insert(monitoringState).values(v).onConflictDoUpdate({ target: monitoringState.key, set: v });
}

const LOOKBACK_IDS = 1000;
const LOOKBACK_MS = 10 * 60_000;

/** What changed since the watermark: days with new predictions (per version), months and requests with new labels. */
export async function changesSince({ db, lastBatchId, lastLabelAt }: { db: Db; lastBatchId: number; lastLabelAt: Date | null }) {
  // The high-water marks first, then only what lies at or below them: rows arriving meanwhile wait for the next pass.
  const [{ maxId } = { maxId: null }] = await db.select({ maxId: sql<number | null>`max(${predictionBatches.id})`.mapWith(Number) }).from(predictionBatches);
  const [{ maxAt } = { maxAt: null }] = await db.select({ maxAt: sql<string | null>`to_char(max(date_trunc('milliseconds', ${churnLabels.updatedAt})) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` }).from(churnLabels);
  const maxBatchId = maxId && Number.isFinite(maxId) ? maxId : lastBatchId;
  const maxLabelAt = maxAt ? new Date(maxAt) : lastLabelAt;
  const day = sql<string>`to_char(${predictionBatches.at} at time zone 'UTC', 'YYYY-MM-DD')`;
  const days = await db
    .selectDistinct({ modelName: predictionBatches.modelName, modelVersion: predictionBatches.modelVersion, day })
    .from(predictionBatches)
    // Identity values are handed out before commit, so a statement can commit after one with a higher id that a
    // pass already saw. When anything is new, batches scored in the last few minutes below the watermark are looked
    // at again: their days are the days receiving the new rows, which are recomputed anyway.
    .where(
      and(
        lte(predictionBatches.id, maxBatchId),
        maxBatchId > lastBatchId
          ? or(gt(predictionBatches.id, lastBatchId), and(gt(predictionBatches.id, lastBatchId - LOOKBACK_IDS), gt(predictionBatches.at, new Date(Date.now() - LOOKBACK_MS))))
          : gt(predictionBatches.id, lastBatchId),
      ),
    );
  // Compared at millisecond precision: the watermark is a JavaScript Date, the column holds microseconds.
  const ms = sql`date_trunc('milliseconds', ${churnLabels.updatedAt})`;
  const labelWhere = and(lastLabelAt ? sql`${ms} > ${lastLabelAt.toISOString()}::timestamptz` : undefined, maxLabelAt ? sql`${ms} <= ${maxLabelAt.toISOString()}::timestamptz` : undefined);
  const labelMonths = await db.selectDistinct({ month: churnLabels.month }).from(churnLabels).where(and(isNotNull(churnLabels.month), labelWhere));
  const labelRequests = await db.selectDistinct({ requestId: churnLabels.requestId }).from(churnLabels).where(and(isNotNull(churnLabels.requestId), labelWhere));
  const requestDays = labelRequests.length
    ? await db
        .selectDistinct({ modelName: predictionBatches.modelName, modelVersion: predictionBatches.modelVersion, day })
        .from(predictionBatches)
        .where(inArray(predictionBatches.requestId, labelRequests.map((r) => r.requestId!)))
    : [];
  return { days: [...days, ...requestDays], labelMonths: labelMonths.map((m) => String(m.month).slice(0, 10)), maxBatchId, maxLabelAt };
}
