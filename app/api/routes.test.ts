// Route tests: the API wrapper's behaviour, and every role (and API keys) against every mutating route.
// The session lookup is replaced by a variable; everything else (database, hashing, audit) is real.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { insertUser } from '@/db/queries/users';
import { seedShippedModel } from '@/db/seed-model';
import { openTestDb, testDrivers } from '@/db/test-utils';
import { createApiKey } from '@/lib/auth/admin';
import { hasRole, ROLES, SCOPES, type Role } from '@/lib/auth/roles';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

const { mutatingRoutes } = await import('./mutating-routes.testing');
const users = await import('./v1/users/route');
const userById = await import('./v1/users/[id]/route');
const keys = await import('./v1/api-keys/route');
const keyById = await import('./v1/api-keys/[id]/route');
const me = await import('./v1/me/route');
const overview = await import('./v1/overview/route');
const health = await import('./health/route');
const ready = await import('./ready/route');

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

function call(handler: Handler, opts: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string>; url?: string } = {}) {
  const headers: Record<string, string> = { ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  const req = new Request(opts.url ?? 'http://test.local/api', {
    method: opts.method ?? 'GET',
    headers,
    body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

describe.each(testDrivers())('API routes on %s', (driver) => {
  let h: DbHandle;
  const ids: Partial<Record<Role, string>> = {};
  let target: string; // a user the mutating calls act on
  let fullKey: string;
  let revokedKey: string;
  let predictKey: string;
  let labelsKey: string;

  beforeAll(async () => {
    h = await openTestDb(driver);
    setDbHandle(h);
    for (const role of ROLES) ids[role] = (await insertUser({ db: h.db, user: { email: `${role}@t.test`, name: role, role, passwordHash: null } })).id;
    target = (await insertUser({ db: h.db, user: { email: 'target@t.test', name: 'Target', role: 'stakeholder', passwordHash: null } })).id;
    const actor = { type: 'system' as const, id: null, label: 'test' };
    fullKey = (await createApiKey(h.db, actor, { name: 'all scopes', scopes: [...SCOPES] })).key;
    predictKey = (await createApiKey(h.db, actor, { name: 'predict only', scopes: ['predict'] })).key;
    labelsKey = (await createApiKey(h.db, actor, { name: 'labels only', scopes: ['labels'] })).key;
    await seedShippedModel(h);
    const r = await createApiKey(h.db, actor, { name: 'revoked', scopes: [...SCOPES] });
    revokedKey = r.key;
    await call(keyById.DELETE as Handler, { method: 'DELETE', params: { id: r.id } }); // anonymous: refused, key stays live
    session.uid = ids.admin!;
    expect((await call(keyById.DELETE as Handler, { method: 'DELETE', params: { id: r.id } })).status).toBe(200);
    session.uid = null;
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });

  // Every mutating route that exists: the least role that may call it, the API-key scopes that may, and a request
  // that succeeds (status `ok`) for those allowed. The test after this block fails if a route is missing here.
  // Every mutating route that exists (app/api/mutating-routes.testing.ts); the test after this block fails if one is missing.
  const mutating = mutatingRoutes(() => target);

  describe.each(mutating)('$name', ({ handler, req, ok, minRole, keyScopes }) => {
    it('refuses anonymous callers with 401', async () => {
      session.uid = null;
      expect((await call(handler(), req())).status).toBe(401);
    });
    it.each(ROLES)('answers %s according to its role', async (role) => {
      session.uid = ids[role]!;
      const res = await call(handler(), req());
      expect(res.status).toBe(hasRole(role, minRole) ? ok : 403);
    });
    it('lets API keys in only with the right scope, and never revoked or malformed keys', async () => {
      session.uid = null;
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: `Bearer ${fullKey}` } })).status).toBe(keyScopes.length ? ok : 403);
      // A key with a scope the route does not take: the predict-only key, or for scoring routes a labels-only key.
      const wrongKey = keyScopes.includes('predict') ? labelsKey : predictKey;
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: `Bearer ${wrongKey}` } })).status).toBe(403);
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: `Bearer ${revokedKey}` } })).status).toBe(401);
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: 'Bearer sfk_nonsense' } })).status).toBe(401);
      expect((await call(handler(), { ...req(), headers: { ...req()?.headers, authorization: 'Token abc' } })).status).toBe(401);
    });
  });

  it('covers every mutating route handler in app/api', () => {
    const root = path.join(import.meta.dirname);
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === 'route.ts') {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)) {
            found.push(`${m[1]} /api/${path.relative(root, path.dirname(p)).split(path.sep).join('/')}`);
          }
        }
      }
    };
    walk(root);
    // The Open Inference Protocol routes live beside app/api, under app/v2.
    const v2Root = path.join(root, '..', 'v2');
    const before = found.length;
    walk(v2Root);
    for (let i = before; i < found.length; i++) found[i] = found[i]!.replace('/api/../v2', '/v2');
    // next-auth's own sign-in/sign-out endpoints are public by design and protected by its CSRF token.
    const covered = new Set([...mutating.map((m) => m.name), 'POST /api/auth/[...nextauth]']);
    expect(found.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('lets a key with the right scope read, and refuses one without it', async () => {
    session.uid = null;
    expect((await call(overview.GET as Handler, { headers: { authorization: `Bearer ${fullKey}` } })).status).toBe(200);
    const res = await call(overview.GET as Handler, { headers: { authorization: `Bearer ${predictKey}` } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/read/);
    const who = await (await call(me.GET as Handler, { headers: { authorization: `Bearer ${predictKey}` } })).json();
    expect(who.principal).toMatchObject({ kind: 'api_key', name: 'predict only', scopes: ['predict'] });
  });

  it('answers health and readiness without a session', async () => {
    session.uid = null;
    expect((await call(health.GET as Handler)).status).toBe(200);
    const r = await call(ready.GET as Handler);
    expect(r.status).toBe(200);
    expect((await r.json()).status).toBe('ready');
  });

  describe('request handling', () => {
    it('maps malformed JSON to 400, schema errors to 422 naming the field, and echoes a request id', async () => {
      session.uid = ids.admin!;
      const bad = await call(users.POST as Handler, { method: 'POST', rawBody: '{"email":', headers: { 'x-request-id': 'abc-123' } });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('x-request-id')).toBe('abc-123');
      const invalid = await call(users.POST as Handler, { method: 'POST', body: { email: 'nope', name: '', role: 'king', extra: 1 } });
      expect(invalid.status).toBe(422);
      const body = await invalid.json();
      const paths = body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.role']));
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/); // no stack traces
      expect(invalid.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a body over the limit with 413 and a non-JSON content type with 415', async () => {
      session.uid = ids.admin!;
      const huge = await call(users.POST as Handler, { method: 'POST', rawBody: JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) }) });
      expect(huge.status).toBe(413);
      const form = await call(users.POST as Handler, { method: 'POST', rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
    });

    it('validates path ids (422) and reports unknown ones (404)', async () => {
      session.uid = ids.admin!;
      expect((await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: 'x' }, body: { name: 'y' } })).status).toBe(422);
      expect((await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: '00000000-0000-4000-8000-000000000001' }, body: { name: 'y' } })).status).toBe(404);
    });

    it('refuses duplicate e-mails and removing the last admin with 409, and audits what it did', async () => {
      session.uid = ids.admin!;
      const dup = await call(users.POST as Handler, { method: 'POST', body: { email: 'TARGET@t.test', name: 'Dup', role: 'stakeholder' } });
      expect(dup.status).toBe(409);
      const demote = await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: ids.admin! }, body: { role: 'stakeholder' } });
      expect(demote.status).toBe(409);
      const promote = await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: target }, body: { role: 'retention' } });
      expect((await promote.json()).user.role).toBe('retention');
      const entries = await listAudit({ db: h.db, action: 'user.update', limit: 1 });
      expect(entries[0]).toMatchObject({ actorId: ids.admin, targetId: target, details: { role: { from: 'stakeholder', to: 'retention' } } });
    });

    it('shows a new API key once and it then authenticates; its secret is never listed', async () => {
      session.uid = ids.admin!;
      const created = await (await call(keys.POST as Handler, { method: 'POST', body: { name: 'reader', scopes: ['read'] } })).json();
      expect(created.api_key.key).toMatch(/^sfk_/);
      const listed = await (await call(keys.GET as Handler)).json();
      expect(JSON.stringify(listed)).not.toContain(created.api_key.key);
      expect(JSON.stringify(listed)).not.toContain('secretHash');
      session.uid = null;
      expect((await call(overview.GET as Handler, { headers: { authorization: `Bearer ${created.api_key.key}` } })).status).toBe(200);
      const audit = await listAudit({ db: h.db, action: 'api_key.create', limit: 1 });
      expect(audit[0]).toMatchObject({ actorId: ids.admin, targetId: created.api_key.id });
    });

    it('treats a disabled account as signed out', async () => {
      session.uid = ids.admin!;
      await call(userById.PATCH as Handler, { method: 'PATCH', params: { id: ids.retention! }, body: { disabled: true } });
      session.uid = ids.retention!;
      expect((await call(me.GET as Handler)).status).toBe(401);
    });
  });
});
