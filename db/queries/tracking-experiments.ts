import 'server-only';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { isUniqueViolation } from '../client';
import { experiments, experimentTags, runs } from '../schema';

export type ExperimentWithTags = typeof experiments.$inferSelect & { tags: { key: string; value: string }[] };

export async function insertExperiment({
  db,
  name,
  artifactLocation,
  tags,
  now,
}: {
  db: Db;
  name: string;
  artifactLocation?: string;
  tags: { key: string; value: string }[];
  now: number;
}): Promise<number | null> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(experiments)
        .values({ name, artifactLocation: artifactLocation ?? '', creationTime: now, lastUpdateTime: now })
        .returning({ id: experiments.experimentId });
      const id = row!.id;
      // The default location needs the id, which only exists after the insert.
      if (!artifactLocation) await tx.update(experiments).set({ artifactLocation: `mlflow-artifacts:/${id}` }).where(eq(experiments.experimentId, id));
      if (tags.length) await tx.insert(experimentTags).values(tags.map((t) => ({ experimentId: id, ...t })));
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

export async function getExperiments({ db, ids }: { db: Db; ids: number[] }): Promise<ExperimentWithTags[]> {
  if (!ids.length) return [];
  const [rows, tags] = await Promise.all([
    db.select().from(experiments).where(inArray(experiments.experimentId, ids)),
    db.select().from(experimentTags).where(inArray(experimentTags.experimentId, ids)),
  ]);
  const byId = new Map(rows.map((r) => [r.experimentId, { ...r, tags: [] as { key: string; value: string }[] }]));
  for (const t of tags) byId.get(t.experimentId)?.tags.push({ key: t.key, value: t.value });
  return ids.map((id) => byId.get(id)).filter((e): e is ExperimentWithTags => !!e);
}

export async function findExperimentByName({ db, name }: { db: Db; name: string }): Promise<ExperimentWithTags | undefined> {
  const [row] = await db.select({ id: experiments.experimentId }).from(experiments).where(eq(experiments.name, name));
  return row ? (await getExperiments({ db, ids: [row.id] }))[0] : undefined;
}

export async function updateExperiment({
  db,
  id,
  patch,
  now,
}: {
  db: Db;
  id: number;
  patch: Partial<{ name: string; lifecycleStage: 'active' | 'deleted' }>;
  now: number;
}): Promise<'ok' | 'missing' | 'duplicate'> {
  try {
    const rows = await db
      .update(experiments)
      .set({ ...patch, lastUpdateTime: now })
      .where(eq(experiments.experimentId, id))
      .returning({ id: experiments.experimentId });
    return rows.length ? 'ok' : 'missing';
  } catch (e) {
    if (isUniqueViolation(e)) return 'duplicate';
    throw e;
  }
}

export async function setExperimentTag({ db, id, key, value }: { db: Db; id: number; key: string; value: string }): Promise<void> {
  await db
    .insert(experimentTags)
    .values({ experimentId: id, key, value })
    .onConflictDoUpdate({ target: [experimentTags.experimentId, experimentTags.key], set: { value } });
}

export async function deleteExperimentTag({ db, id, key }: { db: Db; id: number; key: string }): Promise<boolean> {
  const rows = await db
    .delete(experimentTags)
    .where(and(eq(experimentTags.experimentId, id), eq(experimentTags.key, key)))
    .returning({ key: experimentTags.key });
  return rows.length > 0;
}

/** Run counts per experiment, for the experiments page. */
export async function runCounts({ db, ids }: { db: Db; ids: number[] }): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: runs.experimentId, n: count() })
    .from(runs)
    .where(and(eq(runs.lifecycleStage, 'active'), inArray(runs.experimentId, ids)))
    .groupBy(runs.experimentId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
