// Account and API-key management, shared by the admin API routes and the `npm run admin` command line.
// Each function checks the business rules, writes, and records the audit entry; callers only authorise.
import { isUniqueViolation, type Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findApiKeyById, insertApiKey, revokeApiKey } from '@/db/queries/api-keys';
import { forgetApiKeys } from './principal';
import { countOtherActiveAdmins, findUserByEmail, findUserById, insertUser, toPublicUser, updateUser, type PublicUser } from '@/db/queries/users';
import type { NewAuditEntry } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { generateApiKey } from './api-keys';
import { hashPassword } from './passwords';
import type { CreateApiKeyInput, CreateUserInput, UpdateUserInput } from './schema';

export interface Actor {
  type: 'user' | 'api_key' | 'cli' | 'system';
  id: string | null;
  label: string;
  ip?: string | null;
  requestId?: string | null;
}

function audit(db: Db, actor: Actor, entry: Omit<NewAuditEntry, 'actorType' | 'actorId' | 'actorLabel'>) {
  return recordAudit({
    db,
    entry: { actorType: actor.type, actorId: actor.id, actorLabel: actor.label, ip: actor.ip ?? null, requestId: actor.requestId ?? null, ...entry },
  });
}

export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<PublicUser> {
  if (await findUserByEmail({ db, email: input.email })) {
    throw new ApiError('conflict', `A user with e-mail ${input.email} already exists`, { field: 'email' });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const user = await insertUser({ db, user: { email: input.email, name: input.name, role: input.role, passwordHash } }).catch((e) => {
    // Two admins creating the same address at once: the unique index decides, and the loser gets the same 409.
    if (isUniqueViolation(e)) throw new ApiError('conflict', `A user with e-mail ${input.email} already exists`, { field: 'email' });
    throw e;
  });
  await audit(db, actor, { action: 'user.create', targetType: 'user', targetId: user.id, details: { email: user.email, role: user.role } });
  return toPublicUser(user);
}

export async function updateUserAccount(db: Db, actor: Actor, id: string, input: UpdateUserInput): Promise<PublicUser> {
  const existing = await findUserById({ db, id });
  if (!existing) throw new ApiError('not_found', `No user with id ${id}`);
  const losesAdmin = existing.role === 'admin' && !existing.disabled && ((input.role && input.role !== 'admin') || input.disabled === true);
  if (losesAdmin && (await countOtherActiveAdmins({ db, exceptId: id })) === 0) {
    throw new ApiError('conflict', 'This is the last active administrator; make someone else an admin first');
  }
  const patch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
  };
  const updated = (await updateUser({ db, id, patch }))!;
  const changed = Object.keys(input).filter((k) => k !== 'password');
  await audit(db, actor, {
    action: 'user.update',
    targetType: 'user',
    targetId: id,
    details: {
      email: existing.email,
      changed: input.password !== undefined ? [...changed, 'password'] : changed,
      ...(input.role !== undefined ? { role: { from: existing.role, to: input.role } } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    },
  });
  return toPublicUser(updated);
}

export async function createApiKey(db: Db, actor: Actor, input: CreateApiKeyInput) {
  const { key, prefix, hash } = generateApiKey();
  const expiresAt = input.expires_in_days ? new Date(Date.now() + input.expires_in_days * 86_400_000) : null;
  const row = await insertApiKey({
    db,
    key: { name: input.name, prefix, secretHash: hash, scopes: [...new Set(input.scopes)], createdBy: actor.type === 'user' ? actor.id : null, expiresAt },
  });
  await audit(db, actor, { action: 'api_key.create', targetType: 'api_key', targetId: row.id, details: { name: row.name, scopes: row.scopes, prefix } });
  const { secretHash, ...rest } = row;
  // The only time the secret leaves the server.
  return { ...rest, key };
}

export async function revokeKey(db: Db, actor: Actor, id: string) {
  const existing = await findApiKeyById({ db, id });
  if (!existing) throw new ApiError('not_found', `No API key with id ${id}`);
  const row = (await revokeApiKey({ db, id }))!;
  forgetApiKeys();
  if (!existing.revokedAt) {
    await audit(db, actor, { action: 'api_key.revoke', targetType: 'api_key', targetId: id, details: { name: row.name, prefix: row.prefix } });
  }
  const { secretHash, ...rest } = row;
  return rest;
}
