// Who is calling: a signed-in user (role from the database, so a changed role or a disabled account takes effect
// at once, not when the 8-hour session token expires) or an API key (scopes, revocation, expiry checked per call).
import type { Db } from '@/db/client';
import { findApiKeyByHash, touchApiKey } from '@/db/queries/api-keys';
import { findUserById } from '@/db/queries/users';
import { ApiError } from '@/lib/api/errors';
import { hashApiKey, looksLikeApiKey } from './api-keys';
import { isScope, type Role, type Scope } from './roles';
import { sessionUserId } from './session';

export type Principal =
  | { kind: 'user'; id: string; email: string; name: string; role: Role }
  | { kind: 'api_key'; id: string; name: string; scopes: Scope[] };

export function principalLabel(p: Principal): string {
  return p.kind === 'user' ? p.email : `key:${p.name}`;
}

export async function principalFromBearer(db: Db, token: string): Promise<Principal> {
  const invalid = new ApiError('unauthorized', 'Invalid API key', undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });
  if (!looksLikeApiKey(token)) throw invalid;
  const key = await findApiKeyByHash({ db, secretHash: hashApiKey(token) });
  if (!key) throw invalid;
  if (key.revokedAt) throw new ApiError('unauthorized', 'This API key has been revoked', undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });
  if (key.expiresAt && key.expiresAt.getTime() < Date.now()) throw new ApiError('unauthorized', 'This API key has expired');
  await touchApiKey({ db, id: key.id });
  return { kind: 'api_key', id: key.id, name: key.name, scopes: key.scopes.filter(isScope) };
}

/** Resolves the caller, or null when the request carries neither a bearer token nor a session. */
export async function resolvePrincipal(db: Db, req: Request): Promise<Principal | null> {
  const authz = req.headers.get('authorization');
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz.trim());
    if (!m) throw new ApiError('unauthorized', 'Authorization header must be "Bearer <api key>"');
    return principalFromBearer(db, m[1]!);
  }
  const uid = await sessionUserId();
  if (!uid) return null;
  const user = await findUserById({ db, id: uid });
  if (!user || user.disabled) return null;
  return { kind: 'user', id: user.id, email: user.email, name: user.name, role: user.role };
}
