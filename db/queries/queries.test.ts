// Integration tests for every query module, on PGlite and (when TEST_DATABASE_URL is set) on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '@/lib/data/generator';
import { loadOverview } from '@/lib/overview/load';
import type { DbHandle } from '../client';
import { seedDemoUsers, seedDemoWorld } from '../seed';
import { DEMO_USERS } from '../seed-users';
import { openTestDb, testDrivers } from '../test-utils';
import { findApiKeyByHash, findApiKeyById, insertApiKey, listApiKeys, revokeApiKey, touchApiKey } from './api-keys';
import { listAudit, recordAudit } from './audit';
import { churnByPlan, churnByRegion, countSnapshots, latestLabeledMonths, monthlySummary } from './overview';
import { readiness } from './readiness';
import { countOtherActiveAdmins, countUsers, findUserByEmail, findUserById, insertUser, listUsers, updateUser, upsertUserByEmail } from './users';

const WORLD = { seed: 7, activeCustomers: 600, months: 5 };

describe.each(testDrivers())('query modules on %s', (driver) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(driver);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('applies every migration (readiness)', async () => {
    const r = await readiness({ db: h.db });
    expect(r.ready).toBe(true);
    expect(r.applied).toBe(r.expected);
  });

  it('stores users with normalised e-mail, updates them and counts admins', async () => {
    const u = await insertUser({ db: h.db, user: { email: '  Alice@Example.TEST ', name: 'Alice', role: 'admin', passwordHash: 'x' } });
    expect(u.email).toBe('alice@example.test');
    expect((await findUserByEmail({ db: h.db, email: 'ALICE@example.test' }))?.id).toBe(u.id);
    expect(await findUserById({ db: h.db, id: 'not-a-uuid' })).toBeUndefined();
    const up = await upsertUserByEmail({ db: h.db, user: { email: 'alice@example.test', name: 'Other', role: 'stakeholder' } });
    expect(up.created).toBe(false);
    expect(up.user.role).toBe('admin'); // an existing account is never overwritten by an OIDC sign-in
    const bob = await upsertUserByEmail({ db: h.db, user: { email: 'bob@example.test', name: 'Bob', role: 'retention' } });
    expect(bob.created).toBe(true);
    expect(await countOtherActiveAdmins({ db: h.db, exceptId: u.id })).toBe(0);
    await updateUser({ db: h.db, id: bob.user.id, patch: { role: 'admin' } });
    expect(await countOtherActiveAdmins({ db: h.db, exceptId: u.id })).toBe(1);
    const list = await listUsers({ db: h.db });
    expect(list.map((x) => x.email)).toEqual(['alice@example.test', 'bob@example.test']);
    expect(list[0]).not.toHaveProperty('passwordHash');
    expect(await countUsers({ db: h.db })).toBe(2);
  });

  it('stores API keys by hash, revokes once and records use', async () => {
    const k = await insertApiKey({ db: h.db, key: { name: 'crm', prefix: 'sfk_abc', secretHash: 'h1', scopes: ['predict', 'labels'], createdBy: null } });
    expect((await findApiKeyByHash({ db: h.db, secretHash: 'h1' }))?.scopes).toEqual(['predict', 'labels']);
    expect(await findApiKeyByHash({ db: h.db, secretHash: 'nope' })).toBeUndefined();
    await touchApiKey({ db: h.db, id: k.id });
    const touched = await findApiKeyById({ db: h.db, id: k.id });
    expect(touched?.lastUsedAt).toBeInstanceOf(Date);
    const r1 = await revokeApiKey({ db: h.db, id: k.id });
    const r2 = await revokeApiKey({ db: h.db, id: k.id });
    expect(r1?.revokedAt).toBeInstanceOf(Date);
    expect(r2?.revokedAt?.getTime()).toBe(r1?.revokedAt?.getTime());
    const listed = await listApiKeys({ db: h.db });
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('secretHash');
  });

  it('appends audit entries and pages them newest first', async () => {
    for (let i = 0; i < 5; i++) await recordAudit({ db: h.db, entry: { actorType: 'system', action: i % 2 ? 'a.odd' : 'a.even', details: { i } } });
    const page1 = await listAudit({ db: h.db, limit: 2 });
    expect(page1.map((e) => e.details?.i)).toEqual([4, 3]);
    const page2 = await listAudit({ db: h.db, limit: 2, before: page1[1]!.id });
    expect(page2.map((e) => e.details?.i)).toEqual([2, 1]);
    expect((await listAudit({ db: h.db, action: 'a.odd' })).map((e) => e.details?.i)).toEqual([3, 1]);
  });

  it('seeds the demo world once, with exactly the generated rows, and the overview agrees with the generator', async () => {
    const first = await seedDemoWorld(h, WORLD);
    expect(first.seeded).toBe(true);
    const again = await seedDemoWorld(h, WORLD);
    expect(again.seeded).toBe(false);
    expect(await seedDemoUsers(h)).toBe(DEMO_USERS.length);
    expect(await seedDemoUsers(h)).toBe(0);

    // Recompute the same aggregates straight from the generator.
    const world = generateWorld(WORLD);
    const perMonth = new Map<string, { active: number; churned: number; labeled: number; churnedMrr: number }>();
    let rows = 0;
    for (const s of world.snapshots()) {
      rows++;
      const m = perMonth.get(s.month) ?? { active: 0, churned: 0, labeled: 0, churnedMrr: 0 };
      m.active++;
      if (s.churned !== null) m.labeled++;
      if (s.churned) {
        m.churned++;
        m.churnedMrr += s.monthly_charge;
      }
      perMonth.set(s.month, m);
    }
    expect(first.snapshots).toBe(rows);
    expect(await countSnapshots({ db: h.db })).toBe(rows);
    const summary = await monthlySummary({ db: h.db });
    expect(summary.map((m) => m.month)).toEqual(world.months);
    for (const m of summary) {
      const want = perMonth.get(m.month)!;
      expect(m.active).toBe(want.active);
      expect(m.churned).toBe(want.churned);
      expect(m.labeled).toBe(want.labeled);
      expect(m.churnedMrr).toBeCloseTo(want.churnedMrr, 1);
    }
    const labeled = await latestLabeledMonths({ db: h.db, n: 3 });
    expect(labeled).toEqual(world.months.slice(-4, -1).reverse());
    const byPlan = await churnByPlan({ db: h.db, months: labeled });
    const byRegion = await churnByRegion({ db: h.db, months: labeled });
    const pooled = labeled.reduce((n, m) => n + perMonth.get(m)!.labeled, 0);
    expect(byPlan.reduce((n, g) => n + g.customers, 0)).toBe(pooled);
    expect(byRegion.reduce((n, g) => n + g.customers, 0)).toBe(pooled);

    const o = await loadOverview(h.db);
    const last = world.months.at(-1)!;
    const lastLabeled = world.months.at(-2)!;
    expect(o.activeCustomers).toBe(perMonth.get(last)!.active);
    expect(o.latestLabeledMonth).toBe(lastLabeled);
    expect(o.churnRate).toBeCloseTo(perMonth.get(lastLabeled)!.churned / perMonth.get(lastLabeled)!.active, 10);
  });
});
