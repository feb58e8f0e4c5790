// Fairness persistence: the data an audit runs on (a version's test month with each customer's sensitive attributes,
// or a monitoring month's logged predictions joined to their labels), decision records and threshold policies.
import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { SENSITIVE_ATTRIBUTE_NAMES, type SensitiveAttribute } from '@/lib/data/features';
import type { Db } from '../client';
import { fairnessDecisions, fairnessPolicies } from '../fairness-schema';
import { monitoringWindows } from '../monitoring-schema';
import { customers, customerSnapshots, modelAliases, modelVersions } from '../schema';

export const SENSITIVE_ATTRIBUTES = SENSITIVE_ATTRIBUTE_NAMES;
export type { SensitiveAttribute };
export type Attributes = Record<SensitiveAttribute, string>;

const SNAPSHOT = getTableColumns(customerSnapshots);

/** One month's snapshots (model inputs by contract name) with the churn label and the customer's sensitive attributes. */
export async function labelledSnapshotMonth({ db, month }: { db: Db; month: string }) {
  const rows = await db
    .select({ s: customerSnapshots, ageBand: customers.ageBand, gender: customers.gender, region: customers.region })
    .from(customerSnapshots)
    .innerJoin(customers, eq(customers.customerId, customerSnapshots.customerId))
    .where(and(eq(customerSnapshots.month, month), sql`${customerSnapshots.churned} is not null`))
    .orderBy(asc(customerSnapshots.customerId));
  return rows.map((r) => {
    const record: Record<string, unknown> = {};
    for (const [key, col] of Object.entries(SNAPSHOT)) record[col.name] = (r.s as Record<string, unknown>)[key];
    return { record, churned: r.s.churned === true, attributes: { age_band: r.ageBand, gender: r.gender, region: r.region } as Attributes };
  });
}

/** Sensitive attributes of the given customers (unknown ids are absent from the map). */
export async function customerAttributes({ db, ids }: { db: Db; ids: string[] }): Promise<Map<string, Attributes>> {
  const out = new Map<string, Attributes>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 10_000) {
    const rows = await db
      .select({ id: customers.customerId, ageBand: customers.ageBand, gender: customers.gender, region: customers.region })
      .from(customers)
      .where(inArray(customers.customerId, unique.slice(i, i + 10_000)));
    for (const r of rows) out.set(r.id, { age_band: r.ageBand, gender: r.gender, region: r.region });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// Decision records

export type DecisionRow = typeof fairnessDecisions.$inferSelect;
export type NewDecision = Omit<typeof fairnessDecisions.$inferInsert, 'id' | 'revision' | 'createdAt'>;

/** Appends a revision (the next number for the model), retrying once if another writer took the number first. */
export async function insertDecision({ db, decision }: { db: Db; decision: NewDecision }): Promise<DecisionRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await db
        .insert(fairnessDecisions)
        .values({
          ...decision,
          revision: sql`(select coalesce(max(${fairnessDecisions.revision}), 0) + 1 from ${fairnessDecisions} where ${fairnessDecisions.modelName} = ${decision.modelName})`,
        })
        .returning();
      return row!;
    } catch (e) {
      if (attempt >= 2 || !/fairness_decisions_model_rev_uq|duplicate key/.test(String((e as Error).message ?? e))) throw e;
    }
  }
}

export async function listDecisions({ db, modelName }: { db: Db; modelName: string }): Promise<DecisionRow[]> {
  return db.select().from(fairnessDecisions).where(eq(fairnessDecisions.modelName, modelName)).orderBy(desc(fairnessDecisions.revision));
}

export async function latestDecision({ db, modelName }: { db: Db; modelName: string }): Promise<DecisionRow | null> {
  const [row] = await db.select().from(fairnessDecisions).where(eq(fairnessDecisions.modelName, modelName)).orderBy(desc(fairnessDecisions.revision)).limit(1);
  return row ?? null;
}

export async function getDecision({ db, modelName, revision }: { db: Db; modelName: string; revision: number }): Promise<DecisionRow | null> {
  const [row] = await db.select().from(fairnessDecisions).where(and(eq(fairnessDecisions.modelName, modelName), eq(fairnessDecisions.revision, revision)));
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Threshold policies

export type PolicyRow = typeof fairnessPolicies.$inferSelect;
export type NewPolicy = Omit<typeof fairnessPolicies.$inferInsert, 'id' | 'active' | 'createdAt' | 'deactivatedAt'>;

/** Makes `policy` the version's active one (the previous one is kept, deactivated), in one transaction. */
export async function activatePolicy({ db, policy }: { db: Db; policy: NewPolicy }): Promise<PolicyRow> {
  return db.transaction(async (tx) => {
    await tx
      .update(fairnessPolicies)
      .set({ active: false, deactivatedAt: new Date() })
      .where(and(eq(fairnessPolicies.modelName, policy.modelName), eq(fairnessPolicies.modelVersion, policy.modelVersion), eq(fairnessPolicies.active, true)));
    const [row] = await tx.insert(fairnessPolicies).values(policy).returning();
    return row!;
  });
}

/** Deactivates the version's policy; returns it, or null if none was active. */
export async function deactivatePolicy({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<PolicyRow | null> {
  const [row] = await db
    .update(fairnessPolicies)
    .set({ active: false, deactivatedAt: new Date() })
    .where(and(eq(fairnessPolicies.modelName, modelName), eq(fairnessPolicies.modelVersion, modelVersion), eq(fairnessPolicies.active, true)))
    .returning();
  return row ?? null;
}

export async function activePolicy({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<PolicyRow | null> {
  const [row] = await db
    .select()
    .from(fairnessPolicies)
    .where(and(eq(fairnessPolicies.modelName, modelName), eq(fairnessPolicies.modelVersion, modelVersion), eq(fairnessPolicies.active, true)));
  return row ?? null;
}

export async function listPolicies({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<PolicyRow[]> {
  return db
    .select()
    .from(fairnessPolicies)
    .where(and(eq(fairnessPolicies.modelName, modelName), eq(fairnessPolicies.modelVersion, modelVersion)))
    .orderBy(desc(fairnessPolicies.id));
}

/** A model's versions, newest first, with their aliases (for the fairness page's version switch). */
export async function versionsWithAliases({ db, modelName }: { db: Db; modelName: string }): Promise<{ version: number; aliases: string[] }[]> {
  const [versions, aliases] = await Promise.all([
    db.select({ version: modelVersions.version }).from(modelVersions).where(eq(modelVersions.name, modelName)).orderBy(desc(modelVersions.version)),
    db.select({ version: modelAliases.version, alias: modelAliases.alias }).from(modelAliases).where(eq(modelAliases.name, modelName)),
  ]);
  return versions.map((v) => ({ version: v.version, aliases: aliases.filter((a) => a.version === v.version).map((a) => a.alias).sort() }));
}

/** Months in which a version's logged predictions have labels (from the monitoring windows), oldest first, as YYYY-MM. */
export async function labelledMonths({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<string[]> {
  const rows = await db
    .select({ month: sql<string>`to_char(${monitoringWindows.start} at time zone 'UTC', 'YYYY-MM')` })
    .from(monitoringWindows)
    .where(and(eq(monitoringWindows.modelName, modelName), eq(monitoringWindows.modelVersion, modelVersion), eq(monitoringWindows.kind, 'month'), sql`${monitoringWindows.realized} is not null`))
    .orderBy(asc(monitoringWindows.start));
  return rows.map((r) => r.month);
}
