// ROI persistence: the scores of the current active customers (the champion's newest month in the prediction log),
// saved scenarios, and the versioned ROI decision policy.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { roiPolicies, roiScenarios } from '../roi-decks-schema';
import { customerSnapshots } from '../schema';
import { predictionBatches } from '../serving-schema';

/** The first day (UTC) of the newest month in which this version logged predictions, or null. */
export async function newestLoggedMonth({ db, modelName, modelVersion }: { db: Db; modelName: string; modelVersion: number }): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | null>`to_char(date_trunc('month', max(${predictionBatches.at}) at time zone 'UTC'), 'YYYY-MM-DD')` })
    .from(predictionBatches)
    .where(and(eq(predictionBatches.modelName, modelName), eq(predictionBatches.modelVersion, modelVersion)));
  return row?.at ? new Date(`${row.at}T00:00:00Z`) : null;
}

/** The newest snapshot month (YYYY-MM-DD), or null on an empty database. */
export async function latestSnapshotMonth({ db }: { db: Db }): Promise<{ month: string } | null> {
  const [row] = await db.select({ month: customerSnapshots.month }).from(customerSnapshots).orderBy(desc(customerSnapshots.month)).limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Scenarios

export type ScenarioRow = typeof roiScenarios.$inferSelect;

export async function listScenarios({ db }: { db: Db }): Promise<ScenarioRow[]> {
  return db.select().from(roiScenarios).orderBy(desc(roiScenarios.updatedAt));
}

/** Saves a scenario by name (a second save under the same name replaces its inputs). */
export async function saveScenario({ db, name, inputs, result, by }: { db: Db; name: string; inputs: Record<string, unknown>; result: Record<string, unknown> | null; by: string }): Promise<ScenarioRow> {
  const [row] = await db
    .insert(roiScenarios)
    .values({ name, inputs, result, createdBy: by })
    .onConflictDoUpdate({ target: roiScenarios.name, set: { inputs, result, updatedAt: new Date() } })
    .returning();
  return row!;
}

export async function deleteScenario({ db, id }: { db: Db; id: number }): Promise<boolean> {
  return (await db.delete(roiScenarios).where(eq(roiScenarios.id, id)).returning({ id: roiScenarios.id })).length > 0;
}

// ---------------------------------------------------------------------------------------------------------------------
// Policies

export type RoiPolicyRow = typeof roiPolicies.$inferSelect;
export type NewRoiPolicy = Omit<typeof roiPolicies.$inferInsert, 'id' | 'revision' | 'active' | 'createdAt' | 'deactivatedAt'>;

/** Saves a new revision and makes it the active one (the previous stays, inactive), in one transaction. */
export async function activateRoiPolicy({ db, policy }: { db: Db; policy: NewRoiPolicy }): Promise<RoiPolicyRow> {
  return db.transaction(async (tx) => {
    await tx.update(roiPolicies).set({ active: false, deactivatedAt: new Date() }).where(and(eq(roiPolicies.modelName, policy.modelName), eq(roiPolicies.active, true)));
    const [row] = await tx
      .insert(roiPolicies)
      .values({ ...policy, revision: sql`(select coalesce(max(${roiPolicies.revision}), 0) + 1 from ${roiPolicies} where ${roiPolicies.modelName} = ${policy.modelName})` })
      .returning();
    return row!;
  });
}

export async function deactivateRoiPolicy({ db, modelName }: { db: Db; modelName: string }): Promise<RoiPolicyRow | null> {
  const [row] = await db.update(roiPolicies).set({ active: false, deactivatedAt: new Date() }).where(and(eq(roiPolicies.modelName, modelName), eq(roiPolicies.active, true))).returning();
  return row ?? null;
}

export async function activeRoiPolicy({ db, modelName }: { db: Db; modelName: string }): Promise<RoiPolicyRow | null> {
  const [row] = await db.select().from(roiPolicies).where(and(eq(roiPolicies.modelName, modelName), eq(roiPolicies.active, true)));
  return row ?? null;
}

export async function listRoiPolicies({ db, modelName }: { db: Db; modelName: string }): Promise<RoiPolicyRow[]> {
  return db.select().from(roiPolicies).where(eq(roiPolicies.modelName, modelName)).orderBy(desc(roiPolicies.revision));
}
