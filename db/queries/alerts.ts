import 'server-only';
import { and, count, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import {
  alertEvents,
  alertRules,
  monitoringReferences,
  monitoringWindows,
  type AlertEvent,
  type AlertRule,
  type AlertStatus,
  type MonitoringReference,
  type MonitoringWindow,
  type Severity,
  type WindowKind,
} from '../schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type NewAlertRule = typeof alertRules.$inferInsert;
export type NewAlertEvent = typeof alertEvents.$inferInsert;

export async function insertAlertRule({ db, rule }: { db: Db; rule: NewAlertRule }): Promise<AlertRule> {
  const [row] = await db.insert(alertRules).values(rule).returning();
  return row!;
}

export async function listAlertRules({ db, enabledOnly = false }: { db: Db; enabledOnly?: boolean }): Promise<AlertRule[]> {
  return db
    .select()
    .from(alertRules)
    .where(enabledOnly ? eq(alertRules.enabled, true) : undefined)
    .orderBy(desc(alertRules.createdAt));
}

export async function findAlertRule({ db, id }: { db: Db; id: string }): Promise<AlertRule | undefined> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id));
  return row;
}

export async function updateAlertRule({ db, id, changes }: { db: Db; id: string; changes: Partial<NewAlertRule> }): Promise<AlertRule | undefined> {
  const [row] = await db
    .update(alertRules)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(alertRules.id, id))
    .returning();
  return row;
}

/** Deletes the rule and (by the foreign key) its alert events. */
export async function deleteAlertRule({ db, id }: { db: Db; id: string }): Promise<AlertRule | undefined> {
  const [row] = await db.delete(alertRules).where(eq(alertRules.id, id)).returning();
  return row;
}

/** A version's stored windows of one kind, oldest first (the newest `limit`). */
export async function listWindowsForAlerts({ db, modelName, modelVersion, kind, limit = 400 }: { db: Db; modelName: string; modelVersion: number; kind: WindowKind; limit?: number }): Promise<MonitoringWindow[]> {
  const rows = await db
    .select()
    .from(monitoringWindows)
    .where(and(eq(monitoringWindows.modelName, modelName), eq(monitoringWindows.modelVersion, modelVersion), eq(monitoringWindows.kind, kind)))
    .orderBy(desc(monitoringWindows.start))
    .limit(limit);
  return rows.reverse();
}

/** The version's newest window, a monthly one when there is one (what the rule form shows the drift tests of). */
export async function newestWindowForAlerts({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<MonitoringWindow | undefined> {
  const [row] = await db
    .select()
    .from(monitoringWindows)
    .where(and(eq(monitoringWindows.modelName, modelName), eq(monitoringWindows.modelVersion, modelVersion)))
    .orderBy(sql`(${monitoringWindows.kind} = 'month') desc`, desc(monitoringWindows.start))
    .limit(1);
  return row;
}

export async function findReferenceForAlerts({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<MonitoringReference | undefined> {
  const [row] = await db
    .select()
    .from(monitoringReferences)
    .where(and(eq(monitoringReferences.modelName, modelName), eq(monitoringReferences.modelVersion, modelVersion)));
  return row;
}

/** window_start of the rule's newest event for this model version and window kind (the "already fired" marker). */
export async function lastEventStarts({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<Map<string, Date>> {
  const rows = await db
    .select({ ruleId: alertEvents.ruleId, kind: alertEvents.windowKind, start: sql<Date>`max(${alertEvents.windowStart})`.mapWith(alertEvents.windowStart) })
    .from(alertEvents)
    .where(and(eq(alertEvents.modelName, modelName), eq(alertEvents.modelVersion, modelVersion)))
    .groupBy(alertEvents.ruleId, alertEvents.windowKind);
  return new Map(rows.map((r) => [`${r.ruleId}:${r.kind}`, r.start]));
}

/** Inserts the event unless one exists for the same rule, model, version and window (then undefined). */
export async function insertAlertEvent({ tx, event }: { tx: Tx | Db; event: NewAlertEvent }): Promise<AlertEvent | undefined> {
  const [row] = await tx.insert(alertEvents).values(event).onConflictDoNothing().returning();
  return row;
}

export type AlertEventRow = AlertEvent & { ruleName: string | null; metric: string | null; feature: string | null };

const eventColumns = { event: alertEvents, ruleName: alertRules.name, metric: alertRules.metric, feature: alertRules.feature };

function eventFilter({ status, severity, before }: { status?: AlertStatus; severity?: Severity; before?: Date }): SQL | undefined {
  const where: SQL[] = [];
  if (status) where.push(eq(alertEvents.status, status));
  if (severity) where.push(eq(alertEvents.severity, severity));
  if (before) where.push(lt(alertEvents.openedAt, before));
  return where.length ? and(...where) : undefined;
}

/** Events, newest first, with their rule's name. */
export async function listAlertEvents({ db, status, severity, before, limit = 50 }: { db: Db; status?: AlertStatus; severity?: Severity; before?: Date; limit?: number }): Promise<AlertEventRow[]> {
  const rows = await db
    .select(eventColumns)
    .from(alertEvents)
    .leftJoin(alertRules, eq(alertRules.id, alertEvents.ruleId))
    .where(eventFilter({ status, severity, before }))
    .orderBy(desc(alertEvents.openedAt), desc(alertEvents.windowStart))
    .limit(limit);
  return rows.map(({ event, ...rule }) => ({ ...event, ...rule }));
}

export async function countAlertEvents({ db, status, severity }: { db: Db; status?: AlertStatus; severity?: Severity }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alertEvents).where(eventFilter({ status, severity }));
  return row?.n ?? 0;
}

export async function findAlertEvent({ db, id }: { db: Db; id: string }): Promise<AlertEventRow | undefined> {
  const [row] = await db.select(eventColumns).from(alertEvents).leftJoin(alertRules, eq(alertRules.id, alertEvents.ruleId)).where(eq(alertEvents.id, id));
  return row ? { ...row.event, ruleName: row.ruleName, metric: row.metric, feature: row.feature } : undefined;
}

/** open → acknowledged; undefined when the event is not open (the caller says why). */
export async function acknowledgeAlertEvent({ db, id, by }: { db: Db; id: string; by: string }): Promise<AlertEvent | undefined> {
  const [row] = await db
    .update(alertEvents)
    .set({ status: 'acknowledged', acknowledgedBy: by, acknowledgedAt: sql`now()` })
    .where(and(eq(alertEvents.id, id), eq(alertEvents.status, 'open')))
    .returning();
  return row;
}

/** open or acknowledged → resolved; undefined when already resolved (or missing). */
export async function resolveAlertEvent({ db, id, by }: { db: Db; id: string; by: string }): Promise<AlertEvent | undefined> {
  const [row] = await db
    .update(alertEvents)
    .set({ status: 'resolved', resolvedBy: by, resolvedAt: sql`now()` })
    .where(and(eq(alertEvents.id, id), sql`${alertEvents.status} <> 'resolved'`))
    .returning();
  return row;
}
