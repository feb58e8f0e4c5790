import 'server-only';
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { RegistryClause } from '@/lib/tracking/registry-filter';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { isUniqueViolation, type Db } from '../client';
import { modelAliases, modelVersions, modelVersionTags, registeredModels, registeredModelTags, type ModelVersionRow } from '../schema';

export type VersionWithExtras = ModelVersionRow & { tags: { key: string; value: string }[]; aliases: string[] };

export async function insertRegisteredModel({
  db,
  name,
  description,
  userId,
  tags,
  now,
}: {
  db: Db;
  name: string;
  description: string;
  userId: string;
  tags: { key: string; value: string }[];
  now: number;
}): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      await tx.insert(registeredModels).values({ name, description, userId, creationTimestamp: now, lastUpdatedTimestamp: now });
      if (tags.length) await tx.insert(registeredModelTags).values(tags.map((t) => ({ name, ...t })));
    });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

function textOp(col: SQL | AnyPgColumn, c: RegistryClause): SQL {
  const v = c.value as string;
  if (c.op === '=') return sql`${col} = ${v}`;
  if (c.op === '!=') return sql`${col} <> ${v}`;
  if (c.op === 'LIKE') return sql`${col} like ${v}`;
  return sql`${col} ilike ${v}`;
}

export async function searchRegisteredModels({
  db,
  filter,
  orderBy,
  limit,
  offset,
}: {
  db: Db;
  filter: RegistryClause[];
  orderBy: { field: 'name' | 'last_updated_timestamp' | 'creation_timestamp'; ascending: boolean }[];
  limit: number;
  offset: number;
}): Promise<{ names: string[]; hasMore: boolean }> {
  const where = filter.map((c) =>
    c.field === 'tag'
      ? sql`exists (select 1 from ${registeredModelTags} t where t.name = ${registeredModels.name} and t.key = ${c.key!} and ${textOp(sql`t.value`, c)})`
      : textOp(registeredModels.name, c),
  );
  const cols = { name: registeredModels.name, last_updated_timestamp: registeredModels.lastUpdatedTimestamp, creation_timestamp: registeredModels.creationTimestamp };
  const order = [...orderBy.map((o) => (o.ascending ? asc(cols[o.field]) : desc(cols[o.field]))), asc(registeredModels.name)];
  const rows = await db
    .select({ name: registeredModels.name })
    .from(registeredModels)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(limit + 1)
    .offset(offset);
  return { names: rows.slice(0, limit).map((r) => r.name), hasMore: rows.length > limit };
}

export async function getRegisteredModels({ db, names }: { db: Db; names: string[] }) {
  if (!names.length) return [];
  const [models, tags, aliases, versions] = await Promise.all([
    db.select().from(registeredModels).where(inArray(registeredModels.name, names)),
    db.select().from(registeredModelTags).where(inArray(registeredModelTags.name, names)),
    db.select().from(modelAliases).where(inArray(modelAliases.name, names)),
    // MLflow's latest_versions: the newest version per stage.
    db.execute(sql`select distinct on (name, current_stage) * from model_versions where name in ${sql`(${sql.join(names.map((n) => sql`${n}`), sql`, `)})`} order by name, current_stage, version desc`),
  ]);
  const versionRows = (Array.isArray(versions) ? versions : (versions as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const byName = new Map(
    models.map((m) => [m.name, { ...m, tags: [] as { key: string; value: string }[], aliases: [] as { alias: string; version: number }[], latestVersions: [] as (ModelVersionRow & { aliases: string[] })[] }]),
  );
  for (const t of tags) byName.get(t.name)?.tags.push({ key: t.key, value: t.value });
  for (const a of aliases) byName.get(a.name)?.aliases.push({ alias: a.alias, version: a.version });
  for (const r of versionRows) {
    const m = byName.get(String(r.name));
    if (!m) continue;
    const v = rowToVersion(r);
    m.latestVersions.push({ ...v, aliases: m.aliases.filter((a) => a.version === v.version).map((a) => a.alias) });
  }
  return names.map((n) => byName.get(n)).filter((m): m is NonNullable<typeof m> => !!m);
}

function rowToVersion(r: Record<string, unknown>): ModelVersionRow {
  return {
    name: String(r.name),
    version: Number(r.version),
    creationTimestamp: Number(r.creation_timestamp),
    lastUpdatedTimestamp: Number(r.last_updated_timestamp),
    userId: String(r.user_id ?? ''),
    currentStage: String(r.current_stage),
    description: String(r.description ?? ''),
    source: String(r.source),
    runId: r.run_id === null || r.run_id === undefined ? null : String(r.run_id),
    runLink: String(r.run_link ?? ''),
    status: String(r.status),
    statusMessage: String(r.status_message ?? ''),
  };
}

export async function updateRegisteredModel({ db, name, patch }: { db: Db; name: string; patch: Partial<{ description: string; lastUpdatedTimestamp: number; name: string }> }) {
  try {
    const rows = await db.update(registeredModels).set(patch).where(eq(registeredModels.name, name)).returning({ name: registeredModels.name });
    return rows.length ? 'ok' : 'missing';
  } catch (e) {
    if (isUniqueViolation(e)) return 'duplicate';
    throw e;
  }
}

export async function deleteRegisteredModel({ db, name }: { db: Db; name: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.delete(modelVersionTags).where(eq(modelVersionTags.name, name));
    const rows = await tx.delete(registeredModels).where(eq(registeredModels.name, name)).returning({ name: registeredModels.name });
    return rows.length > 0;
  });
}

export async function setRegisteredModelTag({ db, name, key, value }: { db: Db; name: string; key: string; value: string }) {
  await db.insert(registeredModelTags).values({ name, key, value }).onConflictDoUpdate({ target: [registeredModelTags.name, registeredModelTags.key], set: { value } });
}

export async function deleteRegisteredModelTag({ db, name, key }: { db: Db; name: string; key: string }): Promise<boolean> {
  const rows = await db.delete(registeredModelTags).where(and(eq(registeredModelTags.name, name), eq(registeredModelTags.key, key))).returning({ key: registeredModelTags.key });
  return rows.length > 0;
}

/** Creates the next version number under a row lock on the model, so concurrent registrations never collide. */
export async function insertModelVersion({
  db,
  version,
  tags,
}: {
  db: Db;
  version: Omit<typeof modelVersions.$inferInsert, 'version'>;
  tags: { key: string; value: string }[];
}): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from registered_models where name = ${version.name} for update`);
    const [row] = await tx
      .select({ max: sql<number>`coalesce(max(${modelVersions.version}), 0)`.mapWith(Number) })
      .from(modelVersions)
      .where(eq(modelVersions.name, version.name));
    const next = (row?.max ?? 0) + 1;
    await tx.insert(modelVersions).values({ ...version, version: next });
    if (tags.length) await tx.insert(modelVersionTags).values(tags.map((t) => ({ name: version.name, version: next, ...t })));
    await tx.update(registeredModels).set({ lastUpdatedTimestamp: version.creationTimestamp }).where(eq(registeredModels.name, version.name));
    return next;
  });
}

export async function getModelVersions({ db, keys }: { db: Db; keys: { name: string; version: number }[] }): Promise<VersionWithExtras[]> {
  if (!keys.length) return [];
  const match = sql.join(keys.map((k) => sql`(${k.name}, ${k.version})`), sql`, `);
  const [versions, tags, aliases] = await Promise.all([
    db.select().from(modelVersions).where(sql`(${modelVersions.name}, ${modelVersions.version}) in (${match})`),
    db.select().from(modelVersionTags).where(sql`(${modelVersionTags.name}, ${modelVersionTags.version}) in (${match})`),
    db.select().from(modelAliases).where(sql`(${modelAliases.name}, ${modelAliases.version}) in (${match})`),
  ]);
  const id = (n: string, v: number) => `${n}\u0000${v}`;
  const byKey = new Map(versions.map((v) => [id(v.name, v.version), { ...v, tags: [] as { key: string; value: string }[], aliases: [] as string[] }]));
  for (const t of tags) byKey.get(id(t.name, t.version))?.tags.push({ key: t.key, value: t.value });
  for (const a of aliases) byKey.get(id(a.name, a.version))?.aliases.push(a.alias);
  return keys.map((k) => byKey.get(id(k.name, k.version))).filter((v): v is VersionWithExtras => !!v);
}

export async function searchModelVersions({
  db,
  filter,
  limit,
  offset,
}: {
  db: Db;
  filter: RegistryClause[];
  limit: number;
  offset: number;
}): Promise<{ keys: { name: string; version: number }[]; hasMore: boolean }> {
  const where = filter.map((c) => {
    if (c.field === 'tag') return sql`exists (select 1 from ${modelVersionTags} t where t.name = ${modelVersions.name} and t.version = ${modelVersions.version} and t.key = ${c.key!} and ${textOp(sql`t.value`, c)})`;
    if (c.field === 'run_id' && c.op === 'IN') return inArray(modelVersions.runId, c.value as string[]);
    if (c.field === 'version_number') return textOp(sql`${modelVersions.version}::text`, c);
    const col = c.field === 'name' ? modelVersions.name : c.field === 'run_id' ? modelVersions.runId : modelVersions.source;
    return textOp(col, c);
  });
  const rows = await db
    .select({ name: modelVersions.name, version: modelVersions.version })
    .from(modelVersions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(modelVersions.name), desc(modelVersions.version))
    .limit(limit + 1)
    .offset(offset);
  return { keys: rows.slice(0, limit), hasMore: rows.length > limit };
}

export async function updateModelVersion({ db, name, version, patch }: { db: Db; name: string; version: number; patch: Partial<typeof modelVersions.$inferInsert> }) {
  const rows = await db.update(modelVersions).set(patch).where(and(eq(modelVersions.name, name), eq(modelVersions.version, version))).returning();
  return rows[0];
}

/** Moves other versions in `stage` to Archived (MLflow's archive_existing_versions). */
export async function archiveOtherVersions({ db, name, version, stage, now }: { db: Db; name: string; version: number; stage: string; now: number }) {
  await db
    .update(modelVersions)
    .set({ currentStage: 'Archived', lastUpdatedTimestamp: now })
    .where(and(eq(modelVersions.name, name), ne(modelVersions.version, version), eq(modelVersions.currentStage, stage)));
}

export async function deleteModelVersion({ db, name, version }: { db: Db; name: string; version: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.delete(modelAliases).where(and(eq(modelAliases.name, name), eq(modelAliases.version, version)));
    await tx.delete(modelVersionTags).where(and(eq(modelVersionTags.name, name), eq(modelVersionTags.version, version)));
    const rows = await tx.delete(modelVersions).where(and(eq(modelVersions.name, name), eq(modelVersions.version, version))).returning({ v: modelVersions.version });
    return rows.length > 0;
  });
}

export async function setModelVersionTag({ db, name, version, key, value }: { db: Db; name: string; version: number; key: string; value: string }) {
  await db
    .insert(modelVersionTags)
    .values({ name, version, key, value })
    .onConflictDoUpdate({ target: [modelVersionTags.name, modelVersionTags.version, modelVersionTags.key], set: { value } });
}

export async function deleteModelVersionTag({ db, name, version, key }: { db: Db; name: string; version: number; key: string }): Promise<boolean> {
  const rows = await db
    .delete(modelVersionTags)
    .where(and(eq(modelVersionTags.name, name), eq(modelVersionTags.version, version), eq(modelVersionTags.key, key)))
    .returning({ key: modelVersionTags.key });
  return rows.length > 0;
}

/** Points an alias at a version; returns the version it pointed at before (for the audit log), or null. */
export async function setAlias({ db, name, alias, version }: { db: Db; name: string; alias: string; version: number }): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [prev] = await tx.select({ v: modelAliases.version }).from(modelAliases).where(and(eq(modelAliases.name, name), eq(modelAliases.alias, alias)));
    await tx.insert(modelAliases).values({ name, alias, version }).onConflictDoUpdate({ target: [modelAliases.name, modelAliases.alias], set: { version } });
    return prev?.v ?? null;
  });
}

export async function deleteAlias({ db, name, alias }: { db: Db; name: string; alias: string }): Promise<number | null> {
  const rows = await db.delete(modelAliases).where(and(eq(modelAliases.name, name), eq(modelAliases.alias, alias))).returning({ v: modelAliases.version });
  return rows[0]?.v ?? null;
}

export async function getAlias({ db, name, alias }: { db: Db; name: string; alias: string }): Promise<number | null> {
  const [row] = await db.select({ v: modelAliases.version }).from(modelAliases).where(and(eq(modelAliases.name, name), eq(modelAliases.alias, alias)));
  return row?.v ?? null;
}

