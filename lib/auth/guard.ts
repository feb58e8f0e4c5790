// Server-side page guard. The proxy already redirects, but it trusts the role inside the session token; pages check
// the database so a demoted or disabled account loses access immediately.
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { findUserById } from '@/db/queries/users';
import { hasRole, minRoleForPath, type Role } from './roles';
import { sessionUserId } from './session';

// The layout and the page both ask; React's per-request cache makes that one database lookup.
const currentUser = cache(async () => {
  const uid = await sessionUserId();
  if (!uid) return { uid: null, user: undefined };
  return { uid, user: await findUserById({ db: await getDb(), id: uid }) };
});

export async function requireUser(minRole: Role, path: string) {
  const { uid, user } = await currentUser();
  if (!uid) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  if (!user || user.disabled) redirect(`/login?error=AccountDisabled`);
  if (!hasRole(user.role, minRole)) redirect(`/?denied=${encodeURIComponent(path)}`);
  return user;
}

/** Guards a page with the role its area needs (lib/auth/roles.ts AREAS is the one list of who may open what). */
export function requirePage(path: string) {
  return requireUser(minRoleForPath(path), path);
}

/** The signed-in, enabled user, or null: for pages anyone may open (the API docs). */
export async function optionalUser() {
  const { user } = await currentUser();
  return user && !user.disabled ? user : null;
}
