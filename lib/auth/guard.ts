// Server-side page guard. The proxy already redirects, but it trusts the role inside the session token; pages check
// the database so a demoted or disabled account loses access immediately.
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { findUserById } from '@/db/queries/users';
import { hasRole, type Role } from './roles';
import { sessionUserId } from './session';

export async function requireUser(minRole: Role, path: string) {
  const uid = await sessionUserId();
  if (!uid) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  const user = await findUserById({ db: await getDb(), id: uid });
  if (!user || user.disabled) redirect(`/login?error=AccountDisabled`);
  if (!hasRole(user.role, minRole)) redirect(`/?denied=${encodeURIComponent(path)}`);
  return user;
}
