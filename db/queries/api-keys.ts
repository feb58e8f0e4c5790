import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { apiKeys, users, type ApiKey } from '../schema';

export type PublicApiKey = Omit<ApiKey, 'secretHash'> & { createdByEmail: string | null };

export async function insertApiKey({
  db,
  key,
}: {
  db: Db;
  key: { name: string; prefix: string; secretHash: string; scopes: string[]; createdBy: string | null; expiresAt?: Date | null };
}): Promise<ApiKey> {
  const [row] = await db.insert(apiKeys).values(key).returning();
  return row!;
}

export async function listApiKeys({ db }: { db: Db }): Promise<PublicApiKey[]> {
  const rows = await db
    .select({ key: apiKeys, createdByEmail: users.email })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(({ key, createdByEmail }) => {
    const { secretHash, ...rest } = key;
    return { ...rest, createdByEmail };
  });
}

export async function findApiKeyByHash({ db, secretHash }: { db: Db; secretHash: string }): Promise<ApiKey | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.secretHash, secretHash));
  return row;
}

export async function findApiKeyById({ db, id }: { db: Db; id: string }): Promise<ApiKey | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

/** Revokes the key; revoking an already revoked key keeps the first revocation time. */
export async function revokeApiKey({ db, id }: { db: Db; id: string }): Promise<ApiKey | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(eq(apiKeys.id, id))
    .returning();
  return row;
}

/** Records use at most once a minute per key, so a busy integration does not turn every request into a write. */
export async function touchApiKey({ db, id }: { db: Db; id: string }): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(sql`${apiKeys.id} = ${id} and (${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`);
}
