import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { users, type NewUser, type Role, type User } from '../schema';

export type PublicUser = Omit<User, 'passwordHash'> & { hasPassword: boolean };

export function toPublicUser(u: User): PublicUser {
  const { passwordHash, ...rest } = u;
  return { ...rest, hasPassword: passwordHash !== null };
}

export async function findUserByEmail({ db, email }: { db: Db; email: string }): Promise<User | undefined> {
  const [u] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return u;
}

export async function findUserById({ db, id }: { db: Db; id: string }): Promise<User | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function listUsers({ db }: { db: Db }): Promise<PublicUser[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map(toPublicUser);
}

export async function countUsers({ db }: { db: Db }): Promise<number> {
  const [r] = await db.select({ n: count() }).from(users);
  return r?.n ?? 0;
}

export async function insertUser({ db, user }: { db: Db; user: NewUser }): Promise<User> {
  const [u] = await db
    .insert(users)
    .values({ ...user, email: user.email.trim().toLowerCase() })
    .returning();
  return u!;
}

/** Inserts the user unless the e-mail exists; returns the stored row either way and whether it was created. */
export async function upsertUserByEmail({ db, user }: { db: Db; user: NewUser }): Promise<{ user: User; created: boolean }> {
  const email = user.email.trim().toLowerCase();
  const [created] = await db
    .insert(users)
    .values({ ...user, email })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (created) return { user: created, created: true };
  return { user: (await findUserByEmail({ db, email }))!, created: false };
}

export async function updateUser({
  db,
  id,
  patch,
}: {
  db: Db;
  id: string;
  patch: Partial<{ name: string; role: Role; disabled: boolean; passwordHash: string }>;
}): Promise<User | undefined> {
  const [u] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  return u;
}

export async function touchSignIn({ db, id }: { db: Db; id: string }): Promise<void> {
  await db.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, id));
}

/** Active admins other than `exceptId`: an admin may not remove the last admin's access. */
export async function countOtherActiveAdmins({ db, exceptId }: { db: Db; exceptId: string }): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.disabled} = false and ${users.id} <> ${exceptId}`);
  return r?.n ?? 0;
}
