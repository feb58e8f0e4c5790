// Who is calling: a signed-in user (role from the database, so a changed role or a disabled account takes effect
// at once, not when the 8-hour session token expires) or an API key (scopes, revocation, expiry checked per call).
import type { Db } from '@/db/client';
import { findApiKeyByHash, touchApiKey } from '@/db/queries/api-keys';
import { createHash } from 'node:crypto';
import { findUserByEmail, findUserById } from '@/db/queries/users';
import { ApiError } from '@/lib/api/errors';
import { hashApiKey, looksLikeApiKey } from './api-keys';
import { dummyHash, verifyPassword } from './passwords';
import { isScope, type Role, type Scope } from './roles';
import { sessionUserId } from './session';

export type Principal =
  | { kind: 'user'; id: string; email: string; name: string; role: Role }
  | { kind: 'api_key'; id: string; name: string; scopes: Scope[] };

export function principalLabel(p: Principal): string {
  return p.kind === 'user' ? p.email : `key:${p.name}`;
}

// A scoring integration sends its key on every request. The key row is remembered for KEY_TTL_MS (revoking in this
// process forgets it at once; another replica notices within the TTL) and its last use is written at most once a
// minute, so an API call costs no database round trip on the hot path.
const KEY_TTL_MS = 2000;
const TOUCH_EVERY_MS = 60_000;
type KeyRow = NonNullable<Awaited<ReturnType<typeof findApiKeyByHash>>>;
// On globalThis: every route module must see one cache, or a revocation in one would not reach the others.
const gk = globalThis as unknown as { __streamflowKeys?: { keyCache: Map<string, { key: KeyRow; until: number }>; touchedAt: Map<string, number> } };
gk.__streamflowKeys ??= { keyCache: new Map(), touchedAt: new Map() };
const { keyCache, touchedAt } = gk.__streamflowKeys;

/** Forget cached API keys (after a revocation), so the next request re-reads them. */
export function forgetApiKeys(): void {
  keyCache.clear();
}

export async function principalFromBearer(db: Db, token: string): Promise<Principal> {
  const invalid = new ApiError('unauthorized', 'Invalid API key', undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });
  if (!looksLikeApiKey(token)) throw invalid;
  const secretHash = hashApiKey(token);
  const now = Date.now();
  const cached = keyCache.get(secretHash);
  let key = cached && cached.until > now ? cached.key : undefined;
  if (!key) {
    key = await findApiKeyByHash({ db, secretHash });
    if (!key) throw invalid;
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(secretHash, { key, until: now + KEY_TTL_MS });
  }
  if (key.revokedAt) throw new ApiError('unauthorized', 'This API key has been revoked', undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });
  if (key.expiresAt && key.expiresAt.getTime() < now) throw new ApiError('unauthorized', 'This API key has expired');
  if (now - (touchedAt.get(key.id) ?? 0) >= TOUCH_EVERY_MS) {
    touchedAt.set(key.id, now);
    await touchApiKey({ db, id: key.id });
  }
  return { kind: 'api_key', id: key.id, name: key.name, scopes: key.scopes.filter(isScope) };
}

// bcrypt is deliberately slow (~100 ms); an mlflow client with MLFLOW_TRACKING_USERNAME/PASSWORD sends Basic on every
// call, so a successful check is remembered for a few minutes by a hash of the header (never the password itself).
const basicCache = new Map<string, { userId: string; until: number }>();
const BASIC_TTL_MS = 5 * 60_000;

async function principalFromBasic(db: Db, encoded: string): Promise<Principal> {
  const invalid = new ApiError('unauthorized', 'Invalid user name or password', undefined, { 'www-authenticate': 'Basic realm="StreamFlow"' });
  const cacheKey = createHash('sha256').update(encoded).digest('hex');
  const cached = basicCache.get(cacheKey);
  // Role and disabled state are read every time, so a change takes effect at once even while cached.
  let user = cached && cached.until > Date.now() ? await findUserById({ db, id: cached.userId }) : undefined;
  if (!user) {
    basicCache.delete(cacheKey);
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) throw invalid;
    user = await findUserByEmail({ db, email: decoded.slice(0, i) });
    const ok = user?.passwordHash ? await verifyPassword(decoded.slice(i + 1), user.passwordHash) : (await verifyPassword(decoded, await dummyHash()), false);
    if (!user || !ok) throw invalid;
    if (basicCache.size > 1000) basicCache.clear();
    basicCache.set(cacheKey, { userId: user.id, until: Date.now() + BASIC_TTL_MS });
  }
  if (user.disabled) throw invalid;
  return { kind: 'user', id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Resolves the caller, or null when the request carries neither a bearer token nor a session. */
export async function resolvePrincipal(db: Db, req: Request): Promise<Principal | null> {
  const authz = req.headers.get('authorization');
  if (authz) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authz.trim());
    if (bearer) return principalFromBearer(db, bearer[1]!);
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authz.trim());
    if (basic) return principalFromBasic(db, basic[1]!);
    throw new ApiError('unauthorized', 'Authorization header must be "Bearer <api key>" or "Basic <credentials>"');
  }
  const uid = await sessionUserId();
  if (!uid) return null;
  const user = await findUserById({ db, id: uid });
  if (!user || user.disabled) return null;
  return { kind: 'user', id: user.id, email: user.email, name: user.name, role: user.role };
}
