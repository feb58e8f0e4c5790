// The wrapper's rate limit, with a tiny limit so the 429 path is reached quickly.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db/client';
import { insertUser } from '@/db/queries/users';
import { openTestDb } from '@/db/test-utils';
import { resetEnvForTests } from '@/lib/env';

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock('@/lib/auth/session', () => ({ sessionUserId: async () => session.uid }));

describe('rate limiting', () => {
  let h: DbHandle;
  beforeAll(async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = '3';
    resetEnvForTests();
    h = await openTestDb('pglite');
    setDbHandle(h);
  });
  afterAll(async () => {
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    resetEnvForTests();
    setDbHandle(undefined);
    await h?.close();
  });

  it('answers 429 with Retry-After once a caller exceeds its budget, per caller', async () => {
    const { GET } = await import('./v1/me/route');
    const a = await insertUser({ db: h.db, user: { email: 'a@t.test', name: 'A', role: 'stakeholder', passwordHash: null } });
    const b = await insertUser({ db: h.db, user: { email: 'b@t.test', name: 'B', role: 'stakeholder', passwordHash: null } });
    session.uid = a.id;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await GET(new Request('http://t/api/v1/me'))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await GET(new Request('http://t/api/v1/me'));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe('rate_limited');
    session.uid = b.id;
    expect((await GET(new Request('http://t/api/v1/me'))).status).toBe(200);
  });
});
