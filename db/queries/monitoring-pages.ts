import 'server-only';
// Reads the monitoring pages need beyond db/queries/monitoring.ts: one feature's display histograms across windows,
// how much a version has logged, the open alerts, and the demo world's dated events.
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alertEvents, alertRules, monitoringWindows, type Severity, type WindowKind } from '../monitoring-schema';
import { appMeta } from '../schema';
import { predictionBatches } from '../serving-schema';
import type { DisplayHistogram } from '@/lib/monitoring/histogram';
import type { WorldEvent } from '@/lib/monitoring/views';

/** Predictions a model version has in the log (0: nothing to monitor yet). */
export async function loggedPredictions({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${predictionBatches.n}), 0)`.mapWith(Number) })
    .from(predictionBatches)
    .where(and(eq(predictionBatches.modelName, modelName), eq(predictionBatches.modelVersion, modelVersion)));
  return r?.n ?? 0;
}

/** One feature's display histogram in every stored window of a kind (oldest first), without the other features. */
export async function featureHistograms({ db, modelName, modelVersion, kind, feature }: { db: Db; modelName: string; modelVersion: number; kind: WindowKind; feature: string }): Promise<{ start: Date; histogram: DisplayHistogram | null }[]> {
  const rows = await db
    .select({ start: monitoringWindows.start, histogram: sql<DisplayHistogram | null>`${monitoringWindows.profiles} -> ${feature}` })
    .from(monitoringWindows)
    .where(and(eq(monitoringWindows.modelName, modelName), eq(monitoringWindows.modelVersion, modelVersion), eq(monitoringWindows.kind, kind)))
    .orderBy(asc(monitoringWindows.start));
  // postgres.js hands jsonb back parsed; a driver that returns text is parsed here.
  return rows.map((r) => ({ start: r.start, histogram: typeof r.histogram === 'string' ? (JSON.parse(r.histogram) as DisplayHistogram) : r.histogram }));
}

export interface OpenAlert {
  id: string;
  ruleName: string | null;
  severity: Severity;
  message: string;
  windowStart: Date;
  windowKind: WindowKind;
  openedAt: Date;
}

/** Open alerts of a model: how many, and the newest few. */
export async function openAlertsSummary({ db, modelName, limit = 5 }: { db: Db; modelName: string; limit?: number }): Promise<{ open: number; critical: number; latest: OpenAlert[] }> {
  const where = and(eq(alertEvents.status, 'open'), eq(alertEvents.modelName, modelName));
  const [counts] = await db
    .select({ open: count(), critical: sql<number>`count(*) filter (where ${alertEvents.severity} = 'critical')`.mapWith(Number) })
    .from(alertEvents)
    .where(where);
  const latest = await db
    .select({
      id: alertEvents.id, ruleName: alertRules.name, severity: alertEvents.severity, message: alertEvents.message,
      windowStart: alertEvents.windowStart, windowKind: alertEvents.windowKind, openedAt: alertEvents.openedAt,
    })
    .from(alertEvents)
    .leftJoin(alertRules, eq(alertRules.id, alertEvents.ruleId))
    .where(where)
    // Critical first, then warnings, then info; newest window first within each.
    .orderBy(sql`case ${alertEvents.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`, desc(alertEvents.windowStart), desc(alertEvents.openedAt))
    .limit(limit);
  return { open: counts?.open ?? 0, critical: counts?.critical ?? 0, latest };
}

/** The simulated world's dated events (app_meta 'demo_world'); none outside the demo. */
export async function worldEvents({ db }: { db: Db }): Promise<WorldEvent[]> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, 'demo_world'));
  const events = row?.value.events;
  if (!Array.isArray(events)) return [];
  return events
    .filter((e): e is WorldEvent => typeof e === 'object' && e !== null && typeof (e as WorldEvent).month === 'string' && typeof (e as WorldEvent).title === 'string')
    .map((e) => ({ id: String(e.id), month: e.month.slice(0, 10), title: e.title, description: e.description }));
}

/** A customer and month from the version's newest logged scoring (for the labels upload's example file). */
export async function sampleLoggedCustomer({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<{ customerId: string; month: string } | null> {
  const [r] = await db
    .select({ customerId: sql<string | null>`${predictionBatches.customerIds}[1]`, at: predictionBatches.at })
    .from(predictionBatches)
    .where(and(eq(predictionBatches.modelName, modelName), eq(predictionBatches.modelVersion, modelVersion), sql`${predictionBatches.customerIds}[1] is not null`))
    .orderBy(desc(predictionBatches.id))
    .limit(1);
  return r?.customerId ? { customerId: r.customerId, month: r.at.toISOString().slice(0, 7) } : null;
}
